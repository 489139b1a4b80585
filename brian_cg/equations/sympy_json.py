"""Sympy expressions as JSON-compatible data, and back, through a whitelist.

Used by the on-disk cache of symbolic work: what is read back can only build the
sympy objects named here (numbers, real symbols, arithmetic, comparisons, logic and
the built-in functions), so a cache entry can never run code. A tree is rebuilt with
``func(*args)``, which sympy guarantees gives back an equal expression.
"""
import re

import sympy

from .functions import BUILTIN_FUNCTIONS, Clip, Exprel, IntCast, Rand, Randn, Timestep

__all__ = ["from_json", "to_json"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MAX_DIGITS = 5000  # integers in a cached expression are far smaller; refuse absurd ones


def _whitelist():
    classes = [sympy.Add, sympy.Mul, sympy.Pow, sympy.Mod, sympy.Min, sympy.Max,
               sympy.Piecewise, sympy.functions.elementary.piecewise.ExprCondPair,
               sympy.StrictLessThan, sympy.LessThan, sympy.StrictGreaterThan,
               sympy.GreaterThan, sympy.Equality, sympy.Unequality, sympy.And, sympy.Or,
               sympy.Not, sympy.exp, sympy.log, Clip, Exprel, IntCast, Rand, Randn, Timestep]
    classes += [f.sympy_func for f in BUILTIN_FUNCTIONS.values() if isinstance(f.sympy_func, type)]
    return {cls.__name__: cls for cls in classes}


_CLASSES = _whitelist()
_SINGLETONS = {"pi": sympy.pi, "E": sympy.E, "oo": sympy.oo, "-oo": -sympy.oo,
               "nan": sympy.nan, "zoo": sympy.zoo, "true": sympy.true, "false": sympy.false}
_SINGLETON_NAMES = {v: k for k, v in _SINGLETONS.items()}


class UnsupportedExpression(ValueError):
    """The expression holds an object the whitelist does not cover."""


def to_json(expr):
    """``expr`` as nested lists of strings, numbers and dicts (for ``json.dumps``).

    Raises
    ------
    UnsupportedExpression
        For objects outside the whitelist (the caller then does not cache).
    """
    expr = sympy.sympify(expr)
    if expr.is_Atom and expr in _SINGLETON_NAMES:
        return [_SINGLETON_NAMES[expr]]
    if isinstance(expr, sympy.Integer):
        return ["Integer", str(int(expr))]
    if isinstance(expr, sympy.Rational):
        return ["Rational", str(expr.p), str(expr.q)]
    if isinstance(expr, sympy.Float):
        sign, man, exp, bc = expr._mpf_
        return ["Float", sign, str(int(man)), exp, bc, expr._prec]
    if type(expr) is sympy.Symbol:
        return ["Symbol", expr.name, {k: v for k, v in sorted(expr.assumptions0.items())
                                      if isinstance(v, bool)}]
    if isinstance(type(expr), sympy.core.function.UndefinedFunction):
        return ["Function", type(expr).__name__, *[to_json(a) for a in expr.args]]
    name = type(expr).__name__
    if _CLASSES.get(name) is not type(expr):
        raise UnsupportedExpression(f"cannot store a '{name}' object")
    return [name, *[to_json(a) for a in expr.args]]


def _int(text):
    if not isinstance(text, str) or len(text) > _MAX_DIGITS or not re.fullmatch(r"-?[0-9]+", text):
        raise ValueError(f"not an integer: {text!r}")
    return int(text)


def _name(text):
    if not isinstance(text, str) or not _IDENTIFIER.match(text) or text.startswith("__"):
        raise ValueError(f"not a valid name: {text!r}")
    return text


def from_json(data):
    """The sympy expression of ``to_json``'s output.

    Raises
    ------
    ValueError
        For anything ``to_json`` does not produce (a corrupt or foreign entry).
    """
    if not isinstance(data, list) or not data or not isinstance(data[0], str):
        raise ValueError("malformed expression")
    tag, rest = data[0], data[1:]
    if tag in _SINGLETONS and not rest:
        return _SINGLETONS[tag]
    if tag == "Integer" and len(rest) == 1:
        return sympy.Integer(_int(rest[0]))
    if tag == "Rational" and len(rest) == 2:
        return sympy.Rational(_int(rest[0]), _int(rest[1]))
    if tag == "Float" and len(rest) == 5:
        sign, man, exp, bc, prec = rest
        if not (sign in (0, 1) and all(type(x) is int for x in (exp, bc, prec))
                and 0 < prec <= 10000 and abs(exp) < 10**6):
            raise ValueError("malformed float")
        return sympy.Float((sign, _int(man), exp, bc), precision=prec)
    if tag == "Symbol" and len(rest) == 2 and isinstance(rest[1], dict):
        assumptions = {_name(k): v for k, v in rest[1].items() if isinstance(v, bool)}
        return sympy.Symbol(_name(rest[0]), **assumptions)
    if tag == "Function" and rest:
        return sympy.Function(_name(rest[0]))(*[from_json(a) for a in rest[1:]])
    cls = _CLASSES.get(tag)
    if cls is None:
        raise ValueError(f"'{tag}' is not an allowed expression type")
    return cls(*[from_json(a) for a in rest])
