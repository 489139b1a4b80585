"""Changing dt between runs: queued spikes keep their due time; impossible changes refused."""
import numpy as np
import pytest

from brian_cg import Network, NeuronGroup, SpikeMonitor, Synapses, defaultclock, ms


def _delayed_network(delays_ms, weights, first_spike="0.5*ms"):
    G = NeuronGroup(1, "", threshold=f"abs(t - {first_spike}) < 0.01*ms or "
                                     f"abs(t - 0.9*ms) < 0.01*ms")
    H = NeuronGroup(len(weights), "x : 1")
    # each arrival adds w*(1 + t/ms): the sum tells the arrival times
    S = Synapses(G, H, "w : 1", on_pre="x_post += w*(1 + t/ms)")
    S.connect(i=0, j=np.arange(len(weights)))
    S.w = weights
    S.delay = np.asarray(delays_ms) * ms
    return Network(G, H, S, SpikeMonitor(G)), H


def test_queued_spikes_after_dt_change(target):
    net, H = _delayed_network([1.0, 1.6, 1.1], [1, 10, 100])
    net.run(1 * ms)
    defaultclock.dt = 0.2 * ms
    net.run(3 * ms)
    # due at 1.5/1.9 ms, 2.1/2.5 ms and 1.6/2.0 ms: the nearest step of 0.2 ms, half up (as
    # Brian); two old steps that meet in one new step both deliver (Brian keeps only one)
    np.testing.assert_allclose(H.x[:], [(1 + 1.6) + (1 + 2.0), 10 * ((1 + 2.2) + (1 + 2.6)),
                                        100 * ((1 + 1.6) + (1 + 2.0))])


def test_queued_spikes_after_smaller_dt(target):
    defaultclock.dt = 0.2 * ms
    net, H = _delayed_network([1.0, 1.6], [1, 10], first_spike="0.6*ms")
    net.run(0.8 * ms)  # the second spike (0.9 ms) comes after the change
    defaultclock.dt = 0.1 * ms
    net.run(3 * ms)
    np.testing.assert_allclose(H.x[:], [(1 + 1.6) + (1 + 1.9), 10 * ((1 + 2.2) + (1 + 2.5))])


def test_dt_change_needs_time_on_the_new_grid(target):
    net, H = _delayed_network([1.0], [1])
    net.run(1 * ms)
    defaultclock.dt = 0.3 * ms
    with pytest.raises(ValueError, match="not a multiple"):
        net.run(1 * ms)
    defaultclock.dt = 0.25 * ms
    net.run(1 * ms)
    assert abs(net.t / ms - 2) < 1e-12
    defaultclock.dt = 0.1 * ms
    net.run(0.1 * ms)  # back to a dt of which the time is a multiple
    assert abs(net.t / ms - 2.1) < 1e-12
