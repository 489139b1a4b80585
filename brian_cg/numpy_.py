"""numpy with brian_cg's unit-aware versions of the functions numpy cannot make unit-aware by
itself: what ``np`` and ``numpy`` are after ``from brian_cg import *`` (as Brian2's ``numpy_``).

Quantities take part in numpy's ufuncs and array functions, so numpy's own ``np.sum``,
``np.concatenate``, ``np.where``... keep units; ``np.arange`` has no array argument numpy
could dispatch on (``np.arange(0*ms, 10*ms, 1*ms)`` would give plain numbers), so it is
replaced, and ``exprel`` is added, as in Brian2. Everything else is numpy's, looked up on use.
"""
import numpy as _numpy

from .units.arrays import arange

__all__ = sorted(set(_numpy.__all__) | {"exprel"})


def __getattr__(name):
    if name == "exprel":
        from .core.functions import exprel as value
    else:
        value = getattr(_numpy, name)  # numpy loads its own lazy submodules (testing...) here
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(dir(_numpy)) | set(globals()))
