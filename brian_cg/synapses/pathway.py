"""A synaptic pathway: spikes of one side, through a queue, run code on the synapses."""
import numpy as np

from ..groups.operations import GroupOperation, UserCode
from .spikequeue import SpikeQueue, build_csr

__all__ = ["SynapticPathway"]


class SynapticPathway(GroupOperation):
    """``on_pre`` (or ``on_post``) code of a Synapses object, run when spikes arrive.

    In the ``synapses`` slot: ``pre`` pathways with order -1, ``post`` with +1, as in Brian.
    """

    operation = "synapses"

    def __init__(self, synapses, code, prepost, objname, delay_var, event="spike"):
        super().__init__(synapses, objname, when="synapses")
        self.event = event
        self._event_attr = "spikes" if event == "spike" else f"event_{event}"
        self.order = -1 if prepost == "pre" else 1
        self.prepost = prepost
        self.objname = objname
        self.kind = f"the on_{prepost} code" if objname == prepost else \
            f"the code of pathway '{objname}'"
        self.code = code
        self._code = UserCode(code)
        self.delay_var = delay_var
        # a negative (or NaN) delay would index the spike queue's ring buffer out of range:
        # refused when assigned, and again before each run (values may come from anywhere)
        delay_var.check_values = self.check_delays
        self.check_delays(delay_var.array)
        if prepost == "pre":
            self.spike_source = synapses.source
            self._sources_var = "_synaptic_pre"
        else:
            self.spike_source = synapses.target
            self._sources_var = "_synaptic_post"
        self.queue = SpikeQueue()
        self._structure_changed = True
        self._csr = None

    @property
    def clock(self):
        return self.spike_source.clock

    @property
    def delay(self):
        from ..groups.variableview import VariableView

        return VariableView(self.delay_var.name, self.group)

    @delay.setter
    def delay(self, value):
        from ..groups.variableview import VariableView

        VariableView(self.delay_var.name, self.group).set_item(slice(None), value)

    def check_delays(self, values):
        """Raise ``InvalidValueError`` unless every delay in ``values`` (seconds) is finite and
        not negative (Brian2 does not check: it delivers such spikes at arbitrary times)."""
        values = np.asarray(values, dtype=np.float64)
        bad = ~np.isfinite(values) | (values < 0)
        if not bad.any():
            return
        from ..errors import InvalidValueError

        first = float(values[bad].flat[0])
        where = "" if values.size == 1 else f" ({int(bad.sum())} of {values.size} values)"
        value = f"{first * 1000:g} ms" if np.isfinite(first) else str(first)
        raise InvalidValueError(
            f"Synaptic delays must be finite and non-negative, but the delay of the "
            f"'{self.objname}' pathway of '{self.group.name}' is set to {value}{where}.")

    def statements(self, run_namespace):
        from ..codegen.statements import Statement

        syn = self.group
        stmts = []
        if syn.event_driven:
            stmts.extend(_event_driven_update(syn))
        stmts.extend(self._code.statements(lambda var, op: f"on_{self.prepost}: {var} {op} ..."))
        if syn.event_driven:
            import sympy

            stmts.append(Statement("lastupdate", "=", sympy.Symbol("t", real=True),
                                   comment="event-driven: lastupdate = t"))
        return stmts

    def codeobject_options(self):
        return {"need_t": True, "template_kwds": {"conflicts": None,
                                                  "event_attr": self._event_attr}}

    def before_run(self, run_namespace):
        syn = self.group
        source = self.spike_source
        target = syn.target if self.prepost == "pre" else syn.source
        if len({source.clock.dt_, syn.clock.dt_, target.clock.dt_}) > 1:
            from ..core.logger import get_logger, warn_once

            warn_once(get_logger("brian_cg.synapses.synapses"),
                      f"Note that the synaptic pathway '{self.name}' will run on the clock of "
                      f"the group '{source.name}' using a dt of {source.clock.dt}. Either the "
                      f"Synapses object '{syn.name}' or the target '{target.name}' (or both) are "
                      f"using a different dt. This might lead to unexpected results. In "
                      f"particular, all delays will be rounded to multiples of "
                      f"{source.clock.dt}. If in doubt, try to ensure that '{source.name}', "
                      f"'{syn.name}', and '{target.name}' use the same dt.")
        if self._structure_changed or self._csr is None:
            start = getattr(source, "start", 0)
            sources = syn.variables[self._sources_var].array.astype(np.int64) - start
            self._csr = build_csr(sources, int(source.N))
            self._structure_changed = False
        self.check_delays(self.delay_var.array)
        dt = self.clock.dt_
        if self.delay_var.scalar:
            steps = int(np.floor(self.delay_var.array[0] / dt + 0.5))  # half up, as Brian
        else:
            steps = np.floor(self.delay_var.array / dt + 0.5).astype(np.int64)
            if len(steps) and steps.min() == steps.max():
                steps = int(steps[0])
        self.queue.prepare(steps, *self._csr, dt=dt)
        super().before_run(run_namespace)

    def extra_bindings(self):
        return {"_queue": self.queue, "_spike_source": self.spike_source}

    def run_step_functions(self):
        if getattr(self.codeobj._run, "compiled", False):
            return [self.codeobj._run]  # push and delivery both in the compiled code
        source = self.spike_source
        start = getattr(source, "start", 0)
        stop = start + int(source.N)
        events = source._events
        queue = self.queue
        whole = start == 0 and stop == getattr(source, "_source_size", source.N)

        attr = self._event_attr

        def push():
            spikes = getattr(events, attr)
            if len(spikes):
                if whole:
                    queue.push(spikes)
                else:
                    inside = spikes[(spikes >= start) & (spikes < stop)]
                    queue.push(inside - start)

        return [push, self.codeobj._run]

    @property
    def memory_bytes(self):
        if self._csr is None:
            return 0
        return int(self._csr[0].nbytes + self._csr[1].nbytes)

    def _state_for_store(self):
        return {"queue": self.queue.state()}

    def _restore_state(self, state):
        self.queue.restore(state["queue"])


def _event_driven_update(syn):
    """Statements advancing the event-driven variables from ``lastupdate`` to ``t``."""
    import sympy

    from ..codegen.statements import Statement
    from ..integration import integrate

    diff_eqs = dict(syn.equations.substituted_expressions())
    event = {n: diff_eqs[n] for n in syn.event_driven}
    try:
        statements, _ = integrate(event, "exact", group_name=syn.name)
    except Exception as exc:
        from ..errors import UnsupportedEquationsError

        raise UnsupportedEquationsError(
            f"Cannot solve the event-driven equations of '{syn.name}' exactly "
            f"({', '.join(syn.event_driven)}); use (clock-driven) instead: {exc}") from exc
    dt = sympy.Symbol("dt", real=True)
    interval = sympy.Symbol("t", real=True) - sympy.Symbol("lastupdate", real=True)
    return [Statement(var, "=", expr.subs(dt, interval), comment=f"event-driven: {var}")
            for var, expr in statements]
