"""Running a sweep on a Dask cluster (``dask.distributed``), imported only when used.

Each point is one task. A task builds and runs its model in the Dask worker process that
gets it; the result comes back to the client, which stores and reports it, so ``out=``
needs no filesystem shared with the cluster. Workers compile through their own compile
cache (``$BRIAN_CG_CACHE`` on each worker machine): a model compiles at most once per
machine, or once in all when that variable points at a shared filesystem.
"""
import uuid

from .results import PointResult
from .worker import run_point, sendable

__all__ = ["run_dask"]


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ImportError("Running a sweep on Dask needs dask.distributed: "
                          "pip install 'brian_cg[dask]' (or 'dask[distributed]')") from None
    return distributed


def dask_point(fn, point, settings):
    """A Dask task: one point, its value checked to be sendable back to the client."""
    import pickle

    return pickle.loads(sendable(run_point(fn, point, settings)))


def _client(client, distributed):
    if isinstance(client, str):
        return distributed.Client(client), True
    if isinstance(client, distributed.Client):
        return client, False
    raise TypeError(f"client must be a dask.distributed.Client or a scheduler address "
                    f"('tcp://host:8786'), got {client!r}")


def _warn_threads(client):
    from ..core.logger import get_logger

    try:
        threads = client.nthreads()
    except Exception:
        return
    if any(n > 1 for n in threads.values()):
        get_logger(__name__).info(
            "brian_cg runs one point at a time in each Dask worker process; start workers "
            "with one thread each (LocalCluster(threads_per_worker=1), dask worker "
            "--nthreads 1) and as many processes as cores")


def run_dask(client, fn, points, settings, on_result):
    """Run ``points`` as Dask tasks; ``on_result(PointResult)`` as each finishes."""
    distributed = _distributed()
    client, own = _client(client, distributed)
    try:
        _warn_threads(client)
        tag = uuid.uuid4().hex[:8]
        futures = {}
        for point in points:
            future = client.submit(dask_point, fn, point, settings, pure=False,
                                   key=f"brian_cg-sweep-{tag}-{point.index}")
            futures[future] = point
        try:
            for future in distributed.as_completed(futures):
                point = futures.pop(future)
                if future.status == "error":
                    error = future.exception()
                    result = PointResult(point.index, point.params, point.seed, error=error,
                                         traceback=_traceback(future, error), key=point.key,
                                         worker="dask")
                else:
                    result = future.result()
                future.release()
                on_result(result)
        finally:
            if futures:
                client.cancel(list(futures))
    finally:
        if own:
            client.close()


def _traceback(future, error):
    import traceback

    try:
        tb = future.traceback()
        return "".join(traceback.format_exception(type(error), error, tb))
    except Exception:
        return f"{type(error).__name__}: {error}\n"


def check_available():
    """Raise ImportError (with the install line) when Dask's distributed scheduler is missing."""
    _distributed()


