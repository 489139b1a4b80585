"""Sizes the user gives (a group's ``N``, the number of synapses per pair): whole numbers in
whatever form a script computes them, e.g. ``NeuronGroup(NE/4, ...)`` with ``NE/4 == 2000.0``."""
import numpy as np

from ..errors import InvalidSizeError
from ..units import DIMENSIONLESS, get_dimensions

__all__ = ["as_size"]


def as_size(value, what, minimum=1):
    """``value`` as an ``int``: Python or numpy integers, integral floats and 0-d arrays of them.

    Raises `InvalidSizeError` (a ValueError and a TypeError) naming ``what`` for anything else:
    a non-integral number, one below ``minimum``, a bool, a string, a quantity with units.
    """
    try:
        number = np.asarray(value)
        dim = get_dimensions(value)
    except TypeError:
        number, dim = None, None
    if number is None or number.ndim != 0 or number.dtype.kind not in "iuf" \
            or dim is not DIMENSIONLESS:
        raise InvalidSizeError(f"{what} must be a whole number, got {value!r}")
    number = number.item()
    if isinstance(number, float) and not (np.isfinite(number) and number == int(number)):
        raise InvalidSizeError(f"{what} must be a whole number, got {value!r}")
    if int(number) < minimum:
        raise InvalidSizeError(f"{what} must be at least {minimum}, got {value!r}")
    return int(number)
