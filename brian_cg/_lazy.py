"""Stand-ins for names of optional or slow-to-import modules (matplotlib, numpy.testing...)
that ``from brian_cg import *`` provides without importing them: each imports its module
when first used."""
import importlib

__all__ = ["LazyModule", "LazyObject", "lazy_function"]

# attributes that introspection tools probe on any object: answered without importing
_PROBES = {"__wrapped__", "__signature__", "__deepcopy__", "__copy__", "__getstate__",
           "__length_hint__", "__array__", "__array_interface__", "__array_struct__",
           "__array_ufunc__", "__array_function__", "__array_priority__", "_fields"}


class LazyModule:
    """A module, imported when one of its attributes is first used (``plt``, ``matplotlib``)."""

    def __init__(self, name):
        self.__dict__["_name"] = name

    def _module(self):
        return importlib.import_module(self.__dict__["_name"])

    def __getattr__(self, attr):
        if attr in _PROBES:
            raise AttributeError(attr)
        return getattr(self._module(), attr)

    def __setattr__(self, attr, value):
        setattr(self._module(), attr, value)

    def __dir__(self):
        return dir(self._module())

    def __repr__(self):
        return f"<lazily imported module '{self.__dict__['_name']}'>"


class LazyObject:
    """``module.name`` (a class, a registry, ``rcParams``...), imported when first used: called,
    subclassed, given to ``isinstance``, indexed or asked for an attribute."""

    def __init__(self, module, name):
        self.__dict__.update(_module=module, _attr=name)

    def _target(self):
        return getattr(importlib.import_module(self.__dict__["_module"]), self.__dict__["_attr"])

    def __call__(self, *args, **kwds):
        return self._target()(*args, **kwds)

    def __getattr__(self, attr):
        if attr in _PROBES:
            raise AttributeError(attr)
        return getattr(self._target(), attr)

    def __setattr__(self, attr, value):
        setattr(self._target(), attr, value)

    def __getitem__(self, key):
        return self._target()[key]

    def __setitem__(self, key, value):
        self._target()[key] = value

    def __delitem__(self, key):
        del self._target()[key]

    def __contains__(self, key):
        return key in self._target()

    def __iter__(self):
        return iter(self._target())

    def __len__(self):
        return len(self._target())

    def __eq__(self, other):
        return self._target() == (other._target() if isinstance(other, LazyObject) else other)

    def __hash__(self):
        return hash(self._target())

    def __instancecheck__(self, obj):
        return isinstance(obj, self._target())

    def __subclasscheck__(self, cls):
        return issubclass(cls, self._target())

    def __mro_entries__(self, bases):
        # ``class MyFormatter(ScalarFormatter)`` subclasses the real class
        return (self._target(),)

    def __repr__(self):
        return f"<lazily imported {self.__dict__['_module']}.{self.__dict__['_attr']}>"


def lazy_function(module, name):
    """A function that imports ``module`` on its first call and calls ``module.name``."""

    def call(*args, **kwds):
        return getattr(importlib.import_module(module), name)(*args, **kwds)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{module}.{name}, imported on first call."
    return call
