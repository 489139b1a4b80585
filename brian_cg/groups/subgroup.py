"""Subgroup ``G[a:b]``: a contiguous range of a group, sharing its storage."""
import numpy as np

from ..core.base import BrianObject
from ..core.variables import ConstantVariable
from ..units import DIMENSIONLESS
from .group import Group

__all__ = ["Subgroup"]


class Subgroup(Group, BrianObject):
    """Neurons ``start`` to ``stop - 1`` of ``source``; ``i`` counts from 0 within it."""

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
        self.contained_objects.append(source)
        self._enable_group_attributes()

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
