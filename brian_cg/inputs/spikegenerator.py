"""SpikeGeneratorGroup: neurons that spike at given times (optionally repeating)."""
import numpy as np

from ..core.base import BrianObject
from ..core.sizes import as_size
from ..core.variables import ArrayVariable, ClockVariable, ConstantVariable
from ..groups.group import Group
from ..groups.neurongroup import EventState
from ..units import DIMENSIONLESS, Quantity, fail_for_dimension_mismatch, second

__all__ = ["SpikeGeneratorGroup"]


class SpikeGeneratorGroup(Group, BrianObject):
    """``N`` neurons emitting given spikes ``(indices[k], times[k])`` (Brian's semantics).

    A spike at time t is emitted in the step containing t (t + 0.001*dt, truncated to the
    step); with a ``period``, the pattern repeats. Two spikes of one neuron in one step are
    an error. ``set_spikes`` replaces the spikes between runs.

    Parameters
    ----------
    N : int
        Number of neurons.
    indices : array of int
        The neuron of each spike.
    times : Quantity
        The time of each spike.
    dt, clock : optional
        The group's time step or clock.
    period : Quantity
        Repeat the pattern with this period (0: no repetition).
    when, order : optional
        Scheduling slot and order (default ``'thresholds'``, 0).
    sorted : bool
        Whether the spikes are already sorted by time (skips sorting).
    name : str
        Unique name.

    Examples
    --------
    >>> generator = SpikeGeneratorGroup(2, [0, 1, 0], [1, 2, 3]*ms, period=5*ms)
    >>> spikes = SpikeMonitor(generator)
    >>> run(10*ms)
    >>> spikes.t[:]
    array([1., 2., 3., 6., 7., 8.]) * msecond
    """

    warn_if_unused = False  # as Brian: no warning when deleted without a run

    def __init__(self, N, indices, times, dt=None, clock=None, period=0 * second,
                 when="thresholds", order=0, sorted=False, name="spikegeneratorgroup*"):
        BrianObject.__init__(self, name=name, when=when, order=order, dt=dt, clock=clock)
        self.N = as_size(N, f"The size N of SpikeGeneratorGroup '{self.name}'")
        self._slice = slice(0, self.N)
        self._namespace = None
        self._events = EventState()
        self.variables = {
            "i": ArrayVariable("i", DIMENSIONLESS, self.N, dtype=np.int32, owner=self,
                               read_only=True, constant=True, var_type="integer"),
            "N": ConstantVariable("N", DIMENSIONLESS, self.N, owner=self),
            "t": ClockVariable("t", second.dim, "t_", owner=self),
            "dt": ClockVariable("dt", second.dim, "dt_", owner=self),
            "t_in_timesteps": ClockVariable("t_in_timesteps", DIMENSIONLESS, "timestep",
                                            dtype=np.int64, owner=self),
        }
        self.variables["i"].array[:] = np.arange(self.N)
        self.variables["i"].computed_from_index = True
        # the first spike not yet emitted; an array so that compiled code advances it in place
        self._next_state = np.zeros(1, dtype=np.int64)
        self._emit_code = None
        self.set_spikes(indices, times, period, sorted)
        self._enable_group_attributes()

    def set_spikes(self, indices, times, period=0 * second, sorted=False):
        """Replace the spikes (takes effect at the next run)."""
        fail_for_dimension_mismatch(times, second, "Spike times must be times")
        fail_for_dimension_mismatch(period, second, "The period must be a time")
        times_ = np.asarray(times, dtype=float).ravel()
        indices = np.asarray(indices, dtype=np.int64).ravel()
        if len(indices) != len(times_):
            raise ValueError(f"Length of the indices and times array must match, but "
                             f"{len(indices)} != {len(times_)}")
        if len(times_) and times_.min() < 0:
            raise ValueError("Spike times cannot be negative")
        if len(indices) and (indices.min() < 0 or indices.max() >= self.N):
            raise ValueError(f"Indices have to lie in the interval [0, {self.N}[")
        period_ = float(np.asarray(period))
        if period_ < 0:
            raise ValueError("The period cannot be negative.")
        if period_ and len(times_) and times_.max() >= period_:
            raise ValueError("The period has to be greater than the maximum of the spike times")
        if not sorted:
            order = np.lexsort((indices, times_))
            indices, times_ = indices[order], times_[order]
        self._spike_indices = indices
        self._spike_times = times_
        self._period = period_
        self._changed = True

    @property
    def _next(self):
        return int(self._next_state[0])

    @_next.setter
    def _next(self, value):
        self._next_state[0] = value

    @property
    def period(self):
        return Quantity.with_dimensions(self._period, second.dim)

    @property
    def spike_time(self):
        return Quantity.with_dimensions(self._spike_times.copy(), second.dim)

    @property
    def neuron_index(self):
        return self._spike_indices.copy()

    def before_run(self, run_namespace):
        dt = self.clock.dt_
        if self._period and self._period < dt:
            raise ValueError(f"The period of '{self.name}' is {self.period}, which is smaller "
                             f"than its dt of {self.clock.dt}.")
        bins = ((self._spike_times + 1e-3 * dt) / dt).astype(np.int64)
        same = (np.diff(bins) == 0) & (np.diff(self._spike_indices) == 0)
        if same.any():
            raise ValueError(f"Using a dt of {self.clock.dt}, some neurons of "
                             f"SpikeGeneratorGroup '{self.name}' spike more than once during a "
                             f"time step.")
        self._period_bins = int(np.round(self._period / dt)) if self._period else 0
        max_int = np.iinfo(np.int32).max
        if self._period_bins > max_int:  # as Brian: taken as infinite, said once
            from ..core.logger import get_logger, warn_once

            warn_once(get_logger(__name__),
                      f"Periods longer than {max_int} timesteps "
                      f"(={Quantity.with_dimensions(max_int * dt, second.dim)}) are not "
                      f"supported, the period will therefore be considered infinite. Set the "
                      f"period to 0*second to avoid this warning.")
            self._period_bins = 0
        if self._period_bins and len(bins) and bins.max() >= self._period_bins:
            raise ValueError("The period has to be greater than the maximum of the spike times")
        self._bins = bins
        if self._changed:
            current = self.clock.timestep
            self._next = int(np.searchsorted(bins, current, side="left")) \
                if not self._period_bins else int(np.searchsorted(
                    bins, current % self._period_bins, side="left"))
            if not self._period_bins and self._next:
                from ..core.logger import get_logger

                get_logger(__name__).warning(
                    f"The SpikeGeneratorGroup '{self.name}' contains spike times earlier than "
                    f"the start time of the current run (t = {self.clock.t}); these spikes "
                    f"will be ignored.")
            self._changed = False
        if self._emit_code is None:
            self._emit_code = self._create_codeobject("spikegenerator", "spikegenerator", [])
        self._bind_codeobject(self._emit_code, run_namespace, extra={
            "_bins": self._bins, "_indices": self._spike_indices, "_n": len(self._bins),
            "_period": self._period_bins, "_next": self._next_state})

    def run_step_functions(self):
        return [self._emit_code._run]

    def _raw_values(self, name):
        if name == "i":
            return np.arange(self.N, dtype=np.int32)
        return super()._raw_values(name)

    def _state_for_store(self):
        return {"next": getattr(self, "_next", 0), "indices": self._spike_indices.copy(),
                "times": self._spike_times.copy(), "period": self._period}

    def _restore_state(self, state):
        self._spike_indices, self._spike_times = state["indices"], state["times"]
        self._period = state["period"]
        self._next = state["next"]
        self._changed = False
        self._events.spikes = np.zeros(0, dtype=np.int64)

    def __repr__(self):
        return f"SpikeGeneratorGroup({self.N}, name={self.name!r})"
