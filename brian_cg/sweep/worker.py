"""Running one point, in whatever process runs it (a local worker, a Dask worker, this one).

Every point starts from the same state: the preferences and ``defaultclock.dt`` in
effect when ``sweep()`` was called, a fresh scope (``start_scope()``) and its own seed
(``seed()``), so a point's result does not depend on which points ran before it in the
same process. Nothing compiled crosses a process boundary: ``fn`` builds its model in
the worker, and compiled code is shared through the on-disk compile cache.
"""
import os
import pickle
import socket
import threading
import time
import traceback

__all__ = ["capture_settings", "dump_callable", "load_callable", "run_point"]

#: brian_cg's scope, seed, preferences and clock are per process: a Dask worker running
#: tasks in several threads runs one point at a time.
_ONE_POINT_AT_A_TIME = threading.Lock()


def capture_settings(share_cache=True):
    """What each point starts from: the preferences, ``defaultclock.dt`` and (for workers on
    this machine) the compile cache's location."""
    from .. import cache
    from ..core.clock import defaultclock
    from ..core.preferences import prefs

    preferences = {}
    for name, value in prefs._store.items():  # the preferences as set now
        try:
            pickle.dumps(value)
        except Exception:
            continue
        preferences[name] = value
    settings = {"prefs": preferences, "dt": float(defaultclock.dt_)}
    if share_cache:
        settings["cache_dir"] = cache.cache_dir()
    return settings


def apply_settings(settings):
    from ..core.clock import defaultclock
    from ..core.preferences import prefs
    from ..units import second

    if "cache_dir" in settings:
        os.environ["BRIAN_CG_CACHE"] = settings["cache_dir"]
    prefs.reset_to_defaults()
    for name, value in settings["prefs"].items():
        prefs[name] = value
    defaultclock.dt = settings["dt"] * second


def plain_result(value):
    """``value`` with brian_cg's live views (``M.t``, ``G.v``) replaced by the arrays they show:
    a view refers to its group and network, which stay in the worker."""
    from ..groups.variableview import VariableView

    if isinstance(value, VariableView):
        return value[:]
    if isinstance(value, dict):
        return {k: plain_result(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return type(value)(plain_result(v) for v in value)
    return value


def _portable_error(exc):
    """``exc``, or a `PointError` with its type and message when it would not survive pickling
    (exceptions whose ``__init__`` takes other arguments than their ``args``)."""
    try:
        return pickle.loads(pickle.dumps(exc))
    except Exception:
        return PointError(f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}")


class PointError(Exception):
    """Stands in for an exception raised by ``fn`` that cannot be sent back from a worker."""


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"


def run_point(fn, point, settings):
    """Run ``fn(**point.params)`` with the point's seed; a `PointResult` (never raises for an
    exception of ``fn``)."""
    from ..core.base import start_scope
    from ..rng import seed
    from ..runtime import compiler
    from .results import PointResult

    with _ONE_POINT_AT_A_TIME:
        result = PointResult(point.index, point.params, point.seed, key=point.key,
                             worker=worker_name())
        compiles = compiler.COMPILE_COUNT["n"]
        start = time.perf_counter()
        try:
            apply_settings(settings)
            start_scope()
            seed(point.seed)
            result.value = plain_result(fn(**point.params))
        except Exception as exc:
            result.error = _portable_error(exc)
            result.traceback = traceback.format_exc()
        result.seconds = time.perf_counter() - start
        result.compiles = compiler.COMPILE_COUNT["n"] - compiles
        return result


def sendable(result):
    """``result`` pickled; a point whose value cannot be pickled becomes a failure saying so."""
    try:
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        result.value = None
        result.error = TypeError(
            f"The value returned by fn cannot be sent back from the worker ({exc}); return "
            f"numbers, strings, arrays, Quantities, or lists and dicts of them")
        result.traceback = traceback.format_exc()
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


# ------------------------------------------------------------- sending fn to processes
def _main_has_file():
    import sys

    main = sys.modules.get("__main__")
    return bool(getattr(main, "__file__", None))


def dump_callable(fn):
    """``fn`` as bytes a worker process can load: by reference (pickle) when it is a function
    of an importable module, else by value with cloudpickle (lambdas, closures, functions of
    an interactive session)."""
    from .results import SweepError

    by_reference = getattr(fn, "__module__", None) != "__main__" or _main_has_file()
    if by_reference:
        try:
            return ("pickle", pickle.dumps(fn, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, AttributeError, TypeError):
            pass
    try:
        import cloudpickle
    except ImportError:
        raise SweepError(
            f"fn ({fn!r}) cannot be sent to worker processes: define it with def at the top "
            f"level of a module or script, or install cloudpickle (pip install cloudpickle)"
        ) from None
    try:
        return ("cloudpickle", cloudpickle.dumps(fn, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as exc:
        raise SweepError(f"fn ({fn!r}) cannot be sent to worker processes: {exc}") from None


def load_callable(payload):
    kind, data = payload
    if kind == "cloudpickle":
        import cloudpickle  # noqa: F401 - registers what its pickles need

    return pickle.loads(data)
