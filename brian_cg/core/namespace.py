"""Resolving the names a model uses that are not its own variables.

Order, as in Brian: the group's own variables; then the group's explicit
``namespace`` if it was given one, else the namespace of ``run()`` (explicit, or
the caller's locals and globals); then the default namespace (units, constants,
functions). Resolution happens at every run, so changing ``tau`` between runs
takes effect.
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


def get_local_namespace(level=0):
    """The user's locals and globals (see ``user_frame``), ``level`` frames further up."""
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


def resolve_external(name, owner_name, explicit_namespace, run_namespace, *, function=False,
                     context=""):
    """Find ``name`` outside the group; return the value (or function object).

    Raises
    ------
    UnknownIdentifierError
        When the name is found nowhere, or what is found is not a number,
        quantity or (for calls) a function.
    """
    spaces = [explicit_namespace] if explicit_namespace is not None else [run_namespace or {}]
    spaces.append(default_namespace())
    for space in spaces:
        if name in space:
            obj = space[name]
            if function:
                if callable(obj) or hasattr(obj, "implementations"):
                    return obj
                continue
            if _is_value(obj):
                return obj
            if isinstance(obj, np.ndarray):
                raise UnknownIdentifierError(
                    f"The identifier '{name}' used in {context or owner_name} refers to an array "
                    f"of shape {obj.shape}; only scalar values (numbers or quantities) can be used "
                    f"as external constants. Use a parameter of the group instead."
                )
            # Not a value (e.g. a module or a group): keep looking, as Brian does.
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
