"""Linked variables in Synapses and links to subexpressions, as Brian allows them."""
import numpy as np
import pytest

from brian_cg import (Hz, NeuronGroup, StateMonitor, Synapses, linked_var, ms, run,
                      start_scope)


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
