"""Benchmarks of the core issue, side by side with Brian2 2.11 in one run.

Prints, for each figure, brian_cg's time, Brian2's time and their ratio:
- ``import``: ``python -c 'import <pkg>'``, best of 5;
- ``issue script``: the core issue's example, whole process, numpy target, best of 3;
- ``LIF loop``: 4,000 LIF neurons for 1 s at 0.1 ms, numpy target, best of 3;
and for the compiled target ('cython'), each against Brian2's Cython runtime and
cpp_standalone (best of 3, compile caches warm; the first run of each is discarded):
- ``LIF loop (cython)``; ``CUBA 4000 loop``, ``COBA 4000 loop`` (80 synapses per neuron);
- ``examples/cuba.py`` whole process, cold (empty ``BRIAN_CG_CACHE``) and warm.
Run by hand (``python benchmarks/run_all.py [--compiled-only]``) or in CI's optional step.
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


def whole_process(python, script, env=None, repeats=3):
    """Best wall time of ``script`` (a path) as a fresh process."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([python, script], check=True, capture_output=True, cwd="/tmp",
                       env=dict(os.environ, **(env or {})))
        best = min(best, time.perf_counter() - start)
    return best


def compiled_rows(ours, brian2):
    """Rows of the compiled target: (name, brian_cg, Brian2 cython, Brian2 standalone, note)."""
    import tempfile

    rows = []
    for name, script, env, note in [
            ("4000 LIF, 1 s loop", "models/lif_loop.py", {}, "goal: <= 1/3 cython, <= 1.2 sa"),
            ("CUBA 4000, 1 s loop", "models/cuba_loop.py", {"BENCH_MODEL": "cuba"},
             "goal: <= 0.9 standalone"),
            ("COBA 4000, 1 s loop", "models/cuba_loop.py", {"BENCH_MODEL": "coba"},
             "goal: <= 0.9 standalone")]:
        env = dict(env, BENCH_TARGET="cython")
        run_script(ours, script, env=dict(env, BENCH_PKG="brian_cg"))  # compile once
        a = best_of(ours, script, dict(env, BENCH_PKG="brian_cg"), "loop_s")
        b = c = None
        if brian2:
            run_script(brian2, script, env=dict(env, BENCH_PKG="brian2"))
            b = best_of(brian2, script, dict(env, BENCH_PKG="brian2"), "loop_s")
            sa = dict(env, BENCH_PKG="brian2", BENCH_TARGET="cpp_standalone")
            c = best_of(brian2, script, sa, "loop_s")
        rows.append((name, a, b, c, note))
    script = os.path.join(REPO, "benchmarks", "models", "cuba_loop.py")
    env = {"BENCH_TARGET": "cython"}
    with tempfile.TemporaryDirectory() as cold:
        start = time.perf_counter()
        run_script(ours, "models/cuba_loop.py",
                   env=dict(env, BENCH_PKG="brian_cg", BRIAN_CG_CACHE=os.path.join(cold, "c")))
        rows.append(("CUBA 4000 script process, cold cache", time.perf_counter() - start,
                     None, None, "Brian2 cython cold: ~48 s (TOOLCHAIN.md); goal <= 1/4"))
    rows.append(("CUBA 4000 script process, warm cache",
                 whole_process(ours, script, dict(env, BENCH_PKG="brian_cg")),
                 whole_process(brian2, script, dict(env, BENCH_PKG="brian2")) if brian2 else None,
                 None, "goal: <= 1/3 of Brian2 cython warm"))
    example = os.path.join(REPO, "examples", "cuba.py")
    with tempfile.TemporaryDirectory() as cold:
        start = time.perf_counter()
        subprocess.run([ours, example], check=True, capture_output=True, cwd=cold,
                       env=dict(os.environ, BRIAN_CG_CACHE=os.path.join(cold, "cache")))
        rows.append(("examples/cuba.py process, cold cache", time.perf_counter() - start,
                     None, None, "Brian2 cython cold: ~48 s (TOOLCHAIN.md)"))
    rows.append(("examples/cuba.py process, warm cache", whole_process(ours, example), None,
                 None, "Brian2 cython warm: ~5.3 s (TOOLCHAIN.md)"))
    return rows


def print_compiled(rows):
    print(f"{'compiled target (cython)':40s} {'brian_cg':>9s} {'B2 cython':>10s} "
          f"{'B2 stdal.':>10s} {'/cython':>8s} {'/stdal.':>8s}")
    for name, a, b, c, note in rows:
        def fmt(x):
            return f"{x:10.3f}" if x else "       n/a"

        rb = f"{a / b:8.2f}" if b else "     n/a"
        rc = f"{a / c:8.2f}" if c else "     n/a"
        print(f"{name:40s} {a:9.3f} {fmt(b)} {fmt(c)} {rb} {rc}   {note}")


def main():
    brian2 = ensure_brian2()
    ours = this_python()
    if "--compiled-only" in sys.argv:
        print_compiled(compiled_rows(ours, brian2))
        return
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
    print()
    print_compiled(compiled_rows(ours, brian2))


if __name__ == "__main__":
    main()
