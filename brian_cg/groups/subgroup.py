"""Subgroup ``G[a:b]``: a contiguous range of a group, sharing its storage."""
import numbers

import numpy as np
import sympy

from ..core.base import BrianObject
from ..core.variables import ConstantVariable, SubexpressionVariable
from ..units import DIMENSIONLESS
from .group import Group

__all__ = ["Subgroup", "to_start_stop"]


def to_start_stop(item, n, name):
    """``(start, stop)`` of the subgroup ``group[item]`` of a group of ``n`` elements: a slice
    (clipped, as numpy), an integer (negative ones count from the end) or consecutive
    integers; anything reaching past the group raises IndexError, as in Brian."""
    if isinstance(item, numbers.Integral) and not isinstance(item, bool):
        if not -n <= item < n:
            raise IndexError(f"Index {item} out of range for '{name}' ({n} elements)")
        start = int(item) % n
        return start, start + 1
    if isinstance(item, slice):
        start, stop, step = item.indices(n)
        if step != 1:
            raise IndexError("Subgroups must be contiguous (slice step 1)")
    elif isinstance(item, (list, tuple, np.ndarray)):
        idx = np.asarray(item)
        if len(idx) == 0:
            raise IndexError("Subgroups can only be created from consecutive indices")
        if not np.issubdtype(idx.dtype, np.integer):
            raise TypeError(f"Subgroups can only be created from integer indices, not {item!r}")
        if idx.ndim != 1 or len(idx) == 0 or np.any(np.diff(idx) != 1):
            raise IndexError("Subgroups can only be created from consecutive indices")
        start, stop = int(idx[0]), int(idx[-1]) + 1
        if start < 0 or stop > n:
            raise IndexError(f"The indices {start}..{stop - 1} are out of range for '{name}' "
                             f"({n} elements)")
    else:
        raise TypeError("Subgroups can only be created with a slice, an integer or "
                        "consecutive integers")
    if stop <= start:
        raise IndexError(f"Empty subgroup {start}:{stop} of '{name}'")
    return start, stop


class Subgroup(Group, BrianObject):
    """Neurons ``start`` to ``stop - 1`` of ``source``; ``i`` counts from 0 within it.

    Made by slicing a group (``G[10:20]``); it can be given values, connected and
    monitored like a group.

    Parameters
    ----------
    source : NeuronGroup
        The group it is part of.
    start, stop : int
        The first neuron and one past the last, in ``source``.
    name : str, optional
        Unique name (default: derived from the source's).

    Examples
    --------
    >>> G = NeuronGroup(10, 'v : 1')
    >>> inhibitory = G[8:]
    >>> inhibitory.v = 1
    >>> G.v[:]
    array([0., 0., 0., 0., 0., 0., 0., 0., 1., 1.])
    """

    warn_if_unused = False  # as Brian: no warning when deleted without a run

    def __init__(self, source, start, stop, name=None):
        BrianObject.__init__(self, name=name or f"{source.name}_subgroup*", when="groups",
                             order=source.order)
        self.source = source
        self.start, self.stop = start, stop
        self.N = stop - start
        self._slice = slice(start, stop)
        self._source_size = source.N
        self._namespace = source._namespace
        self._events = source._events
        self.variables = dict(source.variables)
        self.variables["N"] = ConstantVariable("N", DIMENSIONLESS, self.N, owner=self)
        self._keep_subexpressions_of_source()
        self.contained_objects.append(source)
        self._enable_group_attributes()

    def _keep_subexpressions_of_source(self):
        """A subexpression of the model means what it means in the whole group (Brian): its
        ``i`` and ``N`` are the source's, not the subgroup's own ``i`` (from 0) and ``N``."""
        i, n = sympy.Symbol("i", real=True), sympy.Symbol("N", real=True)
        whole = {i: i + sympy.Integer(self.start), n: sympy.Integer(int(self.source.N))}
        for name, var in self.source.variables.items():
            if isinstance(var, SubexpressionVariable) and var.expr.has(i, n):
                self.variables[name] = SubexpressionVariable(
                    name, var.dim, var.expr.xreplace(whole), var.code, dtype=var.dtype,
                    owner=self, scalar=var.scalar, var_type=var.var_type)

    @property
    def clock(self):
        return self.source.clock

    @property
    def events(self):
        return self.source.events

    @property
    def equations(self):
        return self.source.equations

    def _raw_values(self, name):
        if name == "i":
            return np.arange(self.N, dtype=np.int32)
        return super()._raw_values(name)

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        # the operation belongs to the whole group, so that simulating the group runs it even
        # when the subgroup itself is not kept (as Brian)
        op = super().run_regularly(code, dt=dt, clock=clock, when=when, order=order, name=name)
        self.contained_objects.remove(op)
        self.source.contained_objects.append(op)
        return op

    def __getitem__(self, item):
        start, stop = to_start_stop(item, self.N, self.name)
        return Subgroup(self.source, self.start + start, self.start + stop)

    def __repr__(self):
        return f"Subgroup({self.source.name}[{self.start}:{self.stop}])"
