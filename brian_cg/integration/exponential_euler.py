"""``exponential_euler``: for conditionally linear equations.

Each equation has the form ``dx/dt = A*x + B`` after expanding and collecting the explicit
powers of ``x`` (as Brian does, ``A`` and ``B`` may depend on the other variables, on ``t``,
and on ``x`` inside functions).  Over one step they are
held fixed and ``x_new = -B/A + (x + B/A)*exp(A*dt)``.  Deterministic only.  As
in Brian2, an equation that does not depend on its own variable (``A == 0``)
gets an Euler step ``x + dt*B``.
"""
import sympy

from ..errors import UnsupportedEquationsError
from .base import DT, StateUpdateMethod, finalize, register_method, require_deterministic

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
        # As Brian: expand, then collect the explicit powers of x; A and B may still depend on
        # x inside functions (e.g. gating subexpressions of v) and are held fixed over a step.
        collected = sympy.collect(sympy.expand(expr), x, evaluate=False)
        if len(collected) > 2 or x not in collected or any(k not in (x, 1)
                                                            for k in collected):
            raise UnsupportedEquationsError(
                f"the equation for '{var}' (d{var}/dt = {expr}) could not be separated into "
                f"linear components A*{var} + B (this method needs conditionally linear "
                "equations)")
        A, B = collected[x], collected.get(1, sympy.Integer(0))
        if A.has(sympy.zoo, sympy.nan) or B.has(sympy.zoo, sympy.nan):
            raise UnsupportedEquationsError(
                f"the equation for '{var}' (d{var}/dt = {expr}) could not be separated "
                "into linear components")
        system[var] = (A, B)
    return system


class ExponentialEulerStateUpdater(StateUpdateMethod):
    """Exponential Euler for conditionally linear equations (deterministic)."""

    def _check(self, diff_eqs):
        require_deterministic(diff_eqs)
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
