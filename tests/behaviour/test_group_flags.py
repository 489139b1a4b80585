"""Flags of a group's equations that depend on the rest of the model."""
import numpy as np

from brian_cg import NeuronGroup, ms, run


def test_unless_refractory_without_refractory_period(target):
    """Without a refractory period the flag has no effect (Brian), it is not an error."""
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : 1 (unless refractory)", threshold="v > 2",
                    reset="v = 0")
    G.v = 1
    run(1 * ms)
    np.testing.assert_allclose(G.v[:], np.exp(-0.1), rtol=1e-12)
