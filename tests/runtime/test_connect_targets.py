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
