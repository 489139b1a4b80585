"""Running generated code: compile, cache, load and call, one module per target."""

__all__ = ["get_codeobject_class"]


def get_codeobject_class(target=None):
    """The code object class of ``target`` (default: ``prefs.codegen.target``)."""
    from ..core.preferences import prefs

    target = target or prefs.codegen.target
    if target in ("numpy", "auto"):
        from .numpy_runtime import NumpyCodeObject

        return NumpyCodeObject
    raise ValueError(f"Unknown code generation target '{target}'; available: 'numpy'")
