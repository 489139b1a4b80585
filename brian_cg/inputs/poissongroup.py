"""PoissonGroup: independent Poisson spike trains with given rates."""
import numpy as np

from ..core.variables import ArrayVariable
from ..groups.neurongroup import NeuronGroup
from ..units import DIMENSIONLESS, Quantity, fail_for_dimension_mismatch, second

__all__ = ["PoissonGroup"]

# The number of steps to a neuron's next spike is geometric with p = rates*dt: drawing it
# at each spike (and at the start of each run: the process is memoryless) is the same
# process as Brian's 'rand() < rates*dt' at every step, with one random number per spike
# instead of one per neuron and step.
_GAP = "int(clip(log(1 - rand())/log(1 - clip(rates*dt, 1e-15, 0.999999)), 0, 1e12))"


class PoissonGroup(NeuronGroup):
    """``N`` neurons spiking as independent Poisson processes (Brian's ``PoissonGroup``).

    Parameters
    ----------
    N : int
        Number of neurons.
    rates : Quantity (scalar or array of N values) or str
        The rates; a string is an expression (of ``t``, ``i``, TimedArrays...) evaluated
        every step. Rates set as values may be changed between runs (``P.rates = ...``).
    dt, clock : optional
        The group's time step or clock.
    when, order : optional
        Scheduling slot and order (default ``'thresholds'``, 0).
    namespace : dict, optional
        Explicit namespace of the rates expression.
    name : str
        Unique name.

    Examples
    --------
    >>> seed(1)
    >>> P = PoissonGroup(100, rates=50*Hz)
    >>> spikes = SpikeMonitor(P)
    >>> run(1*second)
    >>> 4500 < spikes.num_spikes < 5500
    True
    """

    def __init__(self, N, rates, dt=None, clock=None, when="thresholds", order=0,
                 namespace=None, name="poissongroup*"):
        self._rates_expression = isinstance(rates, str)
        if self._rates_expression:
            super().__init__(N, f"rates = {rates} : Hz", threshold="rand() < rates*dt",
                             namespace=namespace, dt=dt, clock=clock, order=order, name=name)
        else:
            fail_for_dimension_mismatch(rates, 1 / second, "The rates of a PoissonGroup must "
                                                           "be given in Hz")
            super().__init__(N, "rates : Hz", threshold="t_in_timesteps >= _next_spike_step",
                             reset=f"_next_spike_step = t_in_timesteps + 1 + {_GAP}",
                             namespace=namespace, dt=dt, clock=clock, order=order, name=name)
            self.variables["_next_spike_step"] = ArrayVariable(
                "_next_spike_step", DIMENSIONLESS, self.N, dtype=np.int64, owner=self,
                var_type="integer")
            self.rates = np.broadcast_to(np.asarray(rates), (self.N,)) * (1 / second) \
                if not isinstance(rates, Quantity) else rates
        self.thresholder["spike"].when = when
        self._init_code = None

    def before_run(self, run_namespace):
        super().before_run(run_namespace)
        if self._rates_expression:
            return
        from ..codegen.statements import Statement
        from ..equations import parse_expression

        if self._init_code is None:
            stmt = Statement("_next_spike_step", "=",
                             parse_expression(f"t_in_timesteps + {_GAP}"),
                             comment="first spike of this run")
            self._init_code = self._create_codeobject("poisson_first_spike",
                                                      "group_variable_set", [stmt],
                                                      random_step=None)
        self._bind_codeobject(self._init_code, run_namespace,
                              context=f"first spikes of '{self.name}'")
        self._init_code()

    def __repr__(self):
        return f"PoissonGroup({self.N}, name={self.name!r})"
