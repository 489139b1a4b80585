"""Physical units and quantities (Brian2-compatible).

``from brian_cg.units import *`` gives the helpers below and every unit name
(``mV``, ``msecond``, ``nS``, ``umetre2``, ...).
"""

from . import unitdefs as _unitdefs
from .arrays import arange
from .checks import check_units
from .dimensions import DIMENSIONLESS, Dimension, get_or_create_dimension
from .quantity import (
    Quantity,
    fail_for_dimension_mismatch,
    get_dimensions,
    have_same_dimensions,
    in_best_unit,
    in_unit,
    is_dimensionless,
    is_scalar_type,
)
from .registry import get_unit, register_new_unit
from .unit import Unit
from .unitdefs import *

all_unit_names = list(_unitdefs.__all__)


def unit_namespace():
    """A fresh dict of every unit name a user may write (``'mV'``, ``'msecond'``, ...) -> `Unit`."""
    return dict(_unitdefs.UNITS)


__all__ = [
    "Dimension",
    "DIMENSIONLESS",
    "get_or_create_dimension",
    "Quantity",
    "Unit",
    "get_dimensions",
    "have_same_dimensions",
    "is_dimensionless",
    "is_scalar_type",
    "fail_for_dimension_mismatch",
    "get_unit",
    "check_units",
    "unit_namespace",
    "all_unit_names",
    "in_unit",
    "in_best_unit",
    "register_new_unit",
    "arange",
] + all_unit_names
