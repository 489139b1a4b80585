"""Passes over abstract statements. Each is a plain function, testable alone."""
import sympy

from .statements import RANDOM_FUNCTIONS, Statement

__all__ = ["hoist_loop_invariants"]


def hoist_loop_invariants(statements, is_invariant_symbol, prefix="_lio_"):
    """Move subexpressions that do not change during a run out of the per-step code.

    ``exp(-dt/tau)`` costs a transcendental call per neuron and step when left in
    place; hoisted, it is computed once per run.

    Parameters
    ----------
    statements : list of Statement
    is_invariant_symbol : callable(str) -> bool
        True for names whose value is fixed for a whole run (external constants, ``dt``, ``N``).

    Returns
    -------
    (definitions, statements)
        ``definitions`` is a list of ``(name, expr)`` to evaluate once per run.
    """
    table = {}
    defs = []

    def name_for(expr):
        if expr not in table:
            name = f"{prefix}{len(table)}"
            table[expr] = name
            defs.append((name, expr))
        return sympy.Symbol(table[expr], real=True)

    def invariant(e):
        if e.is_Number or e in (sympy.true, sympy.false):
            return True
        if e.is_Symbol:
            return is_invariant_symbol(e.name)
        if isinstance(e, sympy.Function):
            if type(e).__name__ in RANDOM_FUNCTIONS:
                return False
            if isinstance(type(e), sympy.core.function.UndefinedFunction):
                return False  # user functions (TimedArray) may depend on time
        return all(invariant(a) for a in e.args)

    def worth_hoisting(e):
        return not (e.is_Symbol or e.is_Number) and not (e.is_Pow and e.exp == -1 and e.base.is_Symbol)

    def visit(e):
        if not e.args or e.is_Number:
            return e
        if invariant(e):
            return name_for(e) if worth_hoisting(e) else e
        if isinstance(e, (sympy.Add, sympy.Mul)):
            inv = [a for a in e.args if invariant(a)]
            var = [visit(a) for a in e.args if not invariant(a)]
            if len(inv) > 1 or (inv and worth_hoisting(inv[0])):
                part = e.func(*inv)
                inv = [name_for(part) if worth_hoisting(part) else part]
            return e.func(*(inv + var), evaluate=False)
        if isinstance(e, sympy.Piecewise):
            return sympy.Piecewise(*[(visit(x), visit(c) if c is not sympy.true else c)
                                     for x, c in e.args])
        return e.func(*[visit(a) for a in e.args])

    out = [Statement(s.var, s.op, visit(s.expr), s.comment) for s in statements]
    return defs, out
