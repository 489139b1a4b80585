"""``from brian_cg.only import *``: brian_cg's API and units, without numpy or pylab names."""
from ._api import NAME_TO_MODULE as _NAME_TO_MODULE
from ._api import load as _load
from .units import *
from .units.star_names import STAR_IMPORT_UNITS as _STAR_UNITS
from .units.star_names import UNIT_FUNCTIONS as _UNIT_FUNCTIONS


def __getattr__(name):
    if name in _NAME_TO_MODULE:
        value = _load("brian_cg", name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'brian_cg.only' has no attribute '{name}'")


__all__ = sorted(set(_STAR_UNITS) | set(_UNIT_FUNCTIONS) | set(_NAME_TO_MODULE))
