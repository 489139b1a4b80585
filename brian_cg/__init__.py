"""brian_cg: a spiking neural network simulator in the tradition of Brian.

``from brian_cg import *`` provides what ``from brian2 import *`` provides: the
API, every unit, numpy's names and (when matplotlib is installed) pylab's
plotting functions. ``from brian_cg.only import *`` gives the API and units alone.
Heavy parts (sympy, Jinja, matplotlib) are imported on first use.
"""
import importlib.util as _ilu
import types as _types

import numpy as np  # noqa: F401  (``np`` is part of the star import)
import numpy.fft
import numpy.linalg
import numpy.random


# numpy names that `from brian2 import *` leaves to Python's builtins (pylab's order of
# imports does); the others (sum, any, all, divmod) are numpy's there too
_KEEP_BUILTINS = {"abs", "bool", "bytes", "max", "min", "pow", "round"}


def _numpy_names():
    """numpy's public names (as pylab's star import gives them), without importing numpy's
    lazily loaded submodules (f2py, testing...: ~0.15 s) that ``from numpy import *`` pulls in."""
    names = {}
    for mod in (numpy.random, numpy.linalg, numpy.fft, numpy):
        for name in getattr(mod, "__all__", []):
            if name in mod.__dict__ and not isinstance(mod.__dict__[name], _types.ModuleType) \
                    and name not in _KEEP_BUILTINS:
                names[name] = mod.__dict__[name]
    return names


globals().update(_numpy_names())  # Brian scripts rely on numpy's names

from ._api import NAME_TO_MODULE as _NAME_TO_MODULE
from ._api import load as _load
from .units import *
from .units.star_names import STAR_IMPORT_UNITS as _STAR_UNITS
from .units.star_names import UNIT_FUNCTIONS as _UNIT_FUNCTIONS

# numpy's ``seed`` (and any other clash) gives way to brian_cg's API name, loaded lazily.
for _name in _NAME_TO_MODULE:
    globals().pop(_name, None)

from ._version import __version__  # noqa: E402, F401

_HAVE_MATPLOTLIB = _ilu.find_spec("matplotlib") is not None


class _LazyModule:
    """``plt``/``mpl``: the module, imported when first used."""

    def __init__(self, name):
        self.__dict__["_name"] = name

    def __getattr__(self, attr):
        import importlib

        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self):
        return f"<lazily imported module '{self._name}'>"


def _pyplot_function(name):
    def call(*args, **kwds):
        import matplotlib.pyplot

        return getattr(matplotlib.pyplot, name)(*args, **kwds)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"matplotlib.pyplot.{name}, imported on first call."
    return call


_PYLAB = {}
if _HAVE_MATPLOTLIB:
    from ._pylab_names import PYPLOT_FUNCTIONS as _PYPLOT_FUNCTIONS

    _PYLAB = {n: None for n in _PYPLOT_FUNCTIONS}
    plt = _LazyModule("matplotlib.pyplot")
    mpl = _LazyModule("matplotlib")


def __getattr__(name):
    if name in _NAME_TO_MODULE:
        value = _load(__name__, name)
    elif name in _PYLAB:
        value = _pyplot_function(name)
    else:
        raise AttributeError(f"module 'brian_cg' has no attribute '{name}'")
    globals()[name] = value
    return value


__all__ = sorted(set(_numpy_names()) | {"np", "units"} | set(_STAR_UNITS) | set(_UNIT_FUNCTIONS)
                 | set(_PYLAB) | ({"plt", "mpl"} if _HAVE_MATPLOTLIB else set())
                 | set(_NAME_TO_MODULE))
