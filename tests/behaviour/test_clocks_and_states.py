"""EventClock and run_at, set_event_schedule, Network.get_states/set_states (Brian2 2.11
gives the same numbers on the same scripts)."""
import numpy as np
import pytest

from brian_cg import (DimensionMismatchError, EventClock, EventMonitor, Network, NeuronGroup,
                      SpikeMonitor, StateMonitor, Synapses, ms, network_operation, run)


def test_run_at(target):
    G = NeuronGroup(2, "dv/dt = 1/(10*ms) : 1\nx : second\nk : 1", method="euler")
    op = G.run_at("v = 0; x = t; k += 1", times=[0.25 * ms, 0.5 * ms, 1 * ms])
    assert op.name == "neurongroup_run_at"
    assert op.clock.name == "neurongroup_run_at_eventclock"
    mon = StateMonitor(G, "v", record=0, when="end")
    run(0.5 * ms)
    np.testing.assert_array_equal(G.k, [1, 1])  # 0.5 ms is the next run's start
    run(0.7 * ms)
    np.testing.assert_array_equal(G.k, [3, 3])
    np.testing.assert_allclose(G.x / ms, [1, 1], atol=1e-12)
    # v at the end of each step: reset between the steps at 0.2 and 0.3 ms, at the start
    # of the steps at 0.5 and 1 ms
    np.testing.assert_allclose(mon.v[0] * 1000, [10, 20, 30, 10, 20, 10, 20, 30, 40, 50, 10, 20],
                               atol=1e-9)


def test_run_at_many_neurons_with_other_clocks(target):
    n = 100_000
    G = NeuronGroup(n, "dv/dt = 1/(10*ms) : 1\nc : 1", method="euler")
    G.run_at("c += i", times=[0.3 * ms, 0.75 * ms])
    G.run_regularly("v = 0", dt=0.5 * ms)
    run(1 * ms)
    np.testing.assert_array_equal(G.c, 2 * np.arange(n))
    np.testing.assert_allclose(G.v[[0, n - 1]], [0.05, 0.05], atol=1e-12)


def test_event_clock_with_network_operation(target):
    got = []

    @network_operation(clock=EventClock([0.7 * ms, 0.3 * ms]))
    def f(t):
        got.append(float(t / ms))

    G = NeuronGroup(1, "dv/dt = 1/(10*ms) : 1", method="euler")
    net = Network(f, G)
    net.run(1 * ms)
    assert got == pytest.approx([0.3, 0.7])
    assert float(net.t / ms) == pytest.approx(1.0)


def test_event_clock_arguments():
    ec = EventClock([1 * ms, 0.2 * ms])
    assert float(ec.t / ms) == pytest.approx(0.2) and float(ec[1] / ms) == pytest.approx(1)
    with pytest.raises(DimensionMismatchError, match="'times' must have dimensions of time"):
        EventClock([1, 2])
    with pytest.raises(ValueError, match="must not contain duplicates"):
        EventClock([1 * ms, 1 * ms])


def _half_events(schedule=None):
    H = NeuronGroup(1, "dv/dt = 1/(1*ms) : 1", events={"half": "v > 0.5"}, method="euler")
    H.run_on_event("half", "v = 0")
    if schedule:
        H.set_event_schedule("half", when=schedule)
    E = EventMonitor(H, "half")
    net = Network(H, E)
    net.run(2 * ms)
    return H, np.asarray(E.t / ms)


def test_set_event_schedule(target):
    _, default = _half_events()
    np.testing.assert_allclose(default, [0.5, 1.1, 1.7], atol=1e-9)
    H, before = _half_events("before_groups")
    np.testing.assert_allclose(before, [0.6, 1.3], atol=1e-9)
    assert H.thresholder["half"].when == "before_groups" and H.thresholder["half"].order == 0
    with pytest.raises(ValueError, match="Unknown event 'nope'"):
        H.set_event_schedule("nope")


def test_network_get_and_set_states(target):
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                    method="exact")
    G.v = [1.5, 0.5]
    S = Synapses(G, G, "w : 1", on_pre="v_post += w")
    S.connect(i=0, j=1)
    S.w = 0.25
    M = SpikeMonitor(G)
    net = Network(G, S, M)
    net.run(1 * ms)
    states = net.get_states()
    assert {"neurongroup", "synapses", "spikemonitor"} <= set(states)
    assert set(states["neurongroup"]) == {"N", "dt", "i", "t", "t_in_timesteps", "v"}
    assert set(states["spikemonitor"]) == {"N", "count", "i", "t"}
    assert states["spikemonitor"]["N"] == 1
    np.testing.assert_allclose(states["neurongroup"]["v"],
                               [0, (0.5 * np.exp(-0.01) + 0.25) * np.exp(-0.09)], rtol=1e-9)
    writable = net.get_states(units=False, read_only_variables=False)
    assert set(writable["neurongroup"]) == {"v"} and writable["spikemonitor"] == {}
    net.set_states({"neurongroup": {"v": [0.5, 0.25]}, "synapses": {"w": [0.75]}})
    np.testing.assert_array_equal(G.v, [0.5, 0.25])
    np.testing.assert_array_equal(S.w, [0.75])
    with pytest.raises(KeyError, match="nothere"):
        net.set_states({"nothere": {}})
