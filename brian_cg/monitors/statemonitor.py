"""StateMonitor: values of variables of chosen elements at every step of its clock."""
import numbers
from collections.abc import Mapping

import numpy as np

from ..core.base import BrianObject
from ..units import DIMENSIONLESS, Quantity, second
from .buffers import GrowableArray
from .export import MonitorExport
from .operation import MonitorOperation
from .recorded import RecordedValues, RecordedVariable

__all__ = ["StateMonitor"]


_NOT_RECORDED_BY_TRUE = {"i", "j", "N", "t", "dt", "t_in_timesteps", "N_pre", "N_post"}


def record_dtype(varname, var_dtype, dtype):
    """The dtype ``varname`` is recorded in: ``dtype`` (one for all variables, or a dict
    by name) where given and of a compatible kind, else the variable's (as Brian)."""
    if dtype is None:
        return np.dtype(var_dtype)
    if isinstance(dtype, Mapping):
        if varname not in dtype:
            return np.dtype(var_dtype)
        provided = np.dtype(dtype[varname])
    else:
        provided = np.dtype(dtype)
    var_dtype = np.dtype(var_dtype)
    compatible = {"b": "b", "i": "iu", "u": "iu", "f": "f"}.get(var_dtype.kind, var_dtype.kind)
    if provided.kind not in compatible:
        raise TypeError(f"Cannot use dtype '{provided.name}' for variable '{varname}': it is "
                        f"not compatible with the type of the variable ({var_dtype.name}).")
    return provided


def _pathway_source(source, variables):
    """``StateMonitor(S.pre, 'delay')``: the Synapses object holding a pathway's variables,
    and the name there of each recorded name (``delay`` of a pathway)."""
    delay_var = getattr(source, "delay_var", None)
    if delay_var is None or not hasattr(source, "prepost"):
        return source, {}
    return source.group, {"delay": delay_var.name}


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
    """Record ``variables`` of the elements ``record`` of ``source`` at every step of its
    clock.

    ``M.v`` has one row per recorded element and one column per step (with units),
    ``M.v_`` the same without units, ``M.t`` the times, ``M[k].v`` the trace of
    element ``k`` of the source.

    Parameters
    ----------
    source : group
        A NeuronGroup, Subgroup or Synapses.
    variables : str, list of str or True
        The variables to record (``True``: all of them).
    record : bool, int or sequence of int
        ``True`` records every element, ``False`` none (only ``t``).
    dt, clock : optional
        The monitor's own clock (default: the source's).
    when, order : optional
        Scheduling (default ``'start'``, 0, as in Brian).
    name : str
        Unique name.
    dtype : dtype, optional
        Storage type of the recorded values.
    codeobj_class : optional
        Accepted for Brian's signature.

    Examples
    --------
    >>> G = NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1', method='exact')
    >>> G.v = [1, 2]
    >>> trace = StateMonitor(G, 'v', record=True, dt=10*ms)
    >>> run(30*ms)
    >>> trace.t[:]
    array([ 0., 10., 20.]) * msecond
    >>> trace.v[1]
    array([2.        , 0.73575888, 0.27067057])
    """

    operation = "statemonitor"
    code_suffix = "statemonitor"

    def __init__(self, source, variables, record, dt=None, clock=None, when="start", order=0,
                 name="statemonitor*", dtype=None, codeobj_class=None):
        group, renamed = _pathway_source(source, variables)
        # the code runs on the group holding the variables (a pathway's Synapses)
        super().__init__(group, name, when, order, dt=dt, clock=clock)
        self.source = source
        self._group = group
        if variables is True:  # every state variable and subexpression, as in Brian
            variables = [n for n, v in group.variables.items()
                         if not n.startswith("_") and n not in _NOT_RECORDED_BY_TRUE
                         and (getattr(v, "array", None) is not None or v.is_subexpression)]
        elif isinstance(variables, str):
            variables = [variables]
        self.record_variables = list(variables)
        self._source_names = {v: renamed.get(v, v) for v in self.record_variables}
        for v, n in self._source_names.items():
            if n not in group.variables:
                raise KeyError(f"StateMonitor '{self.name}': '{source.name}' has no variable '{v}'")
        n_source = int(group.N)
        if hasattr(record, "_slice") and not isinstance(record, (bool, numbers.Integral)):
            # a subgroup: its elements, relative to the source
            first = record._slice.start - (group._slice.start or 0)
            record = np.arange(first, first + int(record.N))
        if record is True:
            indices = np.arange(n_source)
        elif record is False or record is None:
            indices = np.zeros(0, dtype=np.int64)
        elif isinstance(record, numbers.Integral):
            indices = np.array([record])
        else:
            indices = np.asarray(record)
            if indices.dtype == bool:
                indices = np.flatnonzero(indices)
        indices = indices.astype(np.int64).ravel()
        if len(indices) and (indices.min() < 0 or indices.max() >= n_source):
            raise IndexError(f"StateMonitor '{self.name}': record indices must be in "
                             f"[0, {n_source}), got {indices.min()}..{indices.max()}")
        self.record = indices
        self.n_indices = len(indices)
        self._record_all = record is True
        self.record_all = self._record_all
        self._recorder = self._make_recorder(
            {v: record_dtype(v, group.variables[n].dtype, dtype)
             for v, n in self._source_names.items()})
        self._single_step = None
        self._run_namespace = None

    def _make_recorder(self, dtypes):
        return _StateRecorder(self.record_variables, self.n_indices, dtypes)

    @property
    def clock(self):
        if self._given_clock is None and self._given_dt is None:
            return self.source.clock
        return BrianObject.clock.fget(self)

    def _recorded_values(self):
        r = self._recorder
        return RecordedValues(
            self, {"t": RecordedVariable("t", second.dim, np.float64, lambda: r.t.values)},
            lambda: r.t.n)

    def statements(self, run_namespace):
        return self._statements()

    def _statements(self):
        import sympy

        from ..codegen.statements import Statement

        return [Statement(f"_to_record_{v}", "=", sympy.Symbol(n, real=True))
                for v, n in self._source_names.items()]

    def codeobject_options(self):
        return {"need_t": True, "allow_writes": False,
                "template_kwds": {"recorded": self.record_variables,
                                  "recorded_dtypes": {n: buf.data.dtype for n, buf in
                                                      self._recorder.values.items()}}}

    def extra_bindings(self):
        start = self._group._slice.start or 0
        clock = self.clock
        steps = max(int(getattr(clock, "_run_end", clock.timestep) - clock.timestep), 0)
        return {"_buffer": self._recorder, "_record_idx": self.record + start,
                "_clock": clock, **self._recorder.rows(steps)}

    def before_run(self, run_namespace):
        super().before_run(run_namespace)
        self._run_namespace = run_namespace  # for record_single_timestep

    def __getstate__(self):
        state = super().__getstate__()
        state["_run_namespace"] = None  # the caller's variables (modules...): not pickled
        return state

    def record_single_timestep(self):
        """Record the values at the current time once more (Brian's method): after a run,
        the values at its end, which a monitor in the ``'start'`` slot has not recorded.
        Only after the monitor has been run (a run of 0 ms suffices)."""
        if self.codeobj is None:
            raise TypeError("Can only record a single time step after the network has been "
                            "run once.")
        if self._single_step is None:
            from ..runtime.numpy_runtime import NumpyCodeObject

            self._single_step = NumpyCodeObject(
                f"{self.name}_statemonitor", "statemonitor", self._statements(),
                self._group.variables, self._group, need_t=True, allow_writes=False,
                template_kwds={"recorded": self.record_variables})
        self._group._bind_codeobject(self._single_step, self._run_namespace,
                                     extra=self.extra_bindings())
        self._single_step()

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
    def t(self):
        """Recorded times, a variable view as in Brian (``M.t['t > 5*ms']``)."""
        return self._recorded.view("t")

    @property
    def t_(self):
        return self._recorded.view("t", unitless=True)

    def _dim(self, name):
        return self._group.variables[self._source_names[name]].dim

    def _values(self, name, unitless=False):
        vals = self._recorder.values[name].values.T.copy()
        dim = self._dim(name)
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
            first = item._slice.start - (self._group._slice.start or 0)
            item = np.arange(first, first + int(item.N))
        indices = np.atleast_1d(np.asarray(item))
        if not np.issubdtype(indices.dtype, np.integer):  # Brian: TypeError
            raise TypeError(f"StateMonitor '{self.name}' is indexed by recorded element "
                            f"indices (integers), not {item!r}")
        rows = []
        for k in indices:
            where = np.flatnonzero(self.record == int(k))
            if not len(where):
                raise IndexError(f"Index {int(k)} was not recorded by StateMonitor '{self.name}'")
            rows.append(int(where[0]))
        return _MonitorView(self, rows[0] if np.ndim(item) == 0 else rows)

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """``t``, ``N`` (recorded steps) and the recorded variables as stored: one row per
        step, one column per recorded element (the transpose of ``M.v``), as Brian."""
        special = {"t": lambda units: self._recorded.view("t", unitless=not units)[:],
                   "N": lambda units: np.array(self._recorder.t.n, dtype=np.int32)}
        special.update({n: (lambda units, n=n: self._values(n, not units).T)
                        for n in self._recorder.values})
        return self._states(vars, units, format, read_only_variables,
                            ["t", "N"] + self.record_variables, special)

    def _states_for_export(self, variables):
        # saved files keep the layout of ``M.v`` (one row per recorded element)
        states = self.get_states(variables)
        return {n: v.T if n in self._recorder.values else v for n, v in states.items()}

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
