"""The compiled target beyond neurons: 'auto' fallback, TimedArray, synapses, stop(),
the on-disk cache of symbolic integration."""
import logging

import numpy as np
import pytest

from brian_cg.runtime.compiler import compiler_works

pytestmark = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")


def _synaptic_network(target):
    from brian_cg import (Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, collect,
                          ms, mV, prefs, seed, start_scope)

    start_scope()
    prefs.codegen.target = target
    seed(3)
    P = NeuronGroup(200, """dv/dt = (ge+gi-(v+49*mV))/(20*ms) + I/(20*ms): volt (unless refractory)
                            dge/dt = -ge/(5*ms) : volt
                            dgi/dt = -gi/(10*ms) : volt
                            I : volt""",
                    threshold="v>-50*mV", reset="v=-60*mV", refractory=5 * ms, method="exact")
    P.v = "-60*mV + rand()*10*mV"
    Ce = Synapses(P, P, "w : volt", on_pre="ge += w")
    Ce.connect("i<160", p=0.1)
    Ce.w = "rand()*1.6*mV"
    Ce.delay = "rand()*3*ms"
    Ci = Synapses(P, P, on_pre="gi += -9*mV", delay=1 * ms)
    Ci.connect("i>=160", p=0.1)
    G = Synapses(P[:50], P[50:100], """g : 1
                 dx/dt = -x/(3*ms) + 1/(10*ms) : 1 (clock-driven)
                 I_post = g*x*(v_pre - v_post)*0.1 : volt (summed)""", method="euler")
    G.connect(j="i")
    G.g = "rand()"
    M = SpikeMonitor(P)
    S = StateMonitor(P, ["v", "ge"], record=[0, 60, 170])
    net = Network(collect())
    net.run(40 * ms)
    Ce.delay = "rand()*5*ms"  # delays changed between runs, spikes pending in the queue
    net.store()
    net.run(20 * ms)
    first = (M.i.copy(), M.t_.copy())
    net.restore()
    net.run(20 * ms)
    return (*first, M.i.copy(), M.t_.copy(), S.v_.copy(), S.ge_.copy(), G.x[:].copy(),
            P.v_.copy()), (Ce, Ci, G)


def test_synapses_numpy_and_compiled_agree():
    ref, _ = _synaptic_network("numpy")
    got, (Ce, Ci, G) = _synaptic_network("cython")
    assert len(ref[0]) > 50
    for a, b in zip(ref, got):
        a, b = np.asarray(a), np.asarray(b)
        assert a.shape == b.shape
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-15)
    # everything synaptic ran as compiled code, not as Python steps
    for op in [Ce.pre, Ci.pre, G.state_updater, *G.summed_updaters.values()]:
        assert all(getattr(f, "compiled", False) for f in op.run_step_functions()), op.name


def _function_model():
    from brian_cg import Network, NeuronGroup, StateMonitor, check_units, ms

    @check_units(x=1, result=1)
    def f(x):
        return np.sin(x)

    G = NeuronGroup(3, "dv/dt = (f(v) - v)/(10*ms) : 1", method="euler", namespace={"f": f})
    G.v = [0.1, 0.5, 1.0]
    M = StateMonitor(G, "v", record=True)
    net = Network(G, M)
    net.run(2 * ms)
    return M.v[:].copy()


def test_auto_runs_an_uncompilable_object_with_numpy(caplog):
    from brian_cg import prefs, start_scope

    prefs.codegen.target = "numpy"
    ref = _function_model()
    start_scope()
    prefs.codegen.target = "auto"
    logging.getLogger("brian_cg").propagate = True
    with caplog.at_level(logging.INFO, logger="brian_cg"):
        got = _function_model()
    np.testing.assert_allclose(got, ref, rtol=1e-12)
    msgs = [r.getMessage() for r in caplog.records]
    assert any("runs as numpy" in m and "stateupdater" in m and "'f'" in m for m in msgs), msgs


def test_timedarray_values_change_without_recompile():
    from brian_cg import Network, NeuronGroup, StateMonitor, TimedArray, ms, prefs
    from brian_cg.runtime import compiler

    prefs.codegen.target = "cython"
    ta = TimedArray(np.arange(5.0), dt=1 * ms)
    ta2 = TimedArray(np.arange(10.0).reshape(5, 2), dt=1 * ms)
    G = NeuronGroup(2, "x = ta(t) + ta2(t, i) : 1")
    M = StateMonitor(G, "x", record=True)
    net = Network(G, M)
    net.run(3 * ms)
    n = compiler.COMPILE_COUNT["n"]
    ta.values[:] = 100 * np.arange(5.0)
    net.run(3 * ms)
    assert compiler.COMPILE_COUNT["n"] == n
    t = M.t_
    k = np.clip((np.round(t / 1e-4) / 10).astype(int), 0, 4)
    before = t < 3e-3 - 1e-9
    expected0 = np.where(before, k, 100 * k) + 2 * k
    np.testing.assert_allclose(M.x[0], expected0)
    np.testing.assert_allclose(M.x[1], np.where(before, k, 100 * k) + 2 * k + 1)


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_stop_ends_the_compiled_loop_after_the_step(target):
    from brian_cg import Network, NeuronGroup, ms, network_operation, prefs

    prefs.codegen.target = target
    G = NeuronGroup(1, "dv/dt = 1/ms : 1")

    @network_operation(dt=1 * ms)
    def stopper(t):
        if t >= 3 * ms:
            net.stop()

    net = Network(G, stopper)
    net.run(10 * ms)
    assert abs(float(net.t / ms) - 3.1) < 1e-9
    assert abs(G.v[0] - 3.1) < 1e-9


def test_integration_results_are_cached_on_disk(fresh_cache, monkeypatch):
    import sympy

    from brian_cg.integration import choice as base

    v, tau = sympy.symbols("v tau", real=True)
    eqs = {"v": -v / tau}
    base._cache.clear()
    first = base.integrate(eqs, "exact")
    assert list((fresh_cache / "symbolic").glob("*.json"))
    assert not list((fresh_cache / "symbolic").glob("*.pkl"))  # no pickles: JSON only
    base._cache.clear()

    def fail(*args, **kwds):
        raise AssertionError("the symbolic work was done again")

    monkeypatch.setattr(base, "_apply_one", fail)
    assert base.integrate(eqs, "exact") == first


def _custom_events(target):
    from brian_cg import EventMonitor, Network, NeuronGroup, SpikeMonitor, ms, prefs, seed
    from brian_cg import start_scope

    start_scope()
    prefs.codegen.target = target
    seed(1)
    G = NeuronGroup(20, "dv/dt = (1.2 - v)/(10*ms) + 0.1*xi/sqrt(ms) : 1\nc : 1",
                    threshold="v > 1", reset="v = 0",
                    events={"half": "v > 0.5 and c < 3"}, method="euler")
    G.run_on_event("half", "c += 1")
    G.v = "rand()"
    M = EventMonitor(G, "half", variables=["v"])
    S = SpikeMonitor(G)
    net = Network(G, M, S)
    net.run(30 * ms)
    ops = [G.thresholder["half"], G.resetter["half"], M]
    compiled = all(getattr(f, "compiled", False) for op in ops for f in op.run_step_functions())
    return (M.i.copy(), M.t_.copy(), M.v_.copy(), G.c[:].copy(), S.i.copy()), compiled


def test_custom_events_compiled_and_agree():
    ref, _ = _custom_events("numpy")
    got, compiled = _custom_events("cython")
    assert compiled
    assert len(ref[0]) > 10
    for a, b in zip(ref, got):
        np.testing.assert_allclose(b, a, rtol=1e-12)


def _generator_network(target):
    from brian_cg import (Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, Synapses,
                          ms, prefs, start_scope)

    start_scope()
    prefs.codegen.target = target
    gen = SpikeGeneratorGroup(3, [0, 2, 1, 0], [1, 1, 2.5, 4] * ms, period=6 * ms)
    G = NeuronGroup(3, "dv/dt = -v/(5*ms) : 1")
    S = Synapses(gen, G, on_pre="v += 1")
    S.connect(j="i")
    S.delay = "i*ms"
    M = SpikeMonitor(gen)
    net = Network(gen, G, S, M)
    net.run(10 * ms)
    net.store()
    net.run(7 * ms)
    gen.set_spikes([1], [0.5] * ms, period=2 * ms)
    net.run(5 * ms)
    compiled = all(getattr(f, "compiled", False) for f in gen.run_step_functions())
    return (M.i.copy(), M.t_.copy(), G.v[:].copy()), compiled


def test_spike_generator_compiled_and_agrees():
    ref, _ = _generator_network("numpy")
    got, compiled = _generator_network("cython")
    assert compiled
    assert len(ref[0]) > 8
    for a, b in zip(ref, got):
        np.testing.assert_allclose(b, a, rtol=1e-12)


def _stdp(target):
    from brian_cg import (Hz, Network, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses,
                          collect, ms, prefs, seed, start_scope)

    start_scope()
    prefs.codegen.target = target
    seed(5)
    inp = PoissonGroup(100, rates=30 * Hz)
    G = NeuronGroup(5, "dv/dt = (ge - v)/(10*ms) : 1\ndge/dt = -ge/(5*ms) : 1",
                    threshold="v > 0.5", reset="v = 0", method="exact")
    S = Synapses(inp, G, """w : 1
                 dApre/dt = -Apre/(20*ms) : 1 (event-driven)
                 dApost/dt = -Apost/(20*ms) : 1 (event-driven)""",
                 on_pre="ge += w\nApre += 0.01\nw = clip(w + Apost, 0, 0.3)",
                 on_post="Apost -= 0.0105\nw = clip(w + Apre, 0, 0.3)")
    S.connect(p=0.5)
    S.w = "rand()*0.3"
    S.delay = "rand()*2*ms"
    M = SpikeMonitor(G)
    net = Network(collect())
    net.run(200 * ms)
    compiled = all(getattr(f, "compiled", False) for p in (S.pre, S.post)
                   for f in p.run_step_functions())
    return (S.w[:].copy(), M.i.copy(), M.t_.copy()), compiled


def test_stdp_on_pre_and_on_post_compiled_and_agree():
    ref, _ = _stdp("numpy")
    got, compiled = _stdp("cython")
    assert compiled
    assert len(ref[1]) > 20
    for a, b in zip(ref, got):
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-15)
