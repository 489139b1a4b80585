"""The on-disk cache: compiled libraries, their sources, and cached symbolic work.

Location: ``$BRIAN_CG_CACHE`` if set, else ``$XDG_CACHE_HOME/brian_cg``, else
``~/.cache/brian_cg``. Each compiled entry is ``<key>.so`` next to its source
``<key>.cpp`` (kept so that a user can read what was compiled), where ``key`` is the
sha256 of the generated source, the compiler's identity, the flags and brian_cg's
version. Entries are written to a temporary name and renamed into place
(``os.replace``), under a per-entry ``fcntl`` lock, so concurrent processes never
see a half-written file.
"""
import contextlib
import fcntl
import os
import shutil
import tempfile

__all__ = [
    "atomic_write",
    "cache_dir",
    "clear",
    "entry_lock",
    "info",
    "load_symbolic",
    "on_clear",
    "store_symbolic",
    "symbolic_key",
]


def cache_dir(create=True):
    """The cache directory (created when ``create``)."""
    path = os.environ.get("BRIAN_CG_CACHE")
    if not path:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        path = os.path.join(base, "brian_cg")
    if create:
        try:
            os.makedirs(path, exist_ok=True)
            if not os.access(path, os.W_OK):
                raise PermissionError(path)
        except OSError:
            # an unwritable cache must not stop a simulation: use a private temporary one
            fallback = os.path.join(tempfile.gettempdir(), f"brian_cg-cache-{os.getuid()}")
            if not _warned.get(path):
                import logging

                logging.getLogger("brian_cg.cache").warning(
                    "Cannot write the cache directory %s; using %s instead (set "
                    "BRIAN_CG_CACHE to choose one)", path, fallback)
                _warned[path] = True
            os.makedirs(fallback, exist_ok=True)
            return fallback
    return path


_warned = {}


def _sub(name):
    path = os.path.join(cache_dir(), name)
    os.makedirs(path, exist_ok=True)
    return path


@contextlib.contextmanager
def entry_lock(key, folder="cpp"):
    """Exclusive lock of one cache entry (a lock file per entry, not per directory)."""
    path = os.path.join(_sub(folder), key + ".lock")
    with open(path, "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def atomic_write(path, data):
    """Write ``data`` (str or bytes) to ``path`` through a temporary file and a rename."""
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp_")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def info():
    """``{'location': path, 'entries': n, 'bytes': size}`` of the cache.

    ``entries`` counts compiled libraries and cached symbolic results.
    """
    root = cache_dir(create=False)
    entries, size = 0, 0
    if os.path.isdir(root):
        for folder, _, files in os.walk(root):
            for name in files:
                try:
                    size += os.path.getsize(os.path.join(folder, name))
                except OSError:
                    continue
                if name.endswith((".so", ".pkl")):
                    entries += 1
    return {"location": root, "entries": entries, "bytes": size}


def clear():
    """Remove every cached entry (compiled libraries, sources, symbolic results)."""
    root = cache_dir(create=False)
    if os.path.isdir(root):
        for name in os.listdir(root):
            path = os.path.join(root, name)
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(path)
    for forget in _clear_hooks:
        forget()


_clear_hooks = []


def on_clear(hook):
    """Call ``hook()`` after every ``clear()`` (users of the cache forget what they hold)."""
    _clear_hooks.append(hook)


# ---------------------------------------------------------------- cached symbolic work
def symbolic_key(*parts):
    """A cache key for symbolic work: sha256 of ``parts`` (strings, e.g. sympy ``srepr``)
    and brian_cg's version."""
    import hashlib

    from ._version import package_version

    h = hashlib.sha256()
    for part in (*parts, package_version()):
        h.update(str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def load_symbolic(key):
    """The value stored under ``key`` by ``store_symbolic``, or None (missing or unreadable:
    a corrupt entry is removed and the work is done again)."""
    import pickle

    path = os.path.join(cache_dir(), "symbolic", key + ".pkl")
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None


def store_symbolic(key, value):
    """Keep ``value`` (picklable) on disk under ``key``; failures are ignored (a cache)."""
    import pickle

    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(os.path.join(_sub("symbolic"), key + ".pkl"), data)
    except Exception:
        pass


def clear_cache(target="cython"):
    """Brian's name: remove the cached compiled code (``target`` is accepted for
    compatibility; brian_cg has one cache for all compiled code)."""
    clear()
