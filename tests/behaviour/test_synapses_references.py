"""What synapses see of their source and target: subexpressions (``F_pre``, ``F_post``,
``F``) as well as state variables, with the numbers Brian 2.11 gives for these scripts."""
import numpy as np

from brian_cg import NeuronGroup, StateMonitor, Synapses, ms, run

NEURONS = """u : 1
F = 2*u + i : 1
Fs = 3*c : 1 (shared)
c : 1 (shared)
I_I : 1
I_E : 1
x : 1"""


def test_summed_variables_and_pathways_read_pre_and_post_subexpressions(target):
    G = NeuronGroup(3, NEURONS, threshold="True", reset="")
    G.u = [1, 2, 4]  # F = 2, 5, 10
    G.c = 5
    G.x = [10, 20, 30]
    S = Synapses(G, G, """w : 1
                          dz/dt = (F_pre*F_post + Fs_pre)/ms : 1 (clock-driven)
                          I_I_post = w*F_pre : 1 (summed)
                          I_E_post = w*F_pre*F + x : 1 (summed)
                          y : 1""",
                 on_pre="y += F_pre + F_post + F + Fs", method="euler")
    S.connect()
    S.w = "i + 10*j"
    M = StateMonitor(S, "F_pre", record=True)
    run(0.2 * ms)
    F = np.array([2, 5, 10])
    w = np.add.outer(np.arange(3), 10 * np.arange(3))  # w[i, j]
    np.testing.assert_array_equal(G.I_I[:], (w * F[:, None]).sum(axis=0))
    np.testing.assert_array_equal(G.I_E[:], (w * F[:, None] * F[None, :]).sum(axis=0)
                                  + 3 * G.x[:])
    np.testing.assert_allclose(S.z[:], 2 * 0.1 * (np.outer(F, F) + 15).ravel(), rtol=1e-12)
    np.testing.assert_array_equal(S.y[:], 2 * (np.add.outer(F, 2 * F) + 15).ravel())
    np.testing.assert_array_equal(S.F_pre[:], np.repeat(F, 3))
    np.testing.assert_array_equal(S.F_post[:], np.tile(F, 3))
    np.testing.assert_array_equal(M.F_pre[:, 0], np.repeat(F, 3))


def test_subexpressions_of_subgroups_mean_what_they_mean_in_the_group(target):
    """In a subgroup, the model's subexpressions keep the group's i and N (Brian): only the
    subgroup's own ``i`` counts from 0."""
    G = NeuronGroup(5, """u : 1
                          F = 2*u + 100*i + N : 1
                          I : 1
                          J : 1
                          K : 1""", threshold="F > 300", reset="J = F")
    G.u = [1, 2, 4, 8, 16]
    sg = G[1:4]
    sg.run_regularly("I = F + 1000*i")
    M = StateMonitor(sg, "F", record=True)
    S = Synapses(G[1:3], G[3:5], "K_post = F_pre + F_post : 1 (summed)")
    S.connect(j="i")
    run(0.1 * ms)
    F = 2 * np.array([1, 2, 4, 8, 16]) + 100 * np.arange(5) + 5
    np.testing.assert_array_equal(G.I[:], [0, F[1], F[2] + 1000, F[3] + 2000, 0])
    np.testing.assert_array_equal(G.J[:], [0, 0, 0, F[3], F[4]])
    np.testing.assert_array_equal(M.F[:, 0], F[1:4])
    np.testing.assert_array_equal(sg.F[:], F[1:4])
    np.testing.assert_array_equal(sg.i[:], [0, 1, 2])
    np.testing.assert_array_equal(G.K[:], [0, 0, 0, F[1] + F[3], F[2] + F[4]])


def test_indices_of_groups_and_synapses():
    """Brian's ``indices`` (used by Brunel & Wang 2001: ``C.w[C.indices[:, a:b]] = w``)."""
    G = NeuronGroup(5, "v : 1")
    np.testing.assert_array_equal(G.indices[:], np.arange(5))
    np.testing.assert_array_equal(G.indices[1:3], [1, 2])
    np.testing.assert_array_equal(G.indices["i > 2"], [3, 4])
    assert G.indices[2] == 2
    np.testing.assert_array_equal(G[1:4].indices["i > 0"], [1, 2])
    S = Synapses(G, G, "w : 1")
    S.connect()
    np.testing.assert_array_equal(S.indices[:, 1:3], [1, 2, 6, 7, 11, 12, 16, 17, 21, 22])
    np.testing.assert_array_equal(S.indices["i == j"], [0, 6, 12, 18, 24])
    S.w[S.indices[1:3, 1:3]] = 2
    np.testing.assert_array_equal(np.flatnonzero(S.w[:]), [6, 7, 11, 12])
