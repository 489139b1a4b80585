"""The compile cache: cold vs warm, parameters as inputs, concurrency, corruption, errors."""
import glob
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from brian_cg.runtime import compiler
from brian_cg.runtime.compiler import compiler_works

pytestmark = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")

MODEL = textwrap.dedent("""
    from brian_cg import *
    prefs.codegen.target = 'cython'
    tau = {tau}*ms
    G = NeuronGroup(10, 'dv/dt = (1.5 - v)/tau : 1', threshold='v > 1', reset='v = 0',
                    method='exact')
    M = SpikeMonitor(G)
    run(20*ms)
    print(M.num_spikes)
""")


def _run_model(tau):
    from brian_cg import NeuronGroup, SpikeMonitor, ms, prefs, run

    prefs.codegen.target = "cython"
    G = NeuronGroup(10, "dv/dt = (1.5 - v)/tau : 1", threshold="v > 1", reset="v = 0",
                    method="exact", namespace={"tau": tau * ms})
    M = SpikeMonitor(G)
    run(20 * ms)
    return M.num_spikes


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIAN_CG_CACHE", str(tmp_path / "cache"))
    compiler.forget_loaded()
    yield tmp_path / "cache"
    compiler.forget_loaded()


def test_cold_then_warm_calls_no_compiler(fresh_cache):
    import brian_cg

    n0 = compiler.COMPILE_COUNT["n"]
    cold = _run_model(5)
    assert compiler.COMPILE_COUNT["n"] == n0 + 1
    compiler.forget_loaded()  # as a new process would: only the disk cache is left
    calls = []
    original = compiler._run_compiler
    compiler._run_compiler = lambda *a: calls.append(a) or original(*a)
    try:
        brian_cg.start_scope()
        assert _run_model(5) == cold
    finally:
        compiler._run_compiler = original
    assert calls == []
    info = brian_cg.cache.info()
    assert info["location"] == str(fresh_cache) and info["entries"] >= 1 and info["bytes"] > 0
    assert glob.glob(os.path.join(str(fresh_cache), "cpp", "*.cpp"))  # sources kept for users
    brian_cg.cache.clear()
    assert brian_cg.cache.info()["entries"] == 0


def test_parameter_change_does_not_recompile(fresh_cache):
    import brian_cg

    a = _run_model(5)
    n = compiler.COMPILE_COUNT["n"]
    brian_cg.start_scope()
    b = _run_model(20)
    assert compiler.COMPILE_COUNT["n"] == n
    assert a > b  # the new tau took effect


def test_concurrent_processes_compile_the_same_model(fresh_cache, tmp_path, subprocess_env):
    script = tmp_path / "model.py"
    script.write_text(MODEL.format(tau=5))
    env = subprocess_env(BRIAN_CG_CACHE=str(fresh_cache))
    procs = [subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    assert len({o[0].strip() for o in outs}) == 1
    assert len(glob.glob(os.path.join(str(fresh_cache), "cpp", "*.so"))) >= 1
    assert not glob.glob(os.path.join(str(fresh_cache), "cpp", ".tmp_*"))


def test_corrupted_entry_is_rebuilt(fresh_cache, tmp_path, subprocess_env):
    # in fresh processes: a library loaded in this one stays mapped whatever the file says
    script = tmp_path / "model.py"
    script.write_text(MODEL.format(tau=5))
    env = subprocess_env(BRIAN_CG_CACHE=str(fresh_cache))

    def run():
        proc = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout.strip()

    expected = run()
    libs = glob.glob(os.path.join(str(fresh_cache), "cpp", "*.so"))
    assert libs
    for p in libs:
        with open(p + ".bad", "wb") as f:
            f.write(b"not a library")
        os.replace(p + ".bad", p)
    assert run() == expected
    for p in libs:
        with open(p, "rb") as f:
            assert f.read(4) == b"\x7fELF"


def test_failed_compile_shows_path_and_compiler_message(fresh_cache):
    from brian_cg.errors import CompilationError

    with pytest.raises(CompilationError) as exc:
        compiler.compile_and_load('extern "C" int f() { return undeclared_name; }\n')
    msg = str(exc.value)
    assert "undeclared_name" in msg
    path = next(part for part in msg.split() if part.endswith(".cpp"))
    assert os.path.exists(path)


def test_model_the_target_cannot_run_says_so_before_the_run():
    from brian_cg import NeuronGroup, ms, prefs, run
    from brian_cg.errors import UnsupportedByTargetError

    prefs.codegen.target = "cython"

    def f(x):
        return x

    f._arg_units = [1]
    f._return_unit = 1
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) + f(v)/ms : 1", method="euler",  # noqa: F841
                    namespace={"f": f})
    with pytest.raises(UnsupportedByTargetError, match="C\\+\\+ implementation"):
        run(1 * ms)


def test_auto_target_picks_compiled_and_says_why(caplog):
    from brian_cg import runtime

    runtime._auto.clear()
    import logging

    logging.getLogger("brian_cg").propagate = True
    with caplog.at_level(logging.INFO, logger="brian_cg"):
        assert runtime.resolve_target("auto") == "cpp"
    assert any("'auto'" in r.getMessage() for r in caplog.records)
    with pytest.raises(ValueError):
        runtime.resolve_target("fortran")
