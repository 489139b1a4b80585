"""PopulationRateMonitor: the fraction of a group spiking in each step, as a rate."""
import numpy as np

from ..units import Quantity, fail_for_dimension_mismatch, second
from .buffers import GrowableArray
from .export import MonitorExport
from .operation import MonitorOperation

__all__ = ["PopulationRateMonitor"]

_HERTZ = (1 / second).dim


class _RateRecorder:
    def __init__(self):
        self.t = GrowableArray((), np.float64)
        self.rate = GrowableArray((), np.float64)

    def append(self, t, rate):
        self.t.append(t)
        self.rate.append(rate)

    def extend(self, t, rate):
        """Many steps at once (compiled targets)."""
        self.t.extend(t)
        self.rate.extend(rate)


class PopulationRateMonitor(MonitorExport, MonitorOperation):
    """Record the population rate of ``source`` (spikes per neuron per second) every step."""

    operation = "ratemonitor"
    code_suffix = "ratemonitor"

    def __init__(self, source, name="ratemonitor*", codeobj_class=None, dtype=np.float64):
        super().__init__(source, name, "end", 0)
        self._recorder = _RateRecorder()

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
    def t_(self):
        return self._recorder.t.values.copy()

    @property
    def t(self):
        return Quantity.with_dimensions(self.t_, second.dim)

    @property
    def rate_(self):
        return self._recorder.rate.values.copy()

    @property
    def rate(self):
        return Quantity.with_dimensions(self.rate_, _HERTZ)

    def get_states(self, vars=None, units=True):
        names = vars or ["t", "rate"]
        return {n: getattr(self, n if units else n + "_") for n in names}

    def smooth_rate(self, window="gaussian", width=None):
        """The rate convolved with a window (``'gaussian'``, ``'flat'`` or an array).

        For ``'gaussian'``, ``width`` is the standard deviation and the window extends
        to two widths on each side; for ``'flat'``, ``width`` is the full width
        (rounded to an odd number of steps). An array is used as given, normalised.
        """
        dt = self.source.clock.dt_
        if isinstance(window, str):
            if width is None:
                raise TypeError("smooth_rate needs a 'width' for a named window")
            fail_for_dimension_mismatch(width, second, "The width of the window must be a time")
            width_ = float(np.asarray(width))
            if window == "gaussian":
                half = int(np.round(2 * width_ / dt))
                kernel = np.exp(-0.5 * (np.arange(-half, half + 1) * dt / width_) ** 2)
            elif window == "flat":
                kernel = np.ones(int(width_ / 2 / dt) * 2 + 1)
            else:
                raise NotImplementedError(f"Unknown window '{window}': use 'gaussian' or 'flat'")
        else:
            if width is not None:
                raise TypeError("Do not give a width together with a window array")
            kernel = np.asarray(window, dtype=float)
            if kernel.ndim != 1 or len(kernel) % 2 != 1:
                raise TypeError("A window array must be one-dimensional with an odd length")
        smoothed = np.convolve(self.rate_, kernel / kernel.sum(), mode="same")
        return Quantity.with_dimensions(smoothed, _HERTZ)

    def _state_for_store(self):
        return {"t": self._recorder.t.state(), "rate": self._recorder.rate.state()}

    def _restore_state(self, state):
        self._recorder.t.restore(state["t"])
        self._recorder.rate.restore(state["rate"])

    def __repr__(self):
        return f"<PopulationRateMonitor {self.name}, recording '{self.source.name}'>"
