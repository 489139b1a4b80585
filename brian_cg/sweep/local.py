"""The default backend: a pool of worker processes on this machine.

Workers are started with ``forkserver`` where the platform has it (else ``spawn``), never
by forking this process: the caller may hold threads (a GUI, a Jupyter kernel, OpenMP),
and forking a threaded process can deadlock. The fork server imports brian_cg's model
building modules once, so each worker starts without paying for those imports.

Each worker runs one point at a time, sent over its own pipe, so when a worker dies
(a crash in compiled code, the kernel's out-of-memory killer) we know which point it
was running: that point is reported as failed and a new worker takes over the rest.
All workers share the on-disk compile cache; its per-entry lock makes the first worker
that needs a library compile it while the others wait for it and load it.
"""
import multiprocessing
import os
import signal
import traceback
from collections import deque
from multiprocessing.connection import wait

from .results import PointResult, SweepError, WorkerDied
from .worker import load_callable, run_point, sendable

__all__ = ["default_workers", "run_local"]

#: imported once by the fork server, so that workers start with them loaded
PRELOAD = ["__main__", "brian_cg.sweep.preload"]


def default_workers():
    """The number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _worker_main(conn, fn_payload, settings):
    """A worker process: load fn, then run the points it is sent until it gets None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the sweep on Ctrl-C
    try:
        fn = load_callable(fn_payload)
    except BaseException:
        conn.send(("fatal", traceback.format_exc()))
        return
    try:
        conn.send(("ready", None))
        while True:
            point = conn.recv()
            if point is None:
                return
            conn.send_bytes(sendable(run_point(fn, point, settings)))
    except (EOFError, BrokenPipeError):
        return  # the sweep is gone (its process was killed): nobody to send results to


class _Worker:
    def __init__(self, context, fn_payload, settings):
        self.conn, child = context.Pipe()
        # not a daemon: fn may start processes of its own (a daemon may not); the sweep stops
        # its workers when it ends, and a worker exits when the sweep's end of the pipe closes
        self.process = context.Process(target=_worker_main, args=(child, fn_payload, settings),
                                       name="brian_cg-sweep-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.point = None

    def stop(self, timeout=5):
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1)
        self.conn.close()

    def kill(self):
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(1)
        self.conn.close()


def _died(worker):
    code = worker.process.exitcode
    how = (f"was killed by signal {-code}" if code is not None and code < 0
           else f"exited with status {code}")
    point = worker.point
    error = WorkerDied(f"The worker process running point {point.index} {how} before "
                       f"returning a result (a crash in compiled code, or killed, e.g. for "
                       f"lack of memory)")
    return PointResult(point.index, point.params, point.seed, error=error,
                       traceback=f"{type(error).__name__}: {error}\n", key=point.key,
                       worker=f"pid {worker.process.pid}")


def run_local(fn_payload, points, settings, workers, on_result):
    """Run ``points`` on ``workers`` processes; ``on_result(PointResult)`` as each finishes."""
    import pickle

    context = _context()
    pending = deque(points)
    pool = []
    failed_starts = 0
    try:
        pool = [_Worker(context, fn_payload, settings) for _ in range(min(workers, len(points)))]
        while pending or any(w.point is not None for w in pool):
            for worker in pool:
                if worker.ready and worker.point is None and pending:
                    worker.point = pending.popleft()
                    worker.conn.send(worker.point)
            ready = wait([w.conn for w in pool] + [w.process.sentinel for w in pool])
            for worker in list(pool):
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                try:
                    if worker.conn.poll():
                        if not worker.ready:
                            kind, text = worker.conn.recv()
                            if kind == "fatal":
                                raise SweepError(
                                    "A worker process cannot load fn: define it with def at the "
                                    "top level of a module, or of a script whose sweep() call is "
                                    "under `if __name__ == '__main__':`.\n" + text)
                            worker.ready = True
                            continue
                        result = pickle.loads(worker.conn.recv_bytes())
                        worker.point = None
                        on_result(result)
                        continue
                except (EOFError, OSError):
                    pass
                if worker.process.is_alive():
                    continue
                # the worker died: its point failed, a new worker takes its place
                pool.remove(worker)
                if worker.point is not None:
                    on_result(_died(worker))
                elif not worker.ready:
                    failed_starts += 1
                    if failed_starts > workers + 2:
                        raise SweepError(f"worker processes keep dying as they start (exit "
                                         f"status {worker.process.exitcode})")
                worker.kill()
                if pending:
                    pool.append(_Worker(context, fn_payload, settings))
            if not pool and pending:
                raise SweepError("every worker process died before the sweep finished")
    except BaseException:
        for worker in pool:
            worker.kill()
        raise
    for worker in pool:
        worker.stop()
