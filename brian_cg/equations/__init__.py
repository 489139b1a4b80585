"""Equations, expressions and statements: parsing Brian syntax into sympy, unit checks.

Public API::

    Equations, SingleEquation, Expression
    parse_expression, parse_statements, str_to_sympy, sympy_to_str
    expression_dimensions
    Clip, IntCast, Rand, Randn, Timestep, Exprel, BUILTIN_FUNCTIONS
"""
from .functions import (BUILTIN_FUNCTIONS, Clip, Exprel, IntCast, Rand, Randn, Timestep,
                        BuiltinFunction, builtin_for)
from .parsing import (get_identifiers, parse_expression, parse_statements, str_to_sympy,
                      sympy_to_str, symbol)
from .dimensions import expression_dimensions
from .equations import (DIFFERENTIAL_EQUATION, PARAMETER, SUBEXPRESSION, Equations,
                        Expression, SingleEquation, is_noise_name)

__all__ = [
    "Equations", "SingleEquation", "Expression",
    "DIFFERENTIAL_EQUATION", "SUBEXPRESSION", "PARAMETER", "is_noise_name",
    "parse_expression", "parse_statements", "str_to_sympy", "sympy_to_str", "symbol",
    "get_identifiers", "expression_dimensions",
    "Clip", "IntCast", "Rand", "Randn", "Timestep", "Exprel", "BUILTIN_FUNCTIONS",
    "BuiltinFunction", "builtin_for",
]
