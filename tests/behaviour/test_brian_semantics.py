"""Points where Brian2's documented behaviour is easy to get wrong (each checked against
Brian2 2.11 when written)."""
import numpy as np
import pytest

from brian_cg import (BrianObjectException, DimensionMismatchError, Network, NeuronGroup,
                      SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, defaultclock,
                      mV, ms, network_operation, restore, run, seed, start_scope, stop, store)


def test_modulo_and_integer_conversions(target):
    G = NeuronGroup(6, """x = int(i < 2)*1.0 : 1
                          y = (i*3 + 1) % 5 : 1
                          z = (-i) % 4 : integer
                          dv/dt = int(i > 0)/ms : 1""",
                    threshold="True", reset="v += (i == 1)*2", method="euler")
    np.testing.assert_array_equal(G.x[:], [1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(G.y[:], [(k * 3 + 1) % 5 for k in range(6)])
    np.testing.assert_array_equal(G.z[:], [(-k) % 4 for k in range(6)])
    run(0.1 * ms)
    np.testing.assert_allclose(G.v[:], [0, 2.1, 0.1, 0.1, 0.1, 0.1])


def test_run_stops_at_the_first_step_not_before_its_end(target):
    defaultclock.dt = 0.3 * ms
    G = NeuronGroup(1, "dv/dt = 1/ms : 1", method="euler")
    run(1 * ms)  # 3.33 steps: Brian runs 4
    assert abs(G.v[0] - 1.2) < 1e-12


def test_inactive_group_is_skipped(target):
    G = NeuronGroup(1, "dv/dt = 1/ms : 1", method="euler", name="g_active")
    H = NeuronGroup(1, "dv/dt = 1/ms : 1", method="euler", name="h_active")
    net = Network(G, H)
    H.active = False
    net.run(1 * ms)
    H.active = True
    net.run(1 * ms)
    assert abs(G.v[0] - 2) < 1e-12 and abs(H.v[0] - 1) < 1e-12


def test_constant_over_dt_is_computed_before_the_step(target):
    G = NeuronGroup(1, """x = sin(2*pi*t/(2*ms)) : 1 (constant over dt)
                          dv/dt = x/ms : 1""", method="euler")
    M = StateMonitor(G, "x", record=0)
    run(0.3 * ms)
    np.testing.assert_allclose(M.x[0], np.sin(2 * np.pi * np.arange(3) * 0.05), atol=1e-12)


def test_start_scope_keeps_the_time_until_the_next_run(target):
    G = NeuronGroup(1, "v : 1")
    run(1 * ms)
    start_scope()
    H = NeuronGroup(1, "v : 1")
    H.v = "t/ms"
    assert abs(H.v[0] - 1) < 1e-12
    run(1 * ms)  # all objects new: a new simulation from t = 0
    M = StateMonitor(H, "v", record=0)
    assert abs(float(M.source.t / ms) - 1) < 1e-9


def test_seed_repeats_assignments_to_existing_groups(target):
    G = NeuronGroup(5, "v : 1")
    seed(3)
    G.v = "rand()"
    first = np.asarray(G.v).copy()
    seed(3)
    G.v = "rand()"
    np.testing.assert_array_equal(G.v[:], first)


def test_seed_repeats_identical_assignments_to_other_groups_and_variables(target):
    G = NeuronGroup(5, "v : 1\nu : 1\nb : boolean")
    H = NeuronGroup(5, "v : 1")
    S = Synapses(G, G, "w : 1")
    S.connect()
    seed(3)
    G.v = "rand()"
    G.u = "rand()"  # the next assignment: other numbers
    assert not np.any(G.v[:] == G.u[:])
    seed(3)
    H.v = "rand()"  # as Brian: the same numbers after the same seed
    np.testing.assert_array_equal(H.v[:], G.v[:])
    seed(3)
    G.u = "rand()"
    np.testing.assert_array_equal(G.u[:], G.v[:])
    seed(3)
    S.w = "rand()"
    np.testing.assert_array_equal(S.w[:5], G.v[:])
    seed(3)
    G.b = "rand() < 0.5"
    np.testing.assert_array_equal(G.b[:], G.v[:] < 0.5)
    seed(3)
    chosen = G.v["rand() < 0.5"]  # a condition draws like an assignment
    np.testing.assert_array_equal(chosen, G.v[:][G.v[:] < 0.5])


def test_stop_from_a_network_operation(target):
    G = NeuronGroup(1, "dv/dt = 1/ms : 1", method="euler")

    @network_operation(dt=1 * ms)
    def halt(t):
        if t >= 2 * ms:
            stop()

    run(10 * ms)
    assert abs(G.v[0] - 2.1) < 1e-9


def test_run_regularly_on_its_own_clock(target):
    G = NeuronGroup(2, "v : 1")
    G.run_regularly("v += 1", dt=1 * ms)
    run(5 * ms)
    np.testing.assert_array_equal(G.v[:], [5, 5])


def test_errors_keep_their_class_and_are_brian_object_exceptions(target):
    G = NeuronGroup(1, "dv/dt = -v/(10*ms) : volt", threshold="v > 1*mV", reset="v = 3")
    with pytest.raises(BrianObjectException) as exc:
        run(1 * ms)
    assert isinstance(exc.value, DimensionMismatchError)


def test_synaptic_delays_round_half_up(target):
    src = SpikeGeneratorGroup(1, [0], [1 * ms])
    tgt = NeuronGroup(3, "arrival : second")
    S = Synapses(src, tgt, on_pre="arrival = t")
    S.connect(i=[0, 0, 0], j=[0, 1, 2])
    S.delay = [0.25, 0.45, 1.25] * ms
    run(4 * ms)
    np.testing.assert_allclose(tgt.arrival / ms, [1.3, 1.5, 2.3], atol=1e-9)


def test_generator_order_and_filtering(target):
    G = NeuronGroup(3, "v : 1", threshold="False")
    S = Synapses(G, G)
    S.connect(i="k for k in range(N_pre) if k > j")
    assert list(zip(S.i[:], S.j[:])) == [(1, 0), (2, 0), (2, 1)]  # ordered by j, as Brian
    S2 = Synapses(G, G)
    S2.connect(j="k for k in range(i-1, i+2) if k >= 0 and k < N_post")
    assert len(S2) == 7


def test_write_only_synaptic_statement_and_synapse_indexing(target):
    G = NeuronGroup(3, "x : 1", threshold="i == 1")
    S = Synapses(G, G, "w : 1", on_pre="x_post = 10")
    S.connect(j="i")
    np.testing.assert_array_equal(S[1, :], [1])
    run(0.1 * ms)
    np.testing.assert_array_equal(G.x[:], [0, 10, 0])


def test_summed_variables_cannot_share_a_target(target):
    G = NeuronGroup(2, "s : 1\nv : 1")
    S1 = Synapses(G, G, "s_post = 1 : 1 (summed)")
    S2 = Synapses(G, G, "s_post = 2 : 1 (summed)")  # refused at run, as in Brian 2.11
    S1.connect()
    S2.connect()
    with pytest.raises(NotImplementedError):
        run(0.1 * ms)
    del S2
    with pytest.raises(ValueError, match="parameter"):
        Synapses(NeuronGroup(2, "dv/dt = -v/ms : 1"), G, "v_pre = 1 : 1 (summed)")
    del S1


def test_lists_of_quantities(target):
    G = NeuronGroup(2, "v : volt")
    G.v = [1 * mV, 2 * mV]
    np.testing.assert_allclose(G.v / mV, [1, 2])
    SG = SpikeGeneratorGroup(2, [0, 1], [1 * ms, 2 * ms])
    M = SpikeMonitor(SG)
    run(3 * ms)
    np.testing.assert_allclose(M.t / ms, [1, 2])


def test_restore_gives_new_random_numbers_unless_asked(target):
    seed(5)
    G = NeuronGroup(3, "dv/dt = xi/sqrt(ms) : 1", method="euler")
    store()
    run(1 * ms)
    first = np.asarray(G.v).copy()
    restore()
    run(1 * ms)
    assert not np.array_equal(G.v[:], first)
    restore(restore_random_state=True)
    store("again")
    run(1 * ms)
    second = np.asarray(G.v).copy()
    restore("again", restore_random_state=True)
    run(1 * ms)
    np.testing.assert_array_equal(G.v[:], second)


def test_unless_refractory_variables_ignore_writes_while_refractory(target):
    # Brian's "conditional write": synaptic input, string assignments and run_regularly
    # leave an (unless refractory) variable alone while its neuron is refractory
    G = NeuronGroup(4, "dv/dt = I/(5*ms) : 1 (unless refractory)\nI : 1", threshold="v>1",
                    reset="v=0", refractory=3 * ms, method="euler")
    G.I = [1.05, 0, 1.05, 0]
    G.v = [0, 0, 0.2, 0]
    S = Synapses(G[:2], G[2:], "w:1", on_pre="v_post += w")
    S.connect(j="i")
    S.w = 0.1
    M = SpikeMonitor(G)
    run(6 * ms)
    np.testing.assert_allclose(M.t / ms, [3.8, 4.7], atol=1e-9)
    np.testing.assert_array_equal(G.v[:], [0, 0, 0, 0])  # the input at 4.7 ms was lost
    G.v = "7"  # neurons 0 and 2 are refractory: unchanged
    np.testing.assert_array_equal(G.v[:], [0, 7, 0, 7])
    G.v = 8  # a value is written directly, as in Brian
    np.testing.assert_array_equal(G.v[:], [8, 8, 8, 8])


def test_reseeding_repeats_the_draws_of_a_group_made_after_the_first_seed(target):
    seed(11)
    G = NeuronGroup(5, "v : 1")
    G.v = "rand()"
    first = np.asarray(G.v).copy()
    seed(11)
    G.v = "rand()"
    np.testing.assert_array_equal(G.v[:], first)


def test_clock_names_with_suffixes_in_synapses(target):
    G = NeuronGroup(2, "v : 1", threshold="i == 0")
    S = Synapses(G, G, "w : 1", on_pre="w += t_post/ms")
    S.connect(i=0, j=1)
    run(0.2 * ms)
    np.testing.assert_allclose(S.w[:], [0.1])  # spikes at 0 and 0.1 ms
    S.w = "dt_post/ms + t_pre/ms"
    np.testing.assert_allclose(S.w[:], [0.3])


def test_float32_state_variables(target):
    from brian_cg import prefs

    prefs.core.default_float_dtype = np.float32
    G = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method="exact")
    G.v = 1
    run(1 * ms)
    assert G.v[:].dtype == np.float32
    assert abs(float(G.v[0]) - np.exp(-0.1)) < 1e-6


def test_restore_after_start_scope_is_at_time_zero(target):
    G0 = NeuronGroup(1, "v : 1")
    run(10 * ms)
    start_scope()
    G = NeuronGroup(2, "v : 1")
    store()
    run(5 * ms)
    restore()
    G.v = "t/ms"
    np.testing.assert_array_equal(G.v[:], [0, 0])
    del G0


def test_integer_arithmetic_on_i_is_int32_as_in_brian(target):
    G = NeuronGroup(4000, "x : 1\ny : 1", threshold="(i*1299709) % 7 == 0")
    G.y = "i*1299709"
    G.x = "(i*1299709) % 1000"
    expected = (np.arange(4000, dtype=np.int32) * np.int32(1299709))  # wraps
    np.testing.assert_array_equal(G.y[:], expected.astype(float))
    np.testing.assert_array_equal(G.x[:], (expected % 1000).astype(float))
    M = SpikeMonitor(G)
    run(0.1 * ms)
    assert M.num_spikes == np.count_nonzero(expected % 7 == 0)
