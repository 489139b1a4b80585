"""``exponential_euler``: for conditionally linear equations.

Each equation has the form ``dx/dt = A*x + B`` with ``A`` and ``B`` free of ``x``
(they may depend on the other variables and on ``t``).  Over one step they are
held fixed and ``x_new = -B/A + (x + B/A)*exp(A*dt)``.  Deterministic only.  As
in Brian2, an equation that does not depend on its own variable (``A == 0``)
gets an Euler step ``x + dt*B``.
"""
import sympy

from ..errors import UnsupportedEquationsError
from .base import DT, StateUpdateMethod, finalize, noise_symbols, register_method

__all__ = ["ExponentialEulerStateUpdater", "exponential_euler", "get_conditionally_linear_system"]


def get_conditionally_linear_system(diff_eqs):
    """``{var: (A, B)}`` with ``dvar/dt = A*var + B``; raises
    `UnsupportedEquationsError` if an equation is not conditionally linear."""
    system = {}
    for var, expr in diff_eqs.items():
        expr = sympy.sympify(expr)
        x = sympy.Symbol(var, real=True)
        if x not in expr.free_symbols:
            system[var] = (sympy.Integer(0), expr)
            continue
        A = sympy.diff(expr, x)
        if x in A.free_symbols or A.has(sympy.Derivative, sympy.Subs):
            raise UnsupportedEquationsError(
                f"the equation for '{var}' (d{var}/dt = {expr}) is not linear in '{var}' "
                "(this method needs conditionally linear equations)")
        B = expr.xreplace({x: sympy.Integer(0)})
        if x in B.free_symbols or B.has(sympy.zoo, sympy.nan):
            raise UnsupportedEquationsError(
                f"the equation for '{var}' (d{var}/dt = {expr}) could not be separated "
                "into linear components")
        system[var] = (A, B)
    return system


class ExponentialEulerStateUpdater(StateUpdateMethod):
    """Exponential Euler for conditionally linear equations (deterministic)."""

    def _check(self, diff_eqs):
        xis = noise_symbols(diff_eqs)
        if xis:
            raise UnsupportedEquationsError(
                "the equations are stochastic (they use "
                f"{', '.join(str(x) for x in xis)}) and this method only integrates "
                "deterministic equations")
        return get_conditionally_linear_system(diff_eqs)

    def _apply(self, diff_eqs):
        system = get_conditionally_linear_system(diff_eqs)
        statements, new_values = [], []
        for var, (A, B) in system.items():
            x = sympy.Symbol(var, real=True)
            if A == 0:
                new_values.append((var, x + DT * B))
            elif B == 0:
                new_values.append((var, x * sympy.exp(A * DT)))
            else:
                ba = sympy.Symbol(f"_BA_{var}", real=True)
                statements.append((ba.name, B / A))
                new_values.append((var, -ba + (x + ba) * sympy.exp(A * DT)))
        return statements + finalize(new_values)


exponential_euler = ExponentialEulerStateUpdater()
register_method("exponential_euler", exponential_euler)
