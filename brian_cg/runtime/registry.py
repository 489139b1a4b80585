"""The registry of code generation targets: the one place that knows which exist.

``prefs.codegen.target`` takes the name or an alias of any registered target, or
``'auto'``. The built-in targets are registered here; another one (a variant of the
compiled target, a GPU target) is registered from anywhere with ``register_target``.
"""
from ..core.logger import get_logger
from .cpp_target import CppTarget
from .numpy_target import NumpyTarget
from .target import auto_selected

__all__ = [
    "auto_selected",
    "get_target",
    "loop_runner",
    "register_target",
    "registered_targets",
    "resolve_target",
    "target_names",
    "unregister_target",
]

logger = get_logger(__name__)

_targets = {}     # name -> Target, in registration order
_aliases = {}     # alias -> name
_auto = {}        # the choice of 'auto', made once per process
_told_alias = set()


def register_target(target, replace=False):
    """Make ``target`` (a ``Target`` instance) selectable by its name and aliases."""
    names = (target.name, *target.aliases)
    if not target.name or "auto" in names:
        raise ValueError(f"A target needs a name other than 'auto' (got {names})")
    if replace and target.name in _targets:
        unregister_target(target.name)
    taken = [n for n in names if n in _targets or n in _aliases]
    if taken:
        raise ValueError(f"The target name(s) {taken} are already registered "
                         f"(register_target(..., replace=True) replaces a target)")
    _targets[target.name] = target
    for alias in target.aliases:
        _aliases[alias] = target.name
    _auto.clear()
    return target


def unregister_target(name):
    target = _targets.pop(name)
    for alias in target.aliases:
        _aliases.pop(alias, None)
    _auto.clear()


def registered_targets():
    """Every registered target, in registration order."""
    return list(_targets.values())


def target_names():
    """The values ``prefs.codegen.target`` accepts."""
    return ("auto", *_targets, *_aliases)


def _pick_auto():
    if "choice" not in _auto:
        candidates = sorted((t for t in _targets.values() if t.auto_priority is not None),
                            key=lambda t: -t.auto_priority)
        reasons = []
        for t in candidates:
            ok, reason = t.availability()
            if ok:
                _auto["choice"] = t
                why = f"{t.description}; {reason}"
                if reasons:
                    why += " (" + "; ".join(reasons) + ")"
                logger.info(f"Code generation target 'auto': using '{t.name}' ({why})")
                break
            reasons.append(f"'{t.name}' not available: {reason}")
        else:
            raise RuntimeError("No code generation target is available: " + "; ".join(reasons))
    return _auto["choice"]


def get_target(name=None):
    """The ``Target`` for ``name`` (default: ``prefs.codegen.target``); ``'auto'`` picks the
    available target with the highest ``auto_priority`` and says which and why once (INFO)."""
    if name is None:
        from ..core.preferences import prefs

        name = prefs.codegen.target
    if isinstance(name, str) and name == "auto":
        return _pick_auto()
    if not isinstance(name, str):
        if name in _targets.values():
            return name
        raise ValueError(f"Unknown code generation target {name!r}")
    if name in _targets:
        return _targets[name]
    if name in _aliases:
        target = _targets[_aliases[name]]
        if name not in _told_alias:
            _told_alias.add(name)
            logger.info(f"Code generation target '{name}' is the name of '{target.name}' "
                        f"in brian_cg ({target.description})")
        return target
    raise ValueError(f"Unknown code generation target '{name}'; available: "
                     f"{', '.join(repr(t) for t in target_names())}")


def resolve_target(name=None):
    """The name of the target ``name`` selects (default: the preference)."""
    return get_target(name).name


def loop_runner(schedule, clocks):
    """What runs ``schedule``: the loop of the target whose steps it holds (steps with a
    ``loop_target``), or the Python loop when every step is a Python callable."""
    owners = {}
    for _, _, funcs in schedule:
        for f in funcs:
            target = getattr(f, "loop_target", None)
            if target is not None:
                owners[id(target)] = target
    if len(owners) > 1:
        names = sorted(t.name for t in owners.values())
        raise ValueError(f"A network cannot mix code of the targets {names} in one run: set "
                         f"prefs.codegen.target before creating the objects")
    if owners:
        return next(iter(owners.values())).loop_runner(schedule, clocks)
    from .python_loop import PythonLoop

    return PythonLoop(schedule, clocks)


register_target(NumpyTarget())
register_target(CppTarget())
