"""Choosing the unit in which a quantity is displayed (built lazily, on first display)."""

import numpy as np

from . import unitdefs as ud
from .dimensions import DIMENSIONLESS, Dimension
from .quantity import get_dimensions, set_display_unit_finder
from .unit import Unit

__all__ = ["UnitRegistry", "best_unit", "get_unit", "register_new_unit", "unscaled_unit"]


class UnitRegistry:
    """Units known for display, by dimension and value."""

    def __init__(self):
        self.units = {}
        self.units_for_dimensions = {}

    def add(self, u):
        self.units[repr(u)] = u
        self.units_for_dimensions.setdefault(u.dim, {})[float(u)] = u

    def __contains__(self, dim):
        return dim in self.units_for_dimensions

    def best(self, x):
        """The unit u of matching dimension for which |x/u| is closest to 10
        (for arrays: minimising the summed squared log-distance over the shown values)."""
        matching = self.units_for_dimensions.get(x.dim)
        if not matching:
            raise KeyError("Unit not found in registry.")
        values = np.fromiter(matching.keys(), dtype=float, count=len(matching))
        flat = np.abs(np.asarray(x.view(np.ndarray), dtype=float))
        opts = np.get_printoptions()
        if flat.size > opts["threshold"]:
            edge = opts["edgeitems"]
            parts = [flat.reshape(-1)[:edge], flat.reshape(-1)[-edge:]]
            flat = np.concatenate(parts)
        else:
            flat = flat.reshape(-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            reps = flat[:, None] / values[None, :]
            reps[reps == 0] = np.nan
            if np.all(np.isnan(reps)):
                return matching.get(1.0, next(iter(matching.values())))
            dev = np.nansum((np.log10(reps) - 1) ** 2, axis=0)
        return list(matching.values())[int(np.argmin(dev))]


standard_unit_register = UnitRegistry()
user_unit_register = UnitRegistry()
additional_unit_register = UnitRegistry()
_built = False


def _build():
    global _built
    if _built:
        return
    _built = True
    for u in ud._POWERED + ud._SCALED + ud._BASE:
        standard_unit_register.add(u)
    U = ud.UNITS
    metre, kelvin, kilogram, mole = U["metre"], U["kelvin"], U["kilogram"], U["mole"]
    for u in (
        U["pascal"] * U["second"], U["newton"] * metre, U["watt"] / metre ** 2,
        U["joule"] / kelvin, U["joule"] / (kilogram * kelvin), U["joule"] / kilogram,
        U["watt"] / (metre * kelvin), U["joule"] / metre ** 3, U["volt"] / metre ** 3,
        U["coulomb"] / metre ** 3, U["coulomb"] / metre ** 2, U["farad"] / metre,
        U["henry"] / metre, U["joule"] / mole, U["joule"] / (mole * kelvin),
        U["coulomb"] / kilogram, U["gray"] / U["second"], U["katal"] / metre ** 3,
    ):
        additional_unit_register.add(u)
    for u in ud._LITRE_UNITS:
        additional_unit_register.add(u)
    _built = True


def register_new_unit(u):
    """Register a unit so that quantities of its dimension may be displayed in it."""
    _build()
    user_unit_register.add(u)


def best_unit(x):
    """The `Unit` in which the quantity ``x`` is displayed."""
    _build()
    for reg in (standard_unit_register, user_unit_register, additional_unit_register):
        if x.dim in reg:
            return reg.best(x)
    return unscaled_unit(x.dim)


def unscaled_unit(dim):
    """A registered unit of value 1 for ``dim`` (``volt``), or a new one named after ``dim``."""
    _build()
    for reg in (standard_unit_register, user_unit_register, additional_unit_register):
        u = reg.units_for_dimensions.get(dim, {}).get(1.0)
        if u is not None:
            return u
    if dim is DIMENSIONLESS:
        return Unit(1.0, dim, name="Unit(1)", dispname="1")
    return Unit(1.0, dim, iscompound=True)


def get_unit(dim):
    """An unscaled `Unit` for a dimension (``volt`` for the dimension of volts);
    a new unit named after the dimension when no registered unit has it."""
    return unscaled_unit(dim if isinstance(dim, Dimension) else get_dimensions(dim))


set_display_unit_finder(best_unit)
