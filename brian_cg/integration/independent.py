"""``independent``: each equation solved on its own by sympy (Brian's deprecated method).

For ``dx/dt = f(x, t)``, sympy's ``dsolve`` gives the general solution; the constant
is fixed by the value ``x`` at ``t``, and the step is the solution at ``t + dt``.
Other names in ``f`` (including other state variables) are taken as constants over
the step and the equations are updated one after the other, so an equation reads the
new values of those before it, as in Brian. Stochastic equations are refused.
"""
import logging

import sympy

from ..errors import UnsupportedEquationsError
from .base import DT, T, StateUpdateMethod, register_method, require_deterministic

__all__ = ["IndependentStateUpdater", "independent"]

logger = logging.getLogger("brian_cg.integration")

_T_POS = sympy.Symbol("t", real=True, positive=True)
_DT_POS = sympy.Symbol("dt", real=True, positive=True)
_T0 = sympy.Symbol("t0", real=True, positive=True)
_warned = []


def _solve_one(var, rhs):
    """``x(t + dt)`` of ``dx/dt = rhs`` in terms of ``x`` (at ``t``), ``t`` and ``dt``."""
    x = sympy.Symbol(var, real=True)
    f = sympy.Function(var)
    rhs = rhs.xreplace({T: _T_POS, DT: _DT_POS}).subs(x, f(_T_POS))
    equation = sympy.Eq(sympy.Derivative(f(_T_POS), _T_POS), rhs)
    try:
        try:
            general = sympy.dsolve(equation, f(_T_POS), simplify=True)
        except RuntimeError:
            general = sympy.dsolve(equation, f(_T_POS), simplify=False)
    except (NotImplementedError, ValueError) as ex:
        raise UnsupportedEquationsError(f"sympy cannot solve d{var}/dt = {rhs} ({ex})") from None
    if isinstance(general, list) or getattr(general, "lhs", None) != f(_T_POS):
        raise UnsupportedEquationsError(f"Cannot explicitly solve: {equation}")
    C1, C2 = sympy.Symbol("C1"), sympy.Symbol("C2")
    if general.has(C1):
        if general.has(C2):
            raise UnsupportedEquationsError(f"Too many constants in solution: {general}")
        constant = sympy.solve(general, C1)
        if len(constant) != 1:
            raise UnsupportedEquationsError(f"Couldn't solve for the constant C1 in : {general}")
        solution = general.rhs.subs(C1, constant[0].subs(_T_POS, _T0).subs(f(_T0), x))
    else:
        solution = general.rhs.subs(_T_POS, _T0).subs(f(_T0), x)
    solution = solution.subs(_T_POS, _T_POS + _DT_POS).subs(_T0, _T_POS)
    try:
        solution = solution.simplify()
    except ValueError:
        pass
    if solution.has(sympy.I, sympy.Integral):
        raise UnsupportedEquationsError(f"the solution of d{var}/dt = {rhs} is not an explicit "
                                        f"real expression: {solution}")
    return solution.xreplace({_T_POS: T, _DT_POS: DT})


class IndependentStateUpdater(StateUpdateMethod):
    """Brian's ``'independent'`` method: one-dimensional equations solved by sympy."""

    def _check(self, diff_eqs):
        require_deterministic(diff_eqs)

    def _apply(self, diff_eqs):
        if not _warned:
            _warned.append(True)
            logger.warning("The 'independent' state updater is deprecated and might be "
                           "removed in future versions of Brian.")
        # one after the other, as Brian: a later equation reads the new values of earlier ones
        return [(var, _solve_one(var, rhs)) for var, rhs in diff_eqs.items()]


independent = IndependentStateUpdater()
register_method("independent", independent)
