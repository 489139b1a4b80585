"""TimedArray, PoissonGroup, PoissonInput, SpikeGeneratorGroup."""
import numpy as np
import pytest

from brian_cg import (Hz, NeuronGroup, PoissonGroup, PoissonInput, SpikeGeneratorGroup,
                      SpikeMonitor, StateMonitor, Synapses, TimedArray, ms, mV, run, seed,
                      start_scope)


def test_timedarray_1d_samples_and_clamping(target):
    ta = TimedArray([1.0, 2.0, 3.0] * mV, dt=1 * ms)
    G = NeuronGroup(1, "v = ta(t) : volt")
    M = StateMonitor(G, "v", record=0)
    run(5 * ms)
    expected = np.repeat([1.0, 2.0, 3.0, 3.0, 3.0], 10)  # after the end: the last value
    np.testing.assert_allclose(M.v[0] / mV, expected)
    assert float(ta(1.5 * ms) / mV) == 2.0 and float(ta(-1 * ms) / mV) == 1.0


def test_timedarray_2d_distinct_inputs_per_neuron(target):
    values = np.arange(12.0).reshape(4, 3)  # 4 times x 3 neurons
    ta = TimedArray(values, dt=0.5 * ms)
    G = NeuronGroup(3, "x = ta(t, i) : 1")
    M = StateMonitor(G, "x", record=True)
    run(2 * ms)
    for k in range(3):
        np.testing.assert_allclose(M.x[k], np.repeat(values[:, k], 5))


def test_timedarray_drives_an_equation(target):
    ta = TimedArray([0.0, 1.0], dt=10 * ms)
    G = NeuronGroup(1, "dv/dt = ta(t)/(10*ms) : 1", method="euler")
    run(20 * ms)
    assert abs(G.v[0] - 1.0) < 1e-9


def test_poissongroup_rate_within_binomial_bounds(target):
    seed(5)
    P = PoissonGroup(500, 40 * Hz)
    M = SpikeMonitor(P)
    run(200 * ms)
    n, p = 500 * 2000, 40 * 1e-4
    assert abs(M.num_spikes - n * p) < 5 * np.sqrt(n * p * (1 - p))
    start_scope()
    P2 = PoissonGroup(4, rates="i*100*Hz", name="p2")
    M2 = SpikeMonitor(P2)
    run(500 * ms)
    counts = np.asarray(M2.count)
    expected = np.arange(4) * 100 * 0.5  # rate x duration; binomial 5-sigma bounds
    assert counts[0] == 0
    assert np.all(np.abs(counts - expected) < 5 * np.sqrt(expected * (1 - np.arange(4) * 0.01))
                  + 1e-9), counts


@pytest.mark.parametrize("N,rate", [(100, 10 * Hz), (5, 20 * Hz)])
def test_poissoninput_mean_and_variance(target, N, rate):
    seed(8)
    G = NeuronGroup(4000, "v : 1")
    inp = PoissonInput(G, "v", N, rate, weight=0.5)  # noqa: F841 (collected by run)
    steps = 200
    run(steps * 0.1 * ms)
    p = float(rate * 0.1 * ms)
    mean, var = 0.5 * N * p * steps, 0.25 * N * p * (1 - p) * steps
    v = np.asarray(G.v)
    assert abs(v.mean() - mean) < 5 * np.sqrt(var / 4000)
    assert abs(v.var() / var - 1) < 5 * np.sqrt(2 / 4000) + 0.02


def test_spikegenerator_exact_steps_and_period(target):
    SG = SpikeGeneratorGroup(3, [0, 1, 2, 0], [1.0, 2.0, 3.05, 0.5] * ms, period=5 * ms)
    M = SpikeMonitor(SG)
    run(12 * ms)
    np.testing.assert_array_equal(M.i, [0, 0, 1, 2] * 2 + [0, 0])
    np.testing.assert_allclose(M.t / ms, [0.5, 1, 2, 3.0, 5.5, 6, 7, 8.0, 10.5, 11], atol=1e-9)


def test_spikegenerator_drives_synapses_and_set_spikes(target):
    SG = SpikeGeneratorGroup(2, [0, 1], [1, 2] * ms)
    G = NeuronGroup(2, "v : 1")
    S = Synapses(SG, G, on_pre="v += 1")
    S.connect(j="i")
    run(3 * ms)
    np.testing.assert_array_equal(G.v[:], [1, 1])
    SG.set_spikes([1, 1], [4, 5] * ms)
    run(3 * ms)
    np.testing.assert_array_equal(G.v[:], [1, 3])


def test_spikegenerator_two_spikes_in_one_step_is_an_error(target):
    SG = SpikeGeneratorGroup(1, [0, 0], [1.0, 1.02] * ms)
    with pytest.raises(ValueError, match="more than once"):
        run(2 * ms)
