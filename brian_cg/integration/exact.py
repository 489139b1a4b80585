"""``exact``: the analytic solution of linear systems with constant coefficients.

``dX/dt = M X + c`` where ``M`` and ``c`` do not depend on the state variables
and are constant over a time step (no ``t``, except as the argument of a
TimedArray-like function; no ``rand()``).  As in Brian2, the system needs a
fixed point (``M`` invertible) and a real-valued solution; otherwise the method
reports that it cannot integrate the equations (and the automatic choice moves
on to ``euler``).

The one-dimensional case ``dx/dt = a*x + b`` (and systems whose matrix is
diagonal) uses the closed form ``x_new = -b/a + (x + b/a)*exp(a*dt)`` directly;
coupled systems use sympy's matrix exponential.
"""
import sympy

from ..errors import UnsupportedEquationsError
from .base import (
    DT,
    StateUpdateMethod,
    finalize,
    is_constant_over_dt,
    register_method,
    require_deterministic,
)

__all__ = ["LinearStateUpdater", "exact", "get_linear_system", "linear"]

_DT_POS = sympy.Symbol("dt", positive=True)


def get_linear_system(diff_eqs):
    """``(names, M, c)`` with ``d(names)/dt = M*names + c``; raises
    `UnsupportedEquationsError` if the system is not linear in its variables."""
    names = list(diff_eqs)
    syms = [sympy.Symbol(v, real=True) for v in names]
    sset = set(syms)
    n = len(names)
    M = sympy.zeros(n, n)
    c = sympy.zeros(n, 1)
    for i, (var, expr) in enumerate(diff_eqs.items()):
        expr = sympy.sympify(expr)
        present = expr.free_symbols & sset
        for j, s in enumerate(syms):
            if s not in present:
                continue
            coeff = sympy.diff(expr, s)
            if coeff.free_symbols & sset or coeff.has(sympy.Derivative, sympy.Subs):
                raise UnsupportedEquationsError(
                    f"the equation for '{var}' (d{var}/dt = {expr}) is not linear in '{s}'")
            M[i, j] = coeff
        rest = expr.xreplace({s: sympy.Integer(0) for s in present}) if present else expr
        if rest.free_symbols & sset or rest.has(sympy.zoo, sympy.nan):
            raise UnsupportedEquationsError(
                f"the equation for '{var}' (d{var}/dt = {expr}) could not be separated into "
                "linear components")
        c[i] = rest
    return names, M, c


def _closed_form_1d(x, a, b):
    """Solution of ``dx/dt = a*x + b`` after ``dt``."""
    e = sympy.exp(a * DT)
    if b == 0:
        return x * e
    ba = sympy.cancel(b / a)
    return -ba + (x + ba) * e


class LinearStateUpdater(StateUpdateMethod):
    """Exact integration of linear systems with constant coefficients."""

    def _analyse(self, diff_eqs):
        require_deterministic(diff_eqs)
        names, M, c = get_linear_system(diff_eqs)
        for entry in list(M) + list(c):
            if not is_constant_over_dt(entry):
                raise UnsupportedEquationsError(
                    f"the expression '{entry}' is not guaranteed to be constant over a time step "
                    "(it depends on t or on a random function)")
        n = len(names)
        diagonal = all(M[i, j] == 0 for i in range(n) for j in range(n) if i != j)
        if diagonal:
            for i, var in enumerate(names):
                if M[i, i] == 0:
                    raise UnsupportedEquationsError(
                        f"the equation for '{var}' does not depend on '{var}' (no fixed point; "
                        "use 'euler', which is exact for it)")
        else:
            if M.det(method="berkowitz").equals(0):
                raise UnsupportedEquationsError(
                    "the linear system has no unique fixed point (singular matrix)")
        return names, M, c, diagonal

    def _check(self, diff_eqs):
        self._analyse(diff_eqs)

    def __call__(self, diff_eqs):
        diff_eqs = {k: sympy.sympify(v) for k, v in diff_eqs.items()}
        if not diff_eqs:
            return []
        names, M, c, diagonal = self._analyse(diff_eqs)
        return self._solve(names, M, c, diagonal)

    def _apply(self, diff_eqs):  # pragma: no cover - __call__ is overridden
        return self._solve(*self._analyse(diff_eqs))

    def _solve(self, names, M, c, diagonal):
        syms = [sympy.Symbol(v, real=True) for v in names]
        n = len(names)
        if diagonal:
            new_values = [(names[i], _closed_form_1d(syms[i], M[i, i], c[i])) for i in range(n)]
            return finalize(new_values)
        try:
            b = M.LUsolve(c)  # M*b = c, the fixed point is -b
        except (ValueError, ZeroDivisionError, NotImplementedError) as ex:
            raise UnsupportedEquationsError(f"cannot solve the linear system ({ex})") from None
        try:
            A = (M * _DT_POS).exp()
        except (NotImplementedError, ValueError, sympy.MatrixError) as ex:
            raise UnsupportedEquationsError(
                f"sympy cannot compute the matrix exponential ({ex})") from None
        A = A.applyfunc(lambda e: sympy.factor_terms(sympy.cancel(sympy.signsimp(e))))
        A = A.xreplace({_DT_POS: DT})
        X = sympy.Matrix(syms)
        updates = A * X + (A * b - b)
        new_values = []
        for var, rhs in zip(names, updates):
            if rhs.has(sympy.I, sympy.re, sympy.im):
                raise UnsupportedEquationsError(
                    "the solution of the linear system has complex values (oscillating "
                    "solutions are not supported, as in Brian2)")
            new_values.append((var, rhs))
        return finalize(new_values)


exact = LinearStateUpdater()
linear = exact
register_method("exact", exact)
register_method("linear", exact)
