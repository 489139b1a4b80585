"""Indexing state variables with groups, and creating subgroups (Brian2's semantics)."""
import numpy as np
import pytest

from brian_cg import NeuronGroup, Synapses


def test_variable_indexed_by_subgroup(target):
    G = NeuronGroup(10, "v : 1")
    G.v[G[3:5]] = 1
    np.testing.assert_array_equal(G.v[:], [0, 0, 0, 1, 1, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(G.v[G[3:5]], [1, 1])
    G.v[G[6:8]] = "i * 10"
    np.testing.assert_array_equal(G.v[:], [0, 0, 0, 1, 1, 0, 60, 70, 0, 0])
    # Brian: the subgroup's indices in its own group, used as indices of the indexed one
    sub = G[2:8]
    sub.v[G[3:5]] = 9
    np.testing.assert_array_equal(G.v[:], [0, 0, 0, 1, 1, 9, 9, 70, 0, 0])
    other = NeuronGroup(5, "x : 1")
    G.v[other[1:3]] = 7
    np.testing.assert_array_equal(G.v[:3], [0, 7, 7])
    np.testing.assert_array_equal(G.v[G], G.v[:])


def test_synaptic_variable_indexed_by_subgroups(target):
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G, "w : 1")
    S.connect()
    S.w = "i*10 + j"
    np.testing.assert_array_equal(S.w[G[1:3], G[4:6]], [14, 15, 24, 25])
    np.testing.assert_array_equal(S.w[G[8:9], :], [80 + k for k in range(10)])
    S.w[G[0:1], G[9:10]] = -1
    assert S.w[0, 9] == -1
    # synapses between subgroups: the neurons are still those of the whole group
    S2 = Synapses(G[2:6], G[5:9], "w : 1")
    S2.connect()
    S2.w = "(i + 2)*10 + (j + 5)"
    np.testing.assert_array_equal(S2.w[G[3:4], G[6:8]], [36, 37])
    with pytest.raises(IndexError):
        S.w[G[1:3]]  # a single group index: Brian returns unrelated synapses


@pytest.mark.parametrize("item, expected", [
    (slice(8, 12), (8, 10)), (slice(-3, None), (7, 10)), (9, (9, 10)), (-1, (9, 10)),
    ([3, 4, 5], (3, 6)), (np.array([1, 2]), (1, 3)),
])
def test_subgroup_creation(item, expected):
    G = NeuronGroup(10, "v : 1")
    sub = G[item]
    assert (sub.start, sub.stop) == expected


@pytest.mark.parametrize("item, error", [
    ([9, 10, 11], IndexError), (10, IndexError), (-11, IndexError), ([3, 5], IndexError),
    (slice(5, 5), IndexError), ([], IndexError), (slice(0, 10, 2), IndexError),
    ([2.0, 3.0], TypeError), ("v", TypeError),
])
def test_subgroup_creation_refused(item, error):
    G = NeuronGroup(10, "v : 1")
    with pytest.raises(error):
        G[item]


def test_subgroup_of_subgroup_stays_inside():
    G = NeuronGroup(10, "v : 1")
    sub = G[2:6]
    assert (sub[1:3].start, sub[1:3].stop) == (3, 5)
    assert (sub[2:10].start, sub[2:10].stop) == (4, 6)  # slices are clipped, as numpy
    with pytest.raises(IndexError):
        sub[4]
    with pytest.raises(IndexError):
        sub[[3, 4]]


def test_group_indices_at_scale(target):
    n = 100_000
    G = NeuronGroup(n, "v : 1")
    G.v[G[50_000:50_010]] = "i"
    np.testing.assert_array_equal(G.v[G[50_000:50_010]], np.arange(50_000, 50_010))
    assert G.v[:].sum() == np.arange(50_000, 50_010).sum()
    S = Synapses(G, G, "w : 1")
    S.connect(j="(i + 1) % N_post")  # n synapses
    S.w = "i"
    np.testing.assert_array_equal(S.w[G[99_990:n], G[0:5]], [99_999])
    np.testing.assert_array_equal(S.w[G[10:13], :], [10, 11, 12])
