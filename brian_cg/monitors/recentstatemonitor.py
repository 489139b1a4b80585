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
