"""Synaptic delays: exact delivery times (a spike delivered one step early or late fails),
and negative or NaN delays refused on every target (issue 10, fault 3 and its tests)."""
import numpy as np
import pytest

from brian_cg import (NeuronGroup, SpikeGeneratorGroup, Synapses, ms, run)
from brian_cg.errors import InvalidValueError

SPIKES = dict(indices=[0, 1, 2, 0], times=[0.0, 0.3, 1.0, 2.0] * ms)


def _arrivals(target, **synapse_kwds):
    inp = SpikeGeneratorGroup(3, SPIKES["indices"], SPIKES["times"])
    post = NeuronGroup(2, "v : 1")
    S = Synapses(inp, post, "first : second\nlast : second\nn : integer",
                 on_pre="first = t*int(n == 0) + first*int(n > 0)\nlast = t\nn += 1\n"
                        "v_post += 1", **synapse_kwds)
    return inp, post, S


def test_uniform_delay_delivers_at_exact_steps(target):
    # Brian2 2.11 (numpy and cython): last = [2.5, 0.8, 1.5] ms, n = [2, 1, 1], v = [3, 1]
    _, post, S = _arrivals(target, delay=0.5 * ms)
    S.connect(i=[0, 1, 2], j=[0, 0, 1])
    run(6 * ms)
    assert np.allclose(S.last[:] / ms, [2.5, 0.8, 1.5], rtol=0, atol=1e-9)
    assert np.allclose(S.first[:] / ms, [0.5, 0.8, 1.5], rtol=0, atol=1e-9)
    assert S.n[:].tolist() == [2, 1, 1]
    assert post.v[:].tolist() == [3.0, 1.0]


def test_equal_per_synapse_delays_deliver_at_exact_steps(target):
    # per-synapse delays that are all equal run on the uniform path
    _, post, S = _arrivals(target)
    S.connect(i=[0, 1, 2], j=[0, 0, 1])
    S.delay = 0.7 * ms
    run(6 * ms)
    assert np.allclose(S.last[:] / ms, [2.7, 1.0, 1.7], rtol=0, atol=1e-9)
    assert S.n[:].tolist() == [2, 1, 1]


def test_heterogeneous_delays_deliver_at_exact_steps(target):
    # Brian2 2.11: delays round half up to steps (0.25 ms -> 3 steps, 3.05 ms -> 30 steps):
    # first = [0, 0.3, 1.3, 1.1, 4.0] ms, last = [2, 2.3, 1.3, 1.1, 4.0] ms, n = [2, 2, 1, 1, 1]
    _, post, S = _arrivals(target)
    S.connect(i=[0, 0, 1, 2, 2], j=[0, 1, 0, 0, 1])
    S.delay = [0, 0.25, 1.0, 0.14, 3.05] * ms
    run(6 * ms)
    assert np.allclose(S.first[:] / ms, [0.0, 0.3, 1.3, 1.1, 4.0], rtol=0, atol=1e-9)
    assert np.allclose(S.last[:] / ms, [2.0, 2.3, 1.3, 1.1, 4.0], rtol=0, atol=1e-9)
    assert S.n[:].tolist() == [2, 2, 1, 1, 1]
    assert post.v[:].tolist() == [4.0, 3.0]


def _connected(target):
    inp = SpikeGeneratorGroup(1, [0, 0], [0.0, 0.5] * ms)
    post = NeuronGroup(3, "v : 1")
    S = Synapses(inp, post, on_pre="v_post += 1")
    S.connect(i=0, j=[0, 1, 2])
    return inp, post, S


@pytest.mark.parametrize("value, one", [([-1, 0, 1] * ms, -1 * ms), (-1 * ms, -0.01 * ms),
                                        ([0, np.nan, 1] * ms, np.inf * ms)])
def test_negative_or_nan_delay_is_refused_when_assigned(target, value, one):
    inp, post, S = _connected(target)
    S.delay = [0.1, 0.2, 0.3] * ms
    with pytest.raises(InvalidValueError, match="delay of the 'pre' pathway of 'synapses'"):
        S.delay = value
    with pytest.raises(ValueError):  # Brian's builtin class
        S.delay[1] = one
    assert np.allclose(S.delay[:] / ms, [0.1, 0.2, 0.3])  # unchanged
    run(1 * ms)
    assert post.v[:].tolist() == [2.0, 2.0, 2.0]


def test_negative_delay_from_a_string_is_refused_and_undone(target):
    inp, post, S = _connected(target)
    S.delay = [0.1, 0.2, 0.3] * ms
    with pytest.raises(InvalidValueError, match="-1 ms"):
        S.delay = "(j - 1)*ms"
    assert np.allclose(S.delay[:] / ms, [0.1, 0.2, 0.3])


def test_negative_fixed_delay_is_refused_at_creation(target):
    G = NeuronGroup(1, "v : 1", threshold="v > 1")
    with pytest.raises(InvalidValueError, match="-2 ms"):
        Synapses(G, G, on_pre="v += 1", delay=-2 * ms)


def test_negative_delay_written_behind_the_checks_is_refused_before_the_run(target):
    # e.g. through the raw array: a clear error before the run, never a crash in the loop
    inp, post, S = _connected(target)
    S.variables["delay"].array[:] = [1e-4, -1e-3, 0.0]
    with pytest.raises(InvalidValueError, match="-1 ms"):
        run(1 * ms)
    S.variables["delay"].array[:] = 0.0
    run(1 * ms)
    assert post.v[:].tolist() == [2.0, 2.0, 2.0]


def test_delays_of_a_hundred_thousand_synapses(target):
    n = 100_000
    G = NeuronGroup(n, "v : 1", threshold="i % 1000 == 0 and t < 0.05*ms")
    S = Synapses(G, G, on_pre="v_post += 1")
    S.connect(j="i")
    S.delay = "(i % 3)*0.1*ms"
    with pytest.raises(InvalidValueError, match=r"-0\.9 ms \(1 of 100000 values\)"):
        S.delay = "(i % 3)*0.1*ms - (i == 54322)*1*ms"
    run(0.35 * ms)
    spiking = np.arange(0, n, 1000)
    assert G.v[:].sum() == len(spiking) and (G.v[spiking] == 1).all()
