"""connect(): Brian2's semantics and errors for conditions, p, index arrays and generator
syntax (expected values from Brian2 2.11's behaviour on the same calls)."""
import numpy as np
import pytest

from brian_cg import NeuronGroup, Synapses, seed
from brian_cg.errors import DimensionMismatchError


def _pairs(S):
    return list(zip(np.asarray(S.i[:]).tolist(), np.asarray(S.j[:]).tolist()))


def _connect(source, target_group=None, model="", **kwds):
    S = Synapses(source, target_group if target_group is not None else source, model)
    S.connect(**kwds)
    return S


def test_generator_with_only_a_condition(target):
    # issue 20, part 7: Brian's 'i if cond' (one candidate per row, kept where cond holds)
    G = NeuronGroup(10, "v : 1")
    N_synapses = 3
    S = Synapses(G, G)
    S.connect(j="i if i < N_synapses")  # N_synapses from this function's namespace
    assert _pairs(S) == [(0, 0), (1, 1), (2, 2)]
    ns = {"N_synapses": N_synapses}
    assert _pairs(_connect(G, j="i if i >= N_synapses and i < 2*N_synapses", namespace=ns)) \
        == [(3, 3), (4, 4), (5, 5)]
    assert _pairs(_connect(G, j="i+1 if i < N_synapses", namespace=ns)) == \
        [(0, 1), (1, 2), (2, 3)]
    assert _pairs(_connect(G, i="j if j > 6")) == [(7, 7), (8, 8), (9, 9)]
    # the index may be invalid where the condition excludes it
    assert _pairs(_connect(G, j="i+1 if i < N_pre - 1")) == [(k, k + 1) for k in range(9)]
    with pytest.raises(SyntaxError):  # Brian2: no 'else' branch
        _connect(G, j="i if i < 3 else 2")


def test_neuron_and_synaptic_subexpressions_in_conditions(target):
    # issue 18: v2_post, unsuffixed target names, a synaptic subexpression, in conditions
    G = NeuronGroup(10, """v : 1
                           v2 = 2*v : 1
                           x = i*1.0 : 1""")
    G.v = "i"
    expected = [(a, b) for a in range(10) for b in range(6, 10)]
    assert _pairs(_connect(G, condition="v2_post > 10")) == expected
    assert _pairs(_connect(G, condition="v > 5")) == expected  # unsuffixed: the target's
    assert _pairs(_connect(G, condition="x > 5 and i == 0")) == [(0, b) for b in range(6, 10)]
    assert _pairs(_connect(G, j="k for k in range(N_post) if v2_post > 10")) == expected
    S = _connect(G, model="d = abs(x_pre - x_post) : 1", condition="d < 2")
    assert _pairs(S) == [(a, b) for a in range(10) for b in range(10) if abs(a - b) < 2]
    S = _connect(G, model="d = abs(x_pre - x_post) : 1",
                 j="k for k in range(N_post) if d == 3")
    assert _pairs(S) == [(a, b) for a in range(10) for b in range(10) if abs(a - b) == 3]
    # a subgroup's subexpression sees the group's own (absolute) index, as in Brian2
    H = NeuronGroup(10, """v : 1
                           x = i*1.0 : 1""")
    SG = H[5:10]
    assert _pairs(_connect(SG, condition="x_pre == 1 and j == 0")) == []
    assert _pairs(_connect(SG, j="k for k in range(N_post) if x_post == 7 and i == 0")) == \
        [(0, 2)]
    assert _pairs(_connect(G, condition="t >= 0*ms and i == j")) == [(k, k) for k in range(10)]
    with pytest.raises(ValueError, match="'w'"):
        _connect(G, model="w : 1", condition="w < 2")
    with pytest.raises(ValueError, match="N_incoming"):
        _connect(G, condition="N_incoming < 1")


def test_index_arrays_with_p(target):
    # issue 18: connect(i=..., j=..., p=...)
    G = NeuronGroup(100, "v : 1")
    i = np.repeat(np.arange(100), 100)
    j = np.tile(np.arange(100), 100)
    assert len(_connect(G, i=i, j=j, p=0.0)) == 0
    assert _pairs(_connect(G, i=[3, 4], j=[5, 6], p=1.0)) == [(3, 5), (4, 6)]
    seed(11)
    S = _connect(G, i=i, j=j, p=0.3)
    assert abs(len(S) - 3000) < 5 * np.sqrt(10000 * 0.3 * 0.7)
    assert set(_pairs(S)) <= set(zip(i.tolist(), j.tolist()))
    # repeated pairs are decided independently (drawn per position, not per pair)
    S = _connect(G, i=np.zeros(4000, int), j=np.zeros(4000, int), p=0.5)
    assert abs(len(S) - 2000) < 5 * np.sqrt(4000 * 0.25)
    S = _connect(G, i=[1, 2], j=3, n=2)
    assert _pairs(S) == [(1, 3), (1, 3), (2, 3), (2, 3)]


def test_sample_size_and_skip_if_invalid(target):
    # issue 18: sample(..., size=...) larger than the candidates with skip_if_invalid
    G = NeuronGroup(10, "v : 1")
    S = _connect(G, j="k for k in sample(5, size=7)", skip_if_invalid=True)
    assert _pairs(S) == [(a, b) for a in range(10) for b in range(5)]
    S = _connect(G, j="k for k in sample(i-2, i+3, size=6)", skip_if_invalid=True)
    assert _pairs(S) == [(a, b) for a in range(10) for b in range(a - 2, a + 3) if 0 <= b < 10]
    # Brian2: the sample is drawn from the whole range, then invalid indices are skipped
    seed(2)
    S = _connect(NeuronGroup(200, "v : 1"), j="k for k in sample(i-2, i+3, size=4)",
                 skip_if_invalid=True)
    per_row = np.bincount(S.i[:], minlength=200)
    assert np.all(per_row[2:-2] == 4) and np.all(per_row[[0, 1, -2, -1]] <= 4)
    assert per_row[[0, -1]].sum() < 8  # rows 0 and 199 have two invalid candidates each
    assert np.all(np.abs(S.i[:] - S.j[:]) <= 2)
    assert len(_connect(G, j="k for k in sample(5, size=-1)", skip_if_invalid=True)) == 0
    with pytest.raises(IndexError, match="bigger than the population"):
        _connect(G, j="k for k in sample(5, size=7)")
    with pytest.raises(IndexError, match="negative"):
        _connect(G, j="k for k in sample(5, size=-1)")
    with pytest.raises(IndexError):
        _connect(G, j="k for k in sample(i-2, i+3, size=2)")  # may create -2 .. 11
    S = _connect(G, j="k for k in sample(0, 10, 3, size=2)")
    assert np.all(np.bincount(S.i[:]) == 2) and set(S.j[:]) <= {0, 3, 6, 9}


def test_generator_checks_the_created_index_as_brian(target):
    G = NeuronGroup(10, "v : 1")
    # a condition on the loop variable excludes invalid indices before they are checked
    S = _connect(G, j="k for k in range(i-1, i+2) if k >= 0 and k < N_post")
    assert _pairs(S) == [(a, b) for a in range(10) for b in range(a - 1, a + 2) if 0 <= b < 10]
    # a condition reading the created index (or its variables) needs valid indices first
    with pytest.raises(IndexError):
        _connect(G, j="k for k in range(i-1, i+2) if v_post > -1")
    with pytest.raises(IndexError):
        _connect(G, j="k for k in range(i-1, i+2) if j >= 0 and j < N_post")
    S = _connect(G, j="k for k in range(i-1, i+2) if v_post > -1", skip_if_invalid=True)
    assert len(S) == 28
    S = _connect(G, j="k for k in range(9, -1, -3)")  # negative steps, Python's order
    assert _pairs(S)[:4] == [(0, 9), (0, 6), (0, 3), (0, 0)]
    S = _connect(G, j="k*0.5 for k in range(3)")  # float indices are truncated, as in Brian2
    assert _pairs(S)[:3] == [(0, 0), (0, 0), (0, 1)]


@pytest.mark.parametrize("kwds,exc", [
    (dict(condition=5), TypeError),
    (dict(condition=[1, 2]), TypeError),
    (dict(i=1.5, j=2), TypeError),
    (dict(i=["a"], j=[2]), TypeError),
    (dict(i=np.array([1.0, 2.0]), j=[1, 2]), TypeError),
    (dict(i=True, j=2), TypeError),
    (dict(i=[1, 2, 3], j=[1, 2]), ValueError),
    (dict(i=[[1, 2]], j=[[1, 2]]), ValueError),
    (dict(i=[10], j=[2]), IndexError),
    (dict(i=[-1], j=[2]), IndexError),
    (dict(i=[1], j=[10]), IndexError),
    (dict(i=[1]), ValueError),
    (dict(i=[1], j=[1], n="2"), TypeError),
    (dict(i=[1], j=[1], skip_if_invalid=True), ValueError),
    (dict(condition="i == j", i=[1], j=[1]), ValueError),
    (dict(p=[0.1]), TypeError),
    (dict(n=1.5), TypeError),
    (dict(n=[1]), TypeError),
    (dict(n=-1), ValueError),
    (dict(condition="i"), TypeError),
    (dict(condition="i*1.0"), TypeError),
    (dict(condition="v_pre > 1*mV"), DimensionMismatchError),
    (dict(p="v_pre*mV"), DimensionMismatchError),
    (dict(condition="foo > 1"), KeyError),
    (dict(condition="k for k in range(3)"), ValueError),
    (dict(j="k for k in range(i-1.5, i+2)", skip_if_invalid=True), TypeError),
    (dict(j="k for k in range(0.5*i)"), TypeError),
    (dict(j="k for k in range(v_pre)"), TypeError),
    (dict(j="k for k in sample(0.5*N_post, p=0.5)"), TypeError),
    (dict(j="k for k in sample(5, size=1.5)"), TypeError),
    (dict(j="k for k in range(3, step=1)"), SyntaxError),
    (dict(j="k for k in range(0, 10, 3, 1)"), SyntaxError),
    (dict(j="k for k in range(0, 10, 0)"), ValueError),
    (dict(j="k for k in range(3)", p=0.5), ValueError),
    (dict(j="k for k in range(3)", i=[1]), TypeError),
    (dict(i="j", j="i"), TypeError),
    (dict(j="k for k in sample(N_post, size=j)"), ValueError),
    (dict(j="j for k in range(3)"), ValueError),
    (dict(j="k for k in range(int(v_post))"), ValueError),
    (dict(j="i+5"), IndexError),
    (dict(j="i-5"), IndexError),
    (dict(j="k for k in range(N_post) if w > 0"), ValueError),
])
def test_connect_argument_errors(target, kwds, exc):
    # issue 18: Brian2's exception classes, raised before anything is created
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G, "w : 1")
    with pytest.raises(exc):
        S.connect(**kwds)
    assert len(S) == 0


def test_gaussian_probability_within_bounds(target):
    seed(5)
    N = 1000
    S = _connect(NeuronGroup(N, "v : 1"), p="exp(-0.1*(i-j)**2)")
    d = np.arange(-N + 1, N)
    p = np.exp(-0.1 * d ** 2) * (N - np.abs(d))  # expected synapses at each distance
    expected, var = p.sum(), (p * (1 - np.exp(-0.1 * d ** 2))).sum()
    assert abs(len(S) - expected) < 5 * np.sqrt(var)
    dist = np.abs(S.i[:] - S.j[:])
    assert np.sum(dist == 0) == N  # p = 1
    for k in (1, 3, 5):
        n_k, p_k = 2 * (N - k), np.exp(-0.1 * k ** 2)
        assert abs(np.sum(dist == k) - n_k * p_k) < 5 * np.sqrt(n_k * p_k * (1 - p_k)) + 1
    assert dist.max() < 20


def test_probability_of_the_presynaptic_side_and_rand_in_conditions(target):
    seed(9)
    G = NeuronGroup(400, "v : 1")
    G.v = "i / 400.0"
    S = _connect(G, p="v_pre")  # one probability per row (Brian: sample(N_post, p=...))
    rows = np.bincount(S.i[:], minlength=400)
    expected = G.v[:] * 400
    assert abs(rows.sum() - expected.sum()) < 5 * np.sqrt((expected * (1 - G.v[:])).sum())
    assert rows[0] == 0
    S = _connect(G, condition="rand() < 0.25 and i != j")
    n = 400 * 399
    assert abs(len(S) - n / 4) < 5 * np.sqrt(n * 0.25 * 0.75)
    S = _connect(G, j="k for k in sample(N_post, p=v_pre)")
    assert abs(len(S) - expected.sum()) < 5 * np.sqrt((expected * (1 - G.v[:])).sum())
