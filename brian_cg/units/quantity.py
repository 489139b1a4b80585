"""`Quantity`: a numpy array with a physical dimension (named units are in ``unit.py``)."""

import numbers

import numpy as np

from ..errors import DimensionMismatchError
from .dimensions import DIMENSIONLESS, Dimension, get_or_create_dimension

__all__ = [
    "Quantity",
    "fail_for_dimension_mismatch",
    "get_dimensions",
    "have_same_dimensions",
    "in_best_unit",
    "in_unit",
    "is_dimensionless",
    "is_scalar_type",
]


# ----------------------------------------------------------------------------
# helpers on dimensions
# ----------------------------------------------------------------------------
def get_dimensions(obj):
    """The `Dimension` of ``obj``: ``.dim`` of quantities (or any object with a
    ``dim`` attribute), `DIMENSIONLESS` for numbers, arrays, sympy numbers..."""
    if isinstance(obj, Quantity):
        return obj.dim
    if isinstance(obj, Dimension):
        return obj
    if isinstance(obj, (list, tuple)) and obj:
        # [1*mV, 2*mV]: the common dimension of the elements (Brian accepts such lists)
        dims = {get_dimensions(x) for x in obj}
        if len(dims) > 1:
            from ..errors import DimensionMismatchError

            raise DimensionMismatchError("The elements of the list have different units",
                                         *dims)
        return dims.pop()
    if isinstance(obj, (numbers.Number, np.ndarray, np.generic, bool, list, tuple)):
        return DIMENSIONLESS
    dim = getattr(obj, "dim", None)
    if isinstance(dim, Dimension):
        return dim
    try:
        if np.issubdtype(np.asarray(obj).dtype, np.number):
            return DIMENSIONLESS
    except Exception:
        pass
    if getattr(obj, "is_number", False):  # sympy numbers
        return DIMENSIONLESS
    raise TypeError(f"Object of type {type(obj)} does not have dimensions")


def is_scalar_type(obj):
    """True for a single dimensionless number (a Python or numpy number, a 0-d array)."""
    try:
        return obj.ndim == 0 and is_dimensionless(obj)
    except AttributeError:
        return np.isscalar(obj) and not isinstance(obj, str)


def is_dimensionless(obj):
    """True when ``obj`` has no physical dimension (numbers, arrays, dimensionless quantities)."""
    return get_dimensions(obj) is DIMENSIONLESS


def have_same_dimensions(obj1, obj2):
    """True when both objects have the same dimensions (numbers count as dimensionless)."""
    d1 = get_dimensions(obj1)
    d2 = get_dimensions(obj2)
    return d1 is d2 or d1 == d2


def fail_for_dimension_mismatch(obj1, obj2=None, error_message=None, **error_quantities):
    """Raise `DimensionMismatchError` unless ``obj1`` and ``obj2`` have the same
    dimensions (with ``obj2=None``: unless ``obj1`` is dimensionless).

    ``error_message`` may contain ``{name}`` fields, filled with the keyword
    arguments shown in their best units. Returns the two dimensions.
    """
    dim1 = get_dimensions(obj1)
    dim2 = DIMENSIONLESS if obj2 is None else get_dimensions(obj2)
    if dim1 is dim2 or dim1 == dim2:
        return dim1, dim2
    # a plain (non-Quantity) zero has any dimensions: ``clip(v, 0, vmax)``, ``x == 0``
    if (dim1 is DIMENSIONLESS and _is_zero(obj1)) or (
            obj2 is not None and dim2 is DIMENSIONLESS and _is_zero(obj2)):
        return dim1, dim2
    if error_message is None:
        error_message = "Dimension mismatch"
    else:
        shown = {
            name: (_format_value(q) if isinstance(q, (Quantity, Dimension)) or True else q)
            for name, q in error_quantities.items()
        }
        error_message = error_message.format(**shown)
    if obj2 is None:
        raise DimensionMismatchError(error_message, dim1)
    raise DimensionMismatchError(error_message, dim1, dim2)


def _format_value(q):
    if isinstance(q, Quantity):
        return str(q)
    if isinstance(q, Dimension):
        return str(q)
    try:
        return str(q)
    except Exception:  # pragma: no cover
        return repr(q)


def _is_zero(x):
    """Plain (non-Quantity) numbers that are all zero may be added to / compared with anything."""
    if isinstance(x, Quantity):
        return False
    try:
        a = np.asarray(x)
        return a.dtype.kind in "biufc" and a.size > 0 and not np.any(a)
    except Exception:
        return False


def _is_infinity(x):
    """A plain scalar +-inf, which (like Brian2) any quantity may be compared with."""
    if isinstance(x, Quantity):
        return False
    try:
        return np.ndim(x) == 0 and bool(np.isinf(x))
    except TypeError:
        return False


# ----------------------------------------------------------------------------
# ufunc categories
# ----------------------------------------------------------------------------
_U = np
_SAME_KEEP = {
    _U.add, _U.subtract, _U.maximum, _U.minimum, _U.fmax, _U.fmin,
    _U.remainder, _U.fmod, _U.hypot, _U.nextafter,
}
_COMPARE = {_U.less, _U.less_equal, _U.greater, _U.greater_equal, _U.equal, _U.not_equal}
_KEEP_UNARY = {
    _U.negative, _U.positive, _U.absolute, _U.fabs, _U.conjugate, _U.rint,
    _U.floor, _U.ceil, _U.trunc, _U.spacing,
}
_DIMLESS = {
    _U.exp, _U.exp2, _U.expm1, _U.log, _U.log2, _U.log10, _U.log1p,
    _U.sin, _U.cos, _U.tan, _U.arcsin, _U.arccos, _U.arctan, _U.sinh, _U.cosh,
    _U.tanh, _U.arcsinh, _U.arccosh, _U.arctanh, _U.deg2rad, _U.rad2deg,
    _U.degrees, _U.radians, _U.logaddexp, _U.logaddexp2,
}
_ANY_TO_PLAIN = {
    _U.isnan, _U.isinf, _U.isfinite, _U.signbit, _U.sign, _U.logical_not,
    _U.logical_and, _U.logical_or, _U.logical_xor,
}
_NAMES = {
    _U.add: "add", _U.subtract: "subtract", _U.less: "<", _U.less_equal: "<=",
    _U.greater: ">", _U.greater_equal: ">=", _U.equal: "==", _U.not_equal: "!=",
}


def _defers(x):
    """Objects other than arrays and numbers that handle ufuncs themselves (a group's variable
    view): a Quantity leaves the operation to them, as numpy's protocol asks."""
    if isinstance(x, (np.ndarray, numbers.Number, np.generic)):
        return False
    handler = getattr(type(x), "__array_ufunc__", None)
    return handler is not None and handler is not np.ndarray.__array_ufunc__


def _plain(x):
    return x.view(np.ndarray) if isinstance(x, Quantity) else x


def _wrap(result, dim):
    """Turn a plain numpy result into a Quantity of ``dim``; dimensionless results
    stay plain arrays / numpy scalars (like Brian2)."""
    if dim is DIMENSIONLESS:
        return result
    if isinstance(result, np.ndarray):
        q = result.view(Quantity)
        q.dim = dim
        return q
    return Quantity.with_dimensions(result, dim)


def _output(result, out, dim):
    """The value a ufunc returns: ``result`` (or the ``out`` array numpy wrote it to) with
    dimensions ``dim``. numpy passes one of the operands as ``out`` when it reuses a temporary
    array (above ~32k elements), so a plain ``out`` array is as common as a missing one."""
    if out is None:
        return _wrap(result, dim)
    if isinstance(out, Quantity):
        out.dim = dim  # its values now are in ``dim``, whatever they were before
        return out if dim is not DIMENSIONLESS else out.view(np.ndarray)
    return _wrap(out, dim)


def _power_dim(base_dim, exponent, ufunc_name="power"):
    exp_dim = get_dimensions(exponent)
    if exp_dim is not DIMENSIONLESS:
        raise DimensionMismatchError(
            f"The exponent for a {ufunc_name} operation has to be dimensionless "
            f"but was {_format_value(exponent)}",
            exp_dim,
        )
    if base_dim is DIMENSIONLESS:
        return DIMENSIONLESS
    e = np.asarray(_plain(exponent))
    if e.size != 1:
        raise TypeError("Only length-1 arrays can be used as an exponent for quantities.")
    return base_dim ** float(e.reshape(()))


# ----------------------------------------------------------------------------
# Quantity
# ----------------------------------------------------------------------------
class Quantity(np.ndarray):
    """A numpy array with a physical dimension ``dim`` (values are in SI base units)."""

    __array_priority__ = 1000

    def __new__(cls, arr, dim=None, dtype=None, copy=False, force_quantity=False):
        if isinstance(arr, (list, tuple)) and any(isinstance(x, Quantity) for x in _flat(arr)):
            items = list(_flat(arr))
            d0 = get_dimensions(items[0])
            for it in items[1:]:
                if get_dimensions(it) != d0 and not _is_zero(it):
                    raise DimensionMismatchError(
                        "Mixing quantities with different dimensions is not allowed",
                        get_dimensions(it), d0,
                    )
            arr = np.array(_strip_nested(arr))
            if dim is None:
                dim = d0
        if dim is None:
            dim = arr.dim if isinstance(arr, Quantity) else DIMENSIONLESS
        elif not isinstance(dim, Dimension):
            dim = get_or_create_dimension(dim)
        value = np.array(_plain(arr), dtype=dtype, copy=True) if copy else np.asarray(_plain(arr), dtype=dtype)
        if dtype is None and value.dtype.kind in "biu" or value.dtype.kind not in "biufc":
            value = value.astype(np.float64)
        obj = value.view(cls)
        obj.dim = dim
        return obj

    def __array_finalize__(self, obj):
        self.dim = getattr(obj, "dim", DIMENSIONLESS)

    @classmethod
    def with_dimensions(cls, value, *args, **keywords):
        """Fast constructor: ``Quantity.with_dimensions(value, dim)`` (no copy;
        scalars give 0-d quantities). Also accepts exponents like `get_or_create_dimension`."""
        if len(args) == 1 and not keywords and isinstance(args[0], Dimension):
            dim = args[0]
        elif not args and not keywords:
            dim = DIMENSIONLESS
        else:
            dim = get_or_create_dimension(*args, **keywords)
        x = np.asarray(value)
        if x.dtype.kind in "biu":
            x = x.astype(np.float64)
        q = x.view(cls)
        q.dim = dim
        return q

    # --- attributes ----------------------------------------------------
    @property
    def dimensions(self):
        return self.dim

    @property
    def is_dimensionless(self):
        return self.dim is DIMENSIONLESS

    def has_same_dimensions(self, other):
        return have_same_dimensions(self, other)

    def __reduce__(self):
        base = np.ndarray.__reduce__(self)
        return base[0], base[1], (base[2], self.dim)

    def __setstate__(self, state):
        ndstate, dim = state
        np.ndarray.__setstate__(self, ndstate)
        self.dim = dim

    def __deepcopy__(self, memo):
        return Quantity.with_dimensions(np.array(self.view(np.ndarray), copy=True), self.dim)

    # --- ufuncs --------------------------------------------------------
    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        if any(_defers(x) for x in inputs + (out or ())):
            return NotImplemented  # e.g. 2*mV + G.v: the view gives its values, numpy calls again
        if out is not None and method == "__call__" and all(
                isinstance(o, Quantity) and o.ndim == 0 for o in out):
            # ``x += 1*mV`` on a scalar quantity rebinds ``x`` to a new value and leaves other
            # names bound to the old one unchanged, as with Python floats (and Brian2)
            out = None
        dims = [get_dimensions(x) for x in inputs]
        args = [_plain(x) for x in inputs]
        if out is not None:
            kwargs["out"] = tuple(_plain(o) for o in out)
        if method == "__call__":
            dim = self._call_dim(ufunc, inputs, dims)
        elif method in ("reduce", "accumulate", "reduceat"):
            d = dims[0]
            if ufunc in (np.add, np.maximum, np.minimum, np.fmax, np.fmin):
                dim = d
            elif ufunc is np.multiply:
                if d is not DIMENSIONLESS:
                    if method != "reduce":
                        raise TypeError(f"{ufunc.__name__}.{method} requires dimensionless values")
                    arr = np.asarray(args[0])
                    axis = kwargs.get("axis", 0)
                    n = arr.size if axis is None else (
                        np.prod([arr.shape[a] for a in np.atleast_1d(axis)]) if arr.ndim else 1)
                    dim = d ** n
                else:
                    dim = d
            elif ufunc in _ANY_TO_PLAIN or ufunc in _COMPARE:
                dim = DIMENSIONLESS
            else:
                if d is not DIMENSIONLESS:
                    raise DimensionMismatchError(
                        f"{ufunc.__name__}.{method} expects dimensionless values", d)
                dim = DIMENSIONLESS
        elif method == "outer":
            dim = self._call_dim(ufunc, inputs, dims)
        elif method == "at":
            dim = self._call_dim(ufunc, inputs[:1] + inputs[2:], dims[:1] + dims[2:])
            if dim is not dims[0] and dim != dims[0]:
                raise DimensionMismatchError(
                    f"{ufunc.__name__}.at would change the units of its first argument",
                    dims[0], dim)
            return getattr(ufunc, method)(*args, **kwargs)
        else:
            return NotImplemented
        result = getattr(ufunc, method)(*args, **kwargs)
        if method == "__call__" and ufunc.nout > 1:
            dims_out = dim if isinstance(dim, tuple) else (dim,) * ufunc.nout
            return tuple(_output(r, o, d) for r, o, d in
                         zip(result, out or (None,) * ufunc.nout, dims_out))
        return _output(result, out[0] if out else None, dim)

    @staticmethod
    def _call_dim(ufunc, inputs, dims):
        if ufunc in _SAME_KEEP or ufunc in _COMPARE:
            d1, d2 = dims
            if d1 is not d2:
                # a plain 0 is compatible with any dimension
                if d2 is DIMENSIONLESS and _is_zero(inputs[1]):
                    d2 = d1
                elif d1 is DIMENSIONLESS and _is_zero(inputs[0]):
                    d1 = d2
                elif ufunc in _COMPARE and (_is_infinity(inputs[0]) or _is_infinity(inputs[1])):
                    return DIMENSIONLESS
                else:
                    a, b = (_format_value(x) for x in inputs)
                    if ufunc in _COMPARE:
                        msg = f"Cannot perform comparison {a} {_NAMES[ufunc]} {b}, units do not match"
                    else:
                        name = _NAMES.get(ufunc, ufunc.__name__)
                        msg = f"Cannot calculate {a} {name} {b}, the units do not match"
                    raise DimensionMismatchError(msg, d1, d2)
            return DIMENSIONLESS if ufunc in _COMPARE else (d1 if d1 is not DIMENSIONLESS else d2)
        if ufunc is np.multiply or ufunc is np.matmul:
            return dims[0] * dims[1]
        if ufunc is np.true_divide or ufunc is np.divide:
            return dims[0] / dims[1]
        if ufunc is np.floor_divide:
            return dims[0] / dims[1]
        if ufunc is np.divmod:
            if dims[0] is not dims[1]:
                raise DimensionMismatchError(
                    f"Cannot calculate divmod of {_format_value(inputs[0])} and "
                    f"{_format_value(inputs[1])}, the units do not match", dims[0], dims[1])
            return (DIMENSIONLESS, dims[0])
        if ufunc is np.reciprocal:
            return dims[0] ** -1
        if ufunc is np.power or ufunc is np.float_power:
            return _power_dim(dims[0], inputs[1])
        if ufunc is np.sqrt:
            return dims[0] ** 0.5
        if ufunc is np.cbrt:
            return dims[0] ** (1.0 / 3.0)
        if ufunc is np.square:
            return dims[0] ** 2
        if ufunc in _KEEP_UNARY:
            return dims[0]
        if ufunc is np.copysign or ufunc is np.ldexp:
            return dims[0]
        if ufunc in _ANY_TO_PLAIN:
            return DIMENSIONLESS
        if ufunc is np.arctan2:
            if dims[0] is not dims[1]:
                raise DimensionMismatchError(
                    "arctan2 requires arguments with the same units", dims[0], dims[1])
            return DIMENSIONLESS
        if ufunc is np.modf or ufunc is np.frexp:
            if dims[0] is not DIMENSIONLESS:
                raise DimensionMismatchError(
                    f"{ufunc.__name__} expects a dimensionless argument", dims[0])
            return DIMENSIONLESS
        # everything else (exp, log, sin, bitwise ops, ...): dimensionless only
        for x, d in zip(inputs, dims):
            if d is not DIMENSIONLESS:
                raise DimensionMismatchError(
                    f"{ufunc.__name__} expects a dimensionless argument but got "
                    f"{_format_value(x)}", d)
        return DIMENSIONLESS

    # --- numpy functions ------------------------------------------------
    def __array_function__(self, func, types, args, kwargs):
        impl = _FUNCTIONS.get(func)
        if impl is not None:
            return impl(*args, **kwargs)
        return super().__array_function__(func, types, args, kwargs)

    # --- indexing ------------------------------------------------------
    def __getitem__(self, key):
        r = np.ndarray.__getitem__(self, key)
        if isinstance(r, np.ndarray):
            if not isinstance(r, Quantity):
                r = r.view(Quantity)
            r.dim = self.dim
            return r
        return Quantity.with_dimensions(r, self.dim)

    def __setitem__(self, key, value):
        d = get_dimensions(value)
        if d is not self.dim and not _is_zero(value):
            raise DimensionMismatchError("Inconsistent units in assignment", self.dim, d)
        np.ndarray.__setitem__(self, key, _plain(value))

    def __iter__(self):
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d quantity")
        for i in range(self.shape[0]):
            yield self[i]

    def tolist(self):
        def rec(x):
            if x.ndim == 0:
                return Quantity.with_dimensions(x.view(np.ndarray)[()], self.dim)
            return [rec(x[i]) for i in range(x.shape[0])]

        if self.dim is DIMENSIONLESS:
            return self.view(np.ndarray).tolist()
        return rec(self)

    def item(self, *args):
        return Quantity.with_dimensions(self.view(np.ndarray).item(*args), self.dim)

    # --- conversion ----------------------------------------------------
    def __float__(self):
        return float(self.view(np.ndarray))

    def __int__(self):
        return int(self.view(np.ndarray))

    def __complex__(self):
        return complex(self.view(np.ndarray))

    def __index__(self):
        if self.dim is not DIMENSIONLESS:
            raise TypeError("Only dimensionless integer quantities can be used as an index")
        return self.view(np.ndarray).__index__()

    def __bool__(self):
        return bool(self.view(np.ndarray))

    # --- methods returning indices: plain arrays --------------------------
    def argsort(self, *args, **kwargs):
        return self.view(np.ndarray).argsort(*args, **kwargs)

    def argpartition(self, *args, **kwargs):
        return self.view(np.ndarray).argpartition(*args, **kwargs)

    def argmax(self, *args, **kwargs):
        return self.view(np.ndarray).argmax(*args, **kwargs)

    def argmin(self, *args, **kwargs):
        return self.view(np.ndarray).argmin(*args, **kwargs)

    def nonzero(self):
        return self.view(np.ndarray).nonzero()

    # --- methods keeping / changing dimensions --------------------------
    def _keep(self, name, *args, **kwargs):
        r = getattr(self.view(np.ndarray), name)(*args, **_plain_out(kwargs))
        return self._finish(r, self.dim, kwargs)

    def _finish(self, r, dim, kwargs):
        out = kwargs.get("out")
        if isinstance(out, Quantity):
            out.dim = dim
            return out
        return Quantity.with_dimensions(r, dim)

    def sum(self, *args, **kwargs):
        return self._keep("sum", *args, **kwargs)

    def mean(self, *args, **kwargs):
        return self._keep("mean", *args, **kwargs)

    def std(self, *args, **kwargs):
        return self._keep("std", *args, **kwargs)

    def min(self, *args, **kwargs):
        return self._keep("min", *args, **kwargs)

    def max(self, *args, **kwargs):
        return self._keep("max", *args, **kwargs)

    def cumsum(self, *args, **kwargs):
        return self._keep("cumsum", *args, **kwargs)

    def round(self, *args, **kwargs):
        return self._keep("round", *args, **kwargs)

    def trace(self, *args, **kwargs):
        return self._keep("trace", *args, **kwargs)

    def ptp(self, *args, **kwargs):
        return Quantity.with_dimensions(np.ptp(self.view(np.ndarray), *args, **kwargs), self.dim)

    def var(self, *args, **kwargs):
        r = self.view(np.ndarray).var(*args, **_plain_out(kwargs))
        return self._finish(r, self.dim ** 2, kwargs)

    def prod(self, axis=None, *args, **kwargs):
        arr = self.view(np.ndarray)
        r = arr.prod(axis, *args, **_plain_out(kwargs))
        if self.dim is DIMENSIONLESS:
            return r
        n = arr.size if axis is None else int(np.prod([arr.shape[a] for a in np.atleast_1d(axis)]))
        return self._finish(r, self.dim ** n, kwargs)

    def cumprod(self, *args, **kwargs):
        if self.dim is not DIMENSIONLESS:
            raise TypeError("cumprod over array elements on quantities with dimensions is not possible.")
        return self.view(np.ndarray).cumprod(*args, **kwargs)

    def clip(self, min=None, max=None, *args, **kwargs):
        for b in (min, max):
            if b is not None:
                fail_for_dimension_mismatch(self, b, "clip")
        r = self.view(np.ndarray).clip(_plain(min), _plain(max), *args, **_plain_out(kwargs))
        return self._finish(r, self.dim, kwargs)

    def dot(self, other, *args, **kwargs):
        r = np.dot(self.view(np.ndarray), _plain(other), *args, **kwargs)
        return _wrap(r, self.dim * get_dimensions(other))

    def fill(self, value):
        fail_for_dimension_mismatch(self, value, "fill")
        self.view(np.ndarray).fill(_plain(value))

    def put(self, indices, values, *args, **kwargs):
        fail_for_dimension_mismatch(self, values, "put")
        self.view(np.ndarray).put(indices, _plain(values), *args, **kwargs)

    def searchsorted(self, v, *args, **kwargs):
        fail_for_dimension_mismatch(self, v, "searchsorted")
        return self.view(np.ndarray).searchsorted(_plain(v), *args, **kwargs)

    # --- display -------------------------------------------------------
    def in_unit(self, u, precision=None, python_code=False):
        """String of the values in unit ``u``, e.g. ``'0.003 V'``."""
        fail_for_dimension_mismatch(self, u, 'Non-matching unit for method "in_unit"')
        value = np.asarray(self.view(np.ndarray) / np.asarray(u).view(np.ndarray))
        s = _array_text(value, precision, python_code)
        if not is_dimensionless(u):
            if _is_named_unit(u):
                s += f" * {u!r}" if python_code else f" {u}"
            else:
                s += f" * {u.dim!r}" if python_code else f" {u.dim}"
        elif python_code and _is_named_unit(u) and u.name not in ("", "1", "Unit(1)"):
            s += f" * {u!r}"
        return s

    def in_best_unit(self, precision=None, python_code=False):
        """String of the values in the most readable unit, e.g. ``'10. ms'``."""
        if self.dim is DIMENSIONLESS:
            value = self.view(np.ndarray)
            s = _array_text(value, precision, python_code)
            if python_code:
                s = f"Quantity({s})"
            return s
        return self.in_unit(self.get_best_unit(), precision, python_code)

    def get_best_unit(self, *regs):
        return _display_unit_finder[0](self)

    def __repr__(self):
        return self.in_best_unit(python_code=True)

    def __str__(self):
        return self.in_best_unit()

    def __format__(self, format_spec):
        if format_spec == "":
            return str(self)
        return format(self.view(np.ndarray)[()] if self.ndim == 0 else self.view(np.ndarray),
                      format_spec)

    # --- legacy spellings ------------------------------------------------
    def get_dimensions(self):
        return self.dim

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        # only reached by numpy internals that bypass __array_ufunc__
        if return_scalar and obj.ndim == 0:
            return obj[()]
        r = obj.view(Quantity)
        r.dim = self.dim
        return r


#: the function choosing the unit a quantity is shown in: ``registry.best_unit``, installed by
#: the registry, which needs the unit definitions and so sits above this module
_display_unit_finder = [None]


def set_display_unit_finder(finder):
    """Make ``finder(quantity) -> Unit`` choose the units of ``str``/``repr`` of quantities."""
    _display_unit_finder[0] = finder


def _is_named_unit(u):
    """A `Unit` (shown by its name) rather than a plain quantity; ``unit.py`` defines the class."""
    return isinstance(u, Quantity) and getattr(type(u), "is_named_unit", False)


def _plain_out(kwargs):
    out = kwargs.get("out")
    if isinstance(out, Quantity):
        kwargs = dict(kwargs)
        kwargs["out"] = out.view(np.ndarray)
    return kwargs


def _array_text(value, precision, python_code):
    value = np.asarray(value)
    if value.shape == ():
        s = np.array_str(np.array([value]), precision=precision)
        return s.replace("[", "").replace("]", "").strip()
    if python_code:
        return np.array_repr(value, precision=precision)
    return np.array_str(value, precision=precision)


def _flat(x):
    if isinstance(x, (list, tuple)):
        for y in x:
            yield from _flat(y)
    else:
        yield x


def _strip_nested(x):
    if isinstance(x, (list, tuple)):
        return [_strip_nested(y) for y in x]
    return np.asarray(_plain(x)) if isinstance(x, Quantity) else x


def in_unit(x, u, precision=None):
    """Module-level version of `Quantity.in_unit` (also for plain numbers)."""
    if isinstance(x, Quantity):
        return x.in_unit(u, precision=precision)
    fail_for_dimension_mismatch(x, u, 'Non-matching unit for function "in_unit"')
    return str(x)


def in_best_unit(x, precision=None):
    if isinstance(x, Quantity):
        return x.in_best_unit(precision=precision)
    return str(x)


# ----------------------------------------------------------------------------
# numpy functions that keep / check units (others run on the values)
# ----------------------------------------------------------------------------
def _common_dim(arrays, what):
    dims = [get_dimensions(a) for a in arrays]
    ref = next((d for d, a in zip(dims, arrays) if not _is_zero(a) or isinstance(a, Quantity)),
               DIMENSIONLESS)
    for a, d in zip(arrays, dims):
        if d is not ref and not _is_zero(a):
            raise DimensionMismatchError(f"{what}: all arguments must have the same units", ref, d)
    return ref


def _output_array(out, dim, what):
    """The plain array behind ``out=``, which must already have the result's units (Brian2)."""
    if out is None:
        return None
    out_dim = get_dimensions(out)
    if out_dim is not dim and out_dim != dim:
        raise DimensionMismatchError(f"{what}: the output array has the wrong units", out_dim, dim)
    return _plain(out)


def _call(func, *args, out=None, **kwargs):
    """``func`` on plain arrays, passing ``out`` only when given (not every function takes it)."""
    if out is not None:
        kwargs["out"] = out
    return func(*args, **kwargs)


def _dimensionless_value(x, what):
    """An argument that must be dimensionless (an axis, a percentage...), as a plain value."""
    if isinstance(x, Quantity):
        fail_for_dimension_mismatch(x, None, f"{what} expects a dimensionless value here, got {x}")
        return x.view(np.ndarray)
    return x


def _joiner(func):
    name = func.__name__

    def impl(arrays, *args, out=None, **kwargs):
        arrays = list(arrays)
        dim = _common_dim(arrays, name)
        r = _call(func, [np.asarray(_plain(a)) for a in arrays], *args,
                  out=_output_array(out, dim, name), **kwargs)
        return out if out is not None else _wrap(r, dim)

    return impl


def _append(arr, values, axis=None):
    dim = _common_dim([arr, values], "append")
    return _wrap(np.append(np.asarray(_plain(arr)), np.asarray(_plain(values)), axis=axis), dim)


def _where(cond, *xy):
    if not xy:
        return np.where(np.asarray(_plain(cond)))
    x, y = xy
    dim = _common_dim([x, y], "where")
    return _wrap(np.where(np.asarray(_plain(cond)), _plain(x), _plain(y)), dim)


def _dot(a, b, out=None):
    dim = get_dimensions(a) * get_dimensions(b)
    r = _call(np.dot, _plain(a), _plain(b), out=_output_array(out, dim, "dot"))
    return out if out is not None else _wrap(r, dim)


def _isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    dim = _common_dim([a, b], "isclose")
    if isinstance(atol, Quantity):
        fail_for_dimension_mismatch(atol, Quantity.with_dimensions(1, dim),
                                    "isclose: atol must have the units of the values")
    return np.isclose(_plain(a), _plain(b), rtol=_dimensionless_value(rtol, "isclose"),
                      atol=_plain(atol), equal_nan=equal_nan)


def _allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return bool(np.all(_isclose(a, b, rtol, atol, equal_nan)))


def _array_equal(a1, a2, equal_nan=False):
    if get_dimensions(a1) is not get_dimensions(a2):
        return False
    return np.array_equal(_plain(a1), _plain(a2), equal_nan=equal_nan)


def _keepdim1(func):
    """A function of one quantity whose result has its units (median, percentile, nanmean...);
    its other arguments (axis, percentages) are dimensionless."""
    name = func.__name__

    def impl(a, *args, out=None, **kwargs):
        dim = get_dimensions(a)
        args = [_dimensionless_value(x, name) for x in args]
        kwargs = {k: _dimensionless_value(v, name) for k, v in kwargs.items()}
        r = _call(func, np.asarray(_plain(a)), *args, out=_output_array(out, dim, name), **kwargs)
        return out if out is not None else _wrap(r, dim)

    return impl


def _diff(a, n=1, axis=-1, prepend=np._NoValue, append=np._NoValue):
    dim = get_dimensions(a)
    ends = {}
    for key, value in (("prepend", prepend), ("append", append)):
        if value is not np._NoValue:
            fail_for_dimension_mismatch(a, value, f"diff: {key} must have the units of the array")
            ends[key] = _plain(value)
    return _wrap(np.diff(np.asarray(_plain(a)), n=n, axis=axis, **ends), dim)


def _plain_like(func):
    """``ones_like``/``zeros_like``: numbers, not quantities (as Brian2's versions)."""
    def impl(a, *args, **kwargs):
        return func(np.asarray(_plain(a)), *args, **kwargs)

    return impl


def _full_like(a, fill_value, *args, **kwargs):
    # the values are those of ``fill_value``, so are its units (Brian2 gives ``a``'s units,
    # which turns ``full_like(3*mV, 5*second)`` into 5 V)
    dim = get_dimensions(fill_value)
    return _wrap(np.full_like(np.asarray(_plain(a)), _plain(fill_value), *args, **kwargs), dim)


def _interp(x, xp, fp, left=None, right=None, period=None):
    _common_dim([x, xp], "interp")
    dim = get_dimensions(fp)
    return _wrap(np.interp(_plain(x), _plain(xp), _plain(fp), _plain(left), _plain(right),
                           _plain(period)), dim)


_FUNCTIONS = {
    np.concatenate: _joiner(np.concatenate),
    np.hstack: _joiner(np.hstack),
    np.vstack: _joiner(np.vstack),
    np.stack: _joiner(np.stack),
    np.column_stack: _joiner(np.column_stack),
    np.append: _append,
    np.where: _where,
    np.dot: _dot,
    np.isclose: _isclose,
    np.allclose: _allclose,
    np.array_equal: _array_equal,
    np.median: _keepdim1(np.median),
    np.percentile: _keepdim1(np.percentile),
    np.quantile: _keepdim1(np.quantile),
    np.diff: _diff,
    np.interp: _interp,
    np.ones_like: _plain_like(np.ones_like),
    np.zeros_like: _plain_like(np.zeros_like),
    np.full_like: _full_like,
}
for _name in ("nanmean", "nanmin", "nanmax", "nansum", "nanstd", "nanmedian", "nanpercentile",
              "nanquantile"):
    _FUNCTIONS[getattr(np, _name)] = _keepdim1(getattr(np, _name))
