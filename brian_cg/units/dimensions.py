"""Physical dimensions: 7 SI exponents, interned so that ``dim1 is dim2`` works."""

__all__ = ["DIMENSIONLESS", "Dimension", "get_or_create_dimension"]

# Order of the SI base dimensions.
_SYMBOLS = ("m", "kg", "s", "A", "K", "mol", "cd")
_FULL_NAMES = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candle")

# Keyword names accepted by get_or_create_dimension (and Dimension.get_dimension).
_INDEX = {}
for _i, _names in enumerate(
    (
        ("m", "metre", "metres", "meter", "meters", "length", "Length"),
        ("kg", "kilogram", "kilograms", "mass", "Mass"),
        ("s", "second", "seconds", "time", "Time"),
        ("A", "amp", "amps", "ampere", "amperes", "current", "Current",
         "electric current", "Electric Current"),
        ("K", "kelvin", "kelvins", "temperature", "Temperature"),
        ("mol", "mole", "moles", "substance", "Substance", "quantity of substance",
         "Quantity of substance", "Quantity of Substance"),
        ("cd", "candle", "candles", "candela", "luminosity", "Luminosity"),
    )
):
    for _n in _names:
        _INDEX[_n] = _i
del _i, _n, _names

_REGISTRY = {}


def _fmt_exp(e):
    if e == int(e):
        return str(int(e))
    return repr(float(e))


class Dimension:
    """The physical dimension of a quantity, as 7 SI exponents (floats).

    Never construct directly: use `get_or_create_dimension`, which interns
    instances so that identical dimensions are the same object.
    """

    __slots__ = ("_dims", "_hash")

    def __init__(self, dims):
        object.__setattr__(self, "_dims", dims)
        object.__setattr__(self, "_hash", hash(dims))

    def __setattr__(self, name, value):
        raise AttributeError("Dimension objects are immutable")

    def __delattr__(self, name):
        raise AttributeError("Dimension objects are immutable")

    # --- inspection -----------------------------------------------------
    @property
    def exponents(self):
        """The 7 exponents (m, kg, s, A, K, mol, cd) as a tuple of floats."""
        return self._dims

    def get_dimension(self, d):
        """Exponent of one base dimension, named like ``'m'``, ``'length'``, ``'metre'``."""
        return self._dims[_INDEX[d]]

    @property
    def is_dimensionless(self):
        return self is DIMENSIONLESS

    @property
    def dim(self):
        return self

    # --- arithmetic -----------------------------------------------------
    def __mul__(self, other):
        if not isinstance(other, Dimension):
            return NotImplemented
        return _get(tuple(x + y for x, y in zip(self._dims, other._dims)))

    def __truediv__(self, other):
        if not isinstance(other, Dimension):
            return NotImplemented
        return _get(tuple(x - y for x, y in zip(self._dims, other._dims)))

    def __pow__(self, value):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"Dimensions can only be raised to a scalar power, not {value!r}")
        return _get(tuple(x * value for x in self._dims))

    def __eq__(self, other):
        if self is other:
            return True
        if isinstance(other, Dimension):
            return self._dims == other._dims
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        return self._hash

    # --- display --------------------------------------------------------
    def _render(self, names, power, sep):
        parts = []
        for name, e in zip(names, self._dims):
            if e == 0:
                continue
            if e == 1:
                parts.append(name)
            else:
                parts.append(f"{name}{power}{_fmt_exp(e)}")
        return sep.join(parts)

    def __str__(self):
        s = self._render(_SYMBOLS, "^", " ")
        return s if s else "1"

    def __repr__(self):
        s = self._render(_FULL_NAMES, " ** ", " * ")
        return s if s else "Dimension()"

    # --- pickling / copying keep the interning ---------------------------
    def __reduce__(self):
        return (get_or_create_dimension, (self._dims,))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _get(dims):
    d = _REGISTRY.get(dims)
    if d is None:
        d = Dimension(dims)
        _REGISTRY[dims] = d
    return d


def get_or_create_dimension(*args, **kwds):
    """Return the (interned) `Dimension` for the given exponents.

    Either a sequence of 7 exponents (m, kg, s, A, K, mol, cd), or keywords
    such as ``m=1, s=-1`` / ``length=1, time=-1``.
    """
    if args:
        if len(args) != 1 or kwds:
            raise TypeError("Give either one sequence of 7 exponents or keywords")
        arg = args[0]
        if isinstance(arg, Dimension):
            return arg
        try:
            dims = tuple(float(x) for x in arg)
        except TypeError:
            raise TypeError(f"Need a sequence of exponents, got {arg!r}")
        if len(dims) != 7:
            raise TypeError(f"Need a sequence of exactly 7 exponents, got {len(dims)}")
        return _get(tuple(0.0 if x == 0 else x for x in dims))
    dims = [0.0] * 7
    for name, value in kwds.items():
        try:
            idx = _INDEX[name]
        except KeyError:
            raise TypeError(f"Unknown base dimension {name!r}")
        dims[idx] = float(value) + 0.0
    return _get(tuple(0.0 if x == 0 else x for x in dims))


DIMENSIONLESS = _get((0.0,) * 7)
