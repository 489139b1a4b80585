"""CUBA, COBA and STDP benchmarks (issue 5), side by side with Brian2 2.11 in one run.

``python benchmarks/networks.py [--sizes 4000,16000,64000] [--models cuba,coba,stdp]``.
Prints build / connect / compile / loop seconds for brian_cg (numpy and compiled) and
Brian2 (Cython runtime and cpp_standalone), and the loop ratio against Brian2's standalone.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_brian2, run_script, this_python  # noqa: E402

CONFIGS = [("brian_cg", "numpy", None), ("brian_cg", "cython", None),
           ("brian2", "cython", None), ("brian2", "cpp", "cpp_standalone")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="4000")
    ap.add_argument("--models", default="cuba,coba,stdp")
    ap.add_argument("--skip", default="", help="comma list of configs to skip, e.g. "
                                               "'brian_cg/numpy,brian2/cython'")
    args = ap.parse_args()
    brian2 = ensure_brian2()
    skip = set(filter(None, args.skip.split(",")))
    print(f"{'model':6s} {'N':>6s} {'config':28s} {'build':>7s} {'connect':>8s} "
          f"{'compile':>8s} {'loop':>7s}")
    for model in args.models.split(","):
        for n in map(int, args.sizes.split(",")):
            loops = {}
            for pkg, target, device in CONFIGS:
                label = f"{pkg}/{target}" + (f"/{device}" if device else "")
                if label in skip or f"{pkg}/{target}" in skip:
                    continue
                python = this_python() if pkg == "brian_cg" else brian2
                if python is None:
                    continue
                extra = [device] if device else []
                try:
                    _, r = run_script(python, "models/network_model.py", model, n, target,
                                      *extra, env={"BENCH_PKG": pkg})
                except RuntimeError as exc:
                    print(f"{model:6s} {n:6d} {label:28s} failed: {str(exc)[-200:]}")
                    continue
                loops[label] = r["loop"]
                conn = f"{r['connect']:8.2f}" if r["connect"] is not None else "     n/a"
                print(f"{model:6s} {n:6d} {label:28s} {r['build']:7.2f} {conn} "
                      f"{r['compile']:8.2f} {r['loop']:7.2f}", flush=True)
            ref = loops.get("brian2/cpp/cpp_standalone")
            if ref:
                for label, loop in loops.items():
                    if label.startswith("brian_cg"):
                        print(f"{'':6s} {'':6s} {label:28s} loop / Brian2 standalone loop = "
                              f"{loop / ref:.2f}")


if __name__ == "__main__":
    main()
