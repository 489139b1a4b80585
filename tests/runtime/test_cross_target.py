"""The same model on numpy and on the compiled target: same numbers."""
import numpy as np
import pytest

from brian_cg.runtime.compiler import compiler_works

pytestmark = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")


def _simulate(target):
    from brian_cg import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor,
                          StateMonitor, ms, mV, prefs, seed, start_scope)

    start_scope()
    prefs.codegen.target = target
    seed(7)
    eqs = """
    dv/dt = (v0 - v)/tau + sigma*xi*tau**-0.5 : volt (unless refractory)
    dw/dt = (a*(v - v0) - w)/(30*ms) : volt
    v0 : volt
    I = w*2 : volt
    """
    G = NeuronGroup(50, eqs, threshold="v > -50*mV and rand() < 0.9",
                    reset="v = -70*mV + 2*mV*(i % 3)\nw += 1*mV", refractory=2 * ms,
                    method="euler", namespace={"tau": 10 * ms, "sigma": 3 * mV, "a": 0.1})
    G.v = "-70*mV + rand()*20*mV"
    G.v0 = "-55*mV + 10*mV*i/N"
    M = SpikeMonitor(G, variables=["w"])
    S = StateMonitor(G, ["v", "I"], record=[0, 7, 49])
    R = PopulationRateMonitor(G[10:30])
    S2 = StateMonitor(G, "w", record=True, dt=0.5 * ms)
    net = Network(G, M, S, R, S2)
    net.run(30 * ms)
    return (M.i.copy(), M.t_.copy(), M.w_.copy(), S.v_.copy(), S.I_.copy(), R.rate_.copy(),
            S2.w_.copy(), S2.t_.copy(), G.v_.copy())


def test_numpy_and_compiled_give_the_same_results():
    ref = _simulate("numpy")
    got = _simulate("cython")
    assert len(ref[0]) > 20
    for a, b in zip(ref, got):
        assert a.shape == b.shape
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-15)
