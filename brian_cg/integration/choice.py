"""The entry point of integration: ``integrate(diff_eqs, method)`` resolves the method
(a name, a description string, a ``StateUpdateMethod`` or a sequence tried in order),
applies it, logs the choice as Brian does, and caches the statements in memory and on disk.
"""
import logging
import time
from collections.abc import Iterable

import sympy

from ..errors import UnsupportedEquationsError
from .base import DEFAULT_METHODS, StateUpdateMethod, format_equations, get_method
from .explicit import ExplicitStateUpdater

__all__ = ["integrate"]

logger = logging.getLogger("brian_cg.integration")


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
