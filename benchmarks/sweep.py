"""Parameter sweep benchmark (issue 13): a 64-point sweep of the CUBA network (4,000 neurons).

``python benchmarks/sweep.py [--points 64] [--duration-ms 500] [--workers 2] [--no-brian2]``
(``BRIAN2_VENV=/work/brian2env`` to use an existing Brian2 2.11 virtualenv).

Compares, each as a fresh process (so the times include start-up and imports, what a user
waits for), with warm compile caches (one untimed point first, for both simulators):
  - brian_cg, the points one after the other in one process;
  - brian_cg.sweep(workers=W);
  - Brian2 2.11 with multiprocessing.Pool(W).map, as Brian2's documentation shows
    (examples/multiprocessing/01_using_cython.py), on its Cython runtime target;
and checks that the sweep's rates are those of the one-by-one run.

Besides the wall time, each row gives the CPU critical path: the CPU seconds of the
main process, plus (for the brian_cg sweep) those of the fork server's imports, plus the
largest sum of the points' CPU seconds over the workers. On an idle machine with W free
cores that is the wall time; on a shared machine it is what the wall time cannot show
(Linux's autogroup scheduling gives each session a fixed share of the CPUs, however many
processes it runs, so W workers then cannot beat one process).
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_brian2, run_script, this_python  # noqa: E402

SCRIPT = "models/cuba_sweep.py"


def critical_path(result, extra=0.0):
    """CPU seconds of the main process + ``extra`` + the busiest worker's points."""
    per_worker = {}
    for pid, cpu in zip(result["pid"], result["cpu"]):
        per_worker[pid] = per_worker.get(pid, 0.0) + cpu
    return result["cpu_main"] + extra + max(per_worker.values()), len(per_worker)


def preload_cpu(env):
    """CPU seconds of the fork server's imports (brian_cg.sweep.preload), in a fresh process."""
    code = "import time, brian_cg.sweep.preload; print(time.process_time())"
    out = subprocess.run([this_python(), "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, **env), check=True)
    return float(out.stdout.split()[-1])


def row(label, wall, cpu_path):
    print(f"{label:40s} {wall:8.1f} s {cpu_path:8.1f} s", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=64)
    ap.add_argument("--duration-ms", type=float, default=500.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-brian2", action="store_true")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {"BENCH_PKG": "brian_cg",
           "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    n, dur, w = args.points, args.duration_ms, args.workers
    print(f"# {n} points of CUBA 4,000 ({dur:g} ms simulated each), {w} workers, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'':40s} {'wall':>10s} {'CPU path':>10s}")
    run_script(this_python(), SCRIPT, "one", 1, dur, 1, env=env)  # warm the compile cache
    one_wall, one = run_script(this_python(), SCRIPT, "one", n, dur, 1, env=env)
    one_path = one["cpu_main"]
    row("brian_cg, one by one in one process", one_wall, one_path)
    sweep_wall, swept = run_script(this_python(), SCRIPT, "sweep", n, dur, w, env=env)
    sweep_path, used = critical_path(swept, preload_cpu(env))
    row(f"brian_cg.sweep(workers={w})", sweep_wall, sweep_path)
    assert used == w, f"{used} of {w} workers ran points"
    assert swept["rates"] == one["rates"], "the sweep's results differ from one by one"
    print(f"speed-up over one by one: wall {one_wall / sweep_wall:.2f}x, CPU path "
          f"{one_path / sweep_path:.2f}x (goal >= 1.8x on 2 cores)")
    brian2 = None if args.no_brian2 else ensure_brian2()
    if brian2 is not None:
        b2env = {"BENCH_PKG": "brian2"}
        run_script(brian2, SCRIPT, "one", 1, dur, 1, env=b2env)  # warm Brian2's Cython cache
        b2_wall, b2 = run_script(brian2, SCRIPT, "mp", n, dur, w, env=b2env)
        b2_path, _ = critical_path(b2)
        row(f"Brian2 2.11, multiprocessing.Pool({w})", b2_wall, b2_path)
        print(f"brian_cg.sweep vs Brian2's sweep: wall {b2_wall / sweep_wall:.2f}x, CPU path "
              f"{b2_path / sweep_path:.2f}x faster (goal >= 3x)")
    print(f"# load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
