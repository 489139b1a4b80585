"""``sweep(fn, params)``: run ``fn(**p)`` for every point ``p``, in parallel, and collect.

The backends (the local pool, Dask, this process) all run a point the same way
(`worker.run_point`); this module validates the input, reads back what ``out=`` already
holds, hands the rest to a backend, and stores, counts and orders what comes back.

Standalone sweeps (issue 13, part 4: one built standalone project run with different
``run_args`` per point, each in its own results directory) need the ``cpp_standalone``
project export, which brian_cg does not have yet (issue 11). The hook is ``fn``: a point is
any callable of the parameters, so a standalone sweep will pass a function that runs the
built binary with the point's ``run_args`` in a directory of its own and reads the results
back; ``out=``, seeds, progress and the backends apply unchanged.
"""
from ..core.logger import get_logger
from .local import default_workers, run_local
from .points import check_signature, grid_of, make_points
from .progress import make_progress
from .results import SweepResults
from .store import ResultStore
from .worker import capture_settings, dump_callable, run_point

__all__ = ["sweep"]

logger = get_logger(__name__)


def _check_workers(workers):
    if workers is None:
        return default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise ValueError(f"workers must be a non-negative integer (0: run in this process), "
                         f"got {workers!r}")
    return workers


def _run_here(fn, points, settings, on_result):
    """Points one after the other in this process (``workers=0``); the preferences and
    clock are put back afterwards, whatever ``fn`` changed."""
    from .worker import apply_settings

    try:
        for point in points:
            on_result(run_point(fn, point, settings))
    finally:
        apply_settings(settings)


def sweep(fn, params, *, client=None, workers=None, out=None, progress=True, seed=0):
    """Run ``fn(**p)`` for every point ``p`` of ``params``, in parallel; the results in order.

    Parameters
    ----------
    fn : callable
        Builds and runs a model from the parameters of one point and returns plain
        results: numbers, arrays, Quantities, or lists and dicts of them. It runs in a
        worker process with a fresh scope (``start_scope()``), the point's seed
        (``seed()``), and the preferences and ``defaultclock.dt`` in effect when ``sweep``
        is called. With the local pool, define it at the top level of a module (or of a
        script that calls ``sweep`` under ``if __name__ == '__main__':``).
    params : list of dict, or grid
        The points: ``[{'tau': 10*ms}, ...]`` or ``grid(tau=[...], seed=range(10))``.
    client : dask.distributed.Client or str, optional
        Run on this Dask cluster (a client, or a scheduler address) instead of local processes.
    workers : int, optional
        Local worker processes (default: the CPU cores available); 0 runs the points one
        after the other in this process. Ignored with ``client``.
    out : path, optional
        A folder where each point's result is written as it finishes; points found there
        from an earlier run are read back instead of being run again.
    progress : bool or {'text', 'tqdm'}
        Show the progress over points (tqdm when installed, else a text line), with the ETA.
    seed : int
        The base seed of points without a ``seed`` parameter: point ``k`` gets a seed derived
        from ``(seed, k)``. A point's ``seed`` parameter is used as its seed.

    Returns
    -------
    SweepResults
        One `PointResult` per point, in the order of ``params``. Failed points hold their
        exception and traceback (``results.failed``); the other points are unaffected.
    """
    points = make_points(params, seed)
    check_signature(fn, points)
    n_workers = _check_workers(workers) if client is None else None
    results = [None] * len(points)
    store = ResultStore(out, fn, len(points)) if out is not None else None
    todo = []
    for point in points:
        stored = store.load(point) if store is not None else None
        if stored is None:
            todo.append(point)
        else:
            results[point.index] = stored
    if client is not None:
        from .dask_backend import check_available

        check_available()
    settings = capture_settings(share_cache=client is None)
    display = make_progress(progress, len(points), done=len(points) - len(todo))

    def on_result(result):
        results[result.index] = result
        if store is not None:
            store.write(result)
        display.update(result)

    try:
        if not todo:
            pass
        elif client is not None:
            from .dask_backend import run_dask

            run_dask(client, fn, todo, settings, on_result)
        elif n_workers == 0:
            _run_here(fn, todo, settings, on_result)
        else:
            run_local(dump_callable(fn), todo, settings, n_workers, on_result)
    except KeyboardInterrupt:
        done = sum(r is not None for r in results)
        where = f"; they are kept in {out}" if store is not None else ""
        logger.warning(f"Sweep interrupted after {done} of {len(points)} points{where}")
        raise
    finally:
        display.close()
    swept = SweepResults(results, grid=grid_of(params))
    failed = swept.failed
    if failed:
        logger.warning(f"{len(failed)} of {len(points)} points failed (results.failed has "
                       f"their errors and tracebacks); first: {failed[0].describe()}")
    return swept
