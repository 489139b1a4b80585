"""Object names, the creation counter and the scope: a leaf module (imports nothing of
brian_cg), so that clocks, random numbers and objects of every layer may read them."""
import itertools
import weakref

__all__ = ["new_scope", "next_creation_index", "objects_created", "scope_key", "unique_name"]

_created = {"n": 0}
_scope = {"key": 0}


class _NameRegistry:
    """The names of live objects, for unique ``name*`` expansion; weak so that deleted objects
    free their name. An explicit name may be shared: it is in use while one of them lives."""

    def __init__(self):
        self._holders = {}  # name -> WeakSet of the objects with that name

    def __contains__(self, name):
        holders = self._holders.get(name)
        if holders is not None and not len(holders):
            del self._holders[name]  # all dead: forget the name
            return False
        return holders is not None

    def __setitem__(self, name, obj):
        self._holders.setdefault(name, weakref.WeakSet()).add(obj)

    setdefault = __setitem__


_names = _NameRegistry()


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
    """``name``, or for ``base*`` the first of base, base_1, ... not in use; registered for
    ``obj`` when given.

    An explicit name may be one that another object has, as in Brian: only two objects
    of one network may not share a name (checked when it runs)."""
    name = _unique_name(name)
    if obj is not None:
        _names[name] = obj
    return name


def _unique_name(name):
    if not name.endswith("*"):
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
