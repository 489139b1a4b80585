"""Targets as plug-ins: the registry, a target registered from outside the package, aliases."""
import logging
import subprocess
import sys

import numpy as np
import pytest

from brian_cg.runtime.compiler import compiler_works
from brian_cg.runtime.cpp_target import CppTarget
from brian_cg.runtime.registry import (
    get_target,
    register_target,
    registered_targets,
    target_names,
    unregister_target,
)

needs_compiler = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")


class FlagsVariant(CppTarget):
    """A second C++ target, defined here: its own name, flags and cache key."""

    name = "cpp_test_variant"
    aliases = ()
    auto_priority = None
    description = "the compiled target with a define of its own (test)"

    def __init__(self):
        self.builds = []

    def compiler_flags(self):
        return super().compiler_flags() + ["-DBC_TEST_VARIANT=1"]

    def cache_key_parts(self):
        return ("test variant",)

    def compile(self, source, check=None):
        lib, info = super().compile(source, check)
        self.builds.append(info)
        return lib, info


def _cuba(target, N=1000, duration_ms=100):
    """The CUBA network (Vogels & Abbott 2005), 80 synapses per neuron; (i, t) of its spikes."""
    from brian_cg import (
        Network,
        NeuronGroup,
        SpikeMonitor,
        Synapses,
        ms,
        mV,
        prefs,
        seed,
        start_scope,
    )

    start_scope()
    prefs.codegen.target = target
    seed(2005)
    # the model's constants, found by name in this function's namespace
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms  # noqa: F841
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV  # noqa: F841
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = NeuronGroup(N, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                    method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    we, wi = (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV  # noqa: F841
    Ce = Synapses(P, P, on_pre="ge += we")
    Ci = Synapses(P, P, on_pre="gi += wi")
    Ce.connect("i<int(0.8*N_pre)", p=80.0 / N)
    Ci.connect("i>=int(0.8*N_pre)", p=80.0 / N)
    M = SpikeMonitor(P)
    net = Network(P, Ce, Ci, M)
    net.run(duration_ms * ms)
    return M.i[:].copy(), M.t_[:].copy()


@needs_compiler
def test_a_target_registered_from_outside_runs_cuba_like_cpp():
    variant = register_target(FlagsVariant())
    try:
        assert get_target("cpp_test_variant") is variant
        i_ref, t_ref = _cuba("cpp")
        i, t = _cuba("cpp_test_variant")
    finally:
        unregister_target("cpp_test_variant")
    assert len(i_ref) > 500
    np.testing.assert_array_equal(i, i_ref)
    np.testing.assert_array_equal(t, t_ref)
    # it compiled with its own flags into its own cache entry
    assert variant.builds, "the variant's loop did not compile through the variant"
    reference = CppTarget()
    assert all("-DBC_TEST_VARIANT=1" not in f for f in reference.compiler_flags())
    key = variant.builds[-1]["key"]
    from brian_cg.runtime.compiler import cache_key, find_compiler

    with open(variant.builds[-1]["source_path"]) as f:
        source = f.read()
    assert key == cache_key(source, find_compiler(), variant.compiler_flags(),
                            ("test variant",))
    assert key != cache_key(source, find_compiler(), reference.compiler_flags())
    assert "cpp_test_variant" not in target_names()


@needs_compiler
def test_cython_is_an_alias_of_cpp_with_identical_results(caplog):
    from brian_cg.runtime import registry

    registry._told_alias.discard("cython")
    logging.getLogger("brian_cg").propagate = True
    with caplog.at_level(logging.INFO, logger="brian_cg"):
        i_alias, t_alias = _cuba("cython", N=500, duration_ms=50)
        _cuba("cython", N=500, duration_ms=1)
    told = [r.getMessage() for r in caplog.records if "'cython'" in r.getMessage()]
    assert len(told) == 1 and "'cpp'" in told[0], told
    i, t = _cuba("cpp", N=500, duration_ms=50)
    np.testing.assert_array_equal(i_alias, i)
    np.testing.assert_array_equal(t_alias, t)
    assert get_target("cython") is get_target("cpp")


def test_registry_rejects_unknown_and_taken_names():
    with pytest.raises(ValueError, match="Unknown code generation target 'fortran'"):
        get_target("fortran")
    with pytest.raises(ValueError, match="already registered"):
        register_target(CppTarget())

    class Clash(CppTarget):
        name = "other"
        aliases = ("numpy",)

    with pytest.raises(ValueError, match="already registered"):
        register_target(Clash())
    assert {"numpy", "cpp"} <= {t.name for t in registered_targets()}
    assert {"auto", "numpy", "cpp", "cython"} <= set(target_names())


def test_info_lists_every_target_with_its_reason():
    out = subprocess.run([sys.executable, "-m", "brian_cg", "info"], capture_output=True,
                         text=True, check=True).stdout
    for target in registered_targets():
        ok, reason = target.availability()
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(f"'{target.name}'"))
        assert ("NOT available" not in line) == ok, line
        assert reason in line
    assert "'cython'" in out and "no Cython" in out


@needs_compiler
def test_a_compiled_network_is_a_program_with_a_manifest(tmp_path):
    """The program of a network: sources plus a manifest naming every operation in schedule
    order with its clock, fields, buffers and queues; written out, it is plain files."""
    import json

    from brian_cg import (
        Network,
        NeuronGroup,
        SpikeMonitor,
        StateMonitor,
        Synapses,
        ms,
        network_operation,
        prefs,
    )
    from brian_cg.runtime.cpp_runtime import CompiledRun
    from brian_cg.runtime.registry import get_target

    prefs.codegen.target = "cpp"
    G = NeuronGroup(5, "dv/dt = (2 - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                    method="exact")
    S = Synapses(G, G, "w : 1", on_pre="v += w", delay=1 * ms)
    S.connect(j="(i + 1) % 5")
    M = SpikeMonitor(G)
    V = StateMonitor(G, "v", record=[0], dt=0.5 * ms)
    calls = []
    op = network_operation(dt=1 * ms)(lambda: calls.append(1))
    net = Network(G, S, M, V, op)
    net.run(3 * ms)
    schedule = [(o, o.clock, o.run_step_functions()) for o in net.sorted_objects if o.active]
    clocks = []
    for _, c, _ in schedule:
        if not any(c is k for k in clocks):
            clocks.append(c)
    for c in clocks:
        c._run_end = c.timestep
    run = CompiledRun(schedule, clocks, get_target("cpp"))
    manifest = run.program.manifest
    ops = manifest["operations"]
    kinds = [(op["kind"], op["operation"]) for op in ops]
    assert kinds == [("python", "python"), ("compiled", "statemonitor"),
                     ("compiled", "stateupdate"), ("compiled", "threshold"),
                     ("compiled", "spikemonitor"), ("compiled", "synapses"),
                     ("compiled", "reset")], kinds
    assert manifest["clocks"] == 3 and [op["clock"] for op in ops] == [0, 1, 2, 2, 2, 2, 2]
    synapses = ops[5]
    assert synapses["queue"] and ["_ptr_v", "double*", ["array", "v"]] in synapses["fields"]
    assert [[g, [n for n, _ in named]] for g, named in ops[4]["buffers"]] == \
        [["t", ["t"]], ["i", ["i"]], ["values", []]]
    assert manifest["buffers"] == 2  # spike monitor t, i (the state monitor writes in place)
    assert ["_rec_v", "double*", ["input", "_rec_v"]] in ops[1]["fields"]
    # the C structs and the ctypes structures come from the same field lists
    assert "struct Args_5 {" in run.program.main_source
    for name, fields in run.program.structs():
        assert [f for f, _ in run.loaded.types[name]._fields_] == [f for f, _ in fields]
    run.finish()
    paths = run.program.write(str(tmp_path / "program"))
    assert sorted(p.rsplit("/", 1)[1] for p in paths) == ["brian_cg_program.cpp",
                                                          "manifest.json"]
    with open(tmp_path / "program" / "manifest.json") as f:
        assert json.load(f) == json.loads(json.dumps(manifest))
