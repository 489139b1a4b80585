"""Synapses: references to neuron subexpressions, summed variables of several Synapses,
linked variables written in code, multisynaptic indexing, empty Synapses (Brian2's API)."""
import numpy as np
import pytest

from brian_cg import Network, NeuronGroup, Synapses, ms, run


def test_code_refers_to_neuron_subexpressions(target):
    G = NeuronGroup(3, """v : 1
                          v2 = 2*v : 1
                          v3 = v2 + i : 1""", threshold="i == 0")
    G.v = [1, 2, 3]
    S = Synapses(G, G, """w : 1
                          y = v2_post + v3_pre : 1""", on_pre="w += v2 + 10*v3_pre")
    S.connect(i=0, j=[1, 2])
    np.testing.assert_array_equal(S.v2_post[:], [4, 6])
    np.testing.assert_array_equal(S.v3_pre[:], [2, 2])
    np.testing.assert_array_equal(S.v3_post[:], [5, 8])  # i of the postsynaptic neuron
    np.testing.assert_array_equal(S.y[:], [6, 8])
    run(0.1 * ms)
    np.testing.assert_array_equal(S.w[:], [24, 26])  # v2 unsuffixed: the postsynaptic one
    sub = G[1:3]
    S2 = Synapses(G, sub, "z : 1", on_pre="z += v3_post")
    S2.connect(i=0, j=[0, 1])
    # a subgroup's subexpression keeps the group's i, as in Brian2 2.11 (G[1:3].v3 is [5, 8])
    np.testing.assert_array_equal(S2.v3_post[:], [5, 8])


def test_summed_variables_of_several_synapses(target):
    G = NeuronGroup(4, "x : 1")
    H = NeuronGroup(4, "tot : 1")
    S1 = Synapses(G, H, "w : 1\ntot_post = w : 1 (summed)")
    S1.connect(j="i")
    S1.w = [1, 2, 3, 4]
    S2 = Synapses(G, H, "w : 1\ntot_post = w : 1 (summed)")  # accepted when created
    S2.connect(j="i")
    S2.w = 10
    with pytest.raises(NotImplementedError, match="tot"):  # as Brian 2.11: refused at run
        Network(G, H, S1, S2).run(0.1 * ms)
    Network(G, H, S2).run(0.1 * ms)  # in a network of their own, each is fine
    np.testing.assert_array_equal(H.tot[:], [10, 10, 10, 10])
    # non-overlapping parts of the target: allowed, each part gets its own sum
    S3 = Synapses(G, H[0:2], "w : 1\ntot_post = w : 1 (summed)")
    S3.connect(j="i", skip_if_invalid=True)
    S3.w = [1, 2]
    S4 = Synapses(G, H[2:4], "w : 1\ntot_post = w : 1 (summed)")
    S4.connect(i=[0, 1], j=[0, 1])
    S4.w = [30, 40]
    Network(G, H, S3, S4).run(0.1 * ms)
    np.testing.assert_array_equal(H.tot[:], [1, 2, 30, 40])


def test_three_indices_on_multisynaptic_connections(target):
    G = NeuronGroup(3, "v : 1")
    S = Synapses(G, G, "w : 1", multisynaptic_index="k")
    S.connect(i=[0, 0, 1], j=[1, 1, 2])
    S.w = [1, 2, 3]
    np.testing.assert_array_equal(S.w[:, :, :], [1, 2, 3])
    np.testing.assert_array_equal(S.w[0, 1, :], [1, 2])
    np.testing.assert_array_equal(S.w[0, 1, 1:], [2])
    np.testing.assert_array_equal(S.w[:, :, 0], [1, 3])
    np.testing.assert_array_equal(S[:, :, ::2], [0, 2])
    S.w[:, :, 0] = 9
    np.testing.assert_array_equal(S.w[:], [9, 2, 9])
    plain = Synapses(G, G, "w : 1")
    plain.connect(i=0, j=1)
    with pytest.raises(IndexError):
        plain.w[0, 1, 0]


def test_variables_of_synapses_before_connect(target):
    G = NeuronGroup(3, "v : 1", threshold="True")
    S = Synapses(G, G, "w : 1\nx : 1 (shared)", on_pre="v_post += w")
    for assign in (lambda: setattr(S, "w", 1), lambda: setattr(S, "w", "rand()"),
                   lambda: S.w.__setitem__(slice(None), 1), lambda: setattr(S, "x", 2)):
        with pytest.raises(TypeError, match="connect"):  # as Brian
            assign()
    assert len(S.w[:]) == 0 and S.x[:] == 0  # reading is fine
    with pytest.raises(TypeError, match="connect"):  # a pathway without connect(): Brian
        Network(G, S).run(0.1 * ms)
    S.connect("False")  # connected, even if to nothing: writes and runs are fine
    S.w = 1
    S.x = 2
    Network(G, S).run(0.1 * ms)
    assert S.x[:] == 2
