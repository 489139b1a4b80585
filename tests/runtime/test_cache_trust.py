"""The cache trusts only what this user wrote: private directories, no foreign entries,
no pickles (issue 10, fault 1)."""
import hashlib
import json
import logging
import os
import pickle
import stat
import subprocess
import tempfile
import uuid

import pytest

from brian_cg import cache
from brian_cg.runtime import compiler

needs_compiler = pytest.mark.skipif(not compiler.compiler_works()[0],
                                    reason="no working C++ compiler")

OTHER_UID = 65534  # "nobody": stands for another user (these tests run as root or as a user)

PROBE = 'extern "C" int bc_probe() {{ return 42; }}\n// {token}\n'
PLANTED = ('#include <cstdio>\n'
           '__attribute__((constructor)) static void planted() {{\n'
           '    FILE* f = fopen("{marker}", "w"); if (f) fclose(f);\n}}\n'
           'extern "C" int bc_probe() {{ return 666; }}\n')


@pytest.fixture
def warnings_of_brian_cg(caplog):
    logger = logging.getLogger("brian_cg")
    propagate = logger.propagate
    logger.propagate = True
    with caplog.at_level(logging.WARNING, logger="brian_cg"):
        yield caplog
    logger.propagate = propagate


def _needs_chown():
    if os.getuid() != 0:
        pytest.skip("planting another user's files needs root (chown)")


def _chown_tree(path, uid):
    for folder, dirs, files in os.walk(path):
        os.chown(folder, uid, -1)
        for name in files:
            os.chown(os.path.join(folder, name), uid, -1)


def _compile(source, out):
    src = out + ".cpp"
    with open(src, "w") as f:
        f.write(source)
    subprocess.run([compiler.find_compiler(), "-shared", "-fPIC", "-O0", src, "-o", out],
                   check=True, capture_output=True)
    os.unlink(src)


def _forge_manifest(folder, key, names):
    """The manifest brian_cg writes after an entry (the format is no secret)."""
    files = {}
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        files[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    with open(os.path.join(folder, key + ".manifest.json"), "w") as f:
        json.dump({"format": 1, "key": key, "files": files}, f)


def _forge_entry(folder, key, source):
    """A complete-looking entry ``key`` in ``folder``: library and a matching manifest."""
    os.makedirs(folder, exist_ok=True)
    _compile(source, os.path.join(folder, key + ".so"))
    _forge_manifest(folder, key, [key + ".so"])


def _key_of(source):
    return compiler.cache_key(source, compiler.find_compiler(), compiler.compiler_flags())


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("BRIAN_CG_CACHE", str(path))
    compiler.forget_loaded()
    yield path
    compiler.forget_loaded()


@needs_compiler
def test_cache_directories_and_entries_are_private(own_cache):
    old = os.umask(0o002)  # a permissive umask must not make entries writable by others
    try:
        lib, built = compiler.compile_and_load(PROBE.format(token=uuid.uuid4()))
    finally:
        os.umask(old)
    assert lib.bc_probe() == 42
    for path in (own_cache, own_cache / "cpp"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o700, path
    for name in os.listdir(own_cache / "cpp"):
        mode = stat.S_IMODE(os.stat(own_cache / "cpp" / name).st_mode)
        assert mode & 0o077 == 0, (name, oct(mode))


@needs_compiler
def test_planted_fallback_directory_is_not_used(tmp_path, monkeypatch, warnings_of_brian_cg):
    """The configured cache cannot be created; the shared fallback name in $TMPDIR was
    planted by another user (mode 777, a library with a constructor, a pickle)."""
    _needs_chown()
    source = PROBE.format(token=uuid.uuid4())
    monkeypatch.setenv("BRIAN_CG_CACHE", str(tmp_path / "elsewhere"))
    key = _key_of(source)
    (tmp_path / "a_file").write_text("")
    monkeypatch.setenv("BRIAN_CG_CACHE", str(tmp_path / "a_file" / "cache"))  # cannot exist
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    os.chmod(tmp, 0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    planted = tmp / f"brian_cg-cache-{os.getuid()}"
    marker = tmp_path / "planted_code_ran"
    _forge_entry(str(planted / "cpp"), key, PLANTED.format(marker=marker))
    (planted / "compilers.json").write_text("{}")
    _chown_tree(planted, OTHER_UID)
    for folder, _, files in os.walk(planted):
        os.chmod(folder, 0o777)
    compiler.forget_loaded()

    lib, built = compiler.compile_and_load(source)

    assert lib.bc_probe() == 42
    assert not marker.exists()
    assert built["compiled"]
    used = cache.info()["location"]
    assert used != str(planted) and os.path.dirname(used) == str(tmp)
    assert os.stat(used).st_uid == os.getuid() and stat.S_IMODE(os.stat(used).st_mode) == 0o700
    messages = " ".join(r.getMessage() for r in warnings_of_brian_cg.records)
    assert str(planted) in messages and f"owned by another user (uid {OTHER_UID})" in messages


@needs_compiler
def test_world_writable_cache_directory_is_not_used(tmp_path, monkeypatch,
                                                     warnings_of_brian_cg):
    source = PROBE.format(token=uuid.uuid4())
    path = tmp_path / "shared"
    monkeypatch.setenv("BRIAN_CG_CACHE", str(path))
    key = _key_of(source)
    marker = tmp_path / "planted_code_ran"
    _forge_entry(str(path / "cpp"), key, PLANTED.format(marker=marker))
    os.chmod(path, 0o777)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    compiler.forget_loaded()

    lib, _ = compiler.compile_and_load(source)

    assert lib.bc_probe() == 42 and not marker.exists()
    assert cache.info()["location"] != str(path)
    assert any("writable by group or others (mode 777)" in r.getMessage()
               for r in warnings_of_brian_cg.records)


@needs_compiler
def test_entry_of_another_user_in_own_cache_is_refused(own_cache, tmp_path,
                                                        warnings_of_brian_cg):
    _needs_chown()
    source = PROBE.format(token=uuid.uuid4())
    key = _key_of(source)
    marker = tmp_path / "planted_code_ran"
    folder = str(own_cache / "cpp")
    os.makedirs(folder, mode=0o700)
    os.chmod(own_cache, 0o700)
    _forge_entry(folder, key, PLANTED.format(marker=marker))
    for name in (key + ".so", key + ".manifest.json"):
        os.chown(os.path.join(folder, name), OTHER_UID, -1)

    lib, built = compiler.compile_and_load(source)

    assert lib.bc_probe() == 42 and not marker.exists() and built["compiled"]
    assert any("owned by another user" in r.getMessage() for r in warnings_of_brian_cg.records)


class _Planted:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return open, (self.marker, "w")  # unpickling creates the marker file


def test_symbolic_cache_never_unpickles(own_cache, tmp_path):
    import sympy

    from brian_cg.integration import choice as base, integrate

    marker = tmp_path / "pickle_ran"
    v, tau = sympy.Symbol("v", real=True), sympy.Symbol("tau", real=True)
    eqs = {"v": (sympy.Integer(2) - v) / tau + sympy.Symbol(f"c_{uuid.uuid4().hex}", real=True)}
    folder = own_cache / "symbolic"
    folder.mkdir(parents=True)
    key = base._disk_key({k: sympy.sympify(e) for k, e in eqs.items()}, "euler")
    (folder / (key + ".pkl")).write_bytes(pickle.dumps(_Planted(str(marker))))

    statements, name = integrate(eqs, "euler")

    assert not marker.exists()
    assert name == "euler" and statements[-1][0] == "v"
    assert [p.name for p in folder.glob("*.pkl")] == [key + ".pkl"]  # none written


def test_symbolic_results_come_back_equal_from_json(own_cache):
    import sympy

    from brian_cg.integration import choice as base, integrate

    v, w = sympy.Symbol("v", real=True), sympy.Symbol("w", real=True)
    c = sympy.Symbol(f"c_{uuid.uuid4().hex}", real=True)
    eqs = {"v": (c - v + w) / sympy.Symbol("tau", real=True), "w": -w * sympy.exp(v) + c}
    cold, name = integrate(eqs, "rk4")
    assert list((own_cache / "symbolic").glob("*.json"))
    assert not list((own_cache / "symbolic").glob("*.pkl"))
    base._cache.clear()
    calls = []
    original = base._apply_one
    base._apply_one = lambda *a: calls.append(a) or original(*a)
    try:
        warm, warm_name = integrate(eqs, "rk4")
    finally:
        base._apply_one = original
    assert calls == []  # read from disk
    assert warm_name == name == "rk4" and warm == cold
    assert [type(e) for _, e in warm] == [type(e) for _, e in cold]


def test_symbolic_entry_of_another_user_is_refused(own_cache):
    _needs_chown()
    import sympy

    from brian_cg.integration import choice as base, integrate

    v = sympy.Symbol("v", real=True)
    c = sympy.Symbol(f"c_{uuid.uuid4().hex}", real=True)
    eqs = {"v": (c - v) / sympy.Symbol("tau", real=True)}
    key = base._disk_key(eqs, "euler")
    folder = own_cache / "symbolic"
    folder.mkdir(parents=True)
    wrong = {"method": "euler", "message": None,
             "statements": [["v", ["Integer", "12345"]]]}
    (folder / (key + ".json")).write_text(json.dumps(wrong))
    _forge_manifest(str(folder), key, [key + ".json"])
    for p in folder.iterdir():
        os.chown(p, OTHER_UID, -1)

    statements, _ = integrate(eqs, "euler")

    assert statements[-1][0] == "v" and statements[-1][1] != sympy.Integer(12345)


def test_test_session_has_a_fresh_cache_of_its_own():
    # tests/conftest.py: a user's warm cache must not hide a broken integrator or template
    if os.environ.get("BRIAN_CG_TEST_CACHE"):
        pytest.skip("BRIAN_CG_TEST_CACHE asks to keep a cache between sessions")
    path = os.environ["BRIAN_CG_CACHE"]
    assert os.path.basename(path).startswith("brian_cg-test-cache-")
    assert cache.cache_dir() == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o700


def test_integration_cache_key_covers_the_integration_code(monkeypatch):
    import hashlib
    import pathlib

    import sympy

    from brian_cg.integration import choice as base

    v = sympy.Symbol("v", real=True)
    eqs = {"v": -v / sympy.Symbol("tau", real=True)}
    key = base._disk_key(eqs, "exact")
    package = pathlib.Path(base.__file__).parent
    h = hashlib.sha256(sympy.__version__.encode())
    files = sorted(package.glob("*.py")) + [package.parent / "equations" / "functions.py",
                                            package.parent / "equations" / "sympy_json.py"]
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    assert base._code_hash() == h.hexdigest()
    assert {p.name for p in files} >= {"exact.py", "explicit.py", "base.py"}
    monkeypatch.setattr(base, "_code_hash_memo", ["an edited integrator"])
    assert base._disk_key(eqs, "exact") != key
