"""Connection generation, side by side with Brian2 (its own virtualenv, see common.py).

``python benchmarks/connect.py [N ...]``: fixed probability p = 0.1; default N = 10000
(10^7 synapses); N = 31623 gives 10^8 (brian_cg must stay under 4 GiB; Brian2 is run at
that size only with --brian2-large). brian_cg on the compiled target (--numpy for its
numpy code), Brian2 with numpy.

``python benchmarks/connect.py --forms [N ...]``: one connect() of each form (p =
exp(-0.1*(i-j)**2) over all pairs, a condition, and the generator forms of Brian2's
efficient_gaussian_connectivity example), default N = 1000 10000; brian_cg compiled
against Brian2's Cython and numpy targets (warm: each measured call follows a call of the
same form, so compiled code is cached).

``python benchmarks/connect.py --example [N:repeats,...]``: that example whole (many small
connect() calls, N from 100 to 20,000, the example's repeats by default), brian_cg
compiled against Brian2 numpy (--with-cython: and Cython); per-call times of each way and
size.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_brian2, run_script, this_python  # noqa: E402

OURS = {"BENCH_PKG": "brian_cg"}
THEIRS = {"BENCH_PKG": "brian2"}


def fixed_p(sizes, brian2):
    target = "numpy" if "--numpy" in sys.argv else "cython"
    print(f"brian_cg target: {target} (--numpy for the numpy code); Brian2: numpy target")
    print(f"{'N':>7s} {'synapses':>11s} {'brian_cg s':>11s} {'GiB':>6s} {'Brian2 s':>9s} "
          f"{'GiB':>6s} {'ratio':>6s}")
    for n in sizes or [10000]:
        _, ours = run_script(this_python(), "models/connect_model.py", n, 0.1, target, env=OURS)
        theirs = None
        if brian2 and (n <= 10000 or "--brian2-large" in sys.argv):
            _, theirs = run_script(brian2, "models/connect_model.py", n, 0.1, "numpy",
                                   env=THEIRS)
        b_s = f"{theirs['connect_s']:9.2f}" if theirs else "      n/a"
        b_m = f"{theirs['peak_rss_gib']:6.2f}" if theirs else "   n/a"
        ratio = f"{ours['connect_s'] / theirs['connect_s']:6.2f}" if theirs else "   n/a"
        print(f"{n:7d} {ours['synapses']:11d} {ours['connect_s']:11.2f} "
              f"{ours['peak_rss_gib']:6.2f} {b_s} {b_m} {ratio}")


def forms(sizes, brian2):
    print("one connect() per form, warm; seconds (synapses)")
    print(f"{'form':>10s} {'N':>6s} {'brian_cg cpp':>18s} {'Brian2 Cython':>18s} "
          f"{'Brian2 numpy':>18s} {'vs Cython':>9s}")
    for form in ("gaussian", "condition", "limited", "divided"):
        for n in sizes or [1000, 10000]:
            _, ours = run_script(this_python(), "models/connect_form.py", form, n, "cython",
                                 env=OURS)
            cells, cython = [], None
            for target in ("cython", "numpy"):
                if brian2 is None:
                    cells.append("n/a")
                    continue
                _, theirs = run_script(brian2, "models/connect_form.py", form, n, target,
                                       env=THEIRS)
                cells.append(f"{theirs['connect_s']:.3f} ({theirs['synapses']})")
                if target == "cython":
                    cython = theirs["connect_s"]
            ratio = f"{ours['connect_s'] / cython:9.3f}" if cython else "      n/a"
            print(f"{form:>10s} {n:6d} {ours['connect_s']:8.3f} ({ours['synapses']:>7d}) "
                  f"{cells[0]:>18s} {cells[1]:>18s} {ratio}", flush=True)


def example(sizes, brian2):
    args = [sizes] if sizes else []
    runs = [("brian_cg cpp", this_python(), "cython", OURS)]
    if brian2:
        runs.append(("Brian2 numpy", brian2, "numpy", THEIRS))
        if "--with-cython" in sys.argv:  # Brian2's Cython sample() is slow: long
            runs.append(("Brian2 Cython", brian2, "cython", THEIRS))
    results = {}
    for label, python, target, env in runs:
        _, results[label] = run_script(python, "models/gaussian_connect.py", target, *args,
                                       env=env)
        print(f"{label}: whole script {results[label]['total_s']:.1f} s", flush=True)
    keys = list(next(iter(results.values()))["times"])
    print(f"{'call':>14s} " + " ".join(f"{label:>14s}" for label in results))
    for key in keys:
        print(f"{key:>14s} " + " ".join(f"{r['times'][key]:14.4f}" for r in results.values()))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    brian2 = ensure_brian2()
    if "--forms" in sys.argv:
        forms([int(a) for a in args], brian2)
    elif "--example" in sys.argv:
        example(args[0] if args else None, brian2)
    else:
        fixed_p([int(a) for a in args], brian2)


if __name__ == "__main__":
    main()
