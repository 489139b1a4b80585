"""Synapses: connection rules, propagation with delays, summed variables, STDP."""
import numpy as np
import pytest

from brian_cg import (Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, collect, ms,
                      mV, run, second, seed)


def _spike_at(times_ms, name="spiker*"):
    """Neurons spiking once each, at the given times (multiples of dt)."""
    G = NeuronGroup(len(times_ms), "tspike : second", threshold="abs(t - tspike) < 0.05*ms",
                    name=name)
    G.tspike = np.asarray(times_ms) * ms
    return G


def test_connect_deterministic_rules(target):
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G)
    S.connect("i != j")
    assert len(S) == 90
    assert not np.any(S.i[:] == S.j[:])
    S2 = Synapses(G, G)
    S2.connect(j="k for k in range(i-3, i+4) if k != i", skip_if_invalid=True)
    expected = [(a, b) for a in range(10) for b in range(a - 3, a + 4) if b != a and 0 <= b < 10]
    assert list(zip(S2.i[:], S2.j[:])) == expected
    S3 = Synapses(G, G)
    S3.connect(j="i")
    np.testing.assert_array_equal(S3.j[:], np.arange(10))
    S4 = Synapses(G, G, multisynaptic_index="k")
    S4.connect(i=[1, 2], j=[3, 4], n=3)
    np.testing.assert_array_equal(S4.i[:], [1, 1, 1, 2, 2, 2])
    np.testing.assert_array_equal(S4.k[:], [0, 1, 2, 0, 1, 2])
    np.testing.assert_array_equal(S4.N_incoming[:], [3] * 6)
    np.testing.assert_array_equal(S4.N_outgoing[:], [3] * 6)
    with pytest.raises(IndexError):
        Synapses(G, G).connect(j="k for k in range(i-1, i+2)")


def test_connect_probability_within_binomial_bounds(target):
    seed(7)
    G = NeuronGroup(200, "v : 1")
    S = Synapses(G, G)
    S.connect(p=0.1)
    n, p = 200 * 200, 0.1
    assert abs(len(S) - n * p) < 5 * np.sqrt(n * p * (1 - p))
    S2 = Synapses(G, G)
    S2.connect(j="k for k in sample(N_post, p=0.25)")
    assert abs(len(S2) - n * 0.25) < 5 * np.sqrt(n * 0.25 * 0.75)
    S3 = Synapses(G, G)
    S3.connect(j="k for k in sample(N_post, size=7)")
    np.testing.assert_array_equal(np.bincount(S3.i[:]), [7] * 200)
    assert all(len(set(S3.j[S3.i[:] == k])) == 7 for k in range(0, 200, 37))
    # distance-dependent probability: many more near neighbours than far ones
    S4 = Synapses(G, G)
    S4.connect("i != j", p="exp(-abs(i - j)/10.)")
    d = np.abs(S4.i[:] - S4.j[:])
    assert np.sum(d <= 5) > 5 * np.sum((d > 20) & (d <= 25))


def test_same_seed_same_connections(target):
    G = NeuronGroup(50, "v : 1")
    seed(3)
    S = Synapses(G, G, "w : 1")
    S.connect(p=0.2)
    S.w = "rand()"
    seed(3)
    S2 = Synapses(G, G, "w : 1")
    S2.connect(p=0.2)
    S2.w = "rand()"
    np.testing.assert_array_equal(S.i[:], S2.i[:])
    np.testing.assert_array_equal(S.w[:], S2.w[:])


def test_heterogeneous_delays_exact_arrival(target):
    src = _spike_at([1.0, 2.5])
    tgt = NeuronGroup(5, "arrival : second\ncount : 1")
    S = Synapses(src, tgt, on_pre="arrival = t\ncount += 1")
    S.connect(i=[0, 0, 0, 1, 1], j=[0, 1, 2, 3, 4])
    S.delay = "j*0.3*ms"
    run(5 * ms)
    expected = np.array([1.0, 1.3, 1.6, 2.5 + 0.9, 2.5 + 1.2])
    np.testing.assert_allclose(tgt.arrival / ms, expected, atol=1e-9)
    np.testing.assert_array_equal(tgt.count[:], [1, 1, 1, 1, 1])


def test_zero_delay_effect_seen_next_step(target):
    src = _spike_at([1.0])
    tgt = NeuronGroup(1, "v : 1")
    S = Synapses(src, tgt, "w : 1", on_pre="v += w")
    S.connect()
    S.w = 0.5
    M = StateMonitor(tgt, "v", record=0)
    run(1.3 * ms)
    v = M.v[0]
    assert v[10] == 0 and v[11] == 0.5  # spike at step 10 (t=1ms); recorded at 'start'


def test_accumulation_onto_same_target(target):
    src = _spike_at([0.5] * 20)
    tgt = NeuronGroup(2, "v : 1")
    S = Synapses(src, tgt, "w : 1", on_pre="v_post += w")
    S.connect()
    S.w = "i + 1"
    run(1 * ms)
    np.testing.assert_allclose(tgt.v[:], [210, 210])


def test_gap_junction_summed_two_cells(target):
    tau = 10 * ms
    G = NeuronGroup(2, "dv/dt = Igap/tau : 1\nIgap : 1", method="euler")
    G.v = [1.0, 0.0]
    S = Synapses(G, G, "w : 1\nIgap_post = w*(v_pre - v_post) : 1 (summed)")
    S.connect("i != j")
    S.w = 0.5
    run(20 * ms)
    # discrete solution: the difference shrinks by (1 - 2 w dt/tau) per step, sum conserved
    d = 1.0 * (1 - 2 * 0.5 * 0.1 / 10) ** 200
    np.testing.assert_allclose(G.v[:], [0.5 + d / 2, 0.5 - d / 2], rtol=1e-12)
    assert abs(np.exp(-2 * 0.5 * 20 / 10) - d) < 0.01  # and close to the continuous solution


def _stdp(pre_ms, post_ms, Apre=0.01, Apost=-0.0105, taupre=20, taupost=20):
    pre = _spike_at([pre_ms], name="pre*")
    post = _spike_at([post_ms], name="post*")
    taupre_, taupost_ = taupre * ms, taupost * ms
    S = Synapses(pre, post, """w : 1
        dapre/dt = -apre/taupre_ : 1 (event-driven)
        dapost/dt = -apost/taupost_ : 1 (event-driven)""",
                 on_pre="apre += Apre\nw = clip(w + apost, 0, 1)",
                 on_post="apost += Apost\nw = clip(w + apre, 0, 1)",
                 namespace={"Apre": Apre, "Apost": Apost, "taupre_": taupre_,
                            "taupost_": taupost_})
    S.connect()
    S.w = 0.5
    run((max(pre_ms, post_ms) + 1) * ms)
    return float(S.w[0])


@pytest.mark.parametrize("delta", [-30.0, -5.0, -0.1, 0.0, 0.1, 5.0, 12.3])
def test_stdp_window_exact(target, delta):
    w = _stdp(40.0, 40.0 + delta)
    if delta > 0:
        expected = 0.5 + 0.01 * np.exp(-delta / 20)
    elif delta < 0:
        expected = 0.5 - 0.0105 * np.exp(delta / 20)
    else:  # same step: the pre pathway runs first, then the post pathway sees apre
        expected = 0.5 + 0.01
    assert abs(w - expected) < 1e-12


def test_synaptic_indexing_and_string_assignment(target):
    G = NeuronGroup(4, "v : 1", threshold="False")
    S = Synapses(G, G, "w : 1", on_pre="v_post += w")
    S.connect()
    S.w = "i*10 + j"
    assert S.w[2, 3] == 23
    np.testing.assert_array_equal(S.w[1, :], [10, 11, 12, 13])
    S.w["i > j"] = 0
    assert S.w[3, 1] == 0 and S.w[1, 3] == 13
    S.delay = "j*ms"
    np.testing.assert_allclose(S.delay[0, :] / ms, [0, 1, 2, 3])
    assert S.memory_bytes > 0


def test_clock_driven_synaptic_equation(target):
    G = NeuronGroup(2, "v : 1")
    S = Synapses(G, G, "dx/dt = -x/(10*ms) : 1 (clock-driven)")
    S.connect(j="i")
    S.x = 1
    run(10 * ms)
    np.testing.assert_allclose(S.x[:], np.exp(-1), rtol=1e-12)


def test_subgroups_as_source_and_target(target):
    src = _spike_at([0.2, 0.4, 0.6, 0.8])
    tgt = NeuronGroup(6, "v : 1")
    S = Synapses(src[1:3], tgt[2:5], on_pre="v += 1")
    S.connect(i=[0, 1], j=[0, 2])  # relative: source 1 -> target 2, source 2 -> target 4
    np.testing.assert_array_equal(S.i[:], [0, 1])
    np.testing.assert_array_equal(S.j[:], [0, 2])
    run(1 * ms)
    np.testing.assert_array_equal(tgt.v[:], [0, 0, 1, 0, 1, 0])


@pytest.mark.parametrize("n_neurons", [4000])
def test_cuba_rate_in_published_range(target, n_neurons):
    seed(11)
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = NeuronGroup(n_neurons, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                    method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    we, wi = (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV
    Ce = Synapses(P, P, on_pre="ge += we")
    Ci = Synapses(P, P, on_pre="gi += wi")
    Ce.connect("i<3200", p=0.02)
    Ci.connect("i>=3200", p=0.02)
    M = SpikeMonitor(P)
    ge, gi = _run_with_mean_conductances(Network(collect()), P, dict(locals()))
    rate = M.num_spikes / n_neurons / 0.5
    # Brian2 2.11 gives 5.5-6.2 Hz (seeds 1-3), brian_cg 5.4-5.9; excitatory weights x0.5
    # give 4.0 Hz, x2 11.5 Hz, inhibitory x2 4.0 Hz, x0.5 10.8 Hz
    assert 4.7 < rate < 7.0, rate
    _assert_campbell(M, P, Ce, Ci, ge, gi, float(we), float(wi), taue, taui)


def _run_with_mean_conductances(net, P, namespace):
    """Run 0.5 s; the population means of ge and gi averaged over 10 instants."""
    ge, gi = [], []
    for _ in range(10):
        net.run(50 * ms, namespace=namespace)
        ge.append(np.mean(P.ge_[:]))
        gi.append(np.mean(P.gi_[:]))
    return np.mean(ge), np.mean(gi)  # in SI units


def _assert_campbell(M, P, Ce, Ci, ge, gi, we, wi, taue, taui):
    """Mean conductance = weight x in-degree x presynaptic rate x time constant (Campbell's
    theorem): rates alone cannot see all weights doubled (the network rebalances; CUBA's
    rate moves from 5.4 to 5.9 Hz), this ratio goes from 1 to 2. brian_cg gives 0.95-1.14,
    Brian2 2.11 0.85-0.98 (seeds 1-3 and 11)."""
    n_exc = 3200
    rate_e = np.sum(M.i[:] < n_exc) / n_exc / 0.5
    rate_i = np.sum(M.i[:] >= n_exc) / (len(P) - n_exc) / 0.5
    ratio_e = ge / (we * len(Ce) / len(P) * rate_e * float(taue))
    ratio_i = gi / (wi * len(Ci) / len(P) * rate_i * float(taui))
    assert 0.7 < ratio_e < 1.4 and 0.7 < ratio_i < 1.4, (ratio_e, ratio_i)


def test_song_abbott_weights_become_bimodal(target, request):
    if target == "numpy" and not request.config.getoption("--runlong"):
        pytest.skip("100 s of STDP on numpy is a long test: give --runlong")
    from brian_cg import Hz, PoissonGroup

    seed(2000)
    taum, taupre, taupost, taue = 10 * ms, 20 * ms, 20 * ms, 5 * ms
    Ee, vt, vr, El = 0 * mV, -54 * mV, -60 * mV, -74 * mV
    gmax, dApre = 0.01, 0.01
    dApost = -dApre * taupre / taupost * 1.05 * gmax
    dApre *= gmax
    inp = PoissonGroup(1000, rates=15 * Hz)
    neuron = NeuronGroup(1, """dv/dt = (ge * (Ee-v) + El - v) / taum : volt
                               dge/dt = -ge / taue : 1""", threshold="v>vt", reset="v = vr",
                         method="euler")
    S = Synapses(inp, neuron, """w : 1
                 dApre/dt = -Apre / taupre : 1 (event-driven)
                 dApost/dt = -Apost / taupost : 1 (event-driven)""",
                 on_pre="""ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)""",
                 on_post="""Apost += dApost
                         w = clip(w + Apre, 0, gmax)""")
    S.connect()
    S.w = "rand() * gmax"
    run(100 * second)
    counts = np.histogram(np.asarray(S.w[:]) / gmax, bins=10, range=(0, 1))[0]
    # started uniform (100 per bin); now most weights near 0 or near gmax
    assert counts[0] + counts[-1] > 350
    assert min(counts[0], counts[-1]) > 2 * max(counts[3:7])


def test_coba_rate_in_published_range(target):
    seed(12)
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -60 * mV
    Erev_exc, Erev_inh, I = 0 * mV, -80 * mV, 20 * mV
    eqs = """
    dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
    dge/dt = -ge/taue : 1
    dgi/dt = -gi/taui : 1
    """
    P = NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                    method="euler")
    P.v = "Vr + rand() * (Vt - Vr)"
    Ce = Synapses(P, P, on_pre="ge += 0.6")
    Ci = Synapses(P, P, on_pre="gi += 6.7")
    Ce.connect("i<3200", p=0.02)
    Ci.connect("i>=3200", p=0.02)
    M = SpikeMonitor(P)
    ge, gi = _run_with_mean_conductances(Network(collect()), P, dict(locals()))
    rate = M.num_spikes / 4000 / 0.5
    # Brian2 2.11 gives 21.2-25.1 Hz (seeds 1-3), brian_cg 21.6-23.6; excitatory weights
    # x0.5 give 11.9 Hz, x2 49 Hz, inhibitory x2 14.8 Hz, x0.5 41 Hz
    assert 18.5 < rate < 28, rate
    _assert_campbell(M, P, Ce, Ci, ge, gi, 0.6, 6.7, taue, taui)


def test_constant_over_dt_subexpression_in_on_pre(target):
    G = NeuronGroup(1, "", threshold="t > 0.25*ms and t < 0.35*ms")
    H = NeuronGroup(3, "x : 1")
    S = Synapses(G, H, """w : 1
                          c = w*2 + t/ms : 1 (constant over dt)""", on_pre="x_post += c")
    S.connect(i=0, j=[0, 1, 2])
    S.w = [1, 2, 3]
    run(1 * ms)
    # computed at the start of the step of the spike (t = 0.3 ms), as in Brian
    np.testing.assert_allclose(H.x[:], [2.3, 4.3, 6.3])
    np.testing.assert_allclose(S.c[:], [2.9, 4.9, 6.9])


def test_synapses_targeting_synapses_see_their_neurons(target):
    G = NeuronGroup(4, "", threshold="i == 1 and t < 0.15*ms")
    S1 = Synapses(G, G, "w : 1")
    S1.connect(i=[0, 1, 1, 2], j=[1, 0, 2, 2])
    S2 = Synapses(G, S1, "a : 1", on_pre="w_post += 1 + i_post*10 + j_post*100")
    S2.connect(i=[0, 1, 1, 2], j=[0, 1, 2, 3])
    S2.a = "i_post + 10*j_post"
    # i_post, j_post: the pre- and postsynaptic neurons of the target synapse (Brian)
    np.testing.assert_array_equal(S2.i_post[:], [0, 1, 1, 2])
    np.testing.assert_array_equal(S2.j_post[:], [1, 0, 2, 2])
    np.testing.assert_array_equal(S2.a[:], [10, 1, 21, 22])
    # the target synapses between subgroups: their i and j count within the subgroups
    S3 = Synapses(G[1:3], G[2:4], "w : 1")
    S3.connect(i=[0, 1], j=[1, 0])
    S4 = Synapses(G, S3, "b : 1", on_pre="w_post += i_post + 10*j_post")
    S4.connect(i=[1, 1], j=[0, 1])
    np.testing.assert_array_equal(S4.i_post[:], [0, 1])
    np.testing.assert_array_equal(S4.j_post[:], [1, 0])
    run(0.3 * ms)  # neuron 1 spikes twice (t = 0 and 0.1 ms)
    np.testing.assert_array_equal(S1.w[:], [0, 2 * (1 + 10), 2 * (1 + 10 + 200), 0])
    np.testing.assert_array_equal(S3.w[:], [20, 2])


def test_pathway_reads_what_it_wrote_under_the_other_name(target):
    # v and v_post name the same element: a write under one is read under the other
    # (Brian2 2.11 gives w = [20] and [10], H.v = [20]; each name was loaded apart before)
    G = NeuronGroup(1, "v : 1", threshold="t < 0.05*ms", reset="")
    H = NeuronGroup(1, "v : 1")
    S = Synapses(G, H, "w : 1", on_pre="v += 10\nw = v_post")
    S.connect()
    S2 = Synapses(G, H, "w : 1", on_pre="v_post += 10\nw = v")
    S2.connect()
    run(0.2 * ms)
    np.testing.assert_array_equal(S.w[:], [20])
    np.testing.assert_array_equal(S2.w[:], [10])
    np.testing.assert_array_equal(H.v[:], [20])
