"""Linked variables: chains of links, links to one element (Brian2's semantics)."""
import numpy as np
import pytest

from brian_cg import (Hz, NeuronGroup, StateMonitor, Synapses, linked_var, ms, run,
                      start_scope)


def test_link_to_an_indexed_linked_variable_composes_the_indices(target):
    G1 = NeuronGroup(5, "dx/dt = 1/ms : 1", method="euler")
    G1.x = "i*10"
    G2 = NeuronGroup(3, "y : 1 (linked)")
    G2.y = linked_var(G1, "x", index=[4, 0, 2])
    G3 = NeuronGroup(2, "z : 1 (linked)\nzz = 2*z : 1")
    G3.z = linked_var(G2, "y", index=[2, 0])  # elements 2 and 0 of G2: x[2] and x[4]
    G4 = NeuronGroup(3, "u : 1 (linked)")
    G4.u = linked_var(G2.y)  # same size, no index: through G2's index
    G5 = NeuronGroup(2, "w : 1 (linked)")
    G5.w = linked_var(G2[1:3], "y")  # a subgroup of the linked group: G2[1], G2[2]
    np.testing.assert_array_equal(G2.y[:], [40, 0, 20])
    np.testing.assert_array_equal(G3.z[:], [20, 40])
    np.testing.assert_array_equal(G4.u[:], [40, 0, 20])
    np.testing.assert_array_equal(G5.w[:], [0, 20])
    M = StateMonitor(G3, "zz", record=True)
    run(1 * ms)
    np.testing.assert_allclose(G3.zz[:], 2 * np.array([21, 41]))
    np.testing.assert_allclose(M.zz[:, 0], [40, 80])


def test_link_to_a_group_of_one_reads_a_single_value(target):
    G1 = NeuronGroup(1, "x : 1")
    G1.x = 3
    G2 = NeuronGroup(4, "y : 1 (linked)\nv : 1")
    G2.y = linked_var(G1, "x")
    assert np.ndim(G2.y[:]) == 0 and G2.y[:] == 3  # as a shared variable, as in Brian
    big = NeuronGroup(10, "x : 1")
    big.x = "i"
    G3 = NeuronGroup(4, "y : 1 (linked)\nv : 1")
    G3.y = linked_var(big[7:8], "x")  # one element inside a larger group
    assert G3.y[:] == 7
    G3.run_regularly("v = y")
    G2.run_regularly("v = y + i")
    M = StateMonitor(G3, "y", record=True)
    run(0.2 * ms)
    np.testing.assert_array_equal(G3.v[:], [7, 7, 7, 7])
    np.testing.assert_array_equal(G2.v[:], [3, 4, 5, 6])
    np.testing.assert_array_equal(M.y[:], np.full((4, 2), 7))
    G1.x = 5
    run(0.1 * ms)
    np.testing.assert_array_equal(G2.v[:], [5, 6, 7, 8])


@pytest.mark.parametrize("index, error", [([0, 1], TypeError), ([0.0, 1.0, 2.0], TypeError),
                                          ([0, 1, 4], ValueError), ([-1, 0, 1], ValueError)])
def test_link_index_refused_as_brian(index, error):
    G1 = NeuronGroup(4, "v : 1")
    G2 = NeuronGroup(3, "w : 1 (linked)")
    with pytest.raises(error):
        G2.w = linked_var(G1, "v", index=index)


def test_code_writes_through_a_linked_variable(target):
    G1 = NeuronGroup(4, "x : 1")
    G2 = NeuronGroup(2, "y : 1 (linked)\ndv/dt = 1/ms : 1", threshold="v > 0.25",
                     reset="v = 0; y += 1", method="euler")
    G2.y = linked_var(G1, "x", index=[3, 1])
    G3 = NeuronGroup(4, "z : 1 (linked)")
    G3.z = linked_var(G1.x)
    G3.run_regularly("z += 100", dt=1 * ms)
    run(1 * ms)
    # three spikes of each G2 neuron (at 0.3, 0.6, 0.9 ms), written to x[3] and x[1]
    np.testing.assert_array_equal(G1.x[:], [100, 103, 100, 103])
    np.testing.assert_array_equal(G2.y[:], [103, 103])
    for value in (5, "v"):  # direct assignment stays refused, as in Brian
        with pytest.raises(ValueError, match="linked"):
            G2.y = value
    np.testing.assert_array_equal(G1.x[:], [100, 103, 100, 103])


def test_link_to_a_subexpression_and_through_an_index_variable(target):
    G1 = NeuronGroup(4, "x : 1\ns = 2*x + i : 1")
    G1.x = [1, 2, 3, 4]
    G2 = NeuronGroup(3, """y : 1 (linked)
                          idx : integer
                          u : 1 (linked)
                          q = y + u : 1""")
    G2.y = linked_var(G1, "s", index=[3, 0, 1])
    G2.idx = [2, 2, 0]
    G2.u = linked_var(G1, "x", index="idx")  # read through idx at every use (Brian)
    np.testing.assert_array_equal(G2.y[:], [11, 2, 5])
    np.testing.assert_array_equal(G2.u[:], [3, 3, 1])
    np.testing.assert_array_equal(G2.q[:], [14, 5, 6])
    G2.idx = [3, 1, 0]
    np.testing.assert_array_equal(G2.u[:], [4, 2, 1])
    G3 = NeuronGroup(2, "y : 1 (linked)\nw : 1")
    G3.y = linked_var(G1[2:4], "s")  # a subgroup's subexpression keeps the group's i (Brian2)
    G3.run_regularly("w = y")
    G4 = NeuronGroup(3, "v : 1 (linked)")
    G4.v = linked_var(G2.q)  # a linked subexpression of linked variables
    M = StateMonitor(G2, "q", record=True)
    run(0.1 * ms)
    np.testing.assert_array_equal(G3.w[:], [8, 11])  # Brian2 2.11: G1[2:4].s is [8, 11]
    np.testing.assert_array_equal(G4.v[:], [11 + 4, 2 + 2, 5 + 1])
    np.testing.assert_array_equal(M.q[:, 0], [15, 4, 6])
    with pytest.raises(TypeError):
        G3.y = linked_var(G1, "x", index="w")  # not an integer variable
    with pytest.raises(ValueError):
        G3.y = linked_var(G1, "x", index="nothing")


def _model():
    """The equations read gamma and tau_H from the namespace of the caller's run()."""
    gf = NeuronGroup(1, "G = H - gamma : Hz\ndH/dt = -H/tau_H : Hz", method="exact")
    gf.H = 10 * Hz
    P = NeuronGroup(3, "x : 1\ny = 2*x + i : 1", threshold="True", reset="")
    P.x = [1, 2, 3]
    return gf, P


def test_synapses_link_to_a_global_subexpression_and_through_an_index(target):
    """The example of Brian's homeostatic inhibitory STDP: every synapse reads the one
    neuron's subexpression G; X, Y read the postsynaptic neuron through the index k."""
    gamma, tau_H = 5 * Hz, 1 * ms  # noqa: F841
    gf, P = _model()
    S = Synapses(P, P, """G : Hz (linked)
                          X : 1 (linked)
                          Y : 1 (linked)
                          k : integer
                          w : 1""", on_pre="w += G*ms + X + Y")
    S.connect()
    S.k = "j"
    S.G = linked_var(gf, "G")
    S.X = linked_var(P, "x", index="k")
    S.Y = linked_var(P, "y", index="k")
    M = StateMonitor(S, ["G", "w"], record=[0, 1])
    run(0.2 * ms)
    # H decays exactly: H(t) = 10 Hz exp(-t/1 ms); monitors record at the start of a step,
    # the synapses see it after the step's state update
    G = 10 * np.exp(-np.array([0, 0.1, 0.2])) - 5
    x = np.array([1, 2, 3])
    y = 2 * x + np.arange(3)
    np.testing.assert_allclose(S.w[:], np.tile(G[1:].sum() * 1e-3 + 2 * (x + y), 3),
                               rtol=1e-12)
    np.testing.assert_allclose(M.G[:] / Hz, [G[:2], G[:2]], rtol=1e-12)
    np.testing.assert_array_equal(S.X[:], np.tile(x, 3))
    np.testing.assert_array_equal(S.Y[:], np.tile(y, 3))


def test_neurongroup_links_to_subexpressions(target):
    gamma, tau_H = 5 * Hz, 1 * ms  # noqa: F841
    gf, P = _model()
    G2 = NeuronGroup(3, "Z : 1 (linked)\nQ : Hz (linked)\nR : 1 (linked)")
    G2.Z = linked_var(P, "y")
    G2.Q = linked_var(gf, "G")
    G2.R = linked_var(P, "y", index=[2, 2, 0])
    M = StateMonitor(G2, ["Z", "Q", "R"], record=True)
    run(0.2 * ms)
    np.testing.assert_array_equal(M.Z[:, 1], [2, 5, 8])
    np.testing.assert_array_equal(M.R[:, 1], [8, 8, 2])
    np.testing.assert_allclose(M.Q[:, 1] / Hz, 10 * np.exp(-0.1) - 5, rtol=1e-12)
    np.testing.assert_allclose(G2.Q[:] / Hz, 10 * np.exp(-0.2) - 5, rtol=1e-12)


def test_synapses_linked_element_by_element(target):
    P = NeuronGroup(4, "x : 1")
    P.x = [1, 2, 3, 4]
    S = Synapses(P, P, "X : 1 (linked)\nw : 1")
    S.connect(j="i")
    S.X = linked_var(P, "x")
    S.run_regularly("w = 10*X")
    run(0.1 * ms)
    np.testing.assert_array_equal(S.w[:], [10, 20, 30, 40])
    S.connect(i=0, j=1)  # now 5 synapses for 4 neurons
    with pytest.raises(ValueError, match="element by element"):
        run(0.1 * ms)


def test_linked_variable_errors_in_synapses():
    gamma, tau_H = 5 * Hz, 1 * ms  # noqa: F841
    _, P = _model()
    S = Synapses(P, P, "X : 1 (linked)\nk : integer\nf : 1")
    S.connect()
    with pytest.raises(TypeError, match="index array"):
        S.X = linked_var(P, "x", index=np.zeros(9, dtype=int))
    with pytest.raises(TypeError, match="integer"):
        S.X = linked_var(P, "x", index="f")
    with pytest.raises(ValueError, match="sizes do not match"):
        S.X = linked_var(P, "x")
    with pytest.raises(ValueError, match="linked variable"):
        S.X = 3
    with pytest.raises(ValueError, match="not linked"):
        run(0.1 * ms)
    S.k = "j + 5"
    S.X = linked_var(P, "x", index="k")
    with pytest.raises(IndexError, match="outside"):
        run(0.1 * ms)


def test_shared_subexpression_of_a_variable_linked_to_one_element(target):
    """Brette & Guigon 2003 (Brian's example): B is shared, x linked to a one-neuron group."""
    inp = NeuronGroup(1, "x : 1")
    inp.x = 0.5
    G = NeuronGroup(3, "B = 2./(1 + exp(-2*x)) - 1 : 1 (shared)\nx : 1 (linked)\ny : 1")
    G.x = linked_var(inp, "x")
    G.run_regularly("y = B")
    run(0.1 * ms)
    np.testing.assert_allclose(G.y[:], np.tanh(0.5), rtol=1e-12)
    start_scope()
    H = NeuronGroup(3, "B = 2*x : 1 (shared)\nx : 1 (linked)")
    H.x = linked_var(NeuronGroup(3, "x : 1"), "x")
    with pytest.raises(SyntaxError, match="Shared subexpression 'B' refers to non-shared"):
        run(0.1 * ms)


def test_timestep_function():
    from brian_cg.core.functions import timestep

    assert timestep(1 * ms, 0.1 * ms) == 10 and isinstance(timestep(1 * ms, 0.1 * ms), int)
    np.testing.assert_array_equal(timestep(np.array([0, 0.3, 1]) * ms, 0.1 * ms), [0, 3, 10])
