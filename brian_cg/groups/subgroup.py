"""Subgroup ``G[a:b]``: a contiguous range of a group, sharing its storage."""
import numpy as np
import sympy

from ..core.base import BrianObject
from ..core.variables import ConstantVariable, SubexpressionVariable
from ..units import DIMENSIONLESS
from .group import Group

__all__ = ["Subgroup"]


class Subgroup(Group, BrianObject):
    """Neurons ``start`` to ``stop - 1`` of ``source``; ``i`` counts from 0 within it."""

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

    def __getitem__(self, item):
        start, stop, step = item.indices(self.N) if isinstance(item, slice) else (item, item + 1, 1)
        if step != 1:
            raise IndexError("Subgroups must be contiguous (slice step 1)")
        return Subgroup(self.source, self.start + start, self.start + stop)

    def __repr__(self):
        return f"Subgroup({self.source.name}[{self.start}:{self.stop}])"
