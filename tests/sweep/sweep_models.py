"""Models the sweep tests run in worker processes (functions of an importable module)."""
import os

import numpy as np


def lif(model, tau_ms, seed):
    """A small recurrent LIF network with random initial values and connections; ``model``
    picks one of two structures (plain LIF, LIF with an adaptation current)."""
    from brian_cg import NeuronGroup, SpikeMonitor, Synapses, ms, run

    tau = tau_ms * ms  # noqa: F841 - the equations read tau and tau_a from this frame
    tau_a = 50 * ms  # noqa: F841
    if model == "lif":
        eqs = "dv/dt = (1.3 - v)/tau : 1 (unless refractory)"
        reset = "v = 0"
    else:
        eqs = """dv/dt = (1.3 - v - a)/tau : 1 (unless refractory)
                 da/dt = -a/tau_a : 1"""
        reset = "v = 0; a += 0.1"
    G = NeuronGroup(50, eqs, threshold="v > 1", reset=reset, refractory=2 * ms, method="exact")
    G.v = "rand()"
    S = Synapses(G, G, "w : 1", on_pre="v += w")
    S.connect(p=0.2)
    S.w = "0.05*rand()"
    M = SpikeMonitor(G)
    run(30 * ms)
    return {"count": M.num_spikes, "t": M.t, "i": M.i[:], "seed": seed}


def flaky(x):
    """Fails for x == 3, kills its worker process for x == 5, else a small random network's
    spike count (random: the point's derived seed matters)."""
    if x == 3:
        raise ValueError(f"no good: x = {x}")
    if x == 5:
        os._exit(7)
    from brian_cg import NeuronGroup, SpikeMonitor, ms, run

    drive = 1.2 + 0.1 * x  # noqa: F841 - read by run() from this frame
    G = NeuronGroup(20, "dv/dt = (drive - v)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                    method="exact")
    G.v = "rand()"
    M = SpikeMonitor(G)
    run(20 * ms)
    return {"count": M.num_spikes, "v": np.asarray(G.v[:])}


def quick(x, seed):
    """No simulation: a value that depends on the seed through numpy's generator."""
    return float(x + np.random.rand())
