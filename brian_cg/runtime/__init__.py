"""Running generated code: compile, cache, load and call, one module per target."""

__all__ = ["TARGETS", "get_codeobject_class", "resolve_target"]

#: The values ``prefs.codegen.target`` accepts.
TARGETS = ("auto", "numpy", "cython")

_auto = {}


def resolve_target(target=None):
    """The concrete target ('numpy' or 'cython') for ``target`` (default: the preference).

    ``'auto'`` picks the compiled target where a working C++ compiler is found, numpy
    otherwise, and says which and why once per process (INFO).
    """
    from ..core.preferences import prefs

    target = target or prefs.codegen.target
    if target not in TARGETS:
        raise ValueError(f"Unknown code generation target '{target}'; available: "
                         f"{', '.join(repr(t) for t in TARGETS)}")
    if target != "auto":
        return target
    if "choice" not in _auto:
        from ..core.logger import get_logger
        from .compiler import compiler_works

        ok, reason = compiler_works()
        _auto["choice"] = "cython" if ok else "numpy"
        get_logger(__name__).info(
            f"Code generation target 'auto': using '{_auto['choice']}' "
            f"({'compiled C++; ' + reason if ok else reason + '; using numpy'})")
    return _auto["choice"]


def get_codeobject_class(target=None):
    """The code object class of ``target`` (default: ``prefs.codegen.target``)."""
    target = resolve_target(target)
    if target == "cython":
        from .cpp_runtime import CppCodeObject

        return CppCodeObject
    from .numpy_runtime import NumpyCodeObject

    return NumpyCodeObject
