"""Function classes of parsed expressions, and the table of built-in function names.

An expression's calls become sympy objects: sympy's own elementary functions
(``exp``, ``log``, ``sin``, ``Abs``, ``floor``...) and the classes defined here
(``Clip``, ``IntCast``, ``Rand``, ``Randn``, ``Timestep``, ``Exprel``). A call of
any other name becomes ``sympy.Function(name)(...)``; it is resolved against the
namespace later (a TimedArray, a user function).

Each built-in also knows the physical dimensions of its result given those of
its arguments (``BuiltinFunction.result_dimensions``).
"""
import itertools

import numpy as np
import sympy
from sympy.codegen.cfunctions import log10 as _sympy_log10

from ..errors import DimensionMismatchError
from ..units.text import unit_text

__all__ = [
    "BUILTIN_FUNCTIONS",
    "RANDOM_FUNCTION_CLASSES",
    "BuiltinFunction",
    "Clip",
    "Exprel",
    "IntCast",
    "PoissonSample",
    "Rand",
    "Randn",
    "Timestep",
    "binomial_expression",
    "builtin_for",
    "new_random_key",
]


class Clip(sympy.Function):
    """``clip(x, lo, hi)``: ``x`` limited to ``[lo, hi]``."""

    nargs = 3

    @classmethod
    def eval(cls, x, lo, hi):  # safe: sympy's Function.eval hook, not Python eval
        if x.is_Number and lo.is_Number and hi.is_Number:
            return sympy.Min(sympy.Max(x, lo), hi)
        return None


class IntCast(sympy.Function):
    """``int(x)``: truncation towards zero, as Python's ``int()``."""

    nargs = 1
    is_integer = True

    @classmethod
    def eval(cls, x):  # safe: sympy's Function.eval hook, not Python eval
        if x.is_Number and x.is_finite:
            return sympy.Integer(int(x))
        if isinstance(x, IntCast):
            return x
        return None


class Rand(sympy.Function):
    """``rand()``: a uniform random number in ``[0, 1)``.

    The single argument is a process-unique integer (``new_random_key()``), so that
    two calls never compare equal, merge or cancel.
    """

    nargs = 1
    is_real = True


class Randn(sympy.Function):
    """``randn()``: a standard normal random number (see ``Rand`` for the argument)."""

    nargs = 1
    is_real = True


class PoissonSample(sympy.Function):
    """``poisson(lam)``: a Poisson sample, computed from a uniform random number ``u``
    (the second argument, a ``Rand``) so that every target draws the same sample
    (see ``brian_cg/rng/poisson.py``)."""

    nargs = 2
    is_integer = True
    is_real = True


class Timestep(sympy.Function):
    """``timestep(t, dt)``: the integer time step of time ``t`` (robust to rounding)."""

    nargs = 2
    is_integer = True


class Exprel(sympy.Function):
    """``exprel(x) = (exp(x) - 1)/x``, with ``exprel(0) = 1``."""

    nargs = 1

    @classmethod
    def eval(cls, x):  # safe: sympy's Function.eval hook, not Python eval
        if x.is_zero:
            return sympy.Integer(1)
        return None


RANDOM_FUNCTION_CLASSES = (Rand, Randn)

_random_keys = itertools.count()


def binomial_expression(n, p, uniform, normal, approximate=True):
    """A sympy expression of a Binomial(n, p) sample from one uniform number ``uniform``
    (a symbol: it appears in several comparisons) or, with ``approximate`` where n*p and
    n*(1-p) exceed 5, Brian's normal approximation ``n*p + sqrt(n*p*(1-p))*normal``.

    The exact sample inverts the distribution function: a sum of ``uniform > F(k)``
    over the (precomputed) values F(k), so every target computes it from the same number.
    """
    if approximate and n * p > 5 and n * (1 - p) > 5:
        return n * p + np.sqrt(n * p * (1 - p)) * normal
    reverse = p > 0.5
    P = 1 - p if reverse else p
    q = 1 - P
    bound = int(min(n, n * P + 10 * np.sqrt(n * P * q + 1)))
    if P == 0:
        return sympy.Integer(n if reverse else 0)
    x = np.arange(bound + 1)
    # pmf(x) = C(n, x) P^x q^(n-x), in logs so that large n does not overflow
    logfact = np.concatenate(([0.0], np.log(np.arange(1, n + 1)).cumsum()))
    pmf = np.exp(logfact[n] - logfact[x] - logfact[n - x] + x * np.log(P) + (n - x) * np.log(q))
    cdf = np.cumsum(pmf)
    count = sympy.Add(*[sympy.Piecewise((1, uniform > sympy.Float(c, 17)), (0, True))
                        for c in cdf[:-1] if c < 1])
    return n - count if reverse else count


def new_random_key():
    """A process-unique integer for a ``Rand``/``Randn`` call site."""
    return sympy.Integer(next(_random_keys))


# --------------------------------------------------------------------------- dimension rules
def _dimensionless():
    from ..units import DIMENSIONLESS

    return DIMENSIONLESS


def _require_dimensionless(name, arg_dims, arg_texts):
    dl = _dimensionless()
    for d, text in zip(arg_dims, arg_texts):
        if d is not dl:
            raise DimensionMismatchError(
                f"The argument '{text}' of the function '{name}' must be dimensionless, "
                f"but has unit {unit_text(d)}", d)
    return dl


def _rule_dimensionless(name, arg_dims, arg_texts):
    return _require_dimensionless(name, arg_dims, arg_texts)


def _rule_same(name, arg_dims, arg_texts):
    return arg_dims[0]


def _rule_sign(name, arg_dims, arg_texts):
    return _dimensionless()


def _rule_sqrt(name, arg_dims, arg_texts):
    return arg_dims[0] ** 0.5


def _rule_all_equal(name, arg_dims, arg_texts):
    first = arg_dims[0]
    for d, text in zip(arg_dims[1:], arg_texts[1:]):
        if d is not first:
            raise DimensionMismatchError(
                f"The arguments of the function '{name}' must all have the same units, but "
                f"'{arg_texts[0]}' has unit {unit_text(first)} and '{text}' has unit "
                f"{unit_text(d)}", first, d)
    return first


def _rule_no_args(name, arg_dims, arg_texts):
    return _dimensionless()


def _rule_timestep(name, arg_dims, arg_texts):
    second = _second_dim()
    for d, text in zip(arg_dims, arg_texts):
        if d is not second:
            raise DimensionMismatchError(
                f"The arguments of the function 'timestep' must be times, but '{text}' has "
                f"unit {unit_text(d)}", d, second)
    return _dimensionless()


def _second_dim():
    from ..units import get_dimensions, unit_namespace

    return get_dimensions(unit_namespace()["second"])


class BuiltinFunction:
    """A built-in function: its user-facing name, sympy class, argument count, unit rule.

    ``make(*args)`` builds the sympy expression of a call; ``result_dimensions(arg_dims)``
    gives the dimensions of the result (raising ``DimensionMismatchError``).
    """

    def __init__(self, name, sympy_func, nargs, rule, make=None):
        self.name = name
        self.sympy_func = sympy_func
        self.nargs = nargs
        self.rule = rule
        self._make = make

    def make(self, *args):
        if self._make is not None:
            return self._make(*args)
        return self.sympy_func(*args)

    def result_dimensions(self, arg_dims, arg_texts=None):
        if arg_texts is None:
            arg_texts = [f"argument {i + 1}" for i in range(len(arg_dims))]
        return self.rule(self.name, list(arg_dims), list(arg_texts))

    def __repr__(self):
        return f"<built-in function {self.name}>"


def _fn(name, sympy_func, nargs, rule, make=None):
    return BuiltinFunction(name, sympy_func, nargs, rule, make)


#: User-facing name -> BuiltinFunction (as Brian2's DEFAULT_FUNCTIONS, less expm1/log1p).
BUILTIN_FUNCTIONS = {
    f.name: f for f in [
        _fn("exp", sympy.exp, 1, _rule_dimensionless),
        _fn("log", sympy.log, 1, _rule_dimensionless, make=lambda x: sympy.log(x)),
        _fn("log10", _sympy_log10, 1, _rule_dimensionless),
        _fn("sqrt", sympy.sqrt, 1, _rule_sqrt),
        _fn("sin", sympy.sin, 1, _rule_dimensionless),
        _fn("cos", sympy.cos, 1, _rule_dimensionless),
        _fn("tan", sympy.tan, 1, _rule_dimensionless),
        _fn("sinh", sympy.sinh, 1, _rule_dimensionless),
        _fn("cosh", sympy.cosh, 1, _rule_dimensionless),
        _fn("tanh", sympy.tanh, 1, _rule_dimensionless),
        _fn("arcsin", sympy.asin, 1, _rule_dimensionless),
        _fn("arccos", sympy.acos, 1, _rule_dimensionless),
        _fn("arctan", sympy.atan, 1, _rule_dimensionless),
        _fn("abs", sympy.Abs, 1, _rule_same),
        _fn("floor", sympy.floor, 1, _rule_same),
        _fn("ceil", sympy.ceiling, 1, _rule_same),
        _fn("sign", sympy.sign, 1, _rule_sign),
        _fn("clip", Clip, 3, _rule_all_equal),
        _fn("int", IntCast, 1, _rule_dimensionless),
        _fn("rand", Rand, 0, _rule_no_args, make=lambda: Rand(new_random_key())),
        _fn("randn", Randn, 0, _rule_no_args, make=lambda: Randn(new_random_key())),
        _fn("exprel", Exprel, 1, _rule_dimensionless),
        _fn("poisson", PoissonSample, 1, _rule_dimensionless,
            make=lambda lam: PoissonSample(lam, Rand(new_random_key()))),
        _fn("timestep", Timestep, 2, _rule_timestep),
    ]
}

# sympy class -> BuiltinFunction, for dimension checks of parsed (and transformed) expressions.
_BY_CLASS = {f.sympy_func: f for f in BUILTIN_FUNCTIONS.values()}
_BY_CLASS[Rand] = BUILTIN_FUNCTIONS["rand"]
_BY_CLASS[Randn] = BUILTIN_FUNCTIONS["randn"]
# Functions sympy may produce itself when simplifying (Min/Max from Clip on numbers).
_BY_CLASS[sympy.Min] = _fn("minimum", sympy.Min, None, _rule_all_equal)
_BY_CLASS[sympy.Max] = _fn("maximum", sympy.Max, None, _rule_all_equal)


def builtin_for(func_class):
    """The BuiltinFunction for a sympy function class, or None (e.g. user functions)."""
    for cls in func_class.__mro__:
        f = _BY_CLASS.get(cls)
        if f is not None:
            return f
    return None
