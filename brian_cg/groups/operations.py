"""The scheduled operations of a group: state update, threshold, reset.

Each is a small BrianObject in its own slot (``groups``, ``thresholds``,
``resets``) so the Network orders them as Brian does; each owns one code object
built at the first run and rebound (constants, arrays) at every run.
"""
from ..core.base import BrianObject

__all__ = ["GroupOperation", "IntegratingOperation", "RegularOperation", "SubexpressionUpdater",
           "UserCode"]


class UserCode:
    """Statements a user wrote (a reset, ``on_pre``, ``run_regularly`` code): parsed, and
    as written for unit checks (see ``equations.parse_as_written``)."""

    def __init__(self, code):
        from ..equations import parse_statements
        from ..equations.dimensions import parse_statements_as_written

        self.code = code
        self._parsed = parse_statements(code)
        self._written = parse_statements_as_written(code)

    def __bool__(self):
        return bool(self._parsed)

    def statements(self, comment):
        """The code as a list of Statement, each with its ``written`` form; ``comment`` is a
        str or a callable(var, op) -> str."""
        from ..codegen.statements import Statement

        return [Statement(var, op, expr, comment(var, op) if callable(comment) else comment,
                          written=written)
                for (var, op, expr), (_, _, written) in zip(self._parsed, self._written)]


class GroupOperation(BrianObject):
    """One operation of ``group`` run every step of the group's clock."""

    add_to_magic_network = False
    check_units = True
    # resets and state updates handle refractoriness themselves (see codegen/conditional.py)
    override_conditional_write = False
    # Brian allows writes to shared variables in state updates and run_regularly only
    allows_shared_writes = False
    #: what the code is, for messages ("the reset"); "of '<group>'" follows
    kind = None

    def __init__(self, group, suffix, when, order=None, name=None, dt=None, clock=None):
        """``suffix`` names the code (and its random stream) within the group; ``name``
        defaults to ``<group>_<suffix>``; ``dt``/``clock`` give the operation its own clock."""
        super().__init__(name=name or f"{group.name}_{suffix}", when=when,
                         order=group.order if order is None else order, dt=dt, clock=clock)
        self.group = group
        self.suffix = suffix
        self.codeobj = None
        self._structure_key = None

    @property
    def clock(self):
        if self._given_clock is None and self._given_dt is None:
            return self.group.clock
        return super().clock

    @property
    def active(self):
        """Active when switched on itself and its group is active (``G.active = False``)."""
        return self.__dict__.get("_own_active", True) and self.group.active

    @active.setter
    def active(self, value):
        self.__dict__["_own_active"] = bool(value)

    def statements(self, run_namespace):
        """Abstract code (list of Statement) of this operation; checked by the caller."""
        raise NotImplementedError

    def codeobject_options(self):
        return {}

    def extra_bindings(self):
        return None

    def description(self):
        """What the code is and whose, for messages: ``"the reset of 'neurons'"``."""
        return f"{self.kind or f'the {self.operation} code'} of '{self.group.name}'"

    def before_run(self, run_namespace):
        from ..codegen.shared import check_shared_writes
        from .checks import check_statement_units

        from ..core.functions import expand_sampling_calls

        statements = expand_sampling_calls(self.statements(run_namespace), self.group,
                                           run_namespace)
        check_shared_writes(statements, self.group.variables, self.allows_shared_writes,
                            self.description())
        if self.check_units:
            check_statement_units(statements, self.group, run_namespace)
        if not self.override_conditional_write:
            from ..codegen.conditional import apply_conditional_writes

            statements = apply_conditional_writes(statements, self.group.variables)
        from ..codegen.statements import number_random_calls

        # random call sites numbered as code generation does: the same code every run
        key = tuple((s.var, s.op, e) for s, e in
                    zip(statements, number_random_calls([s.expr for s in statements])[0]))
        if self.codeobj is None or key != self._structure_key:
            self.codeobj = self.group._create_codeobject(self.suffix, self.operation, statements,
                                                         **self.codeobject_options())
            self._structure_key = key
        self.group._bind_codeobject(self.codeobj, run_namespace, extra=self.extra_bindings(),
                                    context=f"{self.operation} of '{self.group.name}'")

    def run_step_functions(self):
        return [self.codeobj._run] if self.codeobj is not None else []


class IntegratingOperation(GroupOperation):
    """The state update of a group's differential equations (neurons or synapses).

    The equations are unit-checked at every run (external constants may change); the
    integration scheme is applied once and its statements reused.
    """

    operation = "stateupdate"
    kind = "the state update"
    allows_shared_writes = True
    check_units = False  # the equations themselves are checked; this code is derived from them

    def __init__(self, group):
        super().__init__(group, "stateupdater", when="groups")
        self._integrated = None
        self.method_name = None

    def differential_equations(self):
        """name -> right-hand side (subexpressions substituted) of the equations to integrate."""
        return dict(self.group.equations.substituted_expressions())

    def integrated(self, run_namespace):
        """The integration scheme's (variable, expression) assignments."""
        from ..integration import integrate
        from .checks import make_resolver

        g = self.group
        g.equations.check_units(make_resolver(g, run_namespace,
                                              context=f"equations of '{g.name}'"))
        if self._integrated is None:
            diff_eqs = self.differential_equations()
            self._integrated, self.method_name = (
                integrate(diff_eqs, g.method_choice, group_name=g.name) if diff_eqs
                else ([], None))
        return self._integrated


class RegularOperation(GroupOperation):
    """``G.run_regularly(code, dt=...)``: statements on all elements, on its own clock."""

    operation = "stateupdate"
    add_to_magic_network = True  # a kept operation is run by run(), as in Brian
    kind = "the run_regularly code"
    allows_shared_writes = True

    def __init__(self, group, code, dt=None, clock=None, when="start", order=0,
                 name="run_regularly*"):
        super().__init__(group, None, when, order=order, name=name, dt=dt, clock=clock)
        self.suffix = self.name[len(group.name) + 1:] if self.name.startswith(group.name + "_") \
            else self.name
        self.code = code
        self._code = UserCode(code)

    def statements(self, run_namespace):
        return self._code.statements(f"run_regularly: {self.code}")

    def extra_bindings(self):
        return {"_clock": self.clock}


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
