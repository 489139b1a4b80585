"""Benchmarks of the core issue, side by side with Brian2 2.11 in one run.

Prints, for each figure, brian_cg's time, Brian2's time and their ratio:
- ``import``: ``python -c 'import <pkg>'``, best of 5;
- ``issue script``: the core issue's example, whole process, numpy target, best of 3;
- ``LIF loop``: 4,000 LIF neurons for 1 s at 0.1 ms, numpy target, best of 3.
Run by hand (``python benchmarks/run_all.py``) or in CI's optional step.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_brian2, run_script, this_python  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def import_time(python, package, repeats=5):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([python, "-c", f"import {package}"], check=True, cwd="/")
        best = min(best, time.perf_counter() - start)
    return best


def best_of(python, script, env, key=None, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        wall, out = run_script(python, script, env=env)
        best = min(best, out[key] if key else wall)
    return best


def main():
    brian2 = ensure_brian2()
    ours = this_python()
    rows = []
    rows.append(("import", import_time(ours, "brian_cg"),
                 import_time(brian2, "brian2") if brian2 else None, 0.5, "s (goal: <= 0.5 s)"))
    rows.append(("issue script, whole process (numpy)",
                 best_of(ours, "models/issue_script.py", {"BENCH_PKG": "brian_cg"}),
                 best_of(brian2, "models/issue_script.py", {"BENCH_PKG": "brian2"})
                 if brian2 else None, None, "goal: ratio <= 1"))
    rows.append(("4000 LIF, 1 s loop (numpy)",
                 best_of(ours, "models/lif_loop.py", {"BENCH_PKG": "brian_cg"}, "loop_s"),
                 best_of(brian2, "models/lif_loop.py", {"BENCH_PKG": "brian2"}, "loop_s")
                 if brian2 else None, None, "goal: ratio <= 0.8"))
    print(f"{'benchmark':40s} {'brian_cg':>10s} {'Brian2':>10s} {'ratio':>7s}")
    for name, a, b, _, note in rows:
        ratio = f"{a / b:7.2f}" if b else "    n/a"
        bs = f"{b:10.3f}" if b else "       n/a"
        print(f"{name:40s} {a:10.3f} {bs} {ratio}   {note}")


if __name__ == "__main__":
    main()
