"""``G.v``: a live view on one variable of a group, indexable by value or by string.

Reads return quantities (copies); writes go to the group's storage, checked for
units. Strings index by condition (``G.v['i > 50']``) and assign by expression
(``G.v = 'rand()*mV'``), through generated code, as in Brian.
"""
import numpy as np

from ..units import (DIMENSIONLESS, Quantity, Unit, fail_for_dimension_mismatch, get_dimensions,
                     get_unit)

__all__ = ["VariableView"]


def _wrap(values, dim):
    if dim is DIMENSIONLESS:
        return values
    return Quantity.with_dimensions(values, dim)


class VariableView:
    """A variable of a group; ``unitless=True`` is the ``G.v_`` form."""

    __slots__ = ("group", "name", "unitless", "variable")

    def __init__(self, name, group, unitless=False):
        self.name = name
        self.group = group
        self.variable = group.variables[name]
        self.unitless = unitless

    @property
    def dim(self):
        return self.variable.dim

    @property
    def group_name(self):
        return self.group.name

    @property
    def unit(self):
        """The variable's unit (``volt``; ``radian`` for dimensionless variables, as Brian2's
        `get_unit`); ``Unit(1)`` for the unitless ``G.v_`` form."""
        return Unit(1) if self.unitless else get_unit(self.dim)

    def _raw(self):
        """The group-relative values: a writable view for arrays, a copy for subexpressions."""
        return self.group._raw_values(self.name)

    def get_item(self, item, level=0, namespace=None):
        item = self.group._convert_item(item)
        if isinstance(item, str):
            item = self.group._indices_from_condition(item, level=level + 1, namespace=namespace)
        raw = self._raw()
        if self.variable.scalar:
            values = raw[0] if (item == slice(None) or item == ()) else raw[item]
        else:
            values = raw[item]
        if isinstance(values, np.ndarray):
            values = values.copy()
        return values if self.unitless else _wrap(values, self.dim)

    def set_item(self, item, value, level=0, namespace=None):
        check_write = getattr(self.group, "_check_variable_write", None)
        if check_write is not None:  # Synapses: not before connect(), as in Brian
            check_write(self.name)
        item = self.group._convert_item(item)
        if isinstance(item, str):
            item = self.group._indices_from_condition(item, level=level + 1, namespace=namespace)
        if _is_linked(self.group, self.name):
            raise ValueError(f"Cannot set the linked variable '{self.name}' of "
                             f"'{self.group.name}' directly; set the variable it links to, "
                             f"or link it with linked_var(...)")
        if isinstance(value, str):
            # ``S.w_ = '5'``: the unitless form takes the expression's value in SI units unchecked
            self.group._set_with_code(self.name, item, value, level=level + 1, namespace=namespace,
                                      check_units=not self.unitless)
            return
        var = self.variable
        if var.read_only or var.is_subexpression:
            from ..errors import ConstantAssignmentError

            raise ConstantAssignmentError(f"Variable '{self.name}' of '{self.group.name}' is read-only.")
        if isinstance(value, VariableView):
            value = value.get_item(slice(None))
        if not self.unitless:
            fail_for_dimension_mismatch(
                value, Quantity.with_dimensions(1, self.dim),
                f"Incorrect units for setting '{self.name}' of '{self.group.name}'"
            ) if not (get_dimensions(value) is DIMENSIONLESS and _is_zero(value)) else None
        values = np.asarray(value)
        if var.dtype.kind in "iu":
            _check_integer_values(values, var, self.group)
        if var.check_values is not None:
            var.check_values(values)
        raw = self._raw()
        raw[item] = values

    def __getitem__(self, item):
        return self.get_item(item, level=1)

    def __setitem__(self, item, value):
        self.set_item(item, value, level=1)

    # --- behave like the values for reading ---
    def __array__(self, dtype=None, copy=None):
        # a Quantity, so that ``np.asanyarray(G.v)`` keeps the units (``np.asarray`` drops them)
        values = np.asarray(self._raw())
        if self.variable.scalar:  # shared variables, t, N: a 0-d array, as in Brian
            values = values.reshape(-1)[0:1].reshape(())
        values = values.astype(dtype) if dtype is not None else values.copy()
        return values if self.unitless else _wrap(values, self.dim)

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        inputs = tuple(_values(x) for x in inputs)
        if out is None or not any(isinstance(o, VariableView) for o in out):
            if out is not None:
                kwargs["out"] = out
            return getattr(ufunc, method)(*inputs, **kwargs)
        # np.add(G.v, 1*mV, out=G.v): compute, then write through the view (checking units)
        result = getattr(ufunc, method)(*inputs, **kwargs)
        results = result if isinstance(result, tuple) else (result,)
        for target, value in zip(out, results):
            if isinstance(target, VariableView):
                target.set_item(slice(None), value)
            elif target is not None:
                target[...] = value
        return out[0] if len(out) == 1 else out

    def __array_function__(self, func, types, args, kwargs):
        # np.concatenate([G.v, G.v]), np.where(c, G.v, 0*mV)...: on the values, with their units
        args = tuple(_values(a) for a in args)
        kwargs = {k: _values(v) for k, v in kwargs.items()}
        return func(*args, **kwargs)

    def __len__(self):
        return len(self._raw())

    def __iter__(self):
        return iter(self.get_item(slice(None)))

    @property
    def shape(self):
        return self._raw().shape

    @property
    def ndim(self):
        return 1

    def __repr__(self):
        values = self.get_item(slice(None))
        if isinstance(values, np.generic):
            values = values.item()  # '0.0' rather than 'np.float64(0.0)'
        return f"<{self.group.name}.{self.name}{'_' if self.unitless else ''}: {values!r}>"

    __str__ = __repr__  # Brian prints a view as '<group.var: values>' either way

    def __float__(self):
        return float(self.get_item(slice(None)))

    def __int__(self):
        return int(self.get_item(slice(None)))

    def __bool__(self):
        return bool(self.get_item(slice(None)))

    def __getattr__(self, name):
        # .sum(), .mean(), .max(), .shape ... come from the values
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.get_item(slice(None)), name)


def _values(x):
    """``x`` with variable views (also inside lists and tuples) replaced by their values."""
    if isinstance(x, VariableView):
        return x.get_item(slice(None))
    if isinstance(x, (list, tuple)) and any(isinstance(y, VariableView) for y in x):
        return type(x)(_values(y) for y in x)
    return x
def _check_integer_values(values, var, group):
    """Refuse what numpy would silently wrap or turn into garbage when storing ``values`` in
    the integer variable ``var``: NaN (``ValueError``), and numbers outside its type's range
    (``OverflowError``, as Brian). Floats are truncated towards zero, as in Brian."""
    from ..errors import InvalidValueError, ValueOverflowError

    if values.size == 0 or values.dtype.kind == "b":
        return
    info = np.iinfo(var.dtype)
    if values.dtype.kind == "f":
        if np.isnan(values).any():
            raise InvalidValueError(f"Cannot set the integer variable '{var.name}' of "
                                    f"'{group.name}' to NaN")
        truncated = np.trunc(values)
        low, high = truncated.min(), truncated.max()
    else:
        try:  # Python integers beyond int64 make an object array
            flat = [int(v) for v in values.ravel()] if values.dtype.kind == "O" else None
        except (TypeError, ValueError):
            return  # not numbers: numpy's own error follows
        low, high = (min(flat), max(flat)) if flat is not None else (values.min(), values.max())
    for bad in (low, high):
        if not info.min <= bad <= info.max:
            text = f"{bad:.17g}" if isinstance(bad, (float, np.floating)) else str(int(bad))
            raise ValueOverflowError(
                f"The value {text} does not fit the integer variable '{var.name}' of "
                f"'{group.name}' ({var.dtype}: {info.min} to {info.max})")


def _is_linked(group, name):
    equations = getattr(group, "equations", None)
    return equations is not None and name in equations and "linked" in equations[name].flags


def _is_zero(value):
    try:
        return bool(np.all(np.asarray(value) == 0))
    except Exception:  # noqa: BLE001 - any odd value is simply "not zero"
        return False


def _delegate(op):
    def method(self, *args):
        args = [a.get_item(slice(None)) if isinstance(a, VariableView) else a for a in args]
        return getattr(self.get_item(slice(None)), op)(*args)

    method.__name__ = op
    return method


for _op in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "neg", "pos", "abs",
            "lt", "le", "gt", "ge", "eq", "ne"):
    for _name in (f"__{_op}__", f"__r{_op}__"):
        if _name in ("__rneg__", "__rpos__", "__rabs__", "__rlt__", "__rle__", "__rgt__",
                     "__rge__", "__req__", "__rne__"):
            continue
        setattr(VariableView, _name, _delegate(_name))
for _op in ("iadd", "isub", "imul", "itruediv"):
    def _inplace(self, other, _base=_op[1:]):
        self.set_item(slice(None), getattr(self.get_item(slice(None)), f"__{_base}__")(other))
        return self
    setattr(VariableView, f"__{_op}__", _inplace)
VariableView.__hash__ = None
