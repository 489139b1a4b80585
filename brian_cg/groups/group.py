"""State access and code objects shared by every group (NeuronGroup, Subgroup, later Synapses)."""
import numpy as np
import sympy

from ..core.namespace import get_local_namespace, resolve_external
from ..core.variables import ArrayVariable, ClockVariable, ConstantVariable, SubexpressionVariable
from ..units import DIMENSIONLESS, Quantity, get_dimensions
from .variableview import VariableView

__all__ = ["Group"]


class Group:
    """Mixin giving ``G.v``, ``G.v_``, ``G.v = ...``, string indexing and code objects.

    A group defines ``variables`` (name -> Variable), ``_slice`` (its range in the
    arrays, a ``slice``), ``N`` and ``name``, and ``_namespace`` (explicit or None).
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

    # ---------------------------------------------------------------- raw values
    def _convert_item(self, item):
        """Hook for group-specific indices (Synapses: ``(i, j)`` pairs)."""
        if isinstance(item, (float, np.floating)):
            raise TypeError(f"Indices of '{self.name}' must be integers, slices, boolean arrays "
                            f"or strings, not {item!r}")
        return item

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        """Run ``code`` on every element at each step of its own clock (Brian's
        ``run_regularly``); returns the operation (already part of the group)."""
        from .operations import RegularOperation

        op = RegularOperation(self, code, dt=dt, clock=clock, when=when, order=order,
                              name=name or f"{self.name}_run_regularly*")
        self.contained_objects.append(op)
        return op

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

    def set_states(self, values, units=True, level=0):
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

    def _codeobject_class(self):
        from ..runtime import get_codeobject_class

        return get_codeobject_class()

    def _create_codeobject(self, suffix, operation, statements, **kwds):
        cls = self._codeobject_class()
        return cls(f"{self.name}_{suffix}", operation, statements, self.variables, self, **kwds)

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
            constants[fname] = _numpy_implementation(func, self)
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

    def _check_and_make(self, suffix, operation, statements, run_namespace, **kwds):
        from .checks import check_statement_units

        check_statement_units(statements, self, run_namespace)
        return self._create_codeobject(suffix, operation, statements, **kwds)

    def _user_code_number(self):
        """Numbers the code run on the user's request (``G.v = 'rand()'``): each call gets its
        own random stream, addressed independently of the clock, so the same script after the
        same ``seed()`` draws the same numbers whatever ran before."""
        from ..rng import next_user_code_number

        return next_user_code_number()

    def _set_with_code(self, varname, item, code, level=0, namespace=None):
        """``G.v[item] = 'expression'``: run generated code once on the selected elements."""
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
        # units as written, before the write is made conditional on refractoriness
        check_statement_units([stmt], self, run_namespace)
        co = self._create_codeobject(f"group_variable_set_{varname}_{self._user_code_number()}",
                                     "group_variable_set",
                                     apply_conditional_writes([stmt], self.variables),
                                     allow_writes="initialisation", random_step=0)
        # a shared variable takes one value: evaluate the expression for one element
        index = self._absolute_indices(slice(0, 1) if self.variables[varname].scalar else item)
        self._bind_codeobject(co, run_namespace, index=index, context=f"'{varname} = {code}'")
        co()

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
            raise ValueError(f"The index condition '{condition}' of '{self.name}' is not a "
                             f"boolean expression")
        stmt = Statement("_cond", "=", expr, comment=condition, written=parse_as_written(condition))
        co = self._check_and_make(f"group_get_indices_{self._user_code_number()}",
                                  "group_get_indices", [stmt], run_namespace, allow_writes=False,
                                  random_step=0)
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


def _numpy_implementation(func, owner):
    """What the numpy target calls for a user function (TimedArray, Brian-style Function)."""
    if hasattr(func, "numpy_implementation"):
        return func.numpy_implementation(owner)
    impl = getattr(func, "implementations", None)
    if impl is not None and "numpy" in impl:
        return impl["numpy"]
    return func


def quantity_or_array(values, dim):
    return values if dim is DIMENSIONLESS else Quantity.with_dimensions(values, dim)


def dims_of(value):
    return get_dimensions(value)
