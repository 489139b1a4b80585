"""``out=DIR``: each point's result written as it finishes, read back on the next run.

Layout::

    DIR/sweep.json             which function, how many points, brian_cg's version
    DIR/points/<key>.json      a finished point: parameters, seed, value, timing
    DIR/points/<key>.npz       its arrays, when the value holds any
    DIR/points/<key>.pkl       its value, pickled, when it is not numbers/arrays/dicts...
    DIR/failed/<key>.json      a failed point: error and traceback (run again next time)

``<key>`` is a hash of the point's parameters and seed (`encoding.point_key`), so a point
is recognised whatever its position. Every file is written to a temporary name and
renamed into place, and the point's ``.json`` last: a point is done when its ``.json``
exists, and an interruption at any moment leaves only whole files.
"""
import contextlib
import io
import json
import os
import pickle
import time

import numpy as np

from ..cache import atomic_write
from .encoding import decode, encode
from .results import PointResult, SweepError

__all__ = ["ResultStore"]


def _function_name(fn):
    # not the module: the same function is __main__.f run as a script, mymodel.f imported
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)


class ResultStore:
    """The folder ``out`` of a sweep of ``fn`` (see the module's docstring)."""

    def __init__(self, folder, fn, n_points):
        self.folder = os.fspath(folder)
        self.points = os.path.join(self.folder, "points")
        self.failures = os.path.join(self.folder, "failed")
        name = _function_name(fn)
        manifest = os.path.join(self.folder, "sweep.json")
        if os.path.exists(manifest):
            with open(manifest) as f:
                known = json.load(f).get("function")
            if known != name:
                raise SweepError(f"out={self.folder!r} holds the results of a sweep of {known}(), "
                                 f"not of {name}(): use another folder, or delete this one")
        os.makedirs(self.points, exist_ok=True)
        os.makedirs(self.failures, exist_ok=True)
        from .. import __version__

        atomic_write(manifest, json.dumps({"function": name,
                                           "module": getattr(fn, "__module__", None),
                                           "points": n_points,
                                           "brian_cg": __version__}, indent=1))

    def _path(self, key, ext, folder=None):
        return os.path.join(folder or self.points, key + ext)

    def load(self, point):
        """The stored `PointResult` of ``point``, or None when it is not done."""
        try:
            with open(self._path(point.key, ".json")) as f:
                doc = json.load(f)
            if doc.get("pickled"):
                with open(self._path(point.key, ".pkl"), "rb") as f:
                    value = pickle.load(f)
            else:
                arrays = {}
                if doc.get("arrays"):
                    with np.load(self._path(point.key, ".npz")) as data:
                        arrays = {name: data[name] for name in data.files}
                value = decode(doc["value"], arrays)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, pickle.UnpicklingError, EOFError):
            return None  # unreadable: run the point again
        return PointResult(point.index, point.params, point.seed, value=value,
                           seconds=doc.get("seconds", 0.0), worker=doc.get("worker", ""),
                           resumed=True, key=point.key)

    def write(self, result):
        """Store a finished point (a failure goes to ``failed/``, to be run again)."""
        if not result.ok:
            doc = {"index": result.index, "params": repr(result.params), "seed": result.seed,
                   "error": f"{type(result.error).__name__}: {result.error}",
                   "traceback": result.traceback, "worker": result.worker,
                   "finished": time.time()}
            atomic_write(self._path(result.key, ".json", self.failures), json.dumps(doc, indent=1))
            return
        doc = {"index": result.index, "seed": result.seed, "seconds": result.seconds,
               "worker": result.worker, "compiles": result.compiles, "finished": time.time()}
        try:
            doc["params"] = encode(result.params)
        except TypeError:
            doc["params"] = repr(result.params)
        arrays = {}
        try:
            doc["value"] = encode(result.value, arrays)
        except TypeError:
            doc["pickled"] = True
            atomic_write(self._path(result.key, ".pkl"),
                         pickle.dumps(result.value, protocol=pickle.HIGHEST_PROTOCOL))
        else:
            if arrays:
                buffer = io.BytesIO()
                np.savez(buffer, **arrays)
                atomic_write(self._path(result.key, ".npz"), buffer.getvalue())
                doc["arrays"] = sorted(arrays)
        atomic_write(self._path(result.key, ".json"), json.dumps(doc, indent=1))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path(result.key, ".json", self.failures))
