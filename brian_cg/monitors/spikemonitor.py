"""SpikeMonitor: the index and time of every spike, and optionally variables at spike time."""
import numpy as np

from ..units import DIMENSIONLESS, Quantity, second
from .buffers import ChunkList
from .export import MonitorExport
from .operation import MonitorOperation

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
    variables : str or list of str, optional
        Variables to record at each spike.
    record : bool
        False records only the spike counts.
    when, order : scheduling (default: ``'thresholds'``, order 1, after the threshold).
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
        """Neuron indices of the spikes (relative to the source)."""
        return self._recorder.i.values

    @property
    def t(self):
        return Quantity.with_dimensions(self._recorder.t.values, second.dim)

    @property
    def t_(self):
        return self._recorder.t.values

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
            return np.bincount(self.i, minlength=self.source.N)[: self.source.N].astype(np.int32)
        return self._count.astype(np.int32)

    def __len__(self):
        return self.num_events

    @property
    def num_events(self):
        return len(self.i) if self.record else int(self._count.sum())

    def get_states(self, vars=None, units=True):
        """Recorded arrays: ``i``, ``t``, ``count`` and recorded variables."""
        names = vars or ["i", "t", "count"] + self.record_variables
        out = {}
        for n in names:
            if n == "t":
                out[n] = self.t if units else self.t_
            elif n in ("i", "count"):
                out[n] = np.asarray(getattr(self, n))
            else:
                out[n] = getattr(self, n if units else n + "_")
        return out

    def values(self, var):
        """Dict neuron index -> values of ``var`` at its spikes."""
        return self.all_values()[var]

    def all_values(self):
        i = self.i
        order = np.argsort(i, kind="stable")
        bounds = np.searchsorted(i[order], np.arange(self.source.N + 1))
        result = {"t": {}}
        for name in ["t"] + self.record_variables:
            if name == "t":
                vals, dim = self.t_, second.dim
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
            vals = self._recorder.values[base].values
            dim = self.source.variables[base].dim
            return vals if (name.endswith("_") or dim is DIMENSIONLESS) else \
                Quantity.with_dimensions(vals, dim)
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

    Parameters
    ----------
    source : NeuronGroup, Subgroup or any group emitting spikes
    variables : str or list of str, optional
        Variables to record at each spike.
    record : bool
        False records only the spike counts.
    when, order : scheduling (default: ``'thresholds'``, order 1, after the threshold).
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
