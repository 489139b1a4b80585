"""The on-disk cache: compiled libraries, their sources, and cached symbolic work.

Location: ``$BRIAN_CG_CACHE`` if set, else ``$XDG_CACHE_HOME/brian_cg``, else
``~/.cache/brian_cg``. Each compiled entry is ``<key>.so`` next to its source
``<key>.cpp`` (kept so that a user can read what was compiled), where ``key`` is the
sha256 of the generated source, the compiler's identity, the flags and brian_cg's
version. Entries are written to a temporary name and renamed into place
(``os.replace``), under a per-entry ``fcntl`` lock, so concurrent processes never
see a half-written file.

What the cache trusts
---------------------
A cached library is loaded into the process and a cached symbolic result becomes
generated code, so the cache trusts only what this user wrote:

- directories are created with mode 0700; a directory or entry that is not owned by
  the current user, or that group or others may write, is refused (with a warning);
  new entries then go to a private directory from ``tempfile.mkdtemp``;
- every entry has a manifest (``<key>.manifest.json``: size and sha256 of each file)
  written atomically after the entry; an entry whose files do not match it is a miss
  (rebuilt, with a warning), so a truncated or replaced library is never loaded;
- symbolic results are JSON, read back through a whitelist (no pickles): an entry
  can never run code.

A cache directory that is read-only (no write permission for its owner, or a
read-only file system) is still searched; new entries go to the fallback directory.
"""
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile

__all__ = [
    "atomic_write",
    "cache_dir",
    "clear",
    "entry_lock",
    "find_entry",
    "info",
    "load_symbolic",
    "on_clear",
    "read_json",
    "search_dirs",
    "store_symbolic",
    "symbolic_key",
    "writable_dir",
    "write_manifest",
]

_MANIFEST_SUFFIX = ".manifest.json"
_MANIFEST_FORMAT = 1


def _logger():
    from .core.logger import get_logger

    return get_logger("brian_cg.cache")


_warned = set()


def _warn_once(message):
    if message not in _warned:
        _warned.add(message)
        _logger().warning(message)


def _configured_path():
    path = os.environ.get("BRIAN_CG_CACHE")
    if not path:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        path = os.path.join(base, "brian_cg")
    return os.path.abspath(path)


# ---------------------------------------------------------------- trusted directories
def _untrusted_reason(path, follow_symlinks=True):
    """Why ``path`` (a directory or file) must not be trusted, or None."""
    try:
        st = os.stat(path) if follow_symlinks else os.lstat(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link"
    if st.st_uid != os.getuid():
        return f"is owned by another user (uid {st.st_uid})"
    if st.st_mode & 0o022:
        return f"is writable by group or others (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _is_writable(path):
    """Whether new files may go into the directory ``path``: its owner's write bit (so that
    a cache made read-only with chmod is respected, even by root) and the OS agrees."""
    try:
        return bool(os.stat(path).st_mode & stat.S_IWUSR) and os.access(path, os.W_OK)
    except OSError:
        return False


def _make_private_dir(path, parents=False):
    """Create the directory ``path`` with mode 0700 (nothing happens if it exists)."""
    if parents:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)


class _Dirs:
    """The directories of one configured location: ``read_only`` ones are searched
    before ``writable``, where new entries go."""

    def __init__(self, configured):
        self.configured = configured
        self.read_only = []
        self.writable = None
        self.private = None  # a tempfile.mkdtemp directory made by this process

    def all(self):
        return [d for d in (*self.read_only, self.writable) if d]


_dirs = {}


def _resolve():
    configured = _configured_path()
    dirs = _dirs.get(configured)
    if dirs is not None and (dirs.writable is None or os.path.isdir(dirs.writable)):
        return dirs
    dirs = _Dirs(configured)
    problem = None
    try:
        _make_private_dir(configured, parents=True)
    except OSError as exc:
        problem = f"cannot be created ({exc.strerror})"
    if problem is None:
        problem = _untrusted_reason(configured)
        if problem is None and not _is_writable(configured):
            dirs.read_only.append(configured)
            problem = "is read-only (its entries are used; new ones go elsewhere)"
    if problem is None:
        dirs.writable = configured
    else:
        dirs.writable = _fallback(configured, problem)
    _dirs[configured] = dirs
    return dirs


def _fallback(configured, problem):
    """A directory for new entries when ``configured`` cannot take them: the per-user
    ``$TMPDIR/brian_cg-cache-<uid>`` if it is this user's and private, else a fresh
    ``tempfile.mkdtemp`` directory."""
    shared = os.path.join(tempfile.gettempdir(), f"brian_cg-cache-{os.getuid()}")
    reason = None
    try:
        _make_private_dir(shared)
    except OSError as exc:
        reason = f"cannot be created ({exc.strerror})"
    if reason is None:
        # not followed: a link planted in a shared temporary directory is refused
        reason = _untrusted_reason(shared, follow_symlinks=False)
    if reason is None and not _is_writable(shared):
        reason = "is not writable"
    if reason is None:
        _warn_once(f"The cache directory {configured} {problem}; using {shared} for new "
                   f"entries (set BRIAN_CG_CACHE to choose another directory).")
        return shared
    private = _private_dir()
    _warn_once(f"The cache directory {configured} {problem}, and {shared} {reason}; it is "
               f"not used. New entries go to the private directory {private} (set "
               f"BRIAN_CG_CACHE to a directory of your own).")
    return private


def _private_dir():
    """A fresh directory of this process (mode 0700), removed when the process ends: no
    other process could trust it anyway."""
    import atexit

    path = tempfile.mkdtemp(prefix="brian_cg-cache-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def cache_dir(create=True):
    """The directory new cache entries go to (``create`` is accepted for compatibility:
    the directory always exists, with mode 0700, and belongs to this user)."""
    return _resolve().writable


def _subdir(root, folder, create):
    path = os.path.join(root, folder)
    if create:
        _make_private_dir(path)
    if not os.path.isdir(path):
        return None
    reason = _untrusted_reason(path)
    if reason is not None:
        _warn_once(f"The cache directory {path} {reason}; its entries are not used.")
        return None
    return path


def search_dirs(folder):
    """The trusted, existing ``folder`` subdirectories where entries are looked up, read-only
    ones first."""
    dirs = _resolve()
    found = []
    for root in dirs.all():
        path = _subdir(root, folder, create=False)
        if path is not None:
            found.append(path)
    return found


def writable_dir(folder):
    """The ``folder`` subdirectory where new entries go (created 0700; trusted)."""
    dirs = _resolve()
    path = _subdir(dirs.writable, folder, create=True)
    if path is None:
        # the writable root is ours and private, so this only happens if someone (root)
        # planted the subdirectory: put new entries in a fresh private directory instead
        dirs.writable = dirs.private = _private_dir()
        path = _subdir(dirs.writable, folder, create=True)
    return path


# ---------------------------------------------------------------- writing entries
@contextlib.contextmanager
def entry_lock(key, folder="cpp"):
    """Exclusive lock of one cache entry (a lock file per entry, not per directory)."""
    path = os.path.join(writable_dir(folder), key + ".lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def atomic_write(path, data):
    """Write ``data`` (str or bytes) to ``path`` through a temporary file (mode 0600) and
    a rename."""
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


def _file_digest(path):
    """(size, sha256) of the file at ``path``, read through one descriptor."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            h.update(chunk)
    return size, h.hexdigest()


def write_manifest(folder, key, names):
    """Record the size and hash of the entry's files ``names`` (in ``folder``); written
    last and atomically, so an entry without a matching manifest is incomplete."""
    files = {}
    for name in names:
        size, digest = _file_digest(os.path.join(folder, name))
        files[name] = {"size": size, "sha256": digest}
    atomic_write(os.path.join(folder, key + _MANIFEST_SUFFIX),
                 json.dumps({"format": _MANIFEST_FORMAT, "key": key, "files": files}))


def _entry_problem(folder, key, names):
    """None when the entry's files match its manifest, else why not (``'missing'`` when
    nothing of the entry exists)."""
    manifest_path = os.path.join(folder, key + _MANIFEST_SUFFIX)
    paths = [os.path.join(folder, n) for n in names]
    if not os.path.lexists(manifest_path):
        if any(os.path.lexists(p) for p in paths):
            return "has no manifest (left incomplete, or written by an older brian_cg)"
        return "missing"
    for path in (manifest_path, *paths):
        reason = _untrusted_reason(path, follow_symlinks=False)
        if reason is not None:
            return f"{os.path.basename(path)} {reason}"
    try:
        with open(manifest_path) as f:
            manifest = json.load(f)
        files = manifest["files"]
        if manifest.get("format") != _MANIFEST_FORMAT or manifest.get("key") != key \
                or not isinstance(files, dict) or set(files) != set(names):
            return "has a manifest of another shape"
        for name, path in zip(names, paths):
            expected = files[name]
            size, digest = _file_digest(path)
            if size != expected["size"]:
                return f"{name} has {size} bytes, its manifest says {expected['size']}"
            if digest != expected["sha256"]:
                return f"{name} does not match the hash in its manifest"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"has an unreadable manifest ({exc})"
    return None


def find_entry(folder, key, names):
    """Where the complete, trusted entry ``key`` (files ``names``) of ``folder`` is.

    Returns
    -------
    (path or None, problems)
        The directory holding the entry, or None; ``problems`` lists the entries found
        but refused (each with its reason), for a warning when it is rebuilt.
    """
    problems = []
    for path in search_dirs(folder):
        problem = _entry_problem(path, key, names)
        if problem is None:
            return path, problems
        if problem != "missing":
            problems.append(f"{os.path.join(path, key)}: {problem}")
    return None, problems


def read_json(name):
    """The JSON contents of the trusted file ``name`` in each cache directory, read-only
    ones first: a list of parsed values (unreadable or untrusted files are left out)."""
    out = []
    for root in _resolve().all():
        path = os.path.join(root, name)
        if not os.path.lexists(path):
            continue
        reason = _untrusted_reason(path, follow_symlinks=False)
        if reason is not None:
            _warn_once(f"The cache file {path} {reason}; it is ignored.")
            continue
        try:
            with open(path) as f:
                out.append(json.load(f))
        except (OSError, ValueError):
            continue
    return out


# ---------------------------------------------------------------- size and clearing
def _locations():
    dirs = _resolve()
    return [d for d in dirs.all() if os.path.isdir(d)]


def info():
    """``{'location': path, 'locations': [paths], 'entries': n, 'bytes': size}`` of the cache.

    ``location`` is where new entries go; ``locations`` are all the directories this
    process uses (a read-only cache directory and the fallback). ``entries`` counts
    complete entries (compiled libraries and cached symbolic results).
    """
    entries, size = 0, 0
    for root in _locations():
        for folder, _, files in os.walk(root):
            for name in files:
                try:
                    size += os.path.getsize(os.path.join(folder, name))
                except OSError:
                    continue
                if name.endswith(_MANIFEST_SUFFIX):
                    entries += 1
    return {"location": _resolve().writable, "locations": _locations(), "entries": entries,
            "bytes": size}


def clear():
    """Remove every cached entry (compiled libraries, sources, symbolic results) from the
    cache directories this process uses that it may write (a read-only one is kept)."""
    dirs = _resolve()
    for root in _locations():
        if root in dirs.read_only:
            _logger().info(f"The read-only cache directory {root} is not cleared.")
            continue
        for name in os.listdir(root):
            path = os.path.join(root, name)
            if os.path.isdir(path) and not os.path.islink(path):
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
    from ._version import package_version

    h = hashlib.sha256()
    for part in (*parts, package_version()):
        h.update(str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def load_symbolic(key):
    """The JSON value stored under ``key`` by ``store_symbolic``, or None (missing, or
    refused: an entry that does not match its manifest is left to be rewritten)."""
    name = key + ".json"
    path, problems = find_entry("symbolic", key, [name])
    if path is None:
        if problems:
            _warn_once("Cached symbolic result refused, it is computed again: "
                       + "; ".join(problems))
        return None
    try:
        with open(os.path.join(path, name)) as f:
            return json.load(f)
    except (OSError, ValueError, RecursionError):
        return None


def store_symbolic(key, value):
    """Keep ``value`` (JSON data) on disk under ``key``; failures are ignored (a cache)."""
    try:
        data = json.dumps(value)
        folder = writable_dir("symbolic")
        atomic_write(os.path.join(folder, key + ".json"), data)
        write_manifest(folder, key, [key + ".json"])
    except (OSError, TypeError, ValueError, RecursionError):
        pass


def clear_cache(target="cython"):
    """Brian's name: remove the cached compiled code (``target`` is accepted for
    compatibility; brian_cg has one cache for all compiled code).

    Same as ``brian_cg.cache.clear()``: the next run of each model compiles again.

    Parameters
    ----------
    target : str
        Brian's target name (``'cython'``); any value clears the one cache.

    Examples
    --------
    >>> import brian_cg.cache
    >>> sorted(brian_cg.cache.info())
    ['bytes', 'entries', 'location', 'locations']
    >>> clear_cache('cython')   # doctest: +SKIP
    """
    clear()
