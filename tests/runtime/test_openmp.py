"""prefs.codegen.cpp.threads > 1 (OpenMP) gives the same results as one thread."""
import numpy as np
import pytest

from brian_cg import Network, NeuronGroup, SpikeMonitor, ms, prefs, seed
from brian_cg.runtime.compiler import compiler_works

pytestmark = pytest.mark.skipif(not compiler_works()[0], reason="no C++ compiler")


def _run(threads):
    prefs.codegen.target = "cython"
    prefs.codegen.cpp.threads = threads
    seed(3)
    G = NeuronGroup(5000, "dv/dt = (v0 - v)/(10*ms) + 0.1*xi/sqrt(ms) : 1 (unless refractory)"
                          "\nv0 : 1", threshold="v > 1", reset="v = 0", refractory=2 * ms,
                    method="euler", name=f"omp{threads}*")
    G.v0 = "rand()*2"
    M = SpikeMonitor(G)
    Network(G, M).run(20 * ms)
    return M.i.copy(), M.t_.copy(), np.asarray(G.v).copy()


def test_threads_give_identical_results():
    one, two = _run(0), _run(2)
    assert len(one[0]) > 100
    for a, b in zip(one, two):
        np.testing.assert_array_equal(a, b)
