"""NeuronGroup: N neurons sharing one model, with threshold, reset and refractoriness."""
import numbers

import numpy as np

from ..core.base import BrianObject
from ..core.variables import (
    ArrayVariable,
    ClockVariable,
    ConstantVariable,
    SubexpressionVariable,
)
from ..errors import EquationError
from ..units import DIMENSIONLESS, fail_for_dimension_mismatch, second
from .group import Group
from .operations import GroupOperation, IntegratingOperation, UserCode
from .subgroup import Subgroup

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
    """A group of neurons.

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
    """

    def __init__(self, N, model, method=("exact", "euler", "heun"), threshold=None, reset=None,
                 refractory=False, events=None, namespace=None, dtype=None, dt=None, clock=None,
                 order=0, name="neurongroup*", method_options=None, codeobj_class=None):
        from ..equations import Equations, parse_expression
        from ..equations.dimensions import parse_as_written

        BrianObject.__init__(self, name=name, when="groups", order=order, dt=dt, clock=clock)
        if not isinstance(N, numbers.Integral) or isinstance(N, bool) or N < 1:
            raise ValueError(f"NeuronGroup '{self.name}': N must be a positive integer, got {N!r}")
        events = dict(events or {})
        if "spike" in events:
            raise ValueError("The 'spike' event is defined by 'threshold', not in 'events'")
        self.N = int(N)
        self._slice = slice(0, self.N)
        self._namespace = namespace
        self.method_choice = method
        self.equations = model if isinstance(model, Equations) else Equations(model)
        self._check_flags()
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
        if isinstance(item, numbers.Integral):
            if not -self.N <= item < self.N:
                raise IndexError(f"Index {item} out of range for '{self.name}' ({self.N})")
            item = slice(item, item + 1) if item != -1 else slice(item, None)
        elif isinstance(item, (list, tuple, np.ndarray)):  # consecutive indices, as Brian
            idx = np.asarray(item, dtype=np.int64)
            if len(idx) == 0 or np.any(np.diff(idx) != 1):
                raise IndexError("Subgroups can only be created from consecutive indices")
            item = slice(int(idx[0]), int(idx[-1]) + 1)
        if not isinstance(item, slice):
            raise TypeError("Subgroups can only be created with a slice or an integer")
        start, stop, step = item.indices(self.N)
        if step != 1:
            raise IndexError("Subgroups must be contiguous (slice step 1)")
        if stop <= start:
            raise IndexError(f"Empty subgroup {start}:{stop} of '{self.name}'")
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

        g = self.group
        ref = g._refractory
        if ref is False or ref is None:
            return []
        if isinstance(ref, str):
            dim = expression_dimensions(parse_as_written(ref),
                                        make_resolver(g, run_namespace, context=f"refractory of '{g.name}'"))
            if dim is DIMENSIONLESS:
                code = f"not_refractory or not ({ref})"
            elif dim is second.dim:
                code = f"timestep(t - lastspike, dt) >= timestep({ref}, dt)"
            else:
                raise TypeError(f"The refractory expression '{ref}' of '{g.name}' must be a time "
                                f"or a boolean condition")
        else:  # a named constant, not a literal: other values reuse the compiled code
            code = "timestep(t - lastspike, dt) >= timestep(_refractory, dt)"
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



class SubexpressionUpdater(GroupOperation):
    """Computes the ``(constant over dt)`` subexpressions before the step starts (Brian's
    ``before_start`` slot), so monitors and the integrator see this step's values."""

    operation = "stateupdate"
    kind = "the (constant over dt) subexpressions"
    allows_shared_writes = True

    def __init__(self, group):
        super().__init__(group, "subexpression_updater", when="before_start")

    def statements(self, run_namespace):
        from ..codegen.statements import Statement

        return [Statement(eq.varname, "=", eq.expr.sympy, comment=f"{eq.varname} = {eq.expr.code}",
                          written=eq.expr.written)
                for eq in self.group.equations.values()
                if eq.type == "subexpression" and "constant over dt" in eq.flags]


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

    operation = "event_threshold"

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
        return {"template_kwds": {"event_attr": f"event_{self.event}"}}


class EventResetter(GroupOperation):
    """Statements run on the neurons that emitted a custom event."""

    operation = "event_reset"
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
