"""Linked variables: ``v : volt (linked)`` in one group reads another group's variable."""
import numpy as np

from ..core.variables import (
    ArrayVariable,
    ArrayView,
    ClockVariable,
    ConstantVariable,
    DynamicArrayVariable,
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
    """Link a ``(linked)`` variable to another group's variable.

    For each element of the group with the ``(linked)`` variable, ``index`` gives the
    source element it reads (an integer array, or the name of an integer variable of the
    target, read at every step); without ``index`` the groups must have the same size
    (or the source has one element).

    Parameters
    ----------
    group_or_variable : group or variable view
        The source group (then give ``name``) or a view such as ``G.v``.
    name : str, optional
        The source variable's name.
    index : array of int or str, optional
        The source element of each element.

    Examples
    --------
    >>> source = NeuronGroup(2, 'x : 1')
    >>> source.x = [1, 2]
    >>> G = NeuronGroup(4, 'y : 1 (linked)')
    >>> G.y = linked_var(source.x, index=[0, 1, 1, 0])
    >>> G.y[:]
    array([1., 2., 2., 1.])
    """
    from .variableview import VariableView

    if isinstance(group_or_variable, VariableView):
        if name is not None:
            raise ValueError("Give either a variable (G.v) or a group and a name, not both")
        return LinkedVariable(group_or_variable.group, group_or_variable.name, index)
    if name is None:
        raise ValueError("linked_var needs the name of the variable to link to")
    if name not in group_or_variable.variables:
        raise KeyError(f"'{group_or_variable.name}' has no variable '{name}' to link to")
    return LinkedVariable(group_or_variable, name, index)


class ElementView(ArrayView):
    """One element of another array seen as a shared variable: a link to a group of one
    element reads back as a single value, as Brian's index ``'0'``."""

    def __init__(self, name, viewed, position, owner):
        super().__init__(name, viewed, owner=owner, read_only=True)
        self.scalar = True
        self.index = None
        self.position = position

    @property
    def array(self):
        return self.viewed.array[self.position:self.position + 1]  # a view: writes go through


def _source_map(source, src_var, link_name):
    """``(root, positions)``: the array variable ``link_name`` of ``source`` finally reads, and
    for each element of ``source`` its position in that array (None: the element's own
    absolute index). A variable itself linked through an index composes with that index."""
    if isinstance(src_var, ArrayView) and src_var.index is not None:
        index_var = source.variables[src_var.index]
        if isinstance(index_var, DynamicArrayVariable):
            raise TypeError(f"Cannot link to '{link_name}' of '{source.name}': it is read "
                            f"through the index '{src_var.index}', which changes when "
                            f"synapses are created")
        return src_var.viewed, index_var.array[source._slice].astype(np.int64)
    if isinstance(src_var, ElementView):
        return src_var.viewed, np.full(int(source.N), src_var.position, dtype=np.int64)
    if isinstance(src_var, ArrayView):
        return src_var.viewed, None
    return src_var, None


def _index_array(target, varname, index, source):
    """The user's index array, checked as Brian checks it (source-relative positions)."""
    try:
        index = np.asarray(index)
        if not np.issubdtype(index.dtype, np.integer):
            raise TypeError
    except TypeError:
        raise TypeError(f"The index for linking '{varname}' of '{target.name}' has to be an "
                        f"integer array or the name of an integer variable") from None
    if index.shape != (target.N,):
        raise TypeError(f"The index for linking '{varname}' of '{target.name}' must be a "
                        f"one-dimensional array of {target.N} elements, got shape {index.shape}")
    if index.min() < 0 or index.max() >= source.N:
        raise ValueError(f"The index for linking '{varname}' of '{target.name}' has values "
                         f"outside of the valid range [0, {source.N})")
    return index.astype(np.int64)


def _add_index_variable(target, varname, positions):
    """A constant index array of ``target`` holding ``positions`` for its elements."""
    index_name = f"_{varname}_link_index"
    idx_var = ArrayVariable(index_name, DIMENSIONLESS, getattr(target, "_source_size", target.N),
                            dtype=np.int64, owner=target, read_only=True, constant=True,
                            var_type="integer")
    target_start = getattr(target, "start", 0)
    idx_var.array[target_start:target_start + target.N] = positions
    target.variables[index_name] = idx_var
    return index_name


def _index_name(target, varname, name, source):
    """``index='name'``: an integer parameter of the target, read at every step (Brian)."""
    var = target.variables.get(name)
    if var is None:
        raise ValueError(f"The index variable '{name}' for linking '{varname}' of "
                         f"'{target.name}' does not exist")
    if not isinstance(var, ArrayVariable) or isinstance(var, ArrayView) or var.scalar:
        raise ValueError(f"The index variable '{name}' for linking '{varname}' of "
                         f"'{target.name}' has to be a parameter of its own elements")
    if var.var_type != "integer":
        raise TypeError(f"The index variable '{name}' for linking '{varname}' of "
                        f"'{target.name}' has to be an integer parameter")
    if getattr(source, "start", 0) or getattr(target, "start", 0):
        raise NotImplementedError(f"Linking '{varname}' of '{target.name}' through the index "
                                  f"variable '{name}' needs whole groups, not subgroups; use "
                                  f"an index array")
    return name


class _Link:
    """How the elements of a target find their source elements: ``mode`` 'same' (element
    k reads source element k), 'relative' (``relative[k]``), 'element' (all read the one
    source element) or 'name' (an integer variable of the target, ``name``)."""

    def __init__(self, target, source, mode, relative=None, name=None):
        self.target, self.source = target, source
        self.mode, self.relative, self.name = mode, relative, name
        self.start = getattr(source, "start", 0)

    def reference(self, new_name, src_var, link_name):
        """The Variable of the target that reads ``src_var`` of the source this way."""
        target = self.target
        if isinstance(src_var, SubexpressionVariable):
            return self._subexpression(new_name, src_var)
        if not isinstance(src_var, ArrayVariable):
            raise TypeError(f"Only state variables and subexpressions can be linked, "
                            f"'{link_name}' of '{self.source.name}' is neither")
        if src_var.scalar:  # a shared variable (or a link to one element): one value
            if isinstance(src_var, ElementView):
                return ElementView(new_name, src_var.viewed, src_var.position, target)
            return ArrayView(new_name, src_var, owner=target, read_only=src_var.read_only)
        root, positions = _source_map(self.source, src_var, link_name)
        if self.mode == "element":
            position = self.start if positions is None else int(positions[0])
            return ElementView(new_name, root, position, target)
        if self.mode == "name":
            if positions is not None:
                raise NotImplementedError(
                    f"Linking through the index variable '{self.name}' to '{link_name}', "
                    f"itself read through an index, is not supported; use an index array")
            index_name = self.name
        elif positions is None:
            if self.mode == "same" and self.start == 0 and getattr(target, "start", 0) == 0:
                index_name = None  # the same element: no index needed
            else:
                relative = np.arange(target.N) if self.relative is None else self.relative
                index_name = _add_index_variable(target, new_name, relative + self.start)
        else:
            index_name = _add_index_variable(
                target, new_name, positions if self.relative is None else positions[self.relative])
        # code (resets, run_regularly) writes through the link, as in Brian; direct
        # assignment is refused by the view (VariableView)
        return ArrayView(new_name, root, index=index_name, owner=target,
                         read_only=root.read_only)

    def _subexpression(self, new_name, subexpr):
        """The source's expression, each of its variables read through this link (Brian's
        referred subexpressions); time, external names and constants stay as they are."""
        import sympy

        mapping = {}
        for dep in subexpr.expr.free_symbols:
            var = self.source.variables.get(dep.name)
            if var is None or isinstance(var, ClockVariable):
                continue
            hidden = f"_{new_name}_{dep.name}"
            if isinstance(var, ConstantVariable):
                self.target.variables[hidden] = var
            else:
                self.target.variables[hidden] = self.reference(hidden, var, dep.name)
            replacement = sympy.Symbol(hidden, real=True)
            if dep.name == "i" and self.start:  # the index within a subgroup
                replacement = replacement - self.start
            mapping[dep] = replacement
        return SubexpressionVariable(new_name, subexpr.dim, subexpr.expr.xreplace(mapping),
                                     subexpr.code, dtype=subexpr.dtype, owner=self.target,
                                     scalar=subexpr.scalar, var_type=subexpr.var_type)


def link_variable(target, varname, link):
    """Replace ``target``'s (linked) parameter ``varname`` by a view of ``link``."""
    eq = getattr(target, "equations", {}).get(varname) if hasattr(target, "equations") else None
    if eq is None or "linked" not in eq.flags:
        raise TypeError(f"'{varname}' of '{target.name}' is not a (linked) variable")
    source = link.group
    if link.name not in source.variables:
        raise KeyError(f"'{source.name}' has no variable '{link.name}' to link to")
    src_var = source.variables[link.name]
    if not isinstance(src_var, (ArrayVariable, SubexpressionVariable)):
        raise TypeError(f"Only state variables and subexpressions can be linked, "
                        f"'{link.name}' of '{source.name}' is neither")
    if src_var.dim is not eq.dim:
        from ..errors import DimensionMismatchError

        raise DimensionMismatchError(
            f"Cannot link '{varname}' of '{target.name}' to '{link.name}' of '{source.name}': "
            f"the units differ", eq.dim, src_var.dim)
    if isinstance(link.index, str):
        how = _Link(target, source, "name", name=_index_name(target, varname, link.index,
                                                             source))
    elif link.index is not None:
        if getattr(target, "_dynamic_size", False):
            raise TypeError(f"Cannot link '{varname}' of '{target.name}' with an index array: "
                            f"its size changes (Synapses); give the name of an integer "
                            f"variable of '{target.name}' as index instead")
        how = _Link(target, source, "relative",
                    relative=_index_array(target, varname, link.index, source))
    elif src_var.scalar:
        how = _Link(target, source, "same")
    elif source.N == 1 and (target.N != 1 or getattr(target, "_dynamic_size", False)):
        # every element reads the one element (Brian); also synapses, whatever their number
        how = _Link(target, source, "element")
    elif source.N != target.N:
        raise ValueError(f"Cannot link '{varname}' of '{target.name}' ({target.N} elements) to "
                         f"'{link.name}' of '{source.name}' ({source.N} elements) without an "
                         f"index: the sizes do not match")
    else:
        how = _Link(target, source, "same")
    target.variables[varname] = how.reference(varname, src_var, link.name)
    target.__dict__.setdefault("_links", {})[varname] = (source, how)


def check_links(group):
    """Before a run: every ``(linked)`` variable is linked, and a group linked element by
    element (Synapses change size) still has as many elements as its source."""
    links = group.__dict__.get("_links", {})
    unlinked = [eq.varname for eq in group.equations.values()
                if "linked" in eq.flags and eq.varname not in links]
    if unlinked:
        raise ValueError(f"The linked variable(s) {unlinked} of '{group.name}' were not "
                         f"linked: use {group.name}.{unlinked[0]} = linked_var(...)")
    if links:
        from .checks import check_shared_subexpressions

        check_shared_subexpressions(group)
    for varname, (source, how) in links.items():
        if how.mode == "name":
            index = group.variables[how.name].get_value() if hasattr(
                group.variables[how.name], "get_value") else group.variables[how.name].array
            index = np.asarray(index)[:int(group.N)] if np.ndim(index) else index
            if np.size(index) and (np.min(index) < 0 or np.max(index) >= int(source.N)):
                raise IndexError(f"The index '{how.name}' linking '{varname}' of "
                                 f"'{group.name}' to '{source.name}' has values outside "
                                 f"[0, {int(source.N)})")
        if how.mode == "same" and int(group.N) != int(source.N):
            raise ValueError(f"'{varname}' of '{group.name}' is linked element by element to "
                             f"'{source.name}', but they now have {int(group.N)} and "
                             f"{int(source.N)} elements")
