"""PoissonGroup: independent Poisson spike trains with given rates."""
import numpy as np

from ..groups.neurongroup import NeuronGroup
from ..units import Quantity, fail_for_dimension_mismatch, second

__all__ = ["PoissonGroup"]


class PoissonGroup(NeuronGroup):
    """``N`` neurons spiking as Poisson processes (Brian's ``PoissonGroup``).

    Parameters
    ----------
    N : int
    rates : Quantity (scalar or array of N values) or str
        The rates; a string is an expression (of ``t``, ``i``, TimedArrays...) evaluated
        every step.
    """

    def __init__(self, N, rates, dt=None, clock=None, when="thresholds", order=0,
                 namespace=None, name="poissongroup*"):
        if isinstance(rates, str):
            model = f"rates = {rates} : Hz"
        else:
            fail_for_dimension_mismatch(rates, 1 / second, "The rates of a PoissonGroup must "
                                                           "be given in Hz")
            model = "rates : Hz"
        super().__init__(N, model, threshold="rand() < rates*dt", namespace=namespace, dt=dt,
                         clock=clock, order=order, name=name)
        self.thresholder["spike"].when = when
        if not isinstance(rates, str):
            self.rates = np.broadcast_to(np.asarray(rates), (N,)) * (1 / second) \
                if not isinstance(rates, Quantity) else rates

    def __repr__(self):
        return f"PoissonGroup({self.N}, name={self.name!r})"
