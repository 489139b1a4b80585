"""brian_cg's own loop figures, no Brian2: the numbers to compare before and after a change.

``python benchmarks/loops.py [--target cpp] [--repeats 5]`` prints, best of ``repeats``
(caches warm, the first run of each script discarded): the 4,000 LIF loop on the compiled
target and on numpy, the CUBA and COBA 4,000 loops (1 s at 0.1 ms), and the CUBA script as a
whole warm process.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import run_script, this_python  # noqa: E402
from run_all import whole_process  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", default="cpp")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    python = this_python()
    rows = [("4000 LIF, 1 s loop", "models/lif_loop.py", {"BENCH_TARGET": args.target}),
            ("4000 LIF, 1 s loop (numpy)", "models/lif_loop.py", {"BENCH_TARGET": "numpy"}),
            ("CUBA 4000, 1 s loop", "models/cuba_loop.py",
             {"BENCH_TARGET": args.target, "BENCH_MODEL": "cuba"}),
            ("COBA 4000, 1 s loop", "models/cuba_loop.py",
             {"BENCH_TARGET": args.target, "BENCH_MODEL": "coba"})]
    for name, script, env in rows:
        env = dict(env, BENCH_PKG="brian_cg")
        run_script(python, script, env=env)  # compile once
        times = sorted(run_script(python, script, env=env)[1]["loop_s"]
                       for _ in range(args.repeats))
        print(f"{name:36s} best {times[0]:.3f} s  median {times[len(times) // 2]:.3f} s",
              flush=True)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models", "cuba_loop.py")
    env = {"BENCH_TARGET": args.target, "BENCH_PKG": "brian_cg"}
    whole_process(python, script, env, repeats=1)
    print(f"{'CUBA 4000 script, warm process':36s} best "
          f"{whole_process(python, script, env, repeats=args.repeats):.3f} s")


if __name__ == "__main__":
    main()
