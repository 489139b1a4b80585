"""Deterministic LIF neurons: spike steps and traces against the analytic solution."""
import numpy as np
import pytest

from brian_cg import (NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, ms, mV, run,
                      second)

TAU = 10e-3
V0 = 1.2
REF_STEPS = 50  # 5 ms at dt = 0.1 ms


def crossing_time(v0, tau, v_start=0.0, v_th=1.0):
    """Time for dv/dt = (v0 - v)/tau to go from v_start to v_th."""
    return tau * np.log((v0 - v_start) / (v0 - v_th))


def expected_spike_steps(v0, n_steps, dt=1e-4):
    """Brian's discrete semantics: the step whose update crosses threshold is recorded,
    and v is held at the reset value for the refractory steps after a spike."""
    steps, start = [], 0
    rise = int(np.ceil(crossing_time(v0, TAU) / dt))
    while True:
        k = start + rise - 1
        if k >= n_steps:
            return np.array(steps)
        steps.append(k)
        start = k + REF_STEPS


@pytest.mark.parametrize("method", ["exact", "exponential_euler"])
def test_spike_times_are_analytic(target, method):
    tau = TAU * second
    eqs = "dv/dt = (v0 - v)/tau : 1 (unless refractory)\nv0 : 1 (constant)"
    G = NeuronGroup(3, eqs, threshold="v > 1", reset="v = 0", refractory=5 * ms, method=method)
    G.v0 = [1.2, 1.5, 3.0]
    M = SpikeMonitor(G)
    run(100 * ms)
    for k, v0 in enumerate([1.2, 1.5, 3.0]):
        expected = expected_spike_steps(v0, 1000) * 1e-4
        got = M.spike_trains()[k] / second
        assert len(got) == len(expected) > 2
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_trace_is_analytic_to_1e12(target):
    tau = TAU * second
    G = NeuronGroup(1, "dv/dt = (v0 - v)/tau : 1", method="exact")
    v0 = V0 * 0.5  # never reaches a threshold: a pure relaxation
    S = StateMonitor(G, "v", record=0)
    run(20 * ms)
    t = S.t / second
    np.testing.assert_allclose(t, np.arange(200) * 1e-4, rtol=0, atol=1e-15)
    analytic = v0 * (1 - np.exp(-t / TAU))
    np.testing.assert_allclose(S.v[0], analytic, rtol=1e-12, atol=1e-14)


def test_euler_trace_has_first_order_error(target):
    tau = TAU * second
    v0 = 1.0
    errors = []
    for dt in (0.2, 0.1, 0.05):
        defaultclock.dt = dt * ms
        G = NeuronGroup(1, "dv/dt = (v0 - v)/tau : 1", method="euler", name="g*")
        run(10 * ms)
        errors.append(abs(G.v[0] - v0 * (1 - np.exp(-1.0))))
        del G
    orders = np.log2(np.array(errors[:-1]) / np.array(errors[1:]))
    assert np.all(np.abs(orders - 1) < 0.1), orders


def test_units_in_state_variables(target):
    tau = TAU * second
    El = -70 * mV
    G = NeuronGroup(2, "dv/dt = (El - v)/tau : volt", method="exact")
    G.v = [-50, -60] * mV
    run(10 * ms)
    expected = (-70 + np.array([20, 10]) * np.exp(-1.0)) * 1e-3
    np.testing.assert_allclose(G.v / mV, expected / 1e-3, rtol=1e-12)
    np.testing.assert_allclose(G.v_, expected, rtol=1e-12)


def test_changed_constant_between_runs_takes_effect(target):
    tau = TAU * second
    G = NeuronGroup(1, "dv/dt = -v/tau : 1", method="exact")
    G.v = 1
    run(10 * ms)
    tau = 5 * ms
    run(10 * ms)
    np.testing.assert_allclose(G.v[0], np.exp(-1.0) * np.exp(-2.0), rtol=1e-12)
