"""NeuronGroup: N neurons sharing one model, with threshold, reset and refractoriness."""
import numbers

import numpy as np

from ..core.base import BrianObject
from ..core.sizes import as_size
from ..core.variables import (
    ArrayVariable,
    ClockVariable,
    ConstantVariable,
    SubexpressionVariable,
)
from ..errors import EquationError
from ..units import DIMENSIONLESS, fail_for_dimension_mismatch, second
from .group import Group
from .operations import GroupOperation, IntegratingOperation, SubexpressionUpdater, UserCode
from .subgroup import Subgroup, to_start_stop

__all__ = ["NeuronGroup"]

_ALLOWED_FLAGS = {
    "differential equation": {"unless refractory"},
    "parameter": {"constant", "shared", "linked"},
    "subexpression": {"shared", "constant over dt"},
}


class EventState:
    """Indices of the neurons that emitted each event in the current step."""

    def __init__(self, custom=()):
        self.spikes = np.zeros(0, dtype=np.int64)
        for name in custom:  # custom events: attribute 'event_<name>'
            setattr(self, f"event_{name}", np.zeros(0, dtype=np.int64))


class NeuronGroup(Group, BrianObject):
    """A group of neurons sharing the same model equations.

    Parameters
    ----------
    N : int
        Number of neurons.
    model : str or Equations
        The equations (Brian syntax).
    method : str, sequence of str, or StateUpdateMethod
        Integration method; by default ``'exact'`` where the equations are linear,
        else ``'euler'``, else ``'heun'``.
    threshold : str, optional
        Spike condition, e.g. ``'v > vt'``.
    reset : str, optional
        Statements run for each neuron that spiked, e.g. ``'v = vr'``.
    refractory : Quantity, str or False
        A duration, a duration-valued expression, or a boolean condition during
        which variables flagged ``(unless refractory)`` are clamped.
    events : dict, optional
        Custom events: name -> condition (see ``run_on_event`` and ``EventMonitor``).
    namespace : dict, optional
        Explicit namespace for external constants (else the run's namespace).
    dtype : dtype or dict, optional
        Storage type of all (or of named) floating-point variables.
    dt, clock : optional
        The group's time step or clock (default: ``defaultclock``).
    order : int
        Order within each scheduling slot.
    name : str
        Unique name.
    method_options : dict, optional
        Options passed to the integration method.
    codeobj_class : optional
        Accepted for Brian's signature; the target is ``prefs.codegen.target``.

    Examples
    --------
    >>> G = NeuronGroup(3, 'dv/dt = (1.2 - v)/(10*ms) : 1', threshold='v > 1',
    ...                 reset='v = 0', method='exact')
    >>> spikes = SpikeMonitor(G)
    >>> run(30*ms)
    >>> spikes.count[:]
    array([1, 1, 1], dtype=int32)
    """

    def __init__(self, N, model, method=("exact", "euler", "heun"), threshold=None, reset=None,
                 refractory=False, events=None, namespace=None, dtype=None, dt=None, clock=None,
                 order=0, name="neurongroup*", method_options=None, codeobj_class=None):
        from ..equations import Equations, parse_expression, parse_statements
        from ..equations.dimensions import parse_as_written
        from ..equations.parsing import strip_comments

        BrianObject.__init__(self, name=name, when="groups", order=order, dt=dt, clock=clock)
        N = as_size(N, f"The size N of {type(self).__name__} '{self.name}'")
        events = dict(events or {})
        if "spike" in events:
            raise ValueError("The 'spike' event is defined by 'threshold', not in 'events'")
        self.N = N
        self._slice = slice(0, self.N)
        self._namespace = namespace
        self.method_choice = method
        self.equations = model if isinstance(model, Equations) else Equations(model)
        self._check_flags()
        if threshold is not None and not (isinstance(threshold, str) and strip_comments(threshold)):
            # Brian2 refuses it too (when preparing the run); accepted, the reset never ran
            raise EquationError(
                f"The threshold of '{self.name}' is empty ({threshold!r}): give a condition "
                f"such as 'v > 1', or threshold=None for a group that never spikes")
        self._threshold_code = threshold
        self._threshold_expr = parse_expression(threshold) if threshold else None
        self._threshold_written = parse_as_written(threshold) if threshold else None
        self._reset_code = reset
        self._reset_user_code = UserCode(reset) if reset else None
        self._refractory = refractory
        self._refractory_expr = parse_expression(refractory) if isinstance(refractory, str) else None
        if not isinstance(refractory, (str, bool)) and refractory is not None:
            fail_for_dimension_mismatch(refractory, second,
                                        f"The refractory period of '{self.name}' must be a time")
        if refractory is True:
            raise ValueError("refractory must be a duration, an expression or False")
        if threshold is not None and reset is None and refractory is False \
                and not ("rand(" in threshold or "randn(" in threshold):
            from ..core.logger import get_logger

            get_logger(__name__).warning(
                f"The NeuronGroup '{self.name}' sets a threshold but neither a reset condition "
                f"nor a refractory condition has been set. Did you forget either of those? If "
                f"this was intended, set the reset argument to an empty string in order to "
                f"avoid this warning.")
        self._events = EventState(events)
        self.variables = {}
        self._create_variables(dtype)

        self.state_updater = StateUpdater(self)
        self.contained_objects.append(self.state_updater)
        if any("constant over dt" in eq.flags for eq in self.equations.values()):
            self.subexpression_updater = SubexpressionUpdater(self)
            self.contained_objects.append(self.subexpression_updater)
        # event name -> operation, as Brian's ``G.thresholder``/``G.resetter`` dicts
        self.thresholder = {"spike": Thresholder(self)} if threshold else {}
        self.resetter = {"spike": Resetter(self)} if reset else {}
        self.event_codes = dict(events)
        for event, condition in events.items():
            self.thresholder[event] = EventThresholder(self, event, condition)
        self.contained_objects.extend(self.thresholder.values())
        self.contained_objects.extend(self.resetter.values())
        self._enable_group_attributes()

    def run_on_event(self, event, code, when="after_resets", order=None):
        """Run ``code`` for the neurons that emitted ``event`` (Brian's ``run_on_event``)."""
        if event in self.resetter:
            raise ValueError(f"'{self.name}' already runs code on event '{event}'")
        if event == "spike":
            if "spike" not in self.thresholder:
                raise ValueError(f"'{self.name}' has no threshold, so no spike event")
            self._reset_code = code
            self._reset_user_code = UserCode(code)
            op = Resetter(self)
            op.when = when
            op.order = self.order if order is None else order
        elif event not in self.event_codes:
            raise ValueError(f"'{self.name}' has no event '{event}' (events: "
                             f"{sorted(self.event_codes)})")
        else:
            op = EventResetter(self, event, code, when, self.order if order is None else order)
        self.resetter[event] = op
        self.contained_objects.append(op)

    def set_event_schedule(self, event, when="after_thresholds", order=None):
        """Check the condition of ``event`` in the slot ``when`` (default
        ``'after_thresholds'``) with ``order`` (default: the group's), as Brian."""
        if event not in self.thresholder:
            raise ValueError(f"Unknown event '{event}'.")
        from ..core.base import SCHEDULE_SLOTS

        base = when.partition("_")[2] if when.startswith(("before_", "after_")) else when
        if base not in SCHEDULE_SLOTS:
            raise ValueError(f"Unknown scheduling slot when='{when}'; use one of "
                             f"{SCHEDULE_SLOTS} (optionally with 'before_'/'after_')")
        self.thresholder[event].when = when
        self.thresholder[event].order = self.order if order is None else order

    @property
    def events(self):
        """Event name -> condition (``'spike'`` is the threshold), as in Brian."""
        codes = {"spike": self._threshold_code} if self._threshold_code else {}
        codes.update(self.event_codes)
        return codes

    # ----------------------------------------------------------------- setup
    def _check_flags(self):
        from .checks import check_flags

        check_flags(self.equations, _ALLOWED_FLAGS, "in a NeuronGroup")
        for eq in self.equations.values():
            if "linked" in eq.flags and len(eq.flags) > 1:
                raise EquationError(f"The linked variable '{eq.varname}' cannot have other "
                                    f"flags ({sorted(eq.flags)})")

    def before_run(self, run_namespace):
        from .linked import check_links

        check_links(self)

    def _dtype_for(self, name, var_type, dtype):
        if var_type == "boolean":
            return np.bool_
        if var_type == "integer":
            return np.int32
        from ..core.preferences import default_float_dtype

        if isinstance(dtype, dict):
            return dtype.get(name, default_float_dtype())
        return dtype if dtype is not None else default_float_dtype()

    def _create_variables(self, dtype):
        v = self.variables
        for eq in self.equations.values():
            dt_ = self._dtype_for(eq.varname, eq.var_type, dtype)
            if eq.type == "subexpression" and "constant over dt" not in eq.flags:
                v[eq.varname] = SubexpressionVariable(
                    eq.varname, eq.dim, eq.expr.sympy, eq.expr.code, dtype=dt_, owner=self,
                    scalar="shared" in eq.flags, var_type=eq.var_type)
            else:
                v[eq.varname] = ArrayVariable(
                    eq.varname, eq.dim, self.N, dtype=dt_, owner=self,
                    constant="constant" in eq.flags, scalar="shared" in eq.flags,
                    var_type=eq.var_type)
        v["i"] = ArrayVariable("i", DIMENSIONLESS, self.N, dtype=np.int32, owner=self,
                               read_only=True, constant=True, var_type="integer")
        v["i"].array[:] = np.arange(self.N)
        v["i"].computed_from_index = True  # generated code computes i from the element index
        v["N"] = ConstantVariable("N", DIMENSIONLESS, self.N, owner=self)
        v["t"] = ClockVariable("t", second.dim, "t_", owner=self)
        v["dt"] = ClockVariable("dt", second.dim, "dt_", owner=self)
        v["t_in_timesteps"] = ClockVariable("t_in_timesteps", DIMENSIONLESS, "timestep",
                                            dtype=np.int64, owner=self)
        if self._refractory is not False:
            if not isinstance(self._refractory, str):
                v["_refractory"] = ConstantVariable("_refractory", second.dim,
                                                    float(np.asarray(self._refractory)),
                                                    owner=self)
            v["lastspike"] = ArrayVariable("lastspike", second.dim, self.N, owner=self,
                                           init=-1e4)
            v["not_refractory"] = ArrayVariable("not_refractory", DIMENSIONLESS, self.N,
                                                dtype=np.bool_, owner=self, init=True,
                                                var_type="boolean")
            for eq in self.equations.values():
                if "unless refractory" in eq.flags:
                    v[eq.varname].conditional_write = v["not_refractory"]
        from .checks import check_shared_subexpressions

        check_shared_subexpressions(self)

    # ----------------------------------------------------------------- access
    def __getitem__(self, item):
        start, stop = to_start_stop(item, self.N, self.name)
        return Subgroup(self, start, stop)

    def _raw_values(self, name):
        if name == "i":
            return np.arange(self.N, dtype=np.int32)
        return super()._raw_values(name)

    @property
    def spikes(self):
        """Indices of the neurons that spiked in the last time step."""
        return self._events.spikes

    def _state_for_store(self):
        return {n: var.array.copy() for n, var in self.variables.items()
                if isinstance(var, ArrayVariable) and not var.constant}

    def _restore_state(self, state):
        for n, arr in state.items():
            self.variables[n].array[:] = arr
        self._events.spikes = np.zeros(0, dtype=np.int64)

    def __repr__(self):
        return f"NeuronGroup({self.N}, name={self.name!r})"


class StateUpdater(IntegratingOperation):
    """Integrates the differential equations (and computes refractoriness)."""

    override_conditional_write = True  # 'unless refractory' is part of the integration

    def _refractory_statements(self, run_namespace):
        from ..codegen.statements import Statement
        from ..equations import expression_dimensions, parse_expression
        from ..equations.dimensions import parse_as_written
        from .checks import make_resolver

        from ..core.preferences import prefs

        g = self.group
        ref = g._refractory
        if ref is False or ref is None:
            return []
        # Brian <= 2.1.2 compared times (prefs.legacy.refractory_timing): a period that is
        # a multiple of dt then lasts one step more or less depending on rounding
        legacy = bool(prefs["legacy.refractory_timing"])
        if isinstance(ref, str):
            dim = expression_dimensions(parse_as_written(ref),
                                        make_resolver(g, run_namespace, context=f"refractory of '{g.name}'"))
            if dim is DIMENSIONLESS:
                code = f"not_refractory or not ({ref})"
            elif dim is second.dim:
                code = (f"(t - lastspike) > ({ref})" if legacy
                        else f"timestep(t - lastspike, dt) >= timestep({ref}, dt)")
            else:
                raise TypeError(f"The refractory expression '{ref}' of '{g.name}' must be a time "
                                f"or a boolean condition")
        else:  # a named constant, not a literal: other values reuse the compiled code
            code = ("(t - lastspike) > _refractory" if legacy
                    else "timestep(t - lastspike, dt) >= timestep(_refractory, dt)")
        return [Statement("not_refractory", "=", parse_expression(code), comment=f"refractory: {code}")]

    def statements(self, run_namespace):
        import sympy

        from ..codegen.statements import Statement

        g = self.group
        integrated = self.integrated(run_namespace)
        stmts = self._refractory_statements(run_namespace)
        nr = sympy.Symbol("not_refractory", real=True)
        for var, expr in integrated:
            eq = g.equations.get(var)
            # without a refractory period the flag has no effect (Brian)
            if eq is not None and "unless refractory" in eq.flags and g._refractory is not False:
                expr = sympy.Piecewise((expr, nr), (sympy.Symbol(var, real=True), True))
            comment = f"d{var}/dt = {eq.expr.code}" if eq is not None else ""
            stmts.append(Statement(var, "=", expr, comment=comment))
        return stmts



class Thresholder(GroupOperation):
    """Finds the neurons that spike; records lastspike and starts refractoriness."""

    operation = "threshold"
    kind = "the threshold"

    def __init__(self, group):
        super().__init__(group, "spike_thresholder", when="thresholds")

    def statements(self, run_namespace):
        import sympy

        from ..codegen.statements import Statement

        g = self.group
        cond = g._threshold_expr
        if not (isinstance(cond, sympy.logic.boolalg.Boolean) or
                (cond.is_Symbol and getattr(g.variables.get(cond.name), "var_type", "") == "boolean")):
            raise TypeError(f"The threshold condition '{g._threshold_code}' of '{g.name}' is not a "
                            f"boolean expression")
        if g._refractory is not False:
            cond = sympy.And(cond, sympy.Symbol("not_refractory", real=True))
        return [Statement("_cond", "=", cond, comment=f"threshold: {g._threshold_code}",
                          written=g._threshold_written)]

    def codeobject_options(self):
        return {"need_t": True, "template_kwds": {"refractory": self.group._refractory is not False}}

    def extra_bindings(self):
        v = self.group.variables
        if self.group._refractory is False:
            return None
        return {"_array_lastspike": v["lastspike"].array,
                "_array_not_refractory": v["not_refractory"].array}


class Resetter(GroupOperation):
    """Runs the reset statements on the neurons that spiked in this step."""

    operation = "reset"
    kind = "the reset"
    override_conditional_write = True

    def __init__(self, group):
        super().__init__(group, "spike_resetter", when="resets")

    def statements(self, run_namespace):
        g = self.group
        return g._reset_user_code.statements(f"reset '{g._reset_code}'")


class EventThresholder(GroupOperation):
    """Finds the neurons for which a custom event's condition holds (not refractory-gated)."""

    operation = "threshold"

    def __init__(self, group, event, condition):
        from ..equations import parse_expression
        from ..equations.dimensions import parse_as_written

        super().__init__(group, f"{event}_thresholder", when="thresholds")
        self.kind = f"the condition of event '{event}'"
        self.event = event
        self.condition = condition
        self._expr = parse_expression(condition)
        self._written = parse_as_written(condition)

    def statements(self, run_namespace):
        from ..codegen.statements import Statement

        return [Statement("_cond", "=", self._expr,
                          comment=f"event '{self.event}': {self.condition}",
                          written=self._written)]

    def codeobject_options(self):
        return {"template_kwds": {"event_attr": f"event_{self.event}", "refractory": False}}


class EventResetter(GroupOperation):
    """Statements run on the neurons that emitted a custom event."""

    operation = "reset"
    override_conditional_write = True

    def __init__(self, group, event, code, when, order):
        super().__init__(group, f"{event}_resetter", when=when)
        self.kind = f"the code run on event '{event}'"
        self.order = order
        self.event = event
        self.code = code
        self._code = UserCode(code)

    def statements(self, run_namespace):
        return self._code.statements(f"on event '{self.event}': {self.code}")

    def codeobject_options(self):
        return {"template_kwds": {"event_attr": f"event_{self.event}"}}
