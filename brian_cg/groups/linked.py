"""Linked variables: ``v : volt (linked)`` in one group reads another group's variable.

A group (NeuronGroup or Synapses) links a variable to a state variable or a subexpression
of another group, as Brian does:

- a shared variable, or a variable of a group with one element, is read by every element
  (a one-element view, seen as shared);
- with ``index``, element ``k`` reads the source element ``index[k]``: an integer array (fixed
  size groups) or the name of one of the target's integer variables (also in Synapses);
- otherwise the groups must have the same size and element ``k`` reads element ``k``.

A linked subexpression becomes a subexpression of the target reading, through the same
link, the source's variables it uses.
"""
import numpy as np
import sympy

from ..core.variables import (
    ArrayVariable,
    ArrayView,
    ClockVariable,
    ConstantVariable,
    SubexpressionVariable,
)
from ..units import DIMENSIONLESS

__all__ = ["LinkedVariable", "check_links", "link_variable", "linked_var"]


class LinkedVariable:
    """What ``linked_var`` returns; assigning it to a ``(linked)`` variable links it."""

    def __init__(self, group, name, index=None):
        self.group = group
        self.name = name
        self.index = index


def linked_var(group_or_variable, name=None, index=None):
    """Link to ``group``'s variable ``name`` (or to a view such as ``G.v``), optionally
    through ``index``: for each target element, the source element it reads (an integer
    array, or the name of an integer variable of the target)."""
    from .variableview import VariableView

    if isinstance(group_or_variable, VariableView):
        if name is not None:
            raise ValueError("Give either a variable (G.v) or a group and a name, not both")
        return LinkedVariable(group_or_variable.group, group_or_variable.name, index)
    if name is None:
        raise ValueError("linked_var needs the name of the variable to link to")
    return LinkedVariable(group_or_variable, name, index)


class _ElementView(ArrayView):
    """Element ``element`` of another group's array, read by every element as one value."""

    def __init__(self, name, viewed, element, owner):
        super().__init__(name, viewed, owner=owner, read_only=True)
        self.scalar = True
        self.index = None
        self.element = element

    @property
    def array(self):
        return self.viewed.array[self.element:self.element + 1]  # a view: sees every write


class _Link:
    """How the target's elements reach the source's: ``mode`` is 'element' (all read the
    element ``element``), 'index' (the target's integer array ``index_name`` holds absolute
    source positions, less ``index_offset``) or 'same' (element k reads element k)."""

    def __init__(self, mode, element=None, index_name=None, index_offset=0):
        self.mode = mode
        self.element = element
        self.index_name = index_name
        self.index_offset = index_offset


def link_variable(target, varname, link):
    """Replace ``target``'s (linked) parameter ``varname`` by a view of ``link``."""
    eq = getattr(target, "equations", {}).get(varname) if hasattr(target, "equations") else None
    if eq is None or "linked" not in eq.flags:
        raise TypeError(f"Cannot link variable '{varname}' of '{target.name}': it has to be "
                        f"marked as a linked variable with '(linked)' in the model equations")
    source = link.group
    if link.name not in source.variables:
        raise KeyError(f"'{source.name}' has no variable '{link.name}' to link to")
    src_var = source.variables[link.name]
    if not isinstance(src_var, (ArrayVariable, SubexpressionVariable)) or \
            link.name in ("i", "t", "dt", "t_in_timesteps", "N"):
        raise TypeError(f"Only state variables and subexpressions can be linked, "
                        f"'{link.name}' of '{source.name}' is neither")
    if src_var.dim is not eq.dim:
        from ..errors import DimensionMismatchError

        raise DimensionMismatchError(
            f"Cannot link '{varname}' of '{target.name}' to '{link.name}' of '{source.name}': "
            f"the units differ", eq.dim, src_var.dim)
    how = _how_to_link(target, varname, link, src_var)
    target.variables[varname] = _view(target, varname, src_var, source, how)
    target.__dict__.setdefault("_links", {})[varname] = (link, how)


def _size(group):
    return int(group.N)


def _how_to_link(target, varname, link, src_var):
    source = link.group
    start = getattr(source, "start", 0)
    dynamic = getattr(target, "_dynamic_size", False)  # Synapses
    if isinstance(link.index, str):
        return _named_index(target, varname, link, start)
    if link.index is not None:
        if dynamic:
            raise TypeError(f"Cannot link '{varname}' of '{target.name}' with an index array: "
                            f"its size changes (Synapses); give the name of an integer "
                            f"variable of '{target.name}' as index instead")
        return _array_index(target, varname, link, start)
    if src_var.scalar:
        return _Link("element", element=0)
    if _size(source) == 1 and (_size(target) != 1 or dynamic):
        return _Link("element", element=start)  # every element reads the single one (Brian)
    if _size(source) != _size(target):
        raise ValueError(f"Cannot link '{varname}' of '{target.name}' ({_size(target)} "
                         f"elements) to '{link.name}' of '{source.name}' ({_size(source)} "
                         f"elements) without an index: the sizes do not match. Give an index "
                         f"(linked_var(..., index=...)) to link groups of different sizes")
    if start == 0 and getattr(target, "start", 0) == 0:
        return _Link("same")
    if dynamic:
        raise NotImplementedError(
            f"Cannot link '{varname}' of '{target.name}' to '{link.name}' of the subgroup "
            f"'{source.name}' element by element; give the name of an integer variable of "
            f"'{target.name}' as index")
    return _array_index(target, varname, LinkedVariable(source, link.name,
                                                        np.arange(_size(target))), start)


def _array_index(target, varname, link, start):
    source = link.group
    index = np.asarray(link.index)
    if not np.issubdtype(index.dtype, np.integer):
        raise TypeError("The index for a linked variable has to be an integer array")
    index = index.astype(np.int64)
    if index.shape != (_size(target),):
        raise ValueError(f"The index for linking '{varname}' of '{target.name}' must have "
                         f"{_size(target)} elements, got shape {index.shape}")
    if len(index) and (index.min() < 0 or index.max() >= _size(source)):
        raise IndexError(f"The index for linking '{varname}' must be in [0, {_size(source)})")
    index_name = f"_{varname}_link_index"
    idx_var = ArrayVariable(index_name, DIMENSIONLESS, getattr(target, "_source_size",
                                                               _size(target)),
                            dtype=np.int64, owner=target, read_only=True, constant=True,
                            var_type="integer")
    target_start = getattr(target, "start", 0)
    idx_var.array[target_start:target_start + _size(target)] = index + start
    target.variables[index_name] = idx_var
    return _Link("index", index_name=index_name, index_offset=start)


def _named_index(target, varname, link, start):
    name = link.index
    var = target.variables.get(name)
    if var is None:
        raise ValueError(f"Index variable '{name}' not found in '{target.name}'")
    if not isinstance(var, ArrayVariable) or var.scalar or var.index is not None:
        raise ValueError(f"Index variable '{name}' should be a variable of '{target.name}' "
                         f"itself (one value per element)")
    if np.dtype(var.dtype).kind not in "iu":
        raise TypeError(f"Index variable '{name}' should be an integer parameter")
    if start != 0:
        raise NotImplementedError(
            f"Linking '{varname}' of '{target.name}' through the index variable '{name}' to a "
            f"subgroup that does not start at 0 is not supported; link to the whole group "
            f"and add the subgroup's start to '{name}'")
    return _Link("index", index_name=name)


def _view(target, name, src_var, source, how):
    """The target's variable ``name`` reading ``src_var`` of ``source`` as ``how`` says."""
    if isinstance(src_var, SubexpressionVariable):
        return _linked_subexpression(target, name, src_var, source, how)
    if how.mode == "element" and not src_var.scalar:
        return _ElementView(name, src_var, how.element, target)
    return ArrayView(name, src_var, index=how.index_name, owner=target, read_only=True)


def _linked_subexpression(target, name, src_var, source, how):
    """The source's subexpression, its names renamed to links of the target's own."""
    replace = {}
    for n in sorted(_names(src_var.expr)):
        var = source.variables.get(n)
        if var is None or isinstance(var, ClockVariable):
            continue  # an external constant, or t/dt: the same for the target
        symbol = sympy.Symbol(n, real=True)
        if n == "i":
            if how.mode == "element":
                replace[symbol] = sympy.Integer(how.element - getattr(source, "start", 0))
            elif how.mode == "index":
                replace[symbol] = sympy.Symbol(how.index_name, real=True) - how.index_offset
        elif isinstance(var, ConstantVariable):
            replace[symbol] = sympy.sympify(var.value)
        else:
            hidden = f"_{name}_link_{n}"
            target.variables[hidden] = _view(target, hidden, var, source, how)
            replace[symbol] = sympy.Symbol(hidden, real=True)
    scalar = src_var.scalar or how.mode == "element"
    return SubexpressionVariable(name, src_var.dim, src_var.expr.xreplace(replace),
                                 src_var.code, dtype=src_var.dtype, owner=target,
                                 scalar=scalar, var_type=src_var.var_type)


def _names(expr):
    from ..codegen.statements import free_names

    return free_names(expr)


def check_links(group):
    """Before a run: every ``(linked)`` variable is linked, and a Synapses object linked
    element by element still has as many synapses as the source has elements."""
    links = group.__dict__.get("_links", {})
    unlinked = [eq.varname for eq in group.equations.values()
                if "linked" in eq.flags and eq.varname not in links]
    if unlinked:
        raise ValueError(f"The linked variable(s) {unlinked} of '{group.name}' were not "
                         f"linked: use {group.name}.{unlinked[0]} = linked_var(...)")
    if links:
        from .checks import check_shared_subexpressions

        check_shared_subexpressions(group)
    for varname, (link, how) in links.items():
        if how.mode == "same" and _size(group) != _size(link.group):
            raise ValueError(f"'{varname}' of '{group.name}' is linked element by element to "
                             f"'{link.name}' of '{link.group.name}', but they now have "
                             f"{_size(group)} and {_size(link.group)} elements")
        if how.mode == "index":
            index = group.variables[how.index_name].array
            n = _size(link.group)
            if len(index) and (index.min() < how.index_offset or
                               index.max() >= how.index_offset + n):
                raise IndexError(f"The index '{how.index_name}' linking '{varname}' of "
                                 f"'{group.name}' to '{link.name}' of '{link.group.name}' "
                                 f"has values outside [0, {n})")

