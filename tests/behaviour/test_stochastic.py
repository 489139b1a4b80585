"""Noise: Ornstein-Uhlenbeck statistics and reproducibility with seed()."""
import numpy as np

from brian_cg import NeuronGroup, SpikeMonitor, StateMonitor, ms, run, seed


def test_ou_stationary_mean_and_variance(target):
    seed(11)
    tau = 10 * ms
    sigma = 0.5
    mu = 0.3
    N = 4000
    G = NeuronGroup(N, "dv/dt = (mu - v)/tau + sigma*(2/tau)**0.5*xi : 1", method="euler")
    G.v = "mu + sigma*randn()"
    run(50 * ms)
    v = np.asarray(G.v)
    # Euler's stationary variance is sigma**2/(1 - dt/(2 tau)); 5-sigma sampling bounds.
    var_expected = sigma**2 / (1 - 0.1 / 20)
    assert abs(v.mean() - mu) < 5 * np.sqrt(var_expected / N)
    assert abs(v.var() / var_expected - 1) < 5 * np.sqrt(2 / N)


def test_rand_is_uniform_and_independent_per_neuron(target):
    seed(3)
    G = NeuronGroup(20000, "x : 1\ny : 1")
    G.x = "rand()"
    G.y = "rand()"
    x, y = np.asarray(G.x), np.asarray(G.y)
    assert 0 <= x.min() and x.max() < 1
    assert abs(x.mean() - 0.5) < 5 * np.sqrt(1 / 12 / 20000)
    assert abs(np.corrcoef(x, y)[0, 1]) < 5 / np.sqrt(20000)


def _noisy_spikes():
    G = NeuronGroup(50, "dv/dt = (1.2 - v)/(10*ms) + 0.3*xi/sqrt(10*ms) : 1",
                    threshold="v > 1", reset="v = 0", method="euler", name="noisy*")
    G.v = "rand()"
    M = SpikeMonitor(G)
    S = StateMonitor(G, "v", record=[0, 1])
    run(30 * ms)
    return M.i.copy(), M.t_.copy(), S.v.copy()


def test_same_seed_same_results(target):
    seed(1234)
    i1, t1, v1 = _noisy_spikes()
    seed(1234)
    i2, t2, v2 = _noisy_spikes()
    seed(99)
    i3, t3, v3 = _noisy_spikes()
    assert len(i1) > 10
    np.testing.assert_array_equal(i1, i2)
    np.testing.assert_array_equal(t1, t2)
    np.testing.assert_array_equal(v1, v2)
    assert not np.array_equal(v1, v3)
