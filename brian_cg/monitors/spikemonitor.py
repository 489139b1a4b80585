"""SpikeMonitor: the index and time of every spike, and optionally variables at spike time."""
import numpy as np

from ..units import DIMENSIONLESS, Quantity, second
from .buffers import ChunkList
from .export import MonitorExport
from .operation import MonitorOperation
from .rates import event_binned_rate, smooth
from .recorded import RecordedValues, RecordedVariable

__all__ = ["EventMonitor", "SpikeMonitor"]


class _SpikeRecorder:
    """What the numpy template appends to: times, indices, and recorded values."""

    def __init__(self, names, variables):
        self.t = ChunkList(np.float64)
        self.i = ChunkList(np.int32)
        self.values = {n: ChunkList(variables[n].dtype) for n in names}
        self._names = names

    def append(self, t, indices, values):
        self.i.append(indices)
        self.t.append(np.full(len(indices), t))
        for name, v in zip(self._names, values):
            self.values[name].append(np.broadcast_to(v, indices.shape).copy())

    def extend(self, t, indices, values):
        """The spikes of many steps at once (compiled targets): one time per spike."""
        self.append(np.asarray(t), np.asarray(indices, dtype=np.int32), values)


class EventMonitor(MonitorExport, MonitorOperation):
    """Record the events (``'spike'`` or a custom event) of ``source``.

    Parameters
    ----------
    source : NeuronGroup or Subgroup
        The group whose events are recorded.
    event : str
        The event's name.
    variables : str or list of str, optional
        Variables to record at each event.
    record : bool
        False records only the event counts.
    when, order : optional
        Scheduling (default: ``'thresholds'``, order 1, after the threshold).
    name : str
        Unique name.
    codeobj_class : optional
        Accepted for Brian's signature.

    Examples
    --------
    >>> G = NeuronGroup(1, 'dv/dt = 1/(10*ms) : 1', threshold='v > 1', reset='v = 0',
    ...                 events={'half': 'v > 0.5 and v < 0.51'}, method='euler')
    >>> halves = EventMonitor(G, 'half')
    >>> run(20*ms)
    >>> halves.t[:]
    array([ 4.9, 14.9]) * msecond
    """

    operation = "spikemonitor"  # spikes or another event: one template
    code_suffix = "eventmonitor"

    def __init__(self, source, event, variables=None, record=True, when="thresholds", order=1,
                 name="eventmonitor*", codeobj_class=None):
        super().__init__(source, name, when, order)
        events = getattr(source, "events", None)
        if events is not None and event not in events:
            raise ValueError(f"'{source.name}' has no event '{event}' (a NeuronGroup needs a "
                             f"threshold for spikes; events: {sorted(events)})")
        self.event = event
        self.record = bool(record)
        if isinstance(variables, str):
            variables = [variables]
        self.record_variables = list(variables or [])
        for v in self.record_variables:
            if v not in source.variables:
                raise ValueError(f"{type(self).__name__} '{self.name}': '{source.name}' has no "
                                 f"variable '{v}'")
        self._count = np.zeros(source.N, dtype=np.int64)
        self._recorder = _SpikeRecorder(self.record_variables, source.variables)

    def _recorded_values(self):
        r = self._recorder
        arrays = {"t": RecordedVariable("t", second.dim, np.float64, lambda: r.t.values),
                  "i": RecordedVariable("i", DIMENSIONLESS, np.int32, lambda: r.i.values,
                                        var_type="integer")}
        for n in self.record_variables:
            var = self.source.variables[n]
            arrays[n] = RecordedVariable(n, var.dim, var.dtype,
                                         lambda b=r.values[n]: b.values, var_type=var.var_type)
        return RecordedValues(self, arrays, lambda: r.i.values.shape[0])

    @property
    def clock(self):
        return self.source.clock

    def statements(self, run_namespace):
        return self.recorded_statements(self.record_variables)

    def codeobject_options(self):
        src = self.source
        return {"need_t": True, "allow_writes": False, "template_kwds": {
            "recorded": self.record_variables,
            "subgroup": src._slice != slice(0, src._parent_size()),
            "event_attr": "spikes" if self.event == "spike" else f"event_{self.event}"}}

    def extra_bindings(self):
        start = self.source._slice.start or 0
        return {"_buffer": self._recorder if self.record else _CountOnly(self._count, start),
                "_source_start": start, "_source_stop": self.source._slice.stop}

    # ---------------------------------------------------------------- results
    @property
    def i(self):
        """Neuron indices of the events (relative to the source), a variable view as in
        Brian: ``M.i[:]`` the values, ``M.t['i < 5']`` selects by condition."""
        return self._recorded.view("i")

    @property
    def i_(self):
        return self._recorded.view("i", unitless=True)

    @property
    def t(self):
        return self._recorded.view("t")

    @property
    def t_(self):
        return self._recorded.view("t", unitless=True)

    @property
    def N(self):
        """Number of recorded events (a view, as Brian's ``M.N``)."""
        return self._recorded.view("N")

    @property
    def it(self):
        return self.i, self.t

    @property
    def it_(self):
        return self.i, self.t_

    @property
    def count(self):
        """Number of spikes of each neuron."""
        if self.record:
            return np.bincount(self._recorder.i.values,
                               minlength=self.source.N)[: self.source.N].astype(np.int32)
        return self._count.astype(np.int32)

    def __len__(self):
        return self.num_events

    @property
    def num_events(self):
        return self._recorder.i.values.shape[0] if self.record else int(self._count.sum())

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """Recorded arrays: ``t``, ``i``, recorded variables, ``count`` and ``N`` (Brian's set)."""
        return self._states(vars, units, format, read_only_variables,
                            ["t", "i"] + self.record_variables + ["count", "N"],
                            {"count": lambda units: self.count,
                             "N": lambda units: np.array(self._recorded.N, dtype=np.int32)})

    def binned_rate(self, bin_size):
        """Event rates of each neuron in bins of ``bin_size`` (a multiple of dt).

        Returns the start times of the bins (from t = 0 to the current time, complete bins
        only) and the rates, shape (neurons, bins), in Hz (Brian's ``binned_rate``).
        """
        return event_binned_rate(self._recorder.t.values, self._recorder.i.values,
                                 int(self.source.N), self.clock, bin_size)

    def smooth_rate(self, window="gaussian", width=None):
        """The rate of each neuron, one value per step, convolved with ``window``
        (see ``PopulationRateMonitor.smooth_rate``); shape (neurons, steps), in Hz."""
        _, rates = self.binned_rate(self.clock.dt)
        return smooth(np.asarray(rates), window, width, self.clock.dt_)

    def values(self, var):
        """Dict neuron index -> values of ``var`` at its spikes."""
        return self.all_values()[var]

    def all_values(self):
        i = self._recorder.i.values
        order = np.argsort(i, kind="stable")
        bounds = np.searchsorted(i[order], np.arange(self.source.N + 1))
        result = {"t": {}}
        for name in ["t"] + self.record_variables:
            if name == "t":
                vals, dim = self._recorder.t.values, second.dim
            else:
                vals, dim = self._recorder.values[name].values, self.source.variables[name].dim
            for k in range(self.source.N):
                chunk = vals[order[bounds[k]:bounds[k + 1]]]
                result.setdefault(name, {})[k] = (chunk if dim is DIMENSIONLESS
                                                  else Quantity.with_dimensions(chunk, dim))
        return result

    def event_trains(self):
        """Dict neuron index -> event times (Quantity), for every neuron of the source."""
        return self.all_values()["t"]

    def __getattr__(self, name):
        rec = self.__dict__.get("record_variables", [])
        base = name.removesuffix("_")
        if base in rec:
            return self._recorded.view(base, unitless=name.endswith("_"))
        raise AttributeError(name)

    def _state_for_store(self):
        r = self._recorder
        return {"t": r.t.state(), "i": r.i.state(), "count": self._count.copy(),
                **{f"v_{n}": b.state() for n, b in r.values.items()}}

    def _restore_state(self, state):
        r = self._recorder
        r.t.restore(state["t"])
        r.i.restore(state["i"])
        self._count[:] = state["count"]
        for n, b in r.values.items():
            b.restore(state[f"v_{n}"])

    def __repr__(self):
        return (f"<{type(self).__name__} {self.name}, recording event '{self.event}' from "
                f"'{self.source.name}'>")


class SpikeMonitor(EventMonitor):
    """Record the spikes of ``source`` (an ``EventMonitor`` of the ``'spike'`` event).

    ``M.i`` and ``M.t`` are the neuron and time of every spike, ``M.count`` the spikes
    of each neuron, ``M.num_spikes`` their total, ``M.spike_trains()`` the spike times
    of each neuron.

    Parameters
    ----------
    source : NeuronGroup, Subgroup or any group emitting spikes
        The group whose spikes are recorded.
    variables : str or list of str, optional
        Variables to record at each spike.
    record : bool
        False records only the spike counts.
    when, order : optional
        Scheduling (default: ``'thresholds'``, order 1, after the threshold).
    name : str
        Unique name.
    codeobj_class : optional
        Accepted for Brian's signature.

    Examples
    --------
    >>> G = NeuronGroup(2, 'dv/dt = (i + 1)*100*Hz : 1', threshold='v > 1', reset='v = 0',
    ...                 method='euler')
    >>> spikes = SpikeMonitor(G)
    >>> run(20*ms)
    >>> spikes.count[:], spikes.spike_trains()[1]
    (array([2, 4], dtype=int32), array([ 4.9,  9.9, 14.9, 19.9]) * msecond)
    """

    code_suffix = "spikemonitor"

    def __init__(self, source, variables=None, record=True, when="thresholds", order=1,
                 name="spikemonitor*", codeobj_class=None):
        super().__init__(source, "spike", variables=variables, record=record, when=when,
                         order=order, name=name, codeobj_class=codeobj_class)

    @property
    def num_spikes(self):
        return self.num_events

    def spike_trains(self):
        """Dict neuron index -> spike times (Quantity), for every neuron of the source."""
        return self.event_trains()


class _CountOnly:
    """record=False: keep counts, not spikes."""

    def __init__(self, count, start):
        self.count = count
        self.start = start

    def append(self, t, indices, values):
        self.count[indices] += 1

    def extend(self, t, indices, values):
        np.add.at(self.count, np.asarray(indices, dtype=np.int64), 1)
