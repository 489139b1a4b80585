"""Synapses: connections between two groups, with their own state and event code."""
import numbers

import numpy as np

from ..core.base import BrianObject
from ..core.variables import (
    ArrayVariable,
    ArrayView,
    ClockVariable,
    ConstantVariable,
    DynamicArrayVariable,
    SubexpressionVariable,
)
from ..errors import EquationError
from ..groups.group import Group
from ..units import DIMENSIONLESS, fail_for_dimension_mismatch, second

__all__ = ["Synapses"]

_ALLOWED_FLAGS = {
    "differential equation": {"clock-driven", "event-driven"},
    "subexpression": {"summed", "shared", "constant over dt"},
    "parameter": {"constant", "shared", "linked"},
}
# Names of a neuron group that synapses do not see through _pre/_post.
_NOT_REFERENCED = {"t", "dt", "t_in_timesteps", "N"}


class Synapses(Group, BrianObject):
    """Synapses from ``source`` to ``target`` (Brian's ``Synapses``).

    Parameters
    ----------
    source : NeuronGroup, Subgroup or any group emitting spikes
        The presynaptic group.
    target : NeuronGroup or Subgroup, optional
        The postsynaptic group (default: ``source``).
    model : str or Equations, optional
        Synaptic variables; ``(clock-driven)``/``(event-driven)`` differential equations,
        ``(summed)`` variables such as ``I_post = g*(v_pre - v_post) : amp (summed)``.
    on_pre, on_post : str or dict of str, optional
        Statements run when a presynaptic (postsynaptic) spike arrives; a dict gives
        several pathways.
    pre, post : str, optional
        Brian's old names of ``on_pre`` and ``on_post``.
    connect : None
        Refused (as in current Brian): call ``connect`` after creating the object.
    delay : Quantity or dict, optional
        A fixed delay of the ``pre`` pathway (or of each pathway); otherwise every synapse
        has its own ``delay`` (0 by default).
    on_event : str or dict, optional
        The event of the source (or of each pathway) that triggers ``on_pre``
        (default ``'spike'``).
    multisynaptic_index : str, optional
        Name of a variable numbering the synapses of the same pair.
    namespace : dict, optional
        Explicit namespace for external constants.
    dtype : dtype or dict, optional
        Storage type of float variables.
    codeobj_class : optional
        Accepted for Brian's signature.
    dt, clock : optional
        Clock of the clock-driven equations and summed variables.
    order : int
        Order within the scheduling slot.
    method : str or StateUpdateMethod
        Integration method of the clock-driven equations.
    method_options : dict, optional
        Options of the integration method.
    name : str
        Unique name.

    Examples
    --------
    >>> source = SpikeGeneratorGroup(1, [0], [1]*ms)
    >>> target = NeuronGroup(2, 'v : 1')
    >>> S = Synapses(source, target, 'w : 1', on_pre='v_post += w')
    >>> S.connect()
    >>> S.w = [0.5, 2]
    >>> run(2*ms)
    >>> target.v[:]
    array([0.5, 2. ])
    """

    _dynamic_size = True

    def __init__(self, source, target=None, model=None, on_pre=None, on_post=None, pre=None,
                 post=None, connect=None, delay=None, on_event="spike",
                 multisynaptic_index=None, namespace=None, dtype=None, codeobj_class=None,
                 dt=None, clock=None, order=0, method=("exact", "euler", "heun"),
                 method_options=None, name="synapses*"):
        from ..equations import Equations

        BrianObject.__init__(self, name=name, when="groups", order=order, dt=dt, clock=clock)
        if connect is not None:
            raise TypeError("The 'connect' argument of Synapses is not supported (as in current "
                            "Brian): call syn.connect(...) after creating the object.")
        if pre is not None:
            if on_pre is not None:
                raise TypeError("Give either 'on_pre' or its old name 'pre', not both")
            on_pre = pre
        if post is not None:
            if on_post is not None:
                raise TypeError("Give either 'on_post' or its old name 'post', not both")
            on_post = post
        self.source = source
        self.target = target if target is not None else source
        self._namespace = namespace
        self.method_choice = method
        model = model if model is not None else ""
        self.equations = model if isinstance(model, Equations) else Equations(model)
        self._check_flags()
        self.multisynaptic_index = multisynaptic_index
        self.variables = {}
        self._N = 0
        self._create_variables(dtype)
        self._pathways = []
        self._create_pathways(on_pre, on_post, delay, on_event)
        self._create_updaters()
        self._enable_group_attributes()

    # ---------------------------------------------------------------- structure
    def _check_flags(self):
        from ..groups.checks import check_flags

        check_flags(self.equations, _ALLOWED_FLAGS, "in Synapses")
        for eq in self.equations.values():
            if "linked" in eq.flags and len(eq.flags) > 1:
                raise EquationError(f"The linked variable '{eq.varname}' cannot have other "
                                    f"flags ({sorted(eq.flags)})")
            if "summed" in eq.flags and not eq.varname.endswith("_post") \
                    and not eq.varname.endswith("_pre"):
                raise EquationError(
                    f"The summed variable '{eq.varname}' must name a variable of the target "
                    f"(suffix '_post') or source (suffix '_pre')")
        self.event_driven = {n: eq for n, eq in self.equations.items()
                             if eq.type == "differential equation" and "event-driven" in eq.flags}

    @property
    def N(self):
        return self._N

    @property
    def _slice(self):
        return slice(0, self._N)

    def _parent_size(self):
        return self._N

    def __len__(self):
        return self._N

    def _create_variables(self, dtype):
        v = self.variables
        src, tgt = self.source, self.target
        self._source_offset = getattr(src, "start", 0)
        self._target_offset = getattr(tgt, "start", 0)
        int_dyn = dict(dtype=np.int32, owner=self, read_only=True, constant=True,
                       var_type="integer")
        v["_synaptic_pre"] = DynamicArrayVariable("_synaptic_pre", DIMENSIONLESS, **int_dyn)
        v["_synaptic_post"] = DynamicArrayVariable("_synaptic_post", DIMENSIONLESS, **int_dyn)
        for name, abs_name, offset in (("i", "_synaptic_pre", self._source_offset),
                                       ("j", "_synaptic_post", self._target_offset)):
            if offset == 0:
                v[name] = ArrayView(name, v[abs_name], owner=self, read_only=True)
            else:
                import sympy

                expr = sympy.Symbol(abs_name, real=True) - offset
                v[name] = SubexpressionVariable(name, DIMENSIONLESS, expr,
                                                f"{abs_name} - {offset}", dtype=np.int32,
                                                owner=self, var_type="integer")
        for eq in self.equations.values():
            dt_ = _dtype_for(eq, dtype)
            if eq.type == "subexpression" and "summed" in eq.flags:
                continue
            if eq.type == "subexpression" and "constant over dt" not in eq.flags:
                v[eq.varname] = SubexpressionVariable(
                    eq.varname, eq.dim, eq.expr.sympy, eq.expr.code, dtype=dt_, owner=self,
                    scalar="shared" in eq.flags, var_type=eq.var_type)
            elif "shared" in eq.flags:
                v[eq.varname] = ArrayVariable(eq.varname, eq.dim, 1, dtype=dt_, owner=self,
                                              constant="constant" in eq.flags, scalar=True,
                                              var_type=eq.var_type)
            else:
                v[eq.varname] = DynamicArrayVariable(
                    eq.varname, eq.dim, dtype=dt_, owner=self, constant="constant" in eq.flags,
                    var_type=eq.var_type)
        if self.event_driven:
            v["lastupdate"] = DynamicArrayVariable("lastupdate", second.dim, owner=self)
        if self.multisynaptic_index:
            v[self.multisynaptic_index] = DynamicArrayVariable(
                self.multisynaptic_index, DIMENSIONLESS, **int_dyn)
        # neuron counts, seen per synapse through its pre/post index
        self._n_incoming = ArrayVariable("N_incoming", DIMENSIONLESS, _parent_n(tgt),
                                         dtype=np.int32, owner=self, read_only=True)
        self._n_outgoing = ArrayVariable("N_outgoing", DIMENSIONLESS, _parent_n(src),
                                         dtype=np.int32, owner=self, read_only=True)
        v["N_incoming"] = ArrayView("N_incoming", self._n_incoming, index="_synaptic_post",
                                    owner=self)
        v["N_outgoing"] = ArrayView("N_outgoing", self._n_outgoing, index="_synaptic_pre",
                                    owner=self)
        v["N_pre"] = ConstantVariable("N_pre", DIMENSIONLESS, int(src.N), owner=self)
        v["N_post"] = ConstantVariable("N_post", DIMENSIONLESS, int(tgt.N), owner=self)
        v["N"] = ConstantVariable("N", DIMENSIONLESS, 0, owner=self)
        v["t"] = ClockVariable("t", second.dim, "t_", owner=self)
        v["dt"] = ClockVariable("dt", second.dim, "dt_", owner=self)
        v["t_in_timesteps"] = ClockVariable("t_in_timesteps", DIMENSIONLESS, "timestep",
                                            dtype=np.int64, owner=self)
        own = set(v)
        for group, suffix, index in ((src, "_pre", "_synaptic_pre"),
                                     (tgt, "_post", "_synaptic_post")):
            for name, var in group.variables.items():
                if name.startswith("_") or name in _NOT_REFERENCED:
                    continue
                if isinstance(var, ArrayView) and var.index is not None:
                    continue  # a synapse's view of its neurons: not addressable from here
                if isinstance(var, ArrayVariable) and name != "i":
                    v[name + suffix] = ArrayView(name + suffix, var, index=index, owner=self)
                    if suffix == "_post" and name not in own:
                        v[name] = ArrayView(name, var, index=index, owner=self)
        import sympy

        # Brian's names: i_pre, i_post are the sides' own 'i' (the neuron index of a neuron
        # group); for a side that is itself a Synapses object, its i and j (its neurons)
        for group, suffix, index, own_index in ((src, "_pre", "_synaptic_pre", "i"),
                                                (tgt, "_post", "_synaptic_post", "j")):
            if not isinstance(group, Synapses):
                v["i" + suffix] = v[own_index]
                continue
            for name, abs_name, offset in (("i", "_synaptic_pre", group._source_offset),
                                           ("j", "_synaptic_post", group._target_offset)):
                view = ArrayView(name + suffix, group.variables[abs_name], index=index,
                                 owner=self)
                if offset:
                    hidden = f"_{name}{suffix}_absolute"
                    v[hidden] = ArrayView(hidden, group.variables[abs_name], index=index,
                                          owner=self)
                    view = SubexpressionVariable(
                        name + suffix, DIMENSIONLESS, sympy.Symbol(hidden, real=True) - offset,
                        f"{name}{suffix}", dtype=np.int32, owner=self, var_type="integer")
                v[name + suffix] = view

        self._refer_subexpressions(own)
        for clock_name in ("t", "dt"):  # t_pre, t_post...: the synapse's clock (Brian's names)
            for suffix in ("_pre", "_post"):
                v[clock_name + suffix] = SubexpressionVariable(
                    clock_name + suffix, second.dim, sympy.Symbol(clock_name, real=True),
                    clock_name, owner=self, scalar=True)
        from ..groups.checks import check_shared_subexpressions

        check_shared_subexpressions(self)

    def _refer_subexpressions(self, own):
        """The subexpressions of the source and target as ``name_pre``/``name_post`` (and
        unsuffixed for the target, where the name is free), as Brian: the same expression
        of the neuron's variables, seen through the synapse's pre- or postsynaptic index."""
        import sympy

        v = self.variables
        referred = {}
        for group, suffix in ((self.source, "_pre"), (self.target, "_post")):
            for name, var in group.variables.items():
                if name.startswith("_") or not isinstance(var, SubexpressionVariable):
                    continue
                mapping = {}
                for dep in var.expr.free_symbols:
                    if dep.name in ("t", "dt", "t_in_timesteps") or \
                            dep.name not in group.variables:
                        continue  # the same time, or an external name: as it is
                    mapping[dep] = sympy.Symbol(dep.name + suffix, real=True)
                expr = var.expr.xreplace(mapping)
                names = [name + suffix] + ([name] if suffix == "_post" and name not in own
                                           else [])
                for new_name in names:
                    if new_name not in v:
                        referred[new_name] = SubexpressionVariable(
                            new_name, var.dim, expr, var.code, dtype=var.dtype, owner=self,
                            scalar=var.scalar, var_type=var.var_type)
        # drop those that need a variable this synapse cannot see (e.g. a target synapse's
        # own view of its neurons), until every remaining one is complete
        side_names = {n + suffix for group, suffix in ((self.source, "_pre"),
                                                       (self.target, "_post"))
                      for n in group.variables}
        while True:
            missing = [n for n, var in referred.items()
                       if any(d.name not in v and d.name not in referred and d.name in side_names
                              for d in var.expr.free_symbols)]
            if not missing:
                break
            for n in missing:
                del referred[n]
        v.update(referred)

    def _create_pathways(self, on_pre, on_post, delay, on_event):
        from .pathway import SynapticPathway

        pathways = []
        for prepost, code in (("pre", on_pre), ("post", on_post)):
            if not code:
                continue
            if isinstance(code, str):
                pathways.append((prepost, prepost, code))
            else:
                for objname, c in code.items():
                    pathways.append((prepost, objname, c))
        if isinstance(delay, dict):
            delays = delay
        elif delay is not None:
            delays = {"pre": delay}
        else:
            delays = {}
        for key in delays:
            if key not in [p[1] for p in pathways]:
                raise ValueError(f"A delay was given for the pathway '{key}', which does not "
                                 f"exist (pathways: {[p[1] for p in pathways]})")
        for prepost, objname, code in pathways:
            events = on_event if isinstance(on_event, str) else on_event.get(objname, "spike")
            side = self.source if prepost == "pre" else self.target
            if getattr(side, "events", None) is not None and events not in side.events:
                raise ValueError(f"{'Source' if prepost == 'pre' else 'Target'} group "
                                 f"'{side.name}' does not define an event '{events}'. Did you "
                                 f"forget to set a 'threshold'?")
            fixed = delays.get(objname)
            varname = "delay" if objname == "pre" else f"_{objname}_delay"
            if fixed is not None:
                fail_for_dimension_mismatch(fixed, second, "A synaptic delay must be a time")
                var = ArrayVariable(varname, second.dim, 1, owner=self, scalar=True)
                var.array[0] = float(np.asarray(fixed))
            else:
                var = DynamicArrayVariable(varname, second.dim, owner=self)
                var.array = np.zeros(self._N)
            self.variables[varname] = var
            pathway = SynapticPathway(self, code, prepost, objname, var, event=events)
            self._pathways.append(pathway)
            self.contained_objects.append(pathway)
            object.__setattr__(self, objname, pathway)

    def _create_updaters(self):
        from ..groups.operations import SubexpressionUpdater
        from .operations import SummedVariableUpdater, SynapticStateUpdater

        if any("constant over dt" in eq.flags for eq in self.equations.values()):
            self.subexpression_updater = SubexpressionUpdater(self)
            self.contained_objects.append(self.subexpression_updater)

        if any(eq.type == "differential equation" and "event-driven" not in eq.flags
               for eq in self.equations.values()):
            self.state_updater = SynapticStateUpdater(self)
            self.contained_objects.append(self.state_updater)
        self.summed_updaters = {}
        for eq in self.equations.values():
            if "summed" in eq.flags:
                upd = SummedVariableUpdater(self, eq)
                self.summed_updaters[eq.varname] = upd
                self.contained_objects.append(upd)

    # ---------------------------------------------------------------- connecting
    def connect(self, condition=None, i=None, j=None, p=1.0, n=1, skip_if_invalid=False,
                namespace=None, level=0):
        """Create synapses (Brian's ``connect``).

        Without arguments, every pair; ``connect`` may be called several times and adds
        synapses each time.

        Parameters
        ----------
        condition : str or bool, optional
            An expression of ``i``, ``j`` and the variables of source (``_pre``) and
            target (``_post``): the pairs for which it holds.
        i, j : int, array or str, optional
            Explicit source and target indices; ``j`` may be a generator expression of
            ``i``, e.g. ``j='k for k in range(i-3, i+4) if k != i'`` or
            ``j='k for k in sample(N_post, p=0.1)'``.
        p : float or str
            Probability of each candidate pair (a value or an expression).
        n : int or str
            Number of synapses for each pair.
        skip_if_invalid : bool
            Skip generated indices outside the target instead of raising ``IndexError``.
        namespace : dict, optional
            Namespace of the expressions (default: the caller's variables).
        level : int
            Frames above the caller for the namespace.

        Examples
        --------
        >>> G = NeuronGroup(5, 'v : 1')
        >>> S = Synapses(G, G)
        >>> S.connect(j='i + 1', skip_if_invalid=True)   # a chain 0 -> 1 -> ... -> 4
        >>> S.i[:], S.j[:]
        (array([0, 1, 2, 3], dtype=int32), array([1, 2, 3, 4], dtype=int32))
        """
        from ..core.namespace import get_local_namespace
        from .connect import create_synapses

        run_namespace = namespace if namespace is not None else get_local_namespace(level)
        object.__setattr__(self, "_connect_called", True)
        pre, post = create_synapses(self, condition, i, j, p, n, skip_if_invalid,
                                    run_namespace)
        self._add_synapses(pre, post)

    def _add_synapses(self, pre_abs, post_abs):
        old = self._N
        new = old + len(pre_abs)
        if new >= 2**31:
            raise ValueError("More than 2**31 synapses in one Synapses object")
        for var in set(self.variables.values()):
            if isinstance(var, DynamicArrayVariable) and var.owner is self:
                var.resize(new)
        self.variables["_synaptic_pre"].array[old:] = pre_abs
        self.variables["_synaptic_post"].array[old:] = post_abs
        self._n_incoming.array[:] += np.bincount(post_abs, minlength=self._n_incoming.size
                                                 ).astype(np.int32)
        self._n_outgoing.array[:] += np.bincount(pre_abs, minlength=self._n_outgoing.size
                                                 ).astype(np.int32)
        self._N = new
        self.variables["N"] = ConstantVariable("N", DIMENSIONLESS, new, owner=self)
        if self.multisynaptic_index:
            self._number_multisynapses()
        for pathway in self._pathways:
            pathway._structure_changed = True

    def _number_multisynapses(self):
        pre = self.variables["_synaptic_pre"].array.astype(np.int64)
        post = self.variables["_synaptic_post"].array.astype(np.int64)
        key = pre * (int(post.max()) + 1 if len(post) else 1) + post
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        first = np.searchsorted(sorted_key, sorted_key)
        rank = np.empty(len(key), dtype=np.int32)
        rank[order] = np.arange(len(key)) - first
        self.variables[self.multisynaptic_index].array[:] = rank

    # ---------------------------------------------------------------- access
    def __getitem__(self, item):
        """``S[i, j]``, ``S['i > j']``, ``S[k]``: the synapse indices (e.g. for
        ``StateMonitor(S, 'w', record=S[0, :])``)."""
        if isinstance(item, str):
            return self._indices_from_condition(item)
        converted = self._convert_item(item)
        return np.arange(self._N)[converted] if not isinstance(converted, np.ndarray) \
            else converted

    @property
    def N_incoming_post(self):
        """Number of synapses onto each target neuron."""
        start = self._target_offset
        return self._n_incoming.array[start:start + int(self.target.N)].copy()

    @property
    def N_outgoing_pre(self):
        """Number of synapses from each source neuron."""
        start = self._source_offset
        return self._n_outgoing.array[start:start + int(self.source.N)].copy()

    def _convert_item(self, item):
        """``syn.w[i, j]`` (pre, post indices; ints, slices or arrays) -> synapse indices."""
        if not isinstance(item, tuple):
            if isinstance(item, Group) and item is not self:
                # Brian returns the first len(group) synapses here, whatever the group
                raise IndexError(f"'{self.name}' is indexed by synapse or by (pre, post) "
                                 f"neurons: use {self.name}[{item.name}, :] for the synapses "
                                 f"from the neurons of '{item.name}'")
            return super()._convert_item(item)
        if len(item) not in (2, 3):
            raise IndexError("Synapses are indexed by a synapse index, by (i, j) or by "
                             "(i, j, k) with k the multisynaptic index")
        # a group selects its neurons (indices in the underlying group, as in Brian)
        item = tuple(sel._indices_in_source() - offset if isinstance(sel, Group) else sel
                     for sel, offset in zip(item, (self._source_offset, self._target_offset, 0)))
        pre = self.variables["_synaptic_pre"].array - self._source_offset
        post = self.variables["_synaptic_post"].array - self._target_offset
        mask = _matches(pre, item[0], self.source.N) & _matches(post, item[1], self.target.N)
        if len(item) == 3:
            if not self.multisynaptic_index:
                raise IndexError("(i, j, k) indexing needs a multisynaptic_index")
            mask &= _matches(self.variables[self.multisynaptic_index].array, item[2], None)
        return np.flatnonzero(mask)

    @property
    def memory_bytes(self):
        """Bytes held per this object's synaptic arrays (and the pathways' indices)."""
        total = sum(var.array.nbytes for var in set(self.variables.values())
                    if isinstance(var, DynamicArrayVariable) and var.owner is self)
        return total + sum(p.memory_bytes for p in self._pathways)

    def _state_for_store(self):
        state = {n: var.array.copy() for n, var in self.variables.items()
                 if isinstance(var, (DynamicArrayVariable, ArrayVariable))
                 and not isinstance(var, ArrayView) and var.owner is self}
        state["_N"] = self._N
        state["_n_in"] = self._n_incoming.array.copy()
        state["_n_out"] = self._n_outgoing.array.copy()
        return state

    def _restore_state(self, state):
        self._N = state["_N"]
        self.variables["N"] = ConstantVariable("N", DIMENSIONLESS, self._N, owner=self)
        for n, arr in state.items():
            if n in self.variables:
                self.variables[n].array = arr.copy()
        self._n_incoming.array[:] = state["_n_in"]
        self._n_outgoing.array[:] = state["_n_out"]
        for pathway in self._pathways:
            pathway._structure_changed = True

    _connect_called = False

    def _check_variable_write(self, name):
        """Brian refuses to set synaptic state before ``connect()`` was called."""
        if not self._connect_called:
            raise TypeError(f"Cannot write to the variable '{name}' of '{self.name}': call "
                            f"connect(...) first")

    def before_run(self, run_namespace):
        from ..groups.linked import check_links

        check_links(self)
        if self._N == 0 and self._pathways and not self._connect_called:
            raise TypeError(f"Synapses '{self.name}' does not do anything, since it has not "
                            f"created synapses with connect(); set its 'active' attribute to "
                            f"False to leave it out of a run")

    def __repr__(self):
        return (f"<Synapses {self.name} from '{self.source.name}' to '{self.target.name}', "
                f"{self._N} synapses>")


def _dtype_for(eq, dtype):
    if eq.var_type == "boolean":
        return np.bool_
    if eq.var_type == "integer":
        return np.int32
    from ..core.preferences import default_float_dtype

    if isinstance(dtype, dict):
        return dtype.get(eq.varname, default_float_dtype())
    return dtype if dtype is not None else default_float_dtype()


def _parent_n(group):
    return int(getattr(group, "_source_size", group.N))


def _matches(values, selector, n):
    if isinstance(selector, slice):
        if n is None:  # the multisynaptic index: as many as the largest number present
            n = int(values.max()) + 1 if len(values) else 0
        start, stop, step = selector.indices(n)
        return (values >= start) & (values < stop) & ((values - start) % step == 0)
    if isinstance(selector, numbers.Integral):
        return values == int(selector)
    selector = np.asarray(selector)
    if selector.dtype == bool:
        return selector[values]
    return np.isin(values, selector)

