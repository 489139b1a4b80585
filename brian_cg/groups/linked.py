"""Linked variables: ``v : volt (linked)`` in one group reads another group's variable."""
import numpy as np

from ..core.variables import ArrayVariable, ArrayView
from ..units import DIMENSIONLESS

__all__ = ["LinkedVariable", "link_variable", "linked_var"]


class LinkedVariable:
    """What ``linked_var`` returns; assigning it to a ``(linked)`` variable links it."""

    def __init__(self, group, name, index=None):
        self.group = group
        self.name = name
        self.index = index


def linked_var(group_or_variable, name=None, index=None):
    """Link to ``group``'s variable ``name`` (or to a view such as ``G.v``), optionally
    through ``index`` (for each target element, the source element it reads)."""
    from .variableview import VariableView

    if isinstance(group_or_variable, VariableView):
        if name is not None:
            raise ValueError("Give either a variable (G.v) or a group and a name, not both")
        return LinkedVariable(group_or_variable.group, group_or_variable.name, index)
    if name is None:
        raise ValueError("linked_var needs the name of the variable to link to")
    return LinkedVariable(group_or_variable, name, index)


def link_variable(target, varname, link):
    """Replace ``target``'s (linked) parameter ``varname`` by a view of ``link``."""
    eq = getattr(target, "equations", {}).get(varname) if hasattr(target, "equations") else None
    if eq is None or "linked" not in eq.flags:
        raise TypeError(f"'{varname}' of '{target.name}' is not a (linked) variable")
    source = link.group
    if link.name not in source.variables:
        raise KeyError(f"'{source.name}' has no variable '{link.name}' to link to")
    src_var = source.variables[link.name]
    if not isinstance(src_var, ArrayVariable):
        raise TypeError(f"Only state variables can be linked, '{link.name}' of '{source.name}' "
                        f"is not one")
    if src_var.dim is not eq.dim:
        from ..errors import DimensionMismatchError

        raise DimensionMismatchError(
            f"Cannot link '{varname}' of '{target.name}' to '{link.name}' of '{source.name}': "
            f"the units differ", eq.dim, src_var.dim)
    start = getattr(source, "start", 0)
    if link.index is not None:
        index = np.asarray(link.index, dtype=np.int64)
        if index.shape != (target.N,):
            raise ValueError(f"The index for linking '{varname}' of '{target.name}' must have "
                             f"{target.N} elements, got shape {index.shape}")
        if index.min() < 0 or index.max() >= source.N:
            raise IndexError(f"The index for linking '{varname}' must be in [0, {source.N})")
        index = index + start
    elif src_var.scalar:
        index = None
    elif source.N == 1 and target.N != 1:  # every element reads the single one (Brian)
        index = np.full(target.N, start, dtype=np.int64)
    elif source.N != target.N:
        raise ValueError(f"Cannot link '{varname}' of '{target.name}' ({target.N} elements) to "
                         f"'{link.name}' of '{source.name}' ({source.N} elements) without an "
                         f"index: the sizes do not match")
    elif start == 0 and getattr(target, "start", 0) == 0:
        index = None
    else:
        index = np.arange(target.N) + start
    index_name = None
    if index is not None:
        index_name = f"_{varname}_link_index"
        idx_var = ArrayVariable(index_name, DIMENSIONLESS, getattr(target, "_source_size",
                                                                   target.N),
                                dtype=np.int64, owner=target, read_only=True, constant=True,
                                var_type="integer")
        target_start = getattr(target, "start", 0)
        idx_var.array[target_start:target_start + target.N] = index
        target.variables[index_name] = idx_var
    view = ArrayView(varname, src_var, index=index_name, owner=target, read_only=True)
    target.variables[varname] = view
