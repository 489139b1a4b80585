"""Whole-process time of the CUBA script, cold and warm compile caches, side by side with
Brian2 2.11's Cython runtime (issue 4's figures).

Cold: brian_cg with an empty ``BRIAN_CG_CACHE``; Brian2 with an empty home directory (so its
``~/.cython/brian_extensions`` cache is empty). Warm: the same again, caches kept.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_brian2, run_script, this_python  # noqa: E402


def main():
    brian2 = ensure_brian2()
    with tempfile.TemporaryDirectory() as tmp:
        ours_env = {"BENCH_PKG": "brian_cg", "BENCH_TARGET": "cython",
                    "BRIAN_CG_CACHE": os.path.join(tmp, "bcg")}
        theirs_env = {"BENCH_PKG": "brian2", "BENCH_TARGET": "cython",
                      "HOME": os.path.join(tmp, "home")}
        os.makedirs(theirs_env["HOME"])
        rows = []
        for label in ("cold", "warm"):
            ours, _ = run_script(this_python(), "models/cuba_loop.py", env=ours_env)
            theirs = None
            if brian2:
                theirs, _ = run_script(brian2, "models/cuba_loop.py", env=theirs_env)
            rows.append((label, ours, theirs))
    print(f"{'CUBA 4,000, whole process':28s} {'brian_cg':>9s} {'Brian2 Cython':>14s} {'ratio':>6s}")
    for label, ours, theirs in rows:
        t = f"{theirs:14.2f}" if theirs else "           n/a"
        r = f"{ours / theirs:6.2f}" if theirs else "   n/a"
        print(f"{label:28s} {ours:9.2f} {t} {r}")


if __name__ == "__main__":
    main()
