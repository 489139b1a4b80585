"""Compiling generated C++ into a shared library, through the on-disk cache.

Everything about the compiler is here: which one, its identity (part of the
cache key), the flags, the cache lookup, the compile under a lock, and loading
with ctypes. A warm lookup reads files only; it never runs the compiler
(the compiler's version string is itself cached, keyed by the binary's path,
size and modification time).
"""
import ctypes
import hashlib
import json
import os
import platform
import shutil
import subprocess
import time

from .. import cache as _cache
from ..core.logger import get_logger
from ..errors import CompilationError

__all__ = [
    "COMPILE_COUNT",
    "compile_and_load",
    "compiler_flags",
    "compiler_works",
    "find_compiler",
    "forget_loaded",
]

logger = get_logger(__name__)

#: Number of compiler invocations in this process (tests check warm runs against it).
COMPILE_COUNT = {"n": 0}

_loaded = {}


def forget_loaded():
    _loaded.clear()
    _identity_memo.clear()


_cache.on_clear(forget_loaded)  # cache.clear() removes the files these point to


def _package_version():
    from .._version import package_version

    return package_version()


def find_compiler():
    """Path of the C++ compiler (``$CXX``, else ``g++``, else ``c++``), or None."""
    for name in (os.environ.get("CXX"), "g++", "c++", "clang++"):
        if name:
            path = shutil.which(name)
            if path:
                return path
    return None


_identity_memo = {}


def _compiler_stamp(path):
    """Identifies a compiler binary: its real path, size and modification time."""
    real = os.path.realpath(path)
    st = os.stat(real)
    return f"{real}:{st.st_size}:{st.st_mtime_ns}"


def _valid_memo(known):
    """Whether ``known`` has the shape ``{stamp: {"version": str, "ok": bool or None}}``."""
    return isinstance(known, dict) and all(
        isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("version"), str)
        and v.get("ok") in (True, False, None) for k, v in known.items())


def _compiler_memo():
    """(path, contents) of ``compilers.json``: what is known about each compiler binary
    (the file where new knowledge goes, and the knowledge of every cache directory)."""
    memo_file = os.path.join(_cache.cache_dir(), "compilers.json")
    known = {}
    for found in _cache.read_json("compilers.json"):
        if _valid_memo(found):
            known.update(found)
        else:
            logger.warning("Ignoring the compiler memo compilers.json in the cache: it does "
                           "not have the expected shape (it is rewritten).")
    return memo_file, known


def _compiler_identity(path):
    """The compiler's ``--version`` line, cached on disk by the binary's stat."""
    stamp = _compiler_stamp(path)
    if stamp in _identity_memo:
        return _identity_memo[stamp]
    memo_file, known = _compiler_memo()
    if stamp not in known:
        out = subprocess.run([path, "--version"], capture_output=True, text=True)
        first = (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "?"
        known[stamp] = {"version": first, "ok": None}
        _cache.atomic_write(memo_file, json.dumps(known))
    _identity_memo[stamp] = known[stamp]["version"]
    return known[stamp]["version"]


def _cpu_identity():
    """CPU model and flags, part of the key when compiling with -march=native."""
    try:
        with open("/proc/cpuinfo") as f:
            lines = [ln for ln in f if ln.startswith(("model name", "flags"))][:2]
        return hashlib.sha256("".join(lines).encode()).hexdigest()[:16]
    except OSError:
        return platform.processor() or platform.machine()


def compiler_flags():
    """The compile flags from the preferences (``codegen.cpp.*``)."""
    from ..core.preferences import prefs

    # -fno-trapping-math/-fno-math-errno change no result (no reassociation, unlike
    # -ffast-math) but let gcc turn conditionals into selects and vectorize the loops
    # -fwrapv: signed integer overflow wraps, as numpy's int32/int64 arithmetic does
    flags = ["-O3", "-std=c++17", "-shared", "-fPIC", "-w", "-fno-trapping-math",
             "-fno-math-errno", "-fwrapv"]
    if prefs["codegen.cpp.march_native"]:
        flags.append("-march=native")
    if prefs["codegen.cpp.fast_math"]:
        flags += ["-ffast-math", "-fno-finite-math-only"]
    if int(prefs["codegen.cpp.threads"] or 0) > 1:
        flags.append("-fopenmp")
    flags += list(prefs["codegen.cpp.extra_compile_args"])
    return flags


def cache_key(source, compiler, flags, key_parts=()):
    ident = _compiler_identity(compiler)
    arch = _cpu_identity() if "-march=native" in flags else platform.machine()
    h = hashlib.sha256()
    for part in (source, ident, " ".join(flags), arch, _package_version(), *key_parts):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def _run_compiler(compiler, flags, src_path, out_path):
    COMPILE_COUNT["n"] += 1
    cmd = [compiler, *flags, src_path, "-o", out_path]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise CompilationError(
            f"Compiling the generated C++ code failed (exit status {proc.returncode}).\n"
            f"Generated source: {src_path}\nCommand: {' '.join(cmd)}\n"
            f"Compiler output:\n{proc.stderr.strip() or proc.stdout.strip()}")
    logger.debug(f"compiled {src_path} in {time.perf_counter() - start:.2f} s")


def _try_load(path, check):
    try:
        lib = ctypes.CDLL(path)
    except OSError:
        return None
    if check is not None and not check(lib):
        return None
    return lib


def compile_and_load(source, check=None, flags=None, key_parts=()):
    """The loaded library (``ctypes.CDLL``) for ``source``, compiling it if not cached.

    A cached library is loaded only when its size and hash match its manifest (see
    ``brian_cg.cache``); one that does not, or that fails ``check(lib) -> bool`` (e.g. an
    embedded hash), is rebuilt, with a warning.
    ``flags`` (default: ``compiler_flags()``) and ``key_parts`` (more strings in the key)
    are a target's own.

    Returns
    -------
    (lib, info)
        ``info`` has ``key``, ``source_path``, ``library_path``, ``compiled`` (bool), ``seconds``.
    """
    compiler = find_compiler()
    if compiler is None:
        raise CompilationError("No C++ compiler found (set $CXX or install g++); use "
                               "prefs.codegen.target = 'numpy'")
    flags = compiler_flags() if flags is None else list(flags)
    key = cache_key(source, compiler, flags, key_parts)
    if key in _loaded:
        return _loaded[key]
    start = time.perf_counter()
    names = [key + ".so"]
    found, problems = _cache.find_entry("cpp", key, names)
    lib = _try_load(os.path.join(found, names[0]), check) if found else None
    if found and lib is None:
        problems.append(f"{os.path.join(found, names[0])}: cannot be loaded or fails its check")
    folder = found
    compiled = False
    if lib is None:
        folder = _cache.writable_dir("cpp")
        with _cache.entry_lock(key):
            # another process may have built it while we waited for the lock
            if folder != found and _cache.find_entry("cpp", key, names)[0] == folder:
                lib = _try_load(os.path.join(folder, names[0]), check)
            if lib is None:
                if problems:
                    logger.warning("A cached library was refused and is rebuilt: "
                                   + "; ".join(problems))
                lib = _build(source, compiler, flags, folder, key, check)
                compiled = True
    src_path = os.path.join(folder, key + ".cpp")
    if not os.path.exists(src_path) and folder == _cache.writable_dir("cpp"):
        _cache.atomic_write(src_path, source)
    result = (lib, {"key": key, "source_path": src_path,
                    "library_path": os.path.join(folder, names[0]),
                    "compiled": compiled, "seconds": time.perf_counter() - start})
    _loaded[key] = result
    return result


def _build(source, compiler, flags, folder, key, check):
    """Compile ``source`` into ``folder/<key>.so`` (then its manifest) and load it."""
    src_path = os.path.join(folder, key + ".cpp")
    lib_path = os.path.join(folder, key + ".so")
    _cache.atomic_write(src_path, source)
    tmp_out = os.path.join(folder, f".tmp_{os.getpid()}_{key[:16]}.so")
    try:
        _run_compiler(compiler, flags, src_path, tmp_out)
        os.chmod(tmp_out, 0o700)  # whatever the umask: an entry others may write is refused
        os.replace(tmp_out, lib_path)
    finally:
        if os.path.exists(tmp_out):
            os.unlink(tmp_out)
    _cache.write_manifest(folder, key, [key + ".so"])
    lib = _try_load(lib_path, check)
    if lib is None:
        raise CompilationError(f"The compiled library {lib_path} cannot be loaded "
                               f"(source: {src_path})")
    return lib


def compiler_works():
    """(bool, reason): whether a C++ compiler is found and builds a trivial library.

    The result is remembered on disk per compiler binary, so it costs one compile per
    machine and compiler, not per process.
    """
    compiler = find_compiler()
    if compiler is None:
        return False, "no C++ compiler found (g++/c++/$CXX)"
    try:
        ident = _compiler_identity(compiler)
    except OSError as exc:
        return False, f"cannot run the compiler {compiler}: {exc}"
    memo_file, known = _compiler_memo()
    stamp = _compiler_stamp(compiler)
    entry = known.get(stamp, {})
    if entry.get("ok") is None:
        try:
            lib, _ = compile_and_load('extern "C" int bc_probe() { return 42; }\n')
            ok = lib.bc_probe() == 42
        except Exception:
            ok = False
        memo_file, known = _compiler_memo()  # re-read: another process may have written it
        known.setdefault(stamp, {"version": ident})["ok"] = ok
        _cache.atomic_write(memo_file, json.dumps(known))
        entry = known[stamp]
    if not entry["ok"]:
        return False, f"the compiler {compiler} ({ident}) failed to build a test library"
    return True, f"found {compiler} ({ident})"
