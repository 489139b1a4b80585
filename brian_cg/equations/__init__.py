"""Equations, expressions and statements: parsing Brian syntax into sympy, unit checks.

Public API::

    Equations, SingleEquation, Expression
    parse_expression, parse_statements, str_to_sympy, sympy_to_str
    expression_dimensions, parse_as_written, parse_statements_as_written
    Clip, IntCast, Rand, Randn, Timestep, Exprel, BUILTIN_FUNCTIONS
"""
from .dimensions import expression_dimensions, parse_as_written, parse_statements_as_written
from .equations import (
                        DIFFERENTIAL_EQUATION,
                        PARAMETER,
                        SUBEXPRESSION,
                        Equations,
                        Expression,
                        SingleEquation,
                        is_noise_name,
)
from .functions import (
                        BUILTIN_FUNCTIONS,
                        BuiltinFunction,
                        Clip,
                        Exprel,
                        IntCast,
                        Rand,
                        Randn,
                        Timestep,
                        builtin_for,
)
from .parsing import (
                        get_identifiers,
                        parse_expression,
                        parse_statements,
                        str_to_sympy,
                        symbol,
                        sympy_to_str,
)

__all__ = [
                        "BUILTIN_FUNCTIONS",
                        "DIFFERENTIAL_EQUATION",
                        "PARAMETER",
                        "SUBEXPRESSION",
                        "BuiltinFunction",
                        "Clip",
                        "Equations",
                        "Exprel",
                        "Expression",
                        "IntCast",
                        "Rand",
                        "Randn",
                        "SingleEquation",
                        "Timestep",
                        "builtin_for",
                        "expression_dimensions",
                        "get_identifiers",
                        "is_noise_name",
                        "parse_as_written",
                        "parse_expression",
                        "parse_statements",
                        "parse_statements_as_written",
                        "str_to_sympy",
                        "symbol",
                        "sympy_to_str",
]
