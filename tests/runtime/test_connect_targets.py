"""connect() creates the same synapses on the numpy and compiled targets."""
import numpy as np
import pytest

from brian_cg import NeuronGroup, Synapses, prefs, seed
from brian_cg.runtime.compiler import compiler_works

pytestmark = pytest.mark.skipif(not compiler_works()[0], reason="no C++ compiler")


@pytest.mark.parametrize("p,condition", [(0.05, None), (0.3, "i != j"), (0.01, "j > i")])
def test_connect_same_synapses_on_both_targets(p, condition):
    G = NeuronGroup(700, "v : 1", threshold="False")
    H = NeuronGroup(500, "v : 1", threshold="False")
    results = []
    for target in ("numpy", "cython"):
        prefs.codegen.target = target
        seed(21)
        S = Synapses(G[100:700], H, name=f"s_{target}*")
        S.connect(condition, p=p)
        results.append((S.i[:].copy(), S.j[:].copy()))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    n = 600 * 500
    assert abs(len(results[0][0]) / n - p * (1 if condition is None else 0.5 if
                                             condition == "j > i" else 1)) < 0.02


def test_random_threshold_and_random_operations_in_one_network():
    # a threshold drawing rand() and later operations drawing rand()/randn() share one
    # compiled library: each keeps its own random numbers, equal to numpy's
    from brian_cg import Network, PoissonGroup, PoissonInput, SpikeMonitor, Hz, ms

    results = []
    for target in ("numpy", "cython"):
        prefs.codegen.target = target
        seed(5)
        P = PoissonGroup(200, rates="50*Hz + i*Hz", name=f"pg_{target}*")
        G = NeuronGroup(100, "dv/dt = -v/(10*ms) + xi/sqrt(10*ms) : 1", threshold="v > 2",
                        reset="v = rand()", method="euler", name=f"g_{target}*")
        inp = PoissonInput(G, "v", 10, 20 * Hz, weight=0.1)
        MP, MG = SpikeMonitor(P), SpikeMonitor(G)
        Network(P, G, inp, MP, MG).run(20 * ms)
        results.append((MP.i.copy(), MG.i.copy(), np.asarray(G.v).copy()))
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-12)
    assert len(results[0][0]) > 50
