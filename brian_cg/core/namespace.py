"""Resolving the names a model uses that are not its own variables.

Order, as in Brian: the group's own variables; then the default namespace (units,
constants); then the group's explicit ``namespace`` if it was given one; then the
namespace of ``run()`` (explicit, or the caller's locals and globals). A name found
with different values in two of them is resolved to the first, with a warning.
Resolution happens at every run, so changing ``tau`` between runs takes effect.
"""
import inspect
import numbers

import numpy as np

from ..errors import UnknownIdentifierError

__all__ = ["default_namespace", "get_local_namespace", "resolve_external"]

_DEFAULT = {}


def user_frame(level=0):
    """The first frame outside brian_cg on the stack, then ``level`` frames further up.

    Finding the user's frame this way (instead of counting internal call depth) makes
    every entry point (``G.v = '...'``, ``G.v[:]``, ``run()``) see the caller's names.
    """
    frame = inspect.currentframe().f_back
    while frame is not None and frame.f_globals.get("__name__", "").startswith("brian_cg"):
        frame = frame.f_back
    for _ in range(level):
        if frame is None or frame.f_back is None:
            break
        frame = frame.f_back
    return frame


def _conflict_warning(name, owner_name, used, others):
    from .logger import get_logger, warn_once

    message = (f'The name "{name}" refers to different objects in different namespaces used '
               f'for resolving names in the context of group "{owner_name}". Will use the '
               f"object from the {used[0]} namespace with the value {_display(used[1])},")
    if len(others) == 1:
        message += (f" but the name also refers to a variable in the {others[0][0]} namespace "
                    f"with value '{_display(others[0][1])}'.")
    else:
        message += (" but the name also refers to a variable in the following namespaces: "
                    f"{', '.join(o[0] for o in others)}.")
    warn_once(get_logger("brian_cg.groups.group"), message)


def get_local_namespace(level=0):
    """The user's locals and globals (see ``user_frame``), ``level`` frames further up.

    This is where ``run()`` and ``connect()`` look up the names of model code.

    Parameters
    ----------
    level : int
        Frames above the caller.

    Examples
    --------
    >>> tau = 10*ms
    >>> get_local_namespace()['tau']
    10. * msecond
    """
    frame = user_frame(level)
    if frame is None:
        return {}
    try:
        ns = dict(frame.f_globals)
        ns.update(frame.f_locals)
        return ns
    finally:
        del frame


def default_namespace():
    """Units, mathematical constants and functions every model may use."""
    if not _DEFAULT:
        from ..units import unit_namespace

        _DEFAULT.update(unit_namespace())
        _DEFAULT.update({"pi": np.pi, "e": np.e, "inf": np.inf, "True": True, "False": False})
    return _DEFAULT


def _is_value(obj):
    from ..units import Quantity

    if isinstance(obj, (numbers.Number, np.number, np.bool_, Quantity)):
        return True
    return isinstance(obj, np.ndarray) and obj.ndim == 0


_CONSTANT_NAMES = ("pi", "e", "inf", "True", "False")


def _acceptable(obj, function):
    if function:
        return callable(obj) or hasattr(obj, "implementations")
    return _is_value(obj)


def _same_object(a, b):
    if a is b:
        return True
    return getattr(a, "pyfunc", a) is getattr(b, "pyfunc", b)  # a Function and its function


def _display(obj):
    if hasattr(obj, "implementations"):
        return "<Function>"
    try:
        return repr(obj)
    except Exception:  # noqa: BLE001 - any object can be displayed somehow
        return f"<object of type {type(obj)}>"


def resolve_external(name, owner_name, explicit_namespace, run_namespace, *, function=False,
                     context=""):
    """Find ``name`` outside the group; return the value (or function object).

    Brian's hierarchy: units and constants first, then the group's explicit namespace,
    then the namespace of the run (explicit or the caller's). The first match is used;
    when another namespace has a different object of that name, a warning says so
    (once), as in Brian.

    Raises
    ------
    UnknownIdentifierError
        When the name is found nowhere, or what is found is not a number,
        quantity or (for calls) a function.
    """
    defaults = default_namespace()
    spaces = [("constants" if name in _CONSTANT_NAMES else "units", defaults)]
    if explicit_namespace is not None:
        spaces.append(("group-specific", explicit_namespace))
    spaces.append(("run", run_namespace or {}))
    matches = []
    for description, space in spaces:
        if name in space:
            obj = space[name]
            if _acceptable(obj, function):
                matches.append((description, obj))
            elif not function and isinstance(obj, np.ndarray) and not matches:
                raise UnknownIdentifierError(
                    f"The identifier '{name}' used in {context or owner_name} refers to an array "
                    f"of shape {obj.shape}; only scalar values (numbers or quantities) can be used "
                    f"as external constants. Use a parameter of the group instead."
                )
            # Not a value (e.g. a module or a group): keep looking, as Brian does.
    if matches:
        first = matches[0][1]
        others = [m for m in matches[1:] if not _same_object(m[1], first)]
        if others:
            _conflict_warning(name, owner_name, matches[0], others)
        return first
    if function:
        raise UnknownIdentifierError(
            f"The function '{name}' used in {context or owner_name} is not known: it is neither a "
            f"built-in function nor a function object (e.g. a TimedArray) in the namespace."
        )
    raise UnknownIdentifierError(
        f"The identifier '{name}' used in {context or owner_name} could not be resolved: it is not "
        f"a variable of '{owner_name}', and no constant of that name was found in the "
        f"{'explicit namespace' if explicit_namespace is not None else 'namespace of the run() call'}"
        f" or among units and built-in constants."
    )
