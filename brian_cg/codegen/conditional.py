"""Conditional writes: ``(unless refractory)`` variables only change while not refractory.

As in Brian, every code that writes such a variable (synaptic ``v_post += w``,
``run_regularly``, ``G.v = '...'``, PoissonInput) leaves it unchanged for refractory
elements; the state updater and the reset are the exceptions (they handle refractoriness
themselves). The transformation is on abstract code, so every target inherits it.
"""
import sympy

from .statements import Statement

__all__ = ["apply_conditional_writes"]


def _base(var):
    return getattr(var, "viewed", None) or var


def _condition_name(var, variables):
    """The name under which ``variables`` sees the condition of ``var``'s conditional write,
    through the same index (e.g. 'not_refractory_post' for 'v_post'), or None."""
    condition = getattr(_base(var), "conditional_write", None)
    if condition is None:
        return None
    index = getattr(var, "index", None)
    for name, candidate in variables.items():
        if _base(candidate) is condition and getattr(candidate, "index", None) == index:
            return name
    return None


def apply_conditional_writes(statements, variables):
    """``x = expr`` -> ``x = expr if condition else x`` for conditionally written ``x``."""
    result = []
    for s in statements:
        var = variables.get(s.var)
        cond = _condition_name(var, variables) if var is not None else None
        if cond is None:
            result.append(s)
            continue
        s = s.as_assignment()
        old = sympy.Symbol(s.var, real=True)
        expr = sympy.Piecewise((s.expr, sympy.Symbol(cond, real=True)), (old, True))
        result.append(Statement(s.var, "=", expr, s.comment))
    return result
