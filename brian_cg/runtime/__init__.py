"""Running generated code: the targets (see ``registry``), compiling, caching, loading, loops."""

__all__ = ["get_codeobject_class", "get_target", "register_target", "registered_targets",
           "resolve_target", "target_names"]


def __getattr__(name):
    # the registry loads on first use: ``import brian_cg.runtime.compiler`` stays light
    if name in ("get_target", "register_target", "registered_targets", "resolve_target",
                "target_names", "_auto"):
        from . import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'brian_cg.runtime' has no attribute '{name}'")


def get_codeobject_class(target=None):
    """The code object class of ``target`` (default: ``prefs.codegen.target``)."""
    from .registry import get_target

    return get_target(target).codeobject_class
