"""A cache entry is used only when it matches its manifest (issue 10, fault 4): a truncated
library, a replaced library and a wrong-shaped compilers.json are misses, rebuilt once,
with a warning. Library checks run in fresh processes: a library loaded in this one stays
mapped whatever happens to its file."""
import glob
import json
import logging
import os
import subprocess
import sys
import tempfile
import textwrap
import uuid

import pytest

from brian_cg.runtime import compiler

pytestmark = pytest.mark.skipif(not compiler.compiler_works()[0],
                                reason="no working C++ compiler")

LOAD = textwrap.dedent("""
    import sys
    from brian_cg.runtime import compiler
    with open(sys.argv[1]) as f:
        lib, info = compiler.compile_and_load(f.read())
    print(lib.bc_value(), info["compiled"])
""")

CONNECT = textwrap.dedent("""
    from brian_cg import *
    prefs.codegen.target = 'cython'
    seed(3)
    G = NeuronGroup(400, 'v : 1')
    S = Synapses(G, G)
    S.connect(p=0.05)
    print(len(S), S.i[:5].tolist(), True)
""")


def _source(n_terms=400):
    # large enough that the library spans several pages, as a network's does
    body = " + ".join(f"{k}.5 * (x > {k})" for k in range(n_terms))
    return (f'// {uuid.uuid4()}\n'
            f'extern "C" double bc_poly(double x) {{ return {body}; }}\n'
            f'extern "C" int bc_value() {{ return 4242; }}\n')


@pytest.fixture
def run_script(fresh_cache, tmp_path, subprocess_env):
    env = subprocess_env(BRIAN_CG_CACHE=str(fresh_cache))

    def run(code, *args):
        script = tmp_path / "script.py"
        script.write_text(code)
        proc = subprocess.run([sys.executable, str(script), *args], env=env,
                              capture_output=True, text=True, timeout=300)
        return proc

    return run


def _libraries(cache):
    return glob.glob(os.path.join(str(cache), "cpp", "*.so"))


def _replace(path, data):
    with open(path + ".new", "wb") as f:
        f.write(data)
    os.replace(path + ".new", path)


def _check_rebuilt_once(run, args, expected, code=LOAD):
    second = run(code, *args)
    assert second.returncode == 0, second.stderr[-3000:]
    assert second.stdout.split()[:-1] == expected.split()[:-1]
    assert "refused and is rebuilt" in second.stderr
    third = run(code, *args)
    assert third.returncode == 0 and third.stdout == expected, third.stderr[-3000:]
    assert "refused" not in third.stderr


def test_truncated_library_is_rebuilt(run_script, fresh_cache, tmp_path):
    src = tmp_path / "lib.cpp"
    src.write_text(_source())
    first = run_script(LOAD, str(src))
    assert first.returncode == 0 and first.stdout.split() == ["4242", "True"], first.stderr
    (lib,) = _libraries(fresh_cache)
    with open(lib, "rb") as f:
        data = f.read()
    assert len(data) > 3 * 4096
    _replace(lib, data[:len(data) // 2])  # as a copy cut short by a full disk or a crash
    _check_rebuilt_once(run_script, [str(src)], "4242 False\n")


def test_library_replaced_by_another_is_rebuilt(run_script, fresh_cache, tmp_path):
    a, b = tmp_path / "a.cpp", tmp_path / "b.cpp"
    a.write_text(_source(10))
    b.write_text('extern "C" int bc_other() { return 1; }\n')  # lacks bc_value
    assert run_script(LOAD, str(a)).returncode == 0
    (lib_a,) = _libraries(fresh_cache)
    proc = run_script(textwrap.dedent("""
        import sys
        from brian_cg.runtime import compiler
        with open(sys.argv[1]) as f:
            print(compiler.compile_and_load(f.read())[1]["library_path"])
    """), str(b))
    lib_b = proc.stdout.strip()
    with open(lib_b, "rb") as f:
        _replace(lib_a, f.read())
    _check_rebuilt_once(run_script, [str(a)], "4242 False\n")


def test_replaced_connect_library_is_rebuilt(run_script, fresh_cache, tmp_path):
    first = run_script(CONNECT)
    assert first.returncode == 0, first.stderr[-3000:]
    n = int(first.stdout.split()[0])
    assert 400 * 400 * 0.05 * 0.9 < n < 400 * 400 * 0.05 * 1.1
    sources = glob.glob(os.path.join(str(fresh_cache), "cpp", "*.cpp"))
    (connect,) = [s for s in sources if "bc_connect" in open(s).read()]
    other = tmp_path / "other.cpp"
    other.write_text('extern "C" int bc_other() { return 1; }\n')
    subprocess.run([compiler.find_compiler(), "-shared", "-fPIC", str(other), "-o",
                    str(tmp_path / "other.so")], check=True)
    _replace(connect[:-4] + ".so", (tmp_path / "other.so").read_bytes())  # lacks the symbol
    _check_rebuilt_once(run_script, [], first.stdout, code=CONNECT)


@pytest.mark.parametrize("contents", ["[]", '{"x": 1}', '{"a": {"version": 3}}', "{"])
def test_wrong_shaped_compiler_memo_is_rewritten(fresh_cache, contents, caplog):
    compiler.compile_and_load(_source(3))
    memo = fresh_cache / "compilers.json"
    memo.write_text(contents)
    compiler.forget_loaded()
    logger = logging.getLogger("brian_cg")
    logger.propagate, propagate = True, logger.propagate
    try:
        with caplog.at_level(logging.WARNING, logger="brian_cg"):
            lib, _ = compiler.compile_and_load(_source(4))
    finally:
        logger.propagate = propagate
    assert lib.bc_value() == 4242
    if contents != "{":  # a truncated file is simply unreadable: rewritten silently
        assert any("compilers.json" in r.getMessage() for r in caplog.records)
    known = json.loads(memo.read_text())
    assert isinstance(known, dict) and all(isinstance(v["version"], str) for v in known.values())
    assert compiler.compiler_works()[0]


def _model_spikes():
    from brian_cg import NeuronGroup, SpikeMonitor, ms, prefs, run, start_scope

    start_scope()
    prefs.codegen.target = "cython"
    G = NeuronGroup(10, "dv/dt = (1.5 - v)/(5*ms) : 1", threshold="v > 1", reset="v = 0",
                    method="exact")
    M = SpikeMonitor(G)
    run(20 * ms)
    return M.num_spikes


def test_read_only_cache_with_warm_entries_is_used(fresh_cache, tmp_path, monkeypatch):
    """Fault 8: a read-only cache (chmod a-w, or a read-only file system) is searched; only
    new entries go to the fallback, which info() and clear() cover."""
    from brian_cg import cache
    from brian_cg.integration import choice as base

    n_spikes = _model_spikes()
    warm_entries = cache.info()["entries"]
    assert warm_entries >= 2  # the network's library and the integration result
    for folder, _, _ in os.walk(fresh_cache):
        os.chmod(folder, 0o555)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # as a new process would, find the cache read-only
    monkeypatch.setattr(cache, "_dirs", {}, raising=False)
    compiler.forget_loaded()
    base._cache.clear()
    compiles = compiler.COMPILE_COUNT["n"]
    monkeypatch.setattr(base, "_apply_one", lambda *a: pytest.fail("integrated again"))

    assert _model_spikes() == n_spikes

    assert compiler.COMPILE_COUNT["n"] == compiles
    info = cache.info()
    fallback = os.path.join(str(tmp_path), f"brian_cg-cache-{os.getuid()}")
    assert info["location"] == fallback
    assert info["locations"] == [str(fresh_cache), fallback]
    assert info["entries"] == warm_entries
    compiler.compile_and_load(_source(2))  # a new entry: into the fallback
    assert cache.info()["entries"] == warm_entries + 1
    assert len(_libraries(fallback)) == 1
    cache.clear()
    assert cache.info()["entries"] == warm_entries  # the read-only entries stay
    assert _libraries(fallback) == []
    for folder, _, _ in os.walk(fresh_cache):
        os.chmod(folder, 0o700)
