"""`Unit`: a named quantity (``mvolt``, shown as ``mV``) that is never changed in place."""

import numpy as np

from .dimensions import DIMENSIONLESS
from .quantity import Quantity, _plain, get_dimensions

__all__ = ["NAMED_UNITS", "Unit"]

#: every unit defined by name (``'mV'``, ``'msecond'``...), filled by ``unitdefs``
NAMED_UNITS = {}


class Unit(Quantity):
    """A named physical unit such as ``mvolt`` (``name``) / ``mV`` (``dispname``).

    Products, quotients and powers of units are units again (with compound names);
    a unit times a number is a `Quantity`.
    """

    def __new__(cls, arr, dim=None, scale=0, name=None, dispname=None, latexname=None,
                iscompound=False, dtype=None, copy=False):
        if dim is None:
            dim = get_dimensions(arr)
        obj = Quantity.with_dimensions(np.array(_plain(arr), dtype=np.float64), dim).view(cls)
        obj.flags.writeable = False  # units are shared by everyone: their value never changes
        obj.dim = dim
        obj.scale = scale
        if name is None:
            name = repr(dim) if dim is not DIMENSIONLESS else "Unit(1)"
        if dispname is None:
            dispname = str(dim) if dim is not DIMENSIONLESS else "1"
        obj.name = name
        obj.dispname = dispname
        obj.latexname = latexname if latexname is not None else dispname
        obj.iscompound = iscompound
        return obj

    is_named_unit = True  # shown by name (see quantity._is_named_unit)

    # defaults, overridden per instance
    scale = 0
    name = ""
    dispname = ""
    latexname = ""
    iscompound = False

    def __array_finalize__(self, obj):
        d = getattr(obj, "__dict__", None)
        if d:
            self.__dict__.update(d)
        else:
            self.dim = DIMENSIONLESS

    @classmethod
    def _fast(cls, value, dim, name, dispname):
        """Fast constructor used to define the thousands of built-in units."""
        u = np.array(value, dtype=np.float64).view(cls)
        u.flags.writeable = False
        u.__dict__.update(dim=dim, name=name, dispname=dispname, latexname=dispname)
        return u

    def __reduce__(self):
        return (_restore_unit, (float(self), self.dim, self.name, self.dispname, self.iscompound))

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __repr__(self):
        return self.name

    def __str__(self):
        return self.dispname

    def __hash__(self):
        return hash((float(self), self.dim))

    def set_name(self, name):
        self.name = name

    def set_display_name(self, name):
        self.dispname = name

    def set_latex_name(self, name):
        self.latexname = name

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if any(isinstance(o, Unit) for o in kwargs.get("out", ())):
            raise TypeError("Units cannot be modified in-place")
        if method == "__call__" and "out" not in kwargs:
            if ufunc is np.multiply and len(inputs) == 2 and all(isinstance(x, Unit) for x in inputs):
                a, b = inputs
                return Unit(float(a) * float(b), a.dim * b.dim,
                            name=f"{a.name} * {b.name}", dispname=f"{a.dispname} {b.dispname}",
                            iscompound=True)
            if ufunc in (np.divide, np.true_divide) and len(inputs) == 2 and all(
                    isinstance(x, Unit) for x in inputs):
                a, b = inputs
                bn, bd = (f"({b.name})", f"({b.dispname})") if b.iscompound else (b.name, b.dispname)
                return Unit(float(a) / float(b), a.dim / b.dim, name=f"{a.name} / {bn}",
                            dispname=f"{a.dispname}/{bd}", iscompound=True)
            if ufunc in (np.divide, np.true_divide) and isinstance(inputs[1], Unit) and \
                    _is_one(inputs[0]):
                return _unit_power(inputs[1], -1)
            if ufunc is np.power and isinstance(inputs[0], Unit) and \
                    get_dimensions(inputs[1]) is DIMENSIONLESS and np.size(inputs[1]) == 1:
                return _unit_power(inputs[0], float(np.asarray(_plain(inputs[1]))))
            if ufunc is np.sqrt and isinstance(inputs[0], Unit):
                return _unit_power(inputs[0], 0.5)
            if ufunc is np.square and isinstance(inputs[0], Unit):
                return _unit_power(inputs[0], 2)
            if ufunc is np.reciprocal and isinstance(inputs[0], Unit):
                return _unit_power(inputs[0], -1)
        r = Quantity.__array_ufunc__(self, ufunc, method, *inputs, **kwargs)
        if isinstance(r, Unit):  # e.g. -mV, abs(mV): no longer a named unit
            r = r.view(Quantity)
            r.dim = self.dim if r.dim is None else r.dim
        return r

    def __getitem__(self, key):
        r = Quantity.__getitem__(self, key)
        return r.view(Quantity) if isinstance(r, Unit) else r

    def __setitem__(self, key, value):
        raise TypeError("Units cannot be modified in-place")

    # ``u = volt; u += volt`` must not turn the shared ``volt`` into 2 V (TypeError, as Brian2)
    def _no_inplace(self, other):
        raise TypeError("Units cannot be modified in-place")

    __iadd__ = __isub__ = __imul__ = __itruediv__ = __ifloordiv__ = __imod__ = __ipow__ = \
        __imatmul__ = __ilshift__ = __irshift__ = __iand__ = __ior__ = __ixor__ = _no_inplace

    def __pow__(self, other):
        if get_dimensions(other) is DIMENSIONLESS and np.size(other) == 1:
            return _unit_power(self, float(np.asarray(_plain(other))))
        return Quantity.__pow__(self, other)


def _is_one(x):
    if isinstance(x, Quantity):
        return False
    try:
        return np.ndim(x) == 0 and x == 1
    except Exception:
        return False


def _unit_power(u, e):
    es = str(int(e)) if e == int(e) else repr(float(e))
    if u.iscompound:
        name, disp = f"({u.name}) ** {es}", f"({u.dispname})^{es}"
    else:
        name, disp = f"{u.name} ** {es}", f"{u.dispname}^{es}"
    return Unit(float(u) ** e, u.dim ** e, name=name, dispname=disp, iscompound=True)


def _restore_unit(value, dim, name, dispname, iscompound):
    """Unpickling: the unit defined under ``name`` (so ``mV`` stays the one ``mV``)."""
    u = NAMED_UNITS.get(name)
    if u is not None and u.dim is dim:
        return u
    return Unit(value, dim, name=name, dispname=dispname, iscompound=iscompound)
