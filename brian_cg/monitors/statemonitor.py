"""StateMonitor: values of variables of chosen elements at every step of its clock."""
import numbers

import numpy as np

from ..units import DIMENSIONLESS, Quantity, second
from .buffers import GrowableArray
from .export import MonitorExport
from .operation import MonitorOperation

__all__ = ["StateMonitor"]


_NOT_RECORDED_BY_TRUE = {"i", "j", "N", "t", "dt", "t_in_timesteps", "N_pre", "N_post"}


class _StateRecorder:
    """One row of values per recorded step: the numpy template appends rows, compiled code
    writes them in place (``rows``); times and values share one row counter."""

    def __init__(self, names, n_indices, dtypes, buffer=GrowableArray, **buffer_kwds):
        self.counter = np.zeros(1, dtype=np.int64)
        self.t = buffer((), np.float64, counter=self.counter, **buffer_kwds)
        self.values = {n: buffer((n_indices,), dtypes[n], counter=self.counter, **buffer_kwds)
                       for n in names}
        self._names = names

    def append(self, t, values):
        for name, v in zip(self._names, values):
            self.values[name].append(v, advance=False)
        self.t.append(t)  # moves the shared counter

    def extend(self, t, values):
        """Many recorded steps at once: ``t`` and one array per variable."""
        for name, v in zip(self._names, values):
            self.values[name].extend(v, count=len(t), advance=False)
        self.t.extend(t)

    def rows(self, n_rows):
        """Room for ``n_rows`` more rows, and where compiled code writes them: the times,
        the row counter, the ring capacity (0: not a ring) and one array per variable."""
        for buf in (self.t, *self.values.values()):
            buf.reserve(buf.n + n_rows)
        rows = {"_t_rows": self.t.data, "_row": self.counter,
                "_capacity": getattr(self.t, "capacity", 0)
                if not isinstance(self.t, GrowableArray) else 0}
        rows.update({f"_rec_{name}": buf.data for name, buf in self.values.items()})
        return rows


class StateMonitor(MonitorExport, MonitorOperation):
    """Record ``variables`` of the elements ``record`` of ``source``.

    Parameters
    ----------
    source : group
    variables : str, list of str or True (all variables)
    record : bool, int or sequence of int
        ``True`` records every element, ``False`` none (only ``t``).
    dt, clock : the monitor's own clock (default: the source's).
    when, order : scheduling (default ``'start'``, 0, as in Brian).
    """

    operation = "statemonitor"
    code_suffix = "statemonitor"

    def __init__(self, source, variables, record, dt=None, clock=None, when="start", order=0,
                 name="statemonitor*", codeobj_class=None):
        super().__init__(source, name, when, order, dt=dt, clock=clock)
        if variables is True:  # every state variable and subexpression, as in Brian
            variables = [n for n, v in source.variables.items()
                         if not n.startswith("_") and n not in _NOT_RECORDED_BY_TRUE
                         and (getattr(v, "array", None) is not None or v.is_subexpression)]
        elif isinstance(variables, str):
            variables = [variables]
        self.record_variables = list(variables)
        for v in self.record_variables:
            if v not in source.variables:
                raise KeyError(f"StateMonitor '{self.name}': '{source.name}' has no variable '{v}'")
        if record is True:
            indices = np.arange(source.N)
        elif record is False or record is None:
            indices = np.zeros(0, dtype=np.int64)
        elif isinstance(record, numbers.Integral):
            indices = np.array([record])
        else:
            indices = np.asarray(record)
            if indices.dtype == bool:
                indices = np.flatnonzero(indices)
        indices = indices.astype(np.int64).ravel()
        if len(indices) and (indices.min() < 0 or indices.max() >= source.N):
            raise IndexError(f"StateMonitor '{self.name}': record indices must be in "
                             f"[0, {source.N}), got {indices.min()}..{indices.max()}")
        self.record = indices
        self.n_indices = len(indices)
        self._record_all = record is True
        self._recorder = self._make_recorder(
            {n: source.variables[n].dtype for n in self.record_variables})

    def _make_recorder(self, dtypes):
        return _StateRecorder(self.record_variables, self.n_indices, dtypes)

    def statements(self, run_namespace):
        return self.recorded_statements(self.record_variables)

    def codeobject_options(self):
        return {"need_t": True, "allow_writes": False,
                "template_kwds": {"recorded": self.record_variables}}

    def extra_bindings(self):
        start = self.source._slice.start or 0
        clock = self.clock
        steps = max(int(getattr(clock, "_run_end", clock.timestep) - clock.timestep), 0)
        return {"_buffer": self._recorder, "_record_idx": self.record + start,
                "_clock": clock, **self._recorder.rows(steps)}

    def resize(self, n_steps):
        """Reserve room for ``n_steps`` more recorded steps (avoids regrowth in long runs)."""
        for buf in [self._recorder.t] + list(self._recorder.values.values()):
            buf.reserve(buf.n + n_steps)

    # ---------------------------------------------------------------- results
    def __len__(self):
        return self._recorder.t.n

    @property
    def N(self):
        """Number of recorded time steps (Brian's ``StateMonitor.N``)."""
        return self._recorder.t.n

    @property
    def t_(self):
        return self._recorder.t.values.copy()

    @property
    def t(self):
        return Quantity.with_dimensions(self.t_, second.dim)

    def _values(self, name, unitless=False):
        vals = self._recorder.values[name].values.T.copy()
        dim = self.source.variables[name].dim
        if unitless or dim is DIMENSIONLESS:
            return vals
        return Quantity.with_dimensions(vals, dim)

    def __getattr__(self, name):
        rec = self.__dict__.get("record_variables", [])
        if name in rec:
            return self._values(name)
        if name.endswith("_") and name[:-1] in rec:
            return self._values(name[:-1], unitless=True)
        raise AttributeError(f"StateMonitor has no attribute '{name}' (recorded: {rec})")

    def __getitem__(self, item):
        """``M[i]`` (or ``M[G[5]]``): the recordings of element ``i``, as ``M[i].v``."""
        if hasattr(item, "_slice"):  # a subgroup: all its (source-relative) elements
            first = item._slice.start - (self.source._slice.start or 0)
            item = np.arange(first, first + int(item.N))
        indices = np.atleast_1d(np.asarray(item))
        rows = []
        for k in indices:
            where = np.flatnonzero(self.record == int(k))
            if not len(where):
                raise IndexError(f"Index {int(k)} was not recorded by StateMonitor '{self.name}'")
            rows.append(int(where[0]))
        return _MonitorView(self, rows[0] if np.ndim(item) == 0 else rows)

    def get_states(self, vars=None, units=True):
        names = vars or ["t"] + self.record_variables
        return {n: (self.t if units else self.t_) if n == "t" else self._values(n, not units)
                for n in names}

    def _state_for_store(self):
        r = self._recorder
        return {"t": r.t.state(), **{f"v_{n}": b.state() for n, b in r.values.items()}}

    def _restore_state(self, state):
        r = self._recorder
        r.t.restore(state["t"])
        for n, b in r.values.items():
            b.restore(state[f"v_{n}"])

    def __repr__(self):
        return (f"<StateMonitor {self.name}, recording {self.record_variables} from "
                f"'{self.source.name}'>")


class _MonitorView:
    def __init__(self, monitor, rows):
        self._monitor = monitor
        self._rows = rows

    def __getattr__(self, name):
        values = getattr(self._monitor, name)
        if name in ("t", "t_"):  # times are shared by all recorded elements
            return values
        return values[self._rows]
