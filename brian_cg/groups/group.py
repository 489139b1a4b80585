"""State access and code objects shared by every group (NeuronGroup, Subgroup, later Synapses)."""
import numpy as np
import sympy

from ..core.namespace import get_local_namespace, resolve_external
from ..core.variables import ArrayVariable, ClockVariable, ConstantVariable, SubexpressionVariable
from ..units import DIMENSIONLESS, Quantity, get_dimensions
from .variableview import VariableView

__all__ = ["Group"]

_warned_invalid = set()


def _warn_invalid_values(message):
    if message not in _warned_invalid:  # once per message, as Brian's logger.warn(once=True)
        _warned_invalid.add(message)
        from ..core.logger import get_logger

        get_logger("brian_cg.groups.group.invalid_values").warning(message)


class Group:
    """What every group has: variables read and written as attributes (``G.v``, ``G.v_``
    without units, ``G.v = ...``), indexing by integers, slices and conditions, string
    expressions, ``get_states``/``set_states``, ``run_regularly`` and ``run_at``.

    A group defines ``variables`` (name -> Variable), ``_slice`` (its range in the
    arrays, a ``slice``), ``N`` and ``name``, and ``_namespace`` (explicit or None).
    ``NeuronGroup``, ``Subgroup``, ``Synapses``, ``PoissonGroup`` and
    ``SpikeGeneratorGroup`` are groups.

    Examples
    --------
    >>> G = NeuronGroup(4, 'v : volt')
    >>> G.v = '-70*mV + i*mV'
    >>> G.v[G.v > -69*mV] = 0*mV
    >>> G.v[:]
    array([-70., -69.,   0.,   0.]) * mvolt
    >>> G.get_states(['v'], units=False)
    {'v': array([-0.07 , -0.069,  0.   ,  0.   ])}
    """

    _group_attributes_active = False
    _dynamic_size = False  # the number of elements changes between runs (Synapses)

    # ---------------------------------------------------------------- attributes
    def _enable_group_attributes(self):
        object.__setattr__(self, "_group_attributes_active", True)

    def __getattr__(self, name):
        if name.startswith("__") or not self.__dict__.get("_group_attributes_active", False):
            raise AttributeError(name)
        variables = self.__dict__.get("variables", {})
        if name in variables:
            return VariableView(name, self)
        if name.endswith("_") and name[:-1] in variables:
            return VariableView(name[:-1], self, unitless=True)
        raise AttributeError(f"'{type(self).__name__}' object '{self.name}' has no attribute or "
                             f"variable '{name}'")

    def __setattr__(self, name, value):
        if not self._group_attributes_active or name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        variables = self.variables
        from .linked import LinkedVariable, link_variable

        if isinstance(value, LinkedVariable):
            link_variable(self, name, value)
            return
        if name in variables:
            VariableView(name, self).set_item(slice(None), value, level=1)
        elif name.endswith("_") and name[:-1] in variables:
            VariableView(name[:-1], self, unitless=True).set_item(slice(None), value, level=1)
        elif name in type(self).__dict__ or hasattr(type(self), name) or name in self.__dict__:
            object.__setattr__(self, name, value)
        else:
            raise AttributeError(
                f"Could not set attribute '{name}' of '{self.name}': it is not a variable of the "
                f"group (variables: {', '.join(sorted(n for n in variables if not n.startswith('_')))})"
            )

    def __len__(self):
        return int(self.N)

    def _repr_html_(self):
        """Jupyter's display: size, model equations (LaTeX) and events, as Brian."""
        from .html import group_html

        return group_html(self)
    # ---------------------------------------------------------------- after a run
    def after_run(self):
        super().after_run()
        self._check_for_invalid_states()

    def _check_for_invalid_states(self):
        """Warn (once per variable) about NaN or very large values (|x| > 1e50) in the
        variables updated by differential equations, as Brian does after every run."""
        equations = getattr(self, "equations", None)
        if equations is None or not hasattr(equations, "diff_eq_names"):
            return
        for name in sorted(equations.diff_eq_names):
            try:
                values = np.asarray(self._raw_values(name))
            except (KeyError, TypeError):
                continue
            if values.dtype.kind != "f" or not values.size:
                continue
            if not float(np.abs(values).max()) <= 1e50:  # NaN compares False
                _warn_invalid_values(
                    f"{self.name}'s variable '{name}' has NaN, very large values, or "
                    f"encountered an error in numerical integration. This is usually a sign "
                    f"that an unstable or invalid integration method was chosen.")

    # ---------------------------------------------------------------- raw values
    def _convert_item(self, item):
        """Hook for group-specific indices (Synapses: ``(i, j)`` pairs)."""
        if isinstance(item, Group):  # Brian: a group's indices in its source, used as indices here
            return item._indices_in_source()
        if isinstance(item, (float, np.floating)):
            raise TypeError(f"Indices of '{self.name}' must be integers, slices, boolean arrays "
                            f"or strings, not {item!r}")
        return item

    def _indices_in_source(self):
        """The elements of this group as indices of the group it is part of (Brian's
        ``_indices()``): ``G[3:5]`` -> ``[3, 4]``."""
        start = self._slice.start or 0
        return np.arange(start, start + int(self.N))

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        """Run ``code`` on every element at each step of its own clock (Brian's
        ``run_regularly``); returns the operation (already part of the group)."""
        from .operations import RegularOperation

        op = RegularOperation(self, code, dt=dt, clock=clock, when=when, order=order,
                              name=name or f"{self.name}_run_regularly*")
        self.contained_objects.append(op)
        return op

    def run_at(self, code, times, when="start", order=0, name=None, codeobj_class=None):
        """Run ``code`` on every element at the given ``times`` only (Brian's ``run_at``):
        an operation on its own ``EventClock``; returns it (already part of the group)."""
        from ..core.clock import EventClock

        if name is None:
            taken = {o.name for o in self.contained_objects}
            name = f"{self.name}_run_at"
            k = 0
            while name in taken:
                k += 1
                name = f"{self.name}_run_at_{k}"
        clock = EventClock(times, name=f"{name}_eventclock*")
        return self.run_regularly(code, clock=clock, when=when, order=order, name=name)

    @property
    def indices(self):
        """The indices an item selects, as Brian's ``indices``: ``G.indices[2:5]``,
        ``S.indices[10, :]`` (the synapses from neuron 10), ``S.indices['i == j']``."""
        return IndexWrapper(self)

    def _element_indices(self, item):
        converted = self._convert_item(item)
        if isinstance(converted, np.ndarray) and converted.dtype != bool:
            return converted
        return np.arange(int(self.N))[converted]

    def _index_all(self):
        return self._slice

    def _raw_values(self, name):
        var = self.variables[name]
        if getattr(var, "index", None) is not None:  # seen through an index: a copy
            return var.array[self.variables[var.index].array[self._slice]]
        if isinstance(var, ArrayVariable):
            return var.array if var.scalar else var.array[self._slice]
        if isinstance(var, ConstantVariable):
            return np.asarray([var.value])
        if isinstance(var, ClockVariable):
            return np.asarray([getattr(self.clock, var.clock_attr)])
        if isinstance(var, SubexpressionVariable):
            # evaluated as the code reading it would (a noise term is refused there)
            expr = sympy.Symbol(name, real=True)
            return np.asarray(self._evaluate(expr, level=2)).astype(var.dtype, copy=False)
        raise TypeError(f"Cannot read '{name}'")

    def state(self, name, use_units=True, level=0):
        view = VariableView(name, self, unitless=not use_units)
        return view.get_item(slice(None), level=level + 1)

    @property
    def namespace(self):
        """The explicit namespace given at creation (an empty dict if none), as in Brian."""
        return self._namespace if self._namespace is not None else {}

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """Values of ``vars`` (default: all user-visible variables) as a dict."""
        if format != "dict":
            raise NotImplementedError("Only format='dict' is supported")
        names = vars if vars is not None else [
            n for n, var in self.variables.items()
            if not n.startswith("_") and (read_only_variables or not var.read_only)
            and (subexpressions or not var.is_subexpression)]
        return {n: self.state(n, use_units=units, level=level + 1) for n in names}

    def set_states(self, values, units=True, format="dict", level=0):
        if format != "dict":
            raise NotImplementedError("Only format='dict' is supported")
        for name, value in values.items():
            VariableView(name, self, unitless=not units).set_item(slice(None), value,
                                                                  level=level + 1)

    # ---------------------------------------------------------------- code
    def _namespace_for(self, level, namespace):
        if namespace is not None:
            return namespace
        return get_local_namespace()

    def _external_value(self, name, run_namespace, context):
        return resolve_external(name, self.name, self._namespace, run_namespace, context=context)

    def _create_codeobject(self, suffix, operation, statements, owner=None, **kwds):
        """The code of ``operation`` on the current target (``prefs.codegen.target``)."""
        from ..runtime.registry import get_target

        return get_target().make_codeobject(f"{self.name}_{suffix}", operation, statements,
                                            self.variables, self if owner is None else owner,
                                            **kwds)

    def _bind_codeobject(self, co, run_namespace, index=None, extra=None, context=""):
        """Give ``co`` this run's arrays, constants and functions."""
        block = co.block
        arrays = {n: self.variables[n].array for n in block.arrays_read + block.arrays_written}
        constants = {}
        for name, var in block.constants.items():
            if var is None:
                value = self._external_value(name, run_namespace, context or co.name)
                value = np.asarray(value).item() if np.ndim(value) == 0 else value
                if isinstance(value, int) and not isinstance(value, bool) \
                        and not -2**31 <= value < 2**31:
                    value = np.int64(value)  # mixes with int32 arrays without overflow
                constants[name] = value
            elif isinstance(var, ClockVariable):
                constants[name] = getattr(self.clock, var.clock_attr)
            else:
                constants[name] = var.value
        for fname in block.functions:
            func = resolve_external(fname, self.name, self._namespace, run_namespace,
                                    function=True, context=context or co.name)
            # each code object asks its target how to call it
            constants[fname] = as_function(func)
        full = self._index_all() if index is None else index
        parent_n = self._parent_size()
        n_total = len(range(*full.indices(parent_n))) if isinstance(full, slice) else len(full)
        bind = {"_index": full, "_arange": self._absolute_arange(), "_offset": self._slice.start or 0,
                "_n_total": n_total, "_events": getattr(self, "_events", None)}
        if extra:
            bind.update(extra)
        co.bind(arrays, constants, bind)

    def _absolute_arange(self):
        arange = getattr(self, "_arange_cache", None)
        n = self._parent_size()
        if arange is None or len(arange) != n:
            arange = np.arange(n, dtype=np.int64)
            object.__setattr__(self, "_arange_cache", arange)
        return arange

    def _parent_size(self):
        return int(getattr(self, "_source_size", self.N))

    def _absolute_indices(self, item):
        """Group-relative index (slice, int, array, bool mask) -> absolute index array or slice."""
        start = self._slice.start or 0
        if isinstance(item, slice) and item == slice(None):
            return self._slice
        rel = np.arange(int(self.N))[item]
        return np.atleast_1d(rel) + start

    def _check_and_make(self, suffix, operation, statements, run_namespace, check_units=True,
                        **kwds):
        from .checks import check_statement_units

        if check_units:
            check_statement_units(statements, self, run_namespace)
        return self._create_codeobject(suffix, operation, statements, **kwds)

    def _make_user_code(self, operation, statements, run_namespace, **kwds):
        """Code run once at the user's request (``G.v = 'rand()'``, ``G.v['rand() < p']``).

        Its random numbers are addressed by the number of the request since the last
        ``seed()`` (in place of the time step) and the element, not by the group or the
        variable: ``seed(n)`` before the same assignment repeats its values, whatever group
        it is made on, as Brian's sequential generator does."""
        from ..rng import next_user_code_number

        number = next_user_code_number()
        return self._check_and_make(f"user_code_{number}", operation, statements,
                                    run_namespace, owner=_UserCodeOwner(self),
                                    random_step=number, **kwds)

    def _set_with_code(self, varname, item, code, level=0, namespace=None, check_units=True):
        """``G.v[item] = 'expression'``: run generated code once on the selected elements
        (``check_units=False``: the unitless ``G.v_`` form, values in SI units as written)."""
        from ..codegen.conditional import apply_conditional_writes
        from ..codegen.shared import check_shared_writes
        from ..codegen.statements import Statement
        from ..equations import parse_as_written, parse_expression
        from .checks import check_statement_units

        run_namespace = self._namespace_for(level, namespace)
        expr = parse_expression(code)
        stmt = Statement(varname, "=", expr, comment=f"{varname} = {code}",
                         written=parse_as_written(code))
        check_shared_writes([stmt], self.variables, True,
                            f"the assignment to '{self.name}.{varname}'")

        from ..core.functions import expand_sampling_calls

        if check_units:  # as written, before the write is made conditional on refractoriness
            check_statement_units([stmt], self, run_namespace)
        stmts = expand_sampling_calls([stmt], self, run_namespace)
        co = self._make_user_code("group_variable_set",
                                  apply_conditional_writes(stmts, self.variables), run_namespace,
                                  allow_writes="initialisation", check_units=False)
        # a shared variable takes one value: evaluate the expression for one element
        index = self._absolute_indices(slice(0, 1) if self.variables[varname].scalar else item)
        self._bind_codeobject(co, run_namespace, index=index, context=f"'{varname} = {code}'")
        check = self.variables[varname].check_values
        before = self.variables[varname].array.copy() if check else None
        co()
        if check:
            try:
                check(self._raw_values(varname)[item])
            except Exception:
                self.variables[varname].array[...] = before  # the assignment did not happen
                raise

    def _indices_from_condition(self, condition, level=0, namespace=None):
        """Group-relative indices where the string ``condition`` holds."""
        import sympy

        from ..codegen.statements import Statement
        from ..equations import parse_expression
        from ..equations.dimensions import parse_as_written

        run_namespace = self._namespace_for(level, namespace)
        expr = parse_expression(condition)
        if not (isinstance(expr, sympy.logic.boolalg.Boolean) or expr in (sympy.true, sympy.false)
                or (expr.is_Symbol and getattr(self.variables.get(expr.name), "var_type", "")
                    == "boolean")):
            from ..errors import brian_object_exception

            # Brian raises a BrianObjectException here; it is a ValueError too
            raise brian_object_exception(ValueError(
                f"The index condition '{condition}' of '{self.name}' is not a boolean "
                f"expression"), self)
        stmt = Statement("_cond", "=", expr, comment=condition,
                         written=parse_as_written(condition))
        co = self._make_user_code("group_get_indices", [stmt], run_namespace,
                                  allow_writes=False)
        self._bind_codeobject(co, run_namespace, context=f"condition '{condition}'")
        return co()

    def _evaluate(self, expr, level=0, namespace=None):
        """Values of a sympy expression over the group (used for subexpressions)."""
        from ..codegen.statements import Statement

        run_namespace = self._namespace_for(level, namespace)
        stmt = Statement("_result", "=", expr)
        co = self._create_codeobject("group_evaluate", "group_evaluate", [stmt], allow_writes=False,
                                     need_t=True)
        self._bind_codeobject(co, run_namespace)
        return co()


class IndexWrapper:
    """What ``group.indices`` returns: indexing it gives element indices."""

    def __init__(self, group):
        self.group = group

    def __getitem__(self, item):
        item = getattr(item, "code", item)  # an Expression
        if isinstance(item, str):
            return self.group._indices_from_condition(item)
        return self.group._element_indices(item)


class _UserCodeOwner:
    """The owner of user-requested code as its code object sees it: the group's name and
    clock, and one random key shared by all such code (see ``Group._make_user_code``)."""

    # away from the keys of objects (counted up from seed(), or down from 2**32 before it)
    _random_number = 0x80000000

    def __init__(self, group):
        self.name = group.name
        self.clock = group.clock
        self._source_size = group._parent_size()
        self.N = group.N


def as_function(func):
    """A user function as the targets read it: a plain ``@check_units`` Python function
    becomes a ``Function`` (its arguments get their units), as in Brian; anything else
    (``Function``, ``TimedArray``) is itself."""
    if not hasattr(func, "numpy_implementation") and \
            getattr(func, "_arg_units", None) is not None and \
            getattr(func, "_return_unit", None) is not None:
        from ..core.functions import Function

        return Function(func)
    return func


def _numpy_implementation(func, owner):
    """What the numpy target calls for a user function (TimedArray, Brian-style Function,
    ``@check_units`` function)."""
    from ..runtime.numpy_runtime import numpy_function

    return numpy_function(as_function(func), owner)


def quantity_or_array(values, dim):
    return values if dim is DIMENSIONLESS else Quantity.with_dimensions(values, dim)


def dims_of(value):
    return get_dimensions(value)
