"""Parameter sweeps: ``sweep(fn, params)`` runs a model at many points, in parallel.

Locally (the default) on a pool of worker processes sharing one compile cache, or on a
Dask cluster with ``client=``; results come back in the order of the points, with their
parameters; ``out=`` keeps each point's result on disk and resumes. See docs/sweeps.md.

``brian_cg.sweep`` is this package, and calling it runs a sweep: ``brian_cg.sweep(fn,
params)`` and ``brian_cg.sweep.grid(...)`` both work. (The grid is not ``brian_cg.grid``:
``from brian2 import *`` gives pylab's ``grid()`` under that name, and so does brian_cg.)
"""
import sys as _sys
import types as _types

from .grid import Grid, grid
from .points import derived_seed
from .results import PointResult, SweepError, SweepResults, WorkerDied
from .runner import sweep

__all__ = ["Grid", "PointResult", "SweepError", "SweepResults", "WorkerDied", "derived_seed",
           "grid", "sweep"]


class _CallableModule(_types.ModuleType):
    """The package, callable as its ``sweep`` function."""

    def __call__(self, fn, params, **kwds):
        return sweep(fn, params, **kwds)


_sys.modules[__name__].__class__ = _CallableModule
