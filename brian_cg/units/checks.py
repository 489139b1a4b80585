"""The `check_units` decorator."""

import functools
import inspect
import numbers

import numpy as np

from ..errors import DimensionMismatchError
from .dimensions import DIMENSIONLESS, Dimension
from .quantity import Quantity, get_dimensions

__all__ = ["check_units"]


def _spec_dim(spec):
    if isinstance(spec, Dimension):
        return spec
    if isinstance(spec, Quantity):
        return spec.dim
    if isinstance(spec, numbers.Number) and not isinstance(spec, bool) and spec == 1:
        return DIMENSIONLESS
    return get_dimensions(spec)


def _shown(x):
    return str(x) if isinstance(x, Quantity) else repr(x)


def _unit_text(dim):
    from .text import unit_text

    return unit_text(dim)


def check_units(**au):
    """Check the physical dimensions of a function's arguments (and ``result``).

    ``@check_units(v=volt, I=amp, n=1, flag=bool, w='v', result=volt)``: an argument
    given as a unit or ``1`` must have that dimension; ``bool`` requires a boolean;
    a string requires the same dimensions as the named argument; ``None`` skips the
    check. ``result`` may also be a function of the argument dimensions. Arguments
    passed as ``None`` are not checked.
    """

    def do_check_units(f):
        sig = inspect.signature(f)
        arg_names = [
            p.name for p in sig.parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        ]

        @functools.wraps(f)
        def new_f(*args, **kwds):
            bound = sig.bind_partial(*args, **kwds)
            values = dict(bound.arguments)
            for p in sig.parameters.values():
                if p.kind is p.VAR_KEYWORD and p.name in values:
                    values.update(values.pop(p.name))
            for name, spec in au.items():
                if name == "result" or spec is None or name not in values:
                    continue
                value = values[name]
                if value is None or isinstance(value, str):
                    continue  # None: a default; a string names a variable (as in Brian)
                if spec is bool:
                    if not isinstance(value, (bool, np.bool_)):
                        raise TypeError(
                            f"Function '{f.__name__}' expected a boolean value for argument "
                            f"'{name}' but got '{value!r}'")
                    continue
                if isinstance(spec, str):
                    if spec not in values:
                        continue
                    expected = get_dimensions(values[spec])
                    got = get_dimensions(value)
                    if got is not expected:
                        raise DimensionMismatchError(
                            f"Function '{f.__name__}' expected argument '{name}' to have the "
                            f"same units as argument '{spec}', but got {_shown(value)} and "
                            f"{_shown(values[spec])}", got, expected)
                    continue
                if not isinstance(value, (Quantity, numbers.Number, np.ndarray, np.generic)):
                    try:
                        got = get_dimensions(value)
                    except TypeError:
                        raise TypeError(
                            f"Argument '{name}' of function '{f.__name__}' is not a unit-aware "
                            f"type: {value!r}")
                else:
                    got = get_dimensions(value)
                expected = _spec_dim(spec)
                if got is not expected:
                    raise DimensionMismatchError(
                        f"Function '{f.__name__}' expected a quantity with unit "
                        f"{_unit_text(expected)} for argument '{name}' but got "
                        f"'{_shown(value)}'", got, expected)
            result = f(*args, **kwds)
            if "result" in au and au["result"] is not None:
                spec = au["result"]
                if spec is bool:
                    if not isinstance(result, (bool, np.bool_)) and not (
                            isinstance(result, np.ndarray) and result.dtype == bool):
                        raise TypeError(
                            f"The return value of function '{f.__name__}' was expected to be "
                            f"a boolean value, but was of type {type(result)}")
                else:
                    if callable(spec) and not isinstance(spec, (Quantity, Dimension)):
                        spec = spec(*[get_dimensions(a) for a in args])
                    expected = _spec_dim(spec)
                    got = get_dimensions(result)
                    if got is not expected:
                        raise DimensionMismatchError(
                            f"The return value of function '{f.__name__}' was expected to have "
                            f"unit {_unit_text(expected)} but was '{_shown(result)}'",
                            got, expected)
            return result

        new_f._orig_func = f
        new_f._arg_names = arg_names
        new_f._orig_arg_names = arg_names  # read by declare_types above this decorator
        new_f._arg_units = [au.get(n) for n in arg_names]
        ret = au.get("result")
        new_f._return_unit = ret
        new_f._returns_bool = ret is bool
        return new_f

    return do_check_units
