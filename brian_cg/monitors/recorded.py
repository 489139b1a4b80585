"""A monitor's recorded 1-D arrays seen as a group: ``M.t``, ``M.i`` are variable views.

As in Brian, ``spikemon.t['i < 5']`` selects recorded values with a condition on the
other recorded arrays (generated code, as ``G.v['i > 5']``); the view reads the arrays
at each access, so it follows a monitor that keeps recording.
"""
import numpy as np

from ..core.variables import ArrayVariable, ConstantVariable, Variable
from ..groups.group import Group
from ..groups.variableview import VariableView

__all__ = ["RecordedValues", "RecordedVariable"]


class RecordedVariable(ArrayVariable):
    """A recorded array of a monitor, read through ``read()`` (it grows between reads)."""

    def __init__(self, name, dim, dtype, read, var_type="float"):
        Variable.__init__(self, name, dim, dtype=dtype, read_only=True, var_type=var_type)
        self._read = read

    @property
    def array(self):
        return self._read()


class RecordedValues(Group):
    """The arrays recorded by ``monitor`` (all of one length: events or steps).

    Parameters
    ----------
    monitor : the monitor (gives ``name``, ``clock``, ``source`` and the random address)
    variables : dict name -> RecordedVariable
    count : callable returning the number of recorded values
    """

    generated_code = True  # made again, not pickled (its variables read through closures)

    def __init__(self, monitor, variables, count):
        object.__setattr__(self, "_monitor", monitor)
        object.__setattr__(self, "_count", count)
        variables = dict(variables)
        from ..units import DIMENSIONLESS

        variables["N"] = _CountVariable(count, DIMENSIONLESS)
        object.__setattr__(self, "variables", variables)
        self._enable_group_attributes()

    @property
    def name(self):
        return self._monitor.name

    @property
    def N(self):
        return int(self._count())

    @property
    def _slice(self):
        return slice(0, self.N)

    @property
    def clock(self):
        return self._monitor.clock

    @property
    def _random_number(self):
        return self._monitor._random_number

    @property
    def _namespace(self):
        return getattr(self._monitor.source, "_namespace", None)

    def view(self, name, unitless=False):
        return VariableView(name, self, unitless=unitless)


class _CountVariable(ConstantVariable):
    """``N`` of a monitor: the number of recorded values, read when used."""

    def __init__(self, count, dim):
        Variable.__init__(self, "N", dim, dtype=np.int32, read_only=True, constant=True,
                          scalar=True)
        self._read_count = count

    @property
    def value(self):
        return np.int32(self._read_count())
