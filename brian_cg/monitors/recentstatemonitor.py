"""RecentStateMonitor: only the last ``duration`` of a StateMonitor's recording."""
import numpy as np

from ..units import fail_for_dimension_mismatch, second
from .buffers import RingArray
from .statemonitor import StateMonitor, _StateRecorder

__all__ = ["RecentStateMonitor"]


class RecentStateMonitor(StateMonitor):
    """Like ``StateMonitor``, but keeps only the values of the last ``duration``.

    Memory is constant whatever the length of the run: values live in a circular buffer of
    ``duration / dt`` steps. ``M.v`` and ``M.t`` hold the window, oldest first.

    Parameters
    ----------
    source : group
        The group whose variables are recorded.
    variables : str, list of str or True
        The variables to record.
    record : bool, int or sequence of int
        The elements to record (default: all).
    duration : Quantity
        The length of the window kept.
    dt, clock : optional
        The monitor's own clock.
    when, order : optional
        Scheduling (default ``'start'``, 0).
    name : str
        Unique name.

    Examples
    --------
    >>> G = NeuronGroup(1, 'dv/dt = 1/second : 1', method='euler')
    >>> recent = RecentStateMonitor(G, 'v', duration=1*ms)
    >>> run(100*ms)
    >>> recent.t[[0, -1]]
    array([99. , 99.9]) * msecond
    """

    def __init__(self, source, variables, record=True, duration=0.05 * second,
                 dt=None, clock=None, when="start", order=0, name="recentstatemonitor*"):
        fail_for_dimension_mismatch(duration, second, "The duration must be a time")
        self.duration = duration
        self._duration_ = float(np.asarray(duration))
        super().__init__(source, variables, record, dt=dt, clock=clock, when=when, order=order,
                         name=name)

    def _make_recorder(self, dtypes):
        steps = max(1, int(round(self._duration_ / self.clock.dt_)))
        return _StateRecorder(self.record_variables, self.n_indices, dtypes, buffer=RingArray,
                              capacity=steps)

    def resize(self, n_steps):
        pass
