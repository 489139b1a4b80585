"""The scheduled operations of a group: state update, threshold, reset.

Each is a small BrianObject in its own slot (``groups``, ``thresholds``,
``resets``) so the Network orders them as Brian does; each owns one code object
built at the first run and rebound (constants, arrays) at every run.
"""
from ..core.base import BrianObject

__all__ = ["GroupOperation", "RegularOperation"]


class GroupOperation(BrianObject):
    """One operation of ``group`` run every step of the group's clock."""

    add_to_magic_network = False
    check_units = True
    # resets and state updates handle refractoriness themselves (see codegen/conditional.py)
    override_conditional_write = False

    def __init__(self, group, suffix, when):
        super().__init__(name=f"{group.name}_{suffix}", when=when, order=group.order)
        self.group = group
        self.suffix = suffix
        self.codeobj = None
        self._structure_key = None

    @property
    def clock(self):
        return self.group.clock

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

    def before_run(self, run_namespace):
        from .checks import check_statement_units

        statements = self.statements(run_namespace)
        if self.check_units:
            check_statement_units(statements, self.group, run_namespace)
        if not self.override_conditional_write:
            from ..codegen.conditional import apply_conditional_writes

            statements = apply_conditional_writes(statements, self.group.variables)
        key = tuple((s.var, s.op, s.expr) for s in statements)
        if self.codeobj is None or key != self._structure_key:
            self.codeobj = self.group._create_codeobject(self.suffix, self.operation, statements,
                                                         **self.codeobject_options())
            self._structure_key = key
        self.group._bind_codeobject(self.codeobj, run_namespace, extra=self.extra_bindings(),
                                    context=f"{self.operation} of '{self.group.name}'")

    def run_step_functions(self):
        return [self.codeobj._run] if self.codeobj is not None else []


class RegularOperation(GroupOperation):
    """``G.run_regularly(code, dt=...)``: statements on all elements, on its own clock."""

    operation = "stateupdate"

    def __init__(self, group, code, dt=None, clock=None, when="start", order=0,
                 name="run_regularly*"):
        from ..core.base import BrianObject
        from ..equations import parse_statements

        BrianObject.__init__(self, name=name, when=when, order=order, dt=dt, clock=clock)
        self.group = group
        self.suffix = self.name[len(group.name) + 1:] if self.name.startswith(group.name + "_") \
            else self.name
        self.codeobj = None
        self._structure_key = None
        self.code = code
        self._statements = parse_statements(code)

    @property
    def clock(self):
        if self._given_clock is None and self._given_dt is None:
            return self.group.clock
        return super(GroupOperation, self).clock  # BrianObject's: from dt or clock

    def statements(self, run_namespace):
        from ..codegen.statements import Statement

        return [Statement(var, op, expr, comment=f"run_regularly: {self.code}")
                for var, op, expr in self._statements]

    def extra_bindings(self):
        return {"_clock": self.clock}
