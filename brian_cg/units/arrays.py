"""Unit-aware versions of numpy array constructors that Brian scripts call with quantities."""
import numpy as np

from .dimensions import DIMENSIONLESS
from .quantity import Quantity, fail_for_dimension_mismatch, get_dimensions

__all__ = ["arange"]

_UNSET = object()


def arange(*args, start=_UNSET, stop=_UNSET, step=_UNSET, dtype=None, **kwds):
    """``numpy.arange`` keeping units: ``arange(0*ms, 10*ms, 2*ms)`` -> ``[0, 2, 4, 6, 8] ms``.

    Takes numpy's arguments, positional (``stop``; ``start, stop``; ``start, stop, step``) or by
    keyword (``arange(10, step=2)``, ``arange(stop=10*ms, step=2*ms)``). start, stop and step
    must have the same units; a plain 0 goes with any, and the default step is a plain 1.
    """
    if len(args) > 3:
        raise TypeError(f"arange takes at most 3 positional arguments ({len(args)} given)")
    names = {1: ("stop",), 2: ("start", "stop"), 3: ("start", "stop", "step")}.get(len(args), ())
    given = {"start": start, "stop": stop, "step": step}
    for name, value in zip(names, args):
        if given[name] is not _UNSET:
            raise TypeError(f"arange got multiple values for argument '{name}'")
        given[name] = value
    if given["stop"] is _UNSET:
        raise TypeError("arange requires a stop value")
    start = 0 if given["start"] is _UNSET else given["start"]
    step = 1 if given["step"] is _UNSET else given["step"]
    stop = given["stop"]
    fail_for_dimension_mismatch(start, stop, f"arange: start value {start} and stop value "
                                             f"{stop} must have the same units")
    fail_for_dimension_mismatch(stop, step, f"arange: stop value {stop} and step value {step} "
                                            f"must have the same units")
    dims = [get_dimensions(v) for v in (start, stop, step)]
    dim = next((d for d in dims if d is not DIMENSIONLESS), DIMENSIONLESS)
    result = np.arange(*(np.asarray(v) if get_dimensions(v) is not DIMENSIONLESS else v
                         for v in (start, stop, step)), dtype=dtype, **kwds)
    return result if dim is DIMENSIONLESS else Quantity.with_dimensions(result, dim)
