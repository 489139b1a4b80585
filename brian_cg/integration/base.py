"""Common machinery of the integration schemes: the method base class, the
registry of named methods and helpers to analyse a system of differential
equations. The entry point, ``integrate``, is in ``choice.py``.

A system is given as ``diff_eqs: dict[str, sympy.Expr]`` (variable name ->
right-hand side, subexpressions already substituted).  Identifiers are
``sympy.Symbol(name, real=True)``, as are ``t`` and ``dt``; the noise symbols
are ``xi`` and ``xi_<name>`` (standard normal samples, one per step and
neuron; a scheme multiplies them by ``dt**0.5`` itself).
"""
import sympy
from sympy.core.function import AppliedUndef

from ..equations.functions import RANDOM_FUNCTION_CLASSES
from ..errors import UnsupportedEquationsError

__all__ = [
    "DEFAULT_METHODS",
    "DT",
    "StateUpdateMethod",
    "T",
    "finalize",
    "format_equations",
    "get_method",
    "is_constant_over_dt",
    "method_names",
    "noise_symbols",
    "register_method",
    "split_stochastic",
]

#: the symbols ``t`` and ``dt`` as they appear in expressions
T = sympy.Symbol("t", real=True)
DT = sympy.Symbol("dt", real=True)

#: the methods tried in order when none is given (as in Brian2)
DEFAULT_METHODS = ("exact", "euler", "heun")


# --------------------------------------------------------------------------- analysis helpers
def _is_noise_name(name):
    return name == "xi" or name.startswith("xi_")


def require_deterministic(diff_eqs):
    """Raise UnsupportedEquationsError if the system uses noise (for deterministic methods)."""
    xis = noise_symbols(diff_eqs)
    if xis:
        raise UnsupportedEquationsError(
            "the equations are stochastic (they use "
            f"{', '.join(str(x) for x in xis)}) and this method only integrates "
            "deterministic equations")


def noise_symbols(diff_eqs):
    """The noise symbols (``xi``, ``xi_<name>``) used in the system, sorted by name."""
    found = set()
    for expr in diff_eqs.values():
        for s in sympy.sympify(expr).free_symbols:
            if isinstance(s, sympy.Symbol) and _is_noise_name(s.name):
                found.add(s)
    return sorted(found, key=lambda s: s.name)


def split_stochastic(diff_eqs):
    """Split every right-hand side into ``f + sum_j g_j * xi_j``.

    Returns ``(f, g, xis)``: ``f[var]`` the deterministic part, ``g[var][xi]``
    the factor of each noise symbol ``xi`` (only non-zero ones), ``xis`` the
    sorted noise symbols.  Raises `UnsupportedEquationsError` if a noise symbol
    does not enter linearly.
    """
    xis = noise_symbols(diff_eqs)
    f, g = {}, {}
    zero = {xi: sympy.Integer(0) for xi in xis}
    for var, expr in diff_eqs.items():
        expr = sympy.sympify(expr)
        g[var] = {}
        if not xis or not (expr.free_symbols & set(xis)):
            f[var] = expr
            continue
        f[var] = expr.xreplace(zero) if xis else expr
        for xi in xis:
            if not expr.has(xi):
                continue
            coeff = sympy.diff(expr, xi)
            if coeff.free_symbols & set(xis):
                raise UnsupportedEquationsError(
                    f"The noise term '{xi}' enters the equation for '{var}' non-linearly "
                    f"(d{var}/dt = {expr}); noise must appear as '... + g*{xi}'.")
            if coeff != 0:
                g[var][xi] = coeff
    return f, g, xis


def _is_random_function(e):
    return isinstance(e, RANDOM_FUNCTION_CLASSES)


def is_constant_over_dt(expr):
    """Whether ``expr`` can be considered constant over one time step.

    It is not if it contains ``t`` (except as the direct argument of an
    undefined function such as a ``TimedArray``, which is taken to be constant
    over a step, as Brian2 does for a TimedArray whose dt matches), or a call to
    a random function (``rand()``, ``randn()``).
    """
    expr = sympy.sympify(expr)
    if expr == T:
        return False
    if _is_random_function(expr):
        return False
    if isinstance(expr, AppliedUndef):
        return all(a == T or is_constant_over_dt(a) for a in expr.args)
    return all(is_constant_over_dt(a) for a in expr.args)


def format_equations(diff_eqs):
    """``dv/dt = ...`` lines (for error messages)."""
    return "; ".join(f"d{var}/dt = {sympy.sstr(expr)}" for var, expr in diff_eqs.items())


# --------------------------------------------------------------------------- base class / registry
class StateUpdateMethod:
    """Base class of an integration scheme.

    Subclasses implement ``_check(diff_eqs)`` (raise `UnsupportedEquationsError`
    with a reason when the scheme cannot integrate the system) and
    ``_apply(diff_eqs)`` (return the statements).  ``name`` is the registered
    name (``None`` for an unregistered instance). The built-in methods are instances:
    ``exact`` (``linear``), ``euler``, ``rk2``, ``rk4``, ``heun``, ``milstein``,
    ``exponential_euler`` and ``independent``.

    Examples
    --------
    >>> isinstance(rk4, StateUpdateMethod), rk4.name
    (True, 'rk4')
    >>> G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', method=rk4)
    """

    #: registry: name -> instance (Brian2 spells it ``StateUpdateMethod.stateupdaters``)
    stateupdaters = {}
    name = None

    @staticmethod
    def register(name, stateupdater):
        """Register ``stateupdater`` under ``name`` (lower case)."""
        register_method(name, stateupdater)

    # -- to implement
    def _check(self, diff_eqs):  # pragma: no cover - interface
        raise NotImplementedError

    def _apply(self, diff_eqs):  # pragma: no cover - interface
        raise NotImplementedError

    # -- public interface
    def cannot_integrate_reason(self, diff_eqs):
        """``None`` if the scheme can integrate ``diff_eqs``, else the reason (a str)."""
        try:
            self._check(diff_eqs)
        except UnsupportedEquationsError as ex:
            return str(ex)
        return None

    def can_integrate(self, diff_eqs):
        """Whether the scheme can integrate ``diff_eqs`` (see ``cannot_integrate_reason``)."""
        return self.cannot_integrate_reason(diff_eqs) is None

    def __call__(self, diff_eqs):
        """The statements integrating ``diff_eqs`` over one step; raises
        `UnsupportedEquationsError` if the scheme cannot integrate them."""
        diff_eqs = {k: sympy.sympify(v) for k, v in diff_eqs.items()}
        if not diff_eqs:
            return []
        self._check(diff_eqs)
        return self._apply(diff_eqs)

    def __repr__(self):
        return f"{self.__class__.__name__}()" if self.name is None else f"<method {self.name!r}>"


def register_method(name, method):
    """Register ``method`` (a `StateUpdateMethod`) under ``name``."""
    name = name.lower()
    if not isinstance(method, StateUpdateMethod):
        raise TypeError(f"Can only register StateUpdateMethod objects, got {type(method)}")
    if name in StateUpdateMethod.stateupdaters and StateUpdateMethod.stateupdaters[name] is not method:
        raise ValueError(f"A state updater with the name '{name}' is already registered")
    if method.name is None:
        method.name = name
    StateUpdateMethod.stateupdaters[name] = method


def get_method(name):
    """The registered method called ``name`` (case-insensitive)."""
    method = StateUpdateMethod.stateupdaters.get(name.lower())
    if method is None:
        known = ", ".join(sorted(StateUpdateMethod.stateupdaters))
        raise ValueError(f"No state updater with the name '{name}' is known (known: {known}).")
    return method


def method_names():
    """The registered method names."""
    return sorted(StateUpdateMethod.stateupdaters)


# --------------------------------------------------------------------------- statements
def finalize(new_values):
    """Statements assigning ``new_values`` (list of (var, expr), all computed from
    the old values) to the state variables, last, without one assignment
    seeing another's new value: where a later expression reads a variable that
    is assigned before it, the new value goes through ``_<var>_new`` first."""
    statements, direct, late = [], [], []
    names = [v for v, _ in new_values]
    syms = {v: sympy.Symbol(v, real=True) for v in names}
    for i, (var, expr) in enumerate(new_values):
        if any(syms[var] in e.free_symbols for _, e in new_values[i + 1:]):
            tmp = f"_{var}_new"
            statements.append((tmp, expr))
            late.append((var, sympy.Symbol(tmp, real=True)))
        else:
            direct.append((var, expr))
    # direct assignments only read old values (variables read later go through a
    # temporary and are assigned at the very end)
    return statements + direct + late
