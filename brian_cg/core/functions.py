"""User functions in model strings: ``Function`` and the ``implementation`` decorator.

A Python function decorated with ``@check_units`` (or wrapped in ``Function`` with
``arg_units``/``return_unit``) can be called from equations on the numpy target: it receives
quantities (or plain values with ``discard_units=True``) and its result's units are checked.
"""
import numpy as np

from ..units import DIMENSIONLESS, Quantity, get_dimensions

__all__ = ["Function", "exprel", "implementation", "timestep"]


def _dim(unit):
    if unit is None or unit is bool or unit == 1:
        return DIMENSIONLESS
    return get_dimensions(unit)


class Function:
    """A function usable in model strings (Brian's ``Function``)."""

    def __init__(self, pyfunc, arg_units=None, return_unit=None, arg_types=None,
                 return_type=None, stateless=True, auto_vectorise=None):
        self.pyfunc = pyfunc
        if arg_units is None:
            arg_units = getattr(pyfunc, "_arg_units", None)
        if return_unit is None:
            return_unit = getattr(pyfunc, "_return_unit", None)
        self._arg_units = arg_units
        self._return_unit = return_unit
        self.stateless = stateless
        self.implementations = {}
        self.__name__ = getattr(pyfunc, "__name__", "function")

    def result_dimensions(self, arg_dims):
        if self._arg_units is not None:
            from ..errors import DimensionMismatchError

            if len(arg_dims) != len(self._arg_units):
                raise TypeError(f"Function '{self.__name__}' takes {len(self._arg_units)} "
                                f"arguments, got {len(arg_dims)}")
            for k, (d, u) in enumerate(zip(arg_dims, self._arg_units)):
                if u is not None and d is not _dim(u):
                    raise DimensionMismatchError(
                        f"Argument {k + 1} of function '{self.__name__}' has wrong units",
                        d, _dim(u))
        ret = self._return_unit
        if callable(ret) and not isinstance(ret, Quantity):
            return _dim(ret(*[Quantity.with_dimensions(1, d) for d in arg_dims]))
        return _dim(ret)

    def numpy_implementation(self, owner):
        impl = self.implementations.get("numpy")
        if impl is not None:
            func, discard_units = impl
            if discard_units:
                return func
            return self._with_units(func)
        return self._with_units(self.pyfunc)

    def _with_units(self, func):
        arg_dims = [_dim(u) for u in (self._arg_units or [])]

        def call(*args):
            if arg_dims:
                args = [a if d is DIMENSIONLESS else Quantity.with_dimensions(a, d)
                        for a, d in zip(args, arg_dims)]
            return np.asarray(func(*args))

        return call

    def __call__(self, *args, **kwds):
        return self.pyfunc(*args, **kwds)


def implementation(target, code=None, namespace=None, discard_units=None, name=None,
                   dependencies=None, availability_check=None, compiler_kwds=None):
    """Decorator adding a target implementation to a function (numpy: a Python function)."""

    def decorate(func):
        f = func if isinstance(func, Function) else Function(func)
        if target == "numpy":
            f.implementations["numpy"] = (func if code is None else code,
                                          bool(discard_units))
        else:
            f.implementations[target] = code
        return f

    return decorate


def exprel(x):
    """(exp(x) - 1)/x, with the limit 1 at x = 0 (for use from Python)."""
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.abs(x) < 1e-16, 1.0, np.expm1(x) / x)
    return out if out.ndim else float(out)


def timestep(t, dt):
    """The integer time step of time ``t`` (Brian's ``brian2.core.functions.timestep``).

    ``t`` is shifted by a thousandth of a step before dividing, so that multiples of ``dt``
    do not fall into the step before through rounding. Returns an int, or an int64 array.
    """
    steps = np.array(np.asarray((t + 1e-3 * dt) / dt, dtype=float), dtype=np.int64)
    return steps.item() if steps.shape == () else steps
