"""brian_cg: a spiking neural network simulator in the tradition of Brian.

``from brian_cg import *`` provides what ``from brian2 import *`` provides: the
API, every unit, numpy's names and (when matplotlib is installed) pylab's
plotting functions. ``from brian_cg.only import *`` gives the API and units alone.
Heavy parts (sympy, Jinja, matplotlib) are imported on first use.
"""
import importlib as _importlib
import importlib.util as _ilu
import sys as _sys
import types as _types

import numpy as _numpy
import numpy.fft as _numpy_fft
import numpy.linalg as _numpy_linalg
import numpy.random as _numpy_random

# numpy names that `from brian2 import *` leaves to Python's builtins (pylab's order of
# imports does); the others (sum, any, all, divmod) are numpy's there too
_KEEP_BUILTINS = {"abs", "bool", "bytes", "max", "min", "pow", "round"}


def _numpy_names():
    """numpy's public names (as pylab's star import gives them), without importing numpy's
    lazily loaded submodules (f2py, testing...: ~0.15 s) that ``from numpy import *`` pulls in."""
    names = {}
    for mod in (_numpy_random, _numpy_linalg, _numpy_fft, _numpy):
        for name in getattr(mod, "__all__", []):
            if name in mod.__dict__ and not isinstance(mod.__dict__[name], _types.ModuleType) \
                    and name not in _KEEP_BUILTINS:
                names[name] = mod.__dict__[name]
    return names


globals().update(_numpy_names())  # Brian scripts rely on numpy's names

from . import numpy_
from ._api import NAME_TO_MODULE as _NAME_TO_MODULE
from ._api import load as _load
from ._lazy import LazyModule as _LazyModule
from ._lazy import LazyObject as _LazyObject
from ._lazy import lazy_function as _lazy_function
from .units import *
from .units.star_names import STAR_IMPORT_UNITS as _STAR_UNITS
from .units.star_names import UNIT_FUNCTIONS as _UNIT_FUNCTIONS

# numpy's ``seed`` (and any other clash) gives way to brian_cg's API name, loaded lazily.
for _name in _NAME_TO_MODULE:
    globals().pop(_name, None)

# as Brian2: ``np`` and ``numpy`` are numpy with the unit-aware replacements (``np.arange``)
np = numpy = numpy_

from ._version import __version__  # noqa: E402, F401

_HAVE_MATPLOTLIB = _ilu.find_spec("matplotlib") is not None

#: modules in the namespace: numpy's submodules (those not yet imported stand in until used:
#: numpy.testing and numpy.f2py cost ~0.1 s), and the standard modules Brian2's gives
_NUMPY_MODULES = ("char", "ctypeslib", "dtypes", "emath", "exceptions", "f2py", "lib", "linalg",
                  "ma", "polynomial", "rec", "strings", "testing", "typing")
_MODULES = {**{name: f"numpy.{name}" for name in _NUMPY_MODULES},
            "datetime": "datetime", "logging": "logging", "signal": "signal",
            "sweep": "brian_cg.sweep"}  # parameter sweeps; the package is callable

_PYPLOT, _PYLAB_OBJECTS, _PYLAB_FUNCTIONS = (), {}, {}
if _HAVE_MATPLOTLIB:
    from ._pylab_names import PYLAB_MODULES as _PYLAB_MODULES
    from ._pylab_names import PYLAB_OBJECTS as _PYLAB_OBJECTS
    from ._pylab_names import PYLAB_OTHER_FUNCTIONS as _PYLAB_FUNCTIONS
    from ._pylab_names import PYPLOT_FUNCTIONS as _PYPLOT
    from ._pylab_names import PYLAB_CONSTANTS as _PYLAB_CONSTANTS

    _MODULES.update(_PYLAB_MODULES)
    globals().update(_PYLAB_CONSTANTS)


def _module(name):
    path = _MODULES[name]
    if path.startswith("numpy."):
        loaded = _numpy.__dict__.get(name)
        return loaded if isinstance(loaded, _types.ModuleType) else _LazyModule(path)
    if path.startswith("matplotlib"):
        return _LazyModule(path)
    return _importlib.import_module(path)


def __getattr__(name):
    if name in _NAME_TO_MODULE:
        value = _load(__name__, name)
    elif name in _MODULES:
        value = _module(name)
    elif name in _PYPLOT:
        value = _lazy_function("matplotlib.pyplot", name)
    elif name in _PYLAB_FUNCTIONS:
        value = _lazy_function(_PYLAB_FUNCTIONS[name], name)
    elif name in _PYLAB_OBJECTS:
        value = _LazyObject(_PYLAB_OBJECTS[name], name)
    else:
        raise AttributeError(f"module 'brian_cg' has no attribute '{name}'")
    globals()[name] = value
    return value


__all__ = sorted(set(_numpy_names()) | {"np", "numpy", "numpy_", "units"} | set(_STAR_UNITS)
                 | set(_UNIT_FUNCTIONS) | set(_MODULES) | set(_PYPLOT) | set(_PYLAB_OBJECTS)
                 | set(_PYLAB_FUNCTIONS) | set(_NAME_TO_MODULE)
                 | (set(_PYLAB_CONSTANTS) if _HAVE_MATPLOTLIB else set()))
