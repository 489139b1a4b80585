"""Connection generation, side by side with Brian2: fixed probability p = 0.1.

``python benchmarks/connect.py [N ...]``: default N = 10000 (10^7 synapses); N = 31623 gives
10^8 (brian_cg must stay under 4 GiB; Brian2 is run at that size only with --brian2-large).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_brian2, run_script, this_python  # noqa: E402


def main():
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [10000]
    brian2 = ensure_brian2()
    target = "numpy" if "--numpy" in sys.argv else "cython"
    print(f"brian_cg target: {target} (--numpy for the numpy code); Brian2: numpy target")
    print(f"{'N':>7s} {'synapses':>11s} {'brian_cg s':>11s} {'GiB':>6s} {'Brian2 s':>9s} "
          f"{'GiB':>6s} {'ratio':>6s}")
    for n in sizes:
        _, ours = run_script(this_python(), "models/connect_model.py", n, 0.1, target,
                             env={"BENCH_PKG": "brian_cg"})
        theirs = None
        if brian2 and (n <= 10000 or "--brian2-large" in sys.argv):
            _, theirs = run_script(brian2, "models/connect_model.py", n, 0.1, "numpy",
                                   env={"BENCH_PKG": "brian2"})
        b_s = f"{theirs['connect_s']:9.2f}" if theirs else "      n/a"
        b_m = f"{theirs['peak_rss_gib']:6.2f}" if theirs else "   n/a"
        ratio = f"{ours['connect_s'] / theirs['connect_s']:6.2f}" if theirs else "   n/a"
        print(f"{n:7d} {ours['synapses']:11d} {ours['connect_s']:11.2f} "
              f"{ours['peak_rss_gib']:6.2f} {b_s} {b_m} {ratio}")


if __name__ == "__main__":
    main()
