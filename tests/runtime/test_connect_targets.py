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


N_SYN = 60
FORMS = {
    "gaussian p": dict(p="exp(-0.1*(i-j)**2)"),
    "condition": dict(condition="abs(i-j) < 5 and i != j"),
    "rand in condition, p": dict(condition="rand() < 0.3 and j > i", p="0.5"),
    "p of the row": dict(condition="v2_pre > 0.4", p="v_pre"),
    "p of the target": dict(p="clip(v_post, 0, 1) * 0.05"),
    "synaptic subexpression": dict(condition="d < 0.02"),
    "range, rand": dict(j="k for k in range(i-5, i+6) if rand() < exp(-0.1*(i-k)**2)",
                        skip_if_invalid=True),
    "sample p, target condition": dict(j="k for k in sample(0, i, p=0.01) if v_post > 0.2",
                                       skip_if_invalid=True),
    "sample size": dict(j="k for k in sample(N_post, size=7)"),
    "sample size, skip": dict(j="k for k in sample(i-3, i+4, size=5)", skip_if_invalid=True),
    "index if": dict(j="i if i < N_SYN"),
    "over post": dict(i="j - 1 if j > 0 and rand() < 0.5"),
    "random element": dict(j="int(rand()*N_post) for k in range(3)"),
    "n": dict(condition="i != j", p=0.02, n=2),
    "n expression": dict(j="k for k in range(i, i+3)", skip_if_invalid=True, n="1 + (i % 2)"),
    "arrays, p": dict(i=np.arange(0, 600, 3), j=np.arange(0, 600, 3) % 500, p=0.5),
}


@pytest.mark.parametrize("kwds", list(FORMS.values()), ids=list(FORMS))
def test_connect_forms_same_synapses_on_both_targets(kwds, monkeypatch):
    # issue 20, part 10: the compiled kernels create what the numpy code creates
    from brian_cg.synapses import connect

    numpy_evaluate = connect._evaluate

    def evaluate(call, plan, role, *args, **kw):
        assert not call.compiled or role == "n", "compiled connect() evaluated with numpy"
        return numpy_evaluate(call, plan, role, *args, **kw)

    monkeypatch.setattr(connect, "_evaluate", evaluate)
    G = NeuronGroup(1000, "v : 1\nv2 = 2*v : 1")
    G.v = "i / 1000.0"
    H = NeuronGroup(800, "v : 1")
    H.v = "(i % 100) / 100.0"
    results = []
    for target in ("numpy", "cython"):
        prefs.codegen.target = target
        seed(7)
        S = Synapses(G[100:800], H[50:750], "d = abs(v_pre - v_post) : 1", name=f"s_{target}*")
        S.connect(**kwds, namespace={"N_SYN": N_SYN})
        results.append((np.asarray(S.i[:]).copy(), np.asarray(S.j[:]).copy()))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    assert len(results[0][0]) > 10


@pytest.mark.parametrize("form", ["limited", "divided"])
def test_generator_forms_same_synapses_at_large_n(form):
    # Brian2's efficient_gaussian_connectivity forms at N = 10^5
    N, w = 100_000, 9
    pmax = float(np.exp(-0.1 * w ** 2))
    calls = [dict(j="k for k in range(i-w, i+w) if rand()<exp(-0.1*(i-j)**2)",
                  skip_if_invalid=True)]
    if form == "divided":
        calls += [dict(j="k for k in sample(0, i-w, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax",
                       skip_if_invalid=True),
                  dict(j="k for k in sample(i+w, N_post, p=pmax) if "
                         "rand()<exp(-0.1*(i-j)**2)/pmax", skip_if_invalid=True)]
    results = []
    for target in ("numpy", "cython"):
        prefs.codegen.target = target
        seed(1)
        G = NeuronGroup(N, "v : 1", name=f"g_{target}*")
        S = Synapses(G, G, name=f"s_{target}*")
        for kwds in calls:
            S.connect(**kwds, namespace={"w": w, "pmax": pmax})
        results.append((np.asarray(S.i[:]).copy(), np.asarray(S.j[:]).copy()))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    d = np.arange(-w + 1, w)
    expected = N * np.exp(-0.1 * d ** 2).sum()  # border rows lose a few
    assert abs(len(results[0][0]) - expected) < 5 * np.sqrt(expected) + 200
    if form == "divided":  # the far pairs come from the sampled parts
        assert np.sum(np.abs(results[0][0] - results[0][1]) >= w) > 0


def test_connect_code_is_compiled_once_per_structure():
    # values of constants and sizes are inputs of the compiled kernel, not its source
    from brian_cg.runtime import compiler, cpp_connect

    prefs.codegen.target = "cython"
    code = "k for k in range(i-width, i+width+1) if rand() < exp(-alpha*(i-k)**2)"
    G = NeuronGroup(300, "v : 1")
    Synapses(G, G).connect(j=code, skip_if_invalid=True, namespace={"width": 2, "alpha": 0.1})
    kernels, compiles = len(cpp_connect._kernels), compiler.COMPILE_COUNT["n"]
    for n, width, alpha in [(100, 3, 0.0), (500, 1, 0.5), (50, 4, 1e9)]:
        H = NeuronGroup(n, "v : 1")
        S = Synapses(H, H)
        S.connect(j=code, skip_if_invalid=True, namespace={"width": width, "alpha": alpha})
        d = np.asarray(S.j[:]) - np.asarray(S.i[:])
        if alpha == 0.0:  # every candidate
            assert len(S) == sum(min(n - 1, k + width) - max(0, k - width) + 1
                                 for k in range(n))
        elif alpha > 1e3:
            np.testing.assert_array_equal(d, 0)
        assert np.abs(d).max() <= width
    assert len(cpp_connect._kernels) == kernels
    assert compiler.COMPILE_COUNT["n"] == compiles
    with pytest.raises(TypeError):  # a float width makes range() invalid, as in Brian2
        Synapses(G, G).connect(j=code, skip_if_invalid=True,
                               namespace={"width": 2.0, "alpha": 0.1})
