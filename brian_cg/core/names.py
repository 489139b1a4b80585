"""Object names, the creation counter and the scope: a leaf module (imports nothing of
brian_cg), so that clocks, random numbers and objects of every layer may read them."""
import itertools
import weakref

__all__ = ["new_scope", "next_creation_index", "objects_created", "scope_key", "unique_name"]

_created = {"n": 0}
_scope = {"key": 0}
# Names in use, for unique ``name*`` expansion; weak so that deleted objects free their name.
_names = weakref.WeakValueDictionary()


def objects_created():
    """How many Brian objects were created so far in this process."""
    return _created["n"]


def next_creation_index():
    """The creation number of a new object (0, 1, ...)."""
    _created["n"] += 1
    return _created["n"] - 1


def scope_key():
    """The number of the current scope (``start_scope`` starts a new one)."""
    return _scope["key"]


def new_scope():
    _scope["key"] += 1
    _scope["collect"] = True


def unique_name(name, obj=None):
    """``name``, or for ``base*`` the first free ``base``, ``base_1``, ...; registered for
    ``obj`` when given. A name without ``*`` that is taken raises ``ValueError``."""
    name = _unique_name(name)
    if obj is not None:
        _names[name] = obj
    return name


def _unique_name(name):
    if not name.endswith("*"):
        if name in _names:
            # objects hold references to each other; free unreachable ones before refusing
            import gc

            gc.collect()
        if name in _names and _names[name] is not None:
            raise ValueError(f"An object with name '{name}' is already defined.")
        return name
    base = name[:-1]
    if base in _names and _scope.get("collect"):
        # objects hold references to each other: after start_scope(), free the unreachable
        # ones once so that names are reused, as in Brian (not on every name: gc is slow)
        import gc

        gc.collect()
        _scope["collect"] = False
    if base not in _names:
        return base
    for k in itertools.count(1):
        candidate = f"{base}_{k}"
        if candidate not in _names:
            return candidate
