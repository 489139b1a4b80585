"""Abstract code: an ordered list of assignments with sympy right-hand sides.

This is the target-neutral form that integration schemes, resets and
variable-setting produce, and that every target's generator consumes.
"""
import re
from dataclasses import dataclass

import sympy

__all__ = ["RANDOM_FUNCTIONS", "Statement", "comment_text", "free_names", "number_random_calls"]

RANDOM_FUNCTIONS = ("Rand", "Randn")

# What a comment of generated code may hold: Brian syntax and prose, never a backslash
# (a C++ line continuation), '?' (trigraphs), control characters or a line break.
_COMMENT_UNSAFE = re.compile(r"[^A-Za-z0-9_ +\-*/%<>=!().,:;'\"\[\]{}&|^~@$]")


def comment_text(text):
    """``text`` (which names user code) made safe for one comment line of generated code:
    the user's own comments (``# ...``) removed, lines joined with ``'; '``, and every
    character outside a small set of safe ones replaced by a space."""
    if not text:
        return ""
    parts = [line.split("#", 1)[0].strip() for line in str(text).splitlines()]
    joined = "; ".join(p for p in parts if p)
    return " ".join(_COMMENT_UNSAFE.sub(" ", joined).split())


@dataclass
class Statement:
    """``var op expr``; ``op`` is ``'='`` or an in-place operator such as ``'+='``.

    ``comment`` names the user's equation or statement the line came from; ``written`` is
    the expression as the user wrote it, before sympy's simplifications (``0*mV`` is still
    a product with a unit), on which units are checked; None for generated code.
    """

    var: str
    op: str
    expr: sympy.Basic
    comment: str = ""
    written: sympy.Basic = None

    def __post_init__(self):
        # generated code puts the comment on one line, with nothing that could end or
        # continue the comment there: user text reaches the source only through here
        self.comment = comment_text(self.comment)

    def as_assignment(self):
        """The same statement with ``op`` folded into ``=`` (``v += w`` -> ``v = v + w``)."""
        if self.op == "=":
            return self
        v = sympy.Symbol(self.var, real=True)
        combine = {
            "+=": lambda: v + self.expr,
            "-=": lambda: v - self.expr,
            "*=": lambda: v * self.expr,
            "/=": lambda: v / self.expr,
        }[self.op]
        return Statement(self.var, "=", combine(), self.comment)


def free_names(expr):
    """Names of the symbols and of the called user functions in ``expr``."""
    names = {s.name for s in expr.free_symbols}
    for f in expr.atoms(sympy.Function):
        if isinstance(type(f), sympy.core.function.UndefinedFunction):
            names.add(type(f).__name__)
    return names


def number_random_calls(exprs):
    """Replace each ``Rand(k)``/``Randn(k)`` by ``Rand(n)`` with call sites numbered 0, 1, ...

    The parser gives every call a process-unique ``k`` so that two calls never merge;
    code generation needs small, reproducible numbers instead, because the call site
    is part of the random number's address (the same on every target).
    """
    counter = [0]
    out = []

    def renumber(e):
        if not e.args:
            return e
        if type(e).__name__ in RANDOM_FUNCTIONS:
            n = counter[0]
            counter[0] += 1
            return type(e)(sympy.Integer(n))
        new_args = [renumber(a) for a in e.args]
        return e.func(*new_args) if any(a is not b for a, b in zip(new_args, e.args)) else e

    for e in exprs:
        out.append(renumber(e))
    return out, counter[0]
