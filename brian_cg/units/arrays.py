"""Unit-aware versions of numpy array constructors that Brian scripts call with quantities."""
import numpy as np

from .dimensions import DIMENSIONLESS
from .quantity import Quantity, fail_for_dimension_mismatch, get_dimensions

__all__ = ["arange"]


def arange(*args, **kwds):
    """``numpy.arange`` keeping units: ``arange(0*ms, 10*ms, 2*ms)`` -> ``[0, 2, 4, 6, 8] ms``.

    All of start, stop and step must have the same units (a plain number 0 goes with any).
    """
    values = list(args) + [kwds.pop(k) for k in ("start", "stop", "step") if k in kwds]
    dims = {get_dimensions(v) for v in values
            if not (get_dimensions(v) is DIMENSIONLESS and np.all(np.asarray(v) == 0))}
    if len(dims) > 1:
        fail_for_dimension_mismatch(values[0], values[1], "arange: start, stop and step must "
                                                          "have the same units")
    result = np.arange(*[np.asarray(v, dtype=float) if get_dimensions(v) is not DIMENSIONLESS
                         else v for v in args], **kwds)
    dim = dims.pop() if dims else DIMENSIONLESS
    return result if dim is DIMENSIONLESS else Quantity.with_dimensions(result, dim)
