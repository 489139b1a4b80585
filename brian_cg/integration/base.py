"""Common machinery of the integration schemes: the method base class, the
registry of named methods, helpers to analyse a system of differential
equations, and ``integrate`` (the entry point used by ``StateUpdater``).

A system is given as ``diff_eqs: dict[str, sympy.Expr]`` (variable name ->
right-hand side, subexpressions already substituted).  Identifiers are
``sympy.Symbol(name, real=True)``, as are ``t`` and ``dt``; the noise symbols
are ``xi`` and ``xi_<name>`` (standard normal samples, one per step and
neuron; a scheme multiplies them by ``dt**0.5`` itself).
"""
import logging
import time
from collections.abc import Iterable

import sympy
from sympy.core.function import AppliedUndef

from ..errors import UnsupportedEquationsError

__all__ = [
    "DEFAULT_METHODS",
    "DT",
    "StateUpdateMethod",
    "T",
    "format_equations",
    "get_method",
    "integrate",
    "is_constant_over_dt",
    "method_names",
    "noise_symbols",
    "register_method",
    "split_stochastic",
]

logger = logging.getLogger("brian_cg.integration")

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
        from ..errors import UnsupportedEquationsError

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
    try:
        from ..equations.functions import RANDOM_FUNCTION_CLASSES
        if isinstance(e, RANDOM_FUNCTION_CLASSES):
            return True
    except Exception:  # pragma: no cover - equations package not importable
        pass
    return type(e).__name__ in ("Rand", "Randn")


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


# --------------------------------------------------------------------------- integrate
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


def _method_key(method):
    if method is None or isinstance(method, (str, StateUpdateMethod)):
        return method
    if isinstance(method, Iterable):
        return tuple(_method_key(m) for m in method)
    return method


_cache = {}
_CACHE_MAX = 256


def _resolve(method):
    """A single method spec -> (StateUpdateMethod, name)."""
    if isinstance(method, StateUpdateMethod):
        return method, (method.name or repr(method))
    if isinstance(method, str):
        if "=" in method:  # a description string
            from .explicit import ExplicitStateUpdater
            m = ExplicitStateUpdater(method)
            return m, "explicit"
        m = get_method(method.strip())
        return m, method.strip().lower()
    raise TypeError("method has to be a name, a description string, a StateUpdateMethod, "
                    f"or a sequence of names; got {type(method).__name__}")


def _apply_one(diff_eqs, method, group_name):
    m, name = _resolve(method)
    try:
        return m(diff_eqs), name
    except UnsupportedEquationsError as ex:
        where = f" of group '{group_name}'" if group_name else ""
        raise UnsupportedEquationsError(
            f"Cannot integrate the equations{where} with method '{name}': {ex} "
            f"[equations: {format_equations(diff_eqs)}]") from None


def integrate(diff_eqs, method=None, group_name=""):
    """Integrate ``diff_eqs`` over one time step.

    Parameters
    ----------
    diff_eqs : dict[str, sympy.Expr]
        Right-hand side of each differential equation.
    method : None, str, sequence of str, StateUpdateMethod
        ``None`` tries ``('exact', 'euler', 'heun')``; a name; a description
        string (``'x_new = x + dt*f(x,t)'``); a `StateUpdateMethod`; or a
        sequence of these tried in order (the choice is logged at INFO).
    group_name : str
        Used in messages.

    Returns
    -------
    (statements, method_name) : (list of (str, sympy.Expr), str)
        Statements run in order; names starting with ``_`` are temporaries; the
        assignments to the state variables come last.
    """
    diff_eqs = dict(diff_eqs)
    for k, v in diff_eqs.items():
        if isinstance(v, str):
            raise TypeError(f"The right-hand side of d{k}/dt has to be a sympy expression, "
                            f"not a string ({v!r})")
    diff_eqs = {str(k): sympy.sympify(v) for k, v in diff_eqs.items()}
    if method is None:
        method = DEFAULT_METHODS
    key = None
    try:
        key = (tuple(diff_eqs.items()), _method_key(method))
        hash(key)
    except TypeError:
        key = None
    if key is not None and key not in _cache:
        disk_key = _disk_key(diff_eqs, method)
        found = _load_from_disk(disk_key) if disk_key else None
        if found is not None:
            _cache[key] = found
    else:
        disk_key = None
    if key is not None and key in _cache:
        statements, name, chosen_msg = _cache[key]
        if chosen_msg is not None:
            logger.info(chosen_msg.format(group=group_name, timing="took 0.00s, cached"))
        return list(statements), name

    chosen_msg = None
    if isinstance(method, (str, StateUpdateMethod)) or not isinstance(method, Iterable):
        statements, name = _apply_one(diff_eqs, method, group_name)
    else:
        methods = list(method)
        if not methods:
            raise ValueError("The list of integration methods is empty.")
        start = time.time()
        reasons = []
        statements = name = None
        one_time = 0.0
        for one in methods:
            if not isinstance(one, (str, StateUpdateMethod)):
                raise TypeError("Each element in the list of methods has to be a string or a "
                                f"StateUpdateMethod, got {type(one).__name__}.")
            t0 = time.time()
            m, n = _resolve(one)
            try:
                statements = m(diff_eqs)
                name = n
                one_time = time.time() - t0
                break
            except UnsupportedEquationsError as ex:
                reasons.append(f"'{n}': {ex}")
        total = time.time() - start
        if name is None:
            where = f" of group '{group_name}'" if group_name else ""
            raise UnsupportedEquationsError(
                f"No integration method suitable for the equations{where} has been found "
                f"(tried {', '.join(reasons)}) [equations: {format_equations(diff_eqs)}]")
        if _resolve(methods[0])[1] == name:
            timing = f"took {one_time:.2f}s"
        else:
            timing = f"took {one_time:.2f}s, trying other methods took {total - one_time:.2f}s"
        chosen_msg = _chosen_message(name, bool(group_name))
        logger.info(chosen_msg.format(group=group_name, timing=timing))
    if group_name or chosen_msg is None:
        logger.debug(f"Group {group_name!r}: using numerical integration method {name}")
    if key is not None:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = (tuple(statements), name, chosen_msg)
        if disk_key:
            _store_on_disk(disk_key, _cache[key])
    return list(statements), name


def _chosen_message(name, with_group):
    """The message logging an automatic choice of ``name`` (``{group}`` and ``{timing}`` are
    filled in when it is logged)."""
    if with_group:
        return ("No numerical integration method specified for group '{group}', "
                f"using method '{name}' ({{timing}}).")
    return f"No numerical integration method specified, using method '{name}' ({{timing}})."


def _disk_key(diff_eqs, method):
    """Key of the on-disk cache (``brian_cg.cache``): the integration code's hash, the
    equations' sympy ``srepr`` and the method, when the method is given by name(s) only
    (objects are not cached on disk)."""
    m = _method_key(method)
    names = m if isinstance(m, tuple) else (m,)
    if not all(isinstance(n, str) for n in names):
        return None
    try:
        eqs = "\n".join(f"{k}={sympy.srepr(v)}" for k, v in sorted(diff_eqs.items()))
        from ..cache import symbolic_key

        return symbolic_key("integrate", _code_hash(), eqs, repr(m))
    except Exception:
        return None


_code_hash_memo = []


def _code_hash():
    """sha256 of the code that produces and stores integration results (this package, the
    function classes, the JSON form) and sympy's version: an edit to any of them must not
    be hidden by results cached before it."""
    if not _code_hash_memo:
        import hashlib
        import pathlib

        here = pathlib.Path(__file__).resolve().parent
        files = sorted(here.glob("*.py")) + [here.parent / "equations" / "functions.py",
                                             here.parent / "equations" / "sympy_json.py"]
        h = hashlib.sha256(sympy.__version__.encode())
        for path in files:
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        _code_hash_memo.append(h.hexdigest())
    return _code_hash_memo[0]


def _load_from_disk(disk_key):
    """(statements, method name, message) cached on disk, or None. The entry is JSON read
    through a whitelist of sympy objects: a cache entry cannot run code."""
    from ..cache import load_symbolic
    from ..equations.sympy_json import from_json

    found = load_symbolic(disk_key)
    try:
        name, message = found["method"], found["message"]
        if not (isinstance(name, str) and name.isidentifier()):
            return None
        if message is not None and message not in (_chosen_message(name, True),
                                                   _chosen_message(name, False)):
            return None  # a message is formatted later: only the two known forms
        statements = []
        for var, expr in found["statements"]:
            if not (isinstance(var, str) and var.isidentifier()):
                return None
            statements.append((var, from_json(expr)))
    except (TypeError, KeyError, ValueError, RecursionError):
        return None
    return tuple(statements), name, message


def _store_on_disk(disk_key, value):
    from ..cache import store_symbolic
    from ..equations.sympy_json import UnsupportedExpression, to_json

    statements, name, message = value
    try:
        data = {"method": name, "message": message,
                "statements": [[var, to_json(expr)] for var, expr in statements]}
    except (UnsupportedExpression, RecursionError):
        return
    store_symbolic(disk_key, data)
