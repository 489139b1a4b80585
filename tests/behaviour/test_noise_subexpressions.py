"""Noise in subexpressions (``noise = mu + sigma*sqrt(noise_dt)*xi_pop : amp``): substituted
into the differential equations that use it and integrated there, as in Brian."""
import numpy as np
import pytest

from brian_cg import NeuronGroup, StateMonitor, Synapses, mV, ms, nA, nF, pA, run, seed
from brian_cg.errors import EquationError

MODEL = """
dv/dt = -v/tau + noise/C : volt (unless refractory)
noise = mu + sigma*sqrt(noise_dt)*xi_pop : amp
mu : amp (shared)
sigma : amp (shared)
noise_dt = 1*ms : second (shared)
C = 1*nF : farad (shared)
tau = 10*ms : second (shared)
"""


def test_noise_subexpression_ou_statistics(target):
    """The Euler-Maruyama moments of the OU process, from v = 0, for 10^5 neurons."""
    seed(7)
    N, steps, dt, tau = 100_000, 200, 0.1e-3, 10e-3
    G = NeuronGroup(N, MODEL, threshold="v > 1*volt", refractory=1 * ms, method="euler")
    G.mu = 0.2 * nA
    G.sigma = 0.5 * nA
    run(steps * 0.1 * ms)
    v = np.asarray(G.v_)
    # v_{n+1} = a v_n + mu dt/C + s sqrt(dt) N(0, 1), a = 1 - dt/tau, s = sigma sqrt(1 ms)/C
    a = 1 - dt / tau
    s = 0.5e-9 * np.sqrt(1e-3) / 1e-9
    mean = 0.2e-9 * dt / 1e-9 * (1 - a**steps) / (1 - a)
    var = s**2 * dt * (1 - a**(2 * steps)) / (1 - a**2)
    assert abs(v.mean() - mean) < 5 * np.sqrt(var / N)
    assert abs(v.var() / var - 1) < 5 * np.sqrt(2 / N)
    # independent noise for each neuron
    assert abs(np.corrcoef(v[:-1], v[1:])[0, 1]) < 5 / np.sqrt(N)


def test_noise_subexpression_shared_by_two_equations(target):
    """The same noise symbol in two equations (through one subexpression) is one sample."""
    seed(2)
    G = NeuronGroup(100, """dv/dt = n/ms : 1
                            dw/dt = -w/(5*ms) + n/ms : 1
                            n = 0.1*xi_a*sqrt(ms) : 1""", method="euler")
    S = StateMonitor(G, ["v", "w"], record=True)
    run(2 * ms)
    dv = np.diff(S.v, axis=1)
    dw = np.diff(S.w, axis=1) + S.w[:, :-1] * 0.1 / 5
    np.testing.assert_allclose(dv, dw, atol=1e-12)
    assert np.std(dv) > 0.001


def test_noise_subexpression_in_synapses(target):
    seed(3)
    G = NeuronGroup(10, "v : 1")
    S = Synapses(G, G, """dw/dt = -w/(10*ms) + n/ms : 1 (clock-driven)
                          n = 0.1*sqrt(ms)*xi_s : 1""", method="euler")
    S.connect()
    run(20 * ms)
    w = np.asarray(S.w)
    a = 1 - 0.1 / 10
    var = 0.01 * 0.1 * (1 - a**400) / (1 - a**2)
    assert abs(w.var() / var - 1) < 5 * np.sqrt(2 / len(w))


@pytest.mark.parametrize("kwds", [
    dict(threshold="noise > 0*pA"),
    dict(threshold="v > 10*mV", reset="v = noise*ms/nF"),
])
def test_noise_subexpression_cannot_be_read_elsewhere(target, kwds):
    G = NeuronGroup(2, MODEL, method="euler", **kwds)  # noqa: F841
    with pytest.raises(EquationError, match="'noise'.*noise symbol"):
        run(0.1 * ms)


def test_noise_subexpression_refused_forms():
    G = NeuronGroup(2, MODEL, method="euler")
    with pytest.raises(EquationError, match="'noise'.*noise symbol"):
        G.noise[:]
    with pytest.raises(EquationError, match="'noise'.*noise symbol"):
        M = StateMonitor(G, "noise", record=True)  # noqa: F841
        run(0.1 * ms)
    with pytest.raises(SyntaxError, match="cannot be \\(shared\\)"):
        NeuronGroup(1, "dv/dt = n/ms : 1\nn = xi_n*sqrt(ms) : 1 (shared)")
    with pytest.raises(EquationError, match="symbol 'xi' but is not a differential"):
        NeuronGroup(1, "dv/dt = n/ms : 1\nn = xi*sqrt(ms) : 1")
    H = NeuronGroup(2, "I : 1")
    with pytest.raises(EquationError, match="summed variable 'I_post'.*noise"):
        Synapses(H, H, "I_post = xi_s*sqrt(ms) : 1 (summed)")
    assert mV and pA  # units used in the parametrized conditions
