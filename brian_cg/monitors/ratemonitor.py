"""PopulationRateMonitor: the fraction of a group spiking in each step, as a rate."""
import numpy as np

from ..units import Quantity, second
from .buffers import GrowableArray
from .export import MonitorExport
from .operation import MonitorOperation
from .rates import bin_steps, smooth
from .recorded import RecordedValues, RecordedVariable

__all__ = ["PopulationRateMonitor"]

_HERTZ = (1 / second).dim


class _RateRecorder:
    def __init__(self, dtype=np.float64):
        self.t = GrowableArray((), np.float64)
        self.rate = GrowableArray((), dtype)

    def append(self, t, rate):
        self.t.append(t)
        self.rate.append(rate)

    def extend(self, t, rate):
        """Many steps at once (compiled targets)."""
        self.t.extend(t)
        self.rate.extend(rate)


class PopulationRateMonitor(MonitorExport, MonitorOperation):
    """Record the population rate of ``source`` (spikes per neuron per second) every step.

    ``M.rate`` and ``M.t`` hold the rate and time of every step;
    ``M.smooth_rate(window, width)`` and ``M.binned_rate(bin_size)`` smooth or bin it.

    Parameters
    ----------
    source : NeuronGroup or Subgroup
        The group whose spikes are counted.
    name : str
        Unique name.
    codeobj_class : optional
        Accepted for Brian's signature.
    dtype : dtype
        Storage type of the rates.

    Examples
    --------
    >>> G = NeuronGroup(10, 'dv/dt = 1/(5*ms) : 1', threshold='v > 1', reset='v = 0',
    ...                 method='euler')
    >>> G.v = 'i/10'
    >>> rate = PopulationRateMonitor(G)
    >>> run(20*ms)
    >>> mean(rate.rate)
    200. * hertz
    """

    operation = "ratemonitor"
    code_suffix = "ratemonitor"

    def __init__(self, source, name="ratemonitor*", codeobj_class=None, dtype=np.float64):
        super().__init__(source, name, "end", 0)
        self._recorder = _RateRecorder(dtype)

    def _recorded_values(self):
        r = self._recorder
        return RecordedValues(
            self, {"t": RecordedVariable("t", second.dim, np.float64, lambda: r.t.values),
                   "rate": RecordedVariable("rate", _HERTZ, r.rate.values.dtype,
                                            lambda: r.rate.values)},
            lambda: r.t.n)

    @property
    def clock(self):
        return self.source.clock

    def statements(self, run_namespace):
        return []

    def codeobject_options(self):
        src = self.source
        return {"need_t": True, "allow_writes": False,
                "template_kwds": {"subgroup": src._slice != slice(0, src._parent_size())}}

    def extra_bindings(self):
        src = self.source
        return {"_buffer": self._recorder, "_source_start": src._slice.start or 0,
                "_source_stop": src._slice.stop, "_source_N": src.N, "dt": src.clock.dt_}

    @property
    def t(self):
        return self._recorded.view("t")

    @property
    def t_(self):
        return self._recorded.view("t", unitless=True)

    @property
    def rate(self):
        return self._recorded.view("rate")

    @property
    def rate_(self):
        return self._recorded.view("rate", unitless=True)

    @property
    def N(self):
        """Number of recorded steps (a view, as Brian's ``M.N``)."""
        return self._recorded.view("N")

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """``t``, ``rate`` and ``N`` (the number of recorded steps), as Brian."""
        return self._states(vars, units, format, read_only_variables, ["t", "rate", "N"],
                            {"N": lambda units: np.array(self._recorded.N, dtype=np.int32)})

    def binned_rate(self, bin_size):
        """The population rate averaged in bins of ``bin_size`` (a multiple of dt).

        Returns the start times of the bins (from the first recorded step; complete bins
        only) and the rates in Hz, as Brian's ``binned_rate``.
        """
        steps = bin_steps(bin_size, self.clock.dt_)
        t, rate = self._recorder.t.values, self._recorder.rate.values
        if steps == 1:
            return self.t[:], self.rate[:]
        n_bins = len(rate) // steps
        binned = rate[:n_bins * steps].reshape(n_bins, steps).mean(axis=1)
        start = t[0] if len(t) else 0.0
        bins = start + np.arange(n_bins) * steps * self.clock.dt_
        return (Quantity.with_dimensions(bins, second.dim),
                Quantity.with_dimensions(binned, _HERTZ))

    def smooth_rate(self, window="gaussian", width=None):
        """The rate convolved with a window (``'gaussian'``, ``'flat'`` or an array).

        For ``'gaussian'``, ``width`` is the standard deviation and the window extends
        to two widths on each side; for ``'flat'``, ``width`` is the full width, rounded
        to the nearest odd number of steps (as Brian, which logs the adjusted width).
        An array (of odd length) is used as given, normalised to a sum of 1.
        """
        return smooth(self._recorder.rate.values, window, width, self.clock.dt_)

    def _state_for_store(self):
        return {"t": self._recorder.t.state(), "rate": self._recorder.rate.state()}

    def _restore_state(self, state):
        self._recorder.t.restore(state["t"])
        self._recorder.rate.restore(state["rate"])

    def __repr__(self):
        return f"<PopulationRateMonitor {self.name}, recording '{self.source.name}'>"
