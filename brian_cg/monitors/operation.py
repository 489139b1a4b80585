"""What every monitor is: an operation of its source group, built like the group's own.

A monitor's code (``statemonitor``, ``spikemonitor``, ``ratemonitor`` templates) is created,
unit-checked, bound and scheduled by ``GroupOperation`` as a state update or a threshold
is; a monitor only differs in being an object of its own: its own name and ``active``
flag, and a member of the magic network.
"""
from ..groups.operations import GroupOperation

__all__ = ["MonitorOperation"]


class MonitorOperation(GroupOperation):
    """An operation of ``source`` recording into Python-side buffers.

    Subclasses set ``operation`` and ``code_suffix`` and define ``statements`` (the values
    to record, ``_to_record_<name> = <name>``), ``codeobject_options`` and
    ``extra_bindings`` (which hold the recorder, ``_buffer``).
    """

    add_to_magic_network = True
    invalidates_magic_network = False
    warn_if_unused = False  # as Brian: no warning for monitors never run
    check_units = False               # records names, computes nothing of its own
    override_conditional_write = True  # writes no variable
    code_suffix = "monitor"

    def __init__(self, source, name, when, order, dt=None, clock=None):
        super().__init__(source, None, when, order=order, name=name, dt=dt, clock=clock)
        self.source = source
        self.suffix = f"{self.name}_{self.code_suffix}"  # names the code and its streams

    @property
    def active(self):
        """A monitor is switched on and off by itself, not with its source."""
        return self.__dict__.get("_own_active", True)

    @active.setter
    def active(self, value):
        self.__dict__["_own_active"] = bool(value)

    @property
    def _recorded(self):
        """The recorded arrays as a group (``recorded.RecordedValues``, whose variable views
        are ``M.t``, ``M.i``...): made on first use, and again after unpickling (it reads
        the recorder through closures, which are not pickled)."""
        recorded = self.__dict__.get("_recorded_values_group")
        if recorded is None:
            recorded = self.__dict__["_recorded_values_group"] = self._recorded_values()
        return recorded

    def _recorded_values(self):
        raise NotImplementedError

    @staticmethod
    def recorded_statements(names):
        import sympy

        from ..codegen.statements import Statement

        return [Statement(f"_to_record_{v}", "=", sympy.Symbol(v, real=True)) for v in names]
