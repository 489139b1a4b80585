"""Monitors record exactly what the model produced."""
import numpy as np
import pytest

from brian_cg import (NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor, Hz, ms,
                      run, second)


def _ramp_group(n=5):
    # v grows by (i+1)/100 per step from 0.005 (never exactly on the threshold):
    # neuron i has fired floor(0.005 + (k+1)*(i+1)/100) times after step k.
    G = NeuronGroup(n, "dv/dt = (i + 1)/(10*ms) : 1", threshold="v > 1", reset="v -= 1",
                    method="euler")
    G.v = 0.005
    return G


def test_spikemonitor_counts_and_times(target):
    G = _ramp_group()
    M = SpikeMonitor(G)
    run(50 * ms)
    count = np.asarray(M.count)
    expected = [int(np.floor(0.005 + 500 * (i + 1) / 100)) for i in range(5)]
    np.testing.assert_array_equal(count, expected)
    assert M.num_spikes == sum(expected) == len(M.i) == len(M.t)
    train = M.spike_trains()[0] / ms
    np.testing.assert_allclose(train, [9.9, 19.9, 29.9, 39.9, 49.9], atol=1e-9)
    i, t = M.it
    assert np.all(np.diff(t / second) >= 0)
    assert set(M.spike_trains()) == set(range(5))


def test_spikemonitor_records_variables_at_spike(target):
    G = NeuronGroup(3, "dv/dt = (i + 1)/(10*ms) : 1\nw : 1", threshold="v > 1",
                    reset="v = 0; w += 1", method="euler")
    M = SpikeMonitor(G, variables="w")
    run(31 * ms)
    # the monitor runs after the threshold, before the reset: w counts earlier spikes.
    # Brian2 2.11 (numpy and cython): 3, 6 and 9 spikes, at these times
    assert M.num_spikes == 18 and M.count[:].tolist() == [3, 6, 9]
    trains = M.spike_trains()
    np.testing.assert_allclose(trains[0] / ms, [9.9, 19.9, 29.9], atol=1e-9)
    np.testing.assert_allclose(trains[2] / ms, [3.3, 6.7, 10.1, 13.5, 16.9, 20.3, 23.7, 27.1,
                                                30.5], atol=1e-9)
    for k in range(3):
        np.testing.assert_array_equal(M.values("w")[k], np.arange(len(M.values("w")[k])))
    assert len(M.w) == M.num_spikes


def test_spikemonitor_record_false_counts_only(target):
    G = _ramp_group()
    M = SpikeMonitor(G, record=False)
    M2 = SpikeMonitor(G)
    run(20 * ms)
    np.testing.assert_array_equal(M.count, M2.count)
    assert M.num_spikes == M2.num_spikes


def test_statemonitor_shapes_times_and_values(target):
    G = NeuronGroup(4, "dv/dt = 1/(10*ms) : 1", method="euler")
    G.v = [0, 1, 2, 3]
    S = StateMonitor(G, "v", record=[1, 3])
    Sall = StateMonitor(G, "v", record=True)
    run(2 * ms)
    assert S.v.shape == (2, 20)
    assert Sall.v.shape == (4, 20)
    np.testing.assert_allclose(S.t / ms, np.arange(20) * 0.1, atol=1e-12)
    # when='start': the value before the step's update
    np.testing.assert_allclose(S.v[0], 1 + np.arange(20) * 0.01, rtol=1e-12)
    np.testing.assert_allclose(S[3].v, 3 + np.arange(20) * 0.01, rtol=1e-12)
    np.testing.assert_array_equal(Sall.v[1], S.v[0])
    with pytest.raises(IndexError):
        S[0]


def test_statemonitor_own_dt(target):
    G = NeuronGroup(1, "dv/dt = 1/ms : 1", method="euler")
    S = StateMonitor(G, "v", record=0, dt=1 * ms)
    run(10 * ms)
    np.testing.assert_allclose(S.t / ms, np.arange(10), atol=1e-12)
    np.testing.assert_allclose(S.v[0], np.arange(10), rtol=1e-9, atol=1e-12)


def test_statemonitor_units_and_subexpressions(target):
    from brian_cg import mV

    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : volt\nu = 2*v : volt", method="exact")
    G.v = 10 * mV
    S = StateMonitor(G, ["v", "u"], record=True)
    run(1 * ms)
    np.testing.assert_allclose(S.u / mV, 2 * S.v / mV, rtol=1e-12)
    np.testing.assert_allclose(S.v_[0, 0], 0.01, rtol=1e-12)


def test_population_rate(target):
    G = _ramp_group(10)
    M = SpikeMonitor(G)
    R = PopulationRateMonitor(G)
    run(30 * ms)
    assert len(R.rate) == 300
    np.testing.assert_allclose(np.sum(R.rate / Hz) * 10 * 1e-4, M.num_spikes, rtol=1e-12)
    per_step = np.bincount(np.round(M.t / (0.1 * ms)).astype(int), minlength=300)
    np.testing.assert_allclose(R.rate / Hz, per_step / (10 * 1e-4), rtol=1e-12)
    smooth = R.smooth_rate(window="flat", width=1.1 * ms)
    kernel = np.ones(13) / 13  # Brian's rule: 2*round(5.5) + 1 steps (round half to even)
    np.testing.assert_allclose(smooth / Hz, np.convolve(R.rate / Hz, kernel, mode="same"))
    g = R.smooth_rate(window="gaussian", width=0.5 * ms) / Hz
    assert abs(np.sum(g) - np.sum(R.rate / Hz)) < 0.05 * np.sum(R.rate / Hz)


def test_monitors_on_subgroup(target):
    G = _ramp_group(10)
    sub = G[5:8]
    M = SpikeMonitor(sub)
    Mall = SpikeMonitor(G)
    R = PopulationRateMonitor(sub)
    run(20 * ms)
    np.testing.assert_array_equal(M.count, np.asarray(Mall.count)[5:8])
    assert set(np.unique(M.i)) <= {0, 1, 2}
    np.testing.assert_allclose(np.sum(R.rate / Hz) * 3 * 1e-4, M.num_spikes, rtol=1e-12)
