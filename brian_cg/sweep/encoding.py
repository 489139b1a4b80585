"""Parameters and results as JSON (arrays apart, for ``.npz``), and a point's stable key.

Numbers, strings, ``None``, lists, tuples, dicts with string keys, numpy scalars and
arrays and brian_cg Quantities are encoded; Quantities keep their dimension (the 7 SI
exponents), arrays their dtype. Anything else raises TypeError (the store then keeps
the value pickled).
"""
import hashlib
import json
import math

import numpy as np

__all__ = ["decode", "encode", "point_key"]

_MARK = "__bcg__"  # the key of every special object, so a user's dicts never collide


def _dims_of(value):
    from ..units import Quantity

    if isinstance(value, Quantity):
        return list(value.dim.exponents)
    return None


def encode(value, arrays=None):
    """``value`` as JSON-compatible data; arrays go into the dict ``arrays`` (name -> array),
    or inline as lists when ``arrays`` is None (for keys)."""
    dims = _dims_of(value)
    if dims is not None:
        plain = np.asarray(value)
        plain = plain.item() if plain.ndim == 0 else plain
        return {_MARK: "quantity", "dims": dims, "value": encode(plain, arrays)}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else {_MARK: "float", "value": repr(value)}
    if isinstance(value, (complex, np.complexfloating)):
        return {_MARK: "complex", "value": [encode(value.real), encode(value.imag)]}
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError("arrays of Python objects cannot be stored; return numeric arrays")
        if arrays is None:
            return {_MARK: "array", "dtype": value.dtype.str, "shape": list(value.shape),
                    "data": [encode(x) for x in value.ravel().tolist()]}
        name = f"a{len(arrays)}"
        arrays[name] = value
        return {_MARK: "array", "name": name}
    if isinstance(value, (list, tuple)):
        items = [encode(x, arrays) for x in value]
        return items if isinstance(value, list) else {_MARK: "tuple", "items": items}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and _MARK not in value:
            return {k: encode(v, arrays) for k, v in value.items()}
        return {_MARK: "items", "items": [[encode(k, arrays), encode(v, arrays)]
                                          for k, v in value.items()]}
    if isinstance(value, range):
        return {_MARK: "range", "value": [value.start, value.stop, value.step]}
    raise TypeError(f"cannot store a value of type {type(value).__name__}")


def decode(data, arrays=None):
    """The inverse of `encode`; ``arrays`` maps the names of stored arrays to arrays."""
    if isinstance(data, list):
        return [decode(x, arrays) for x in data]
    if not isinstance(data, dict):
        return data
    kind = data.get(_MARK)
    if kind is None:
        return {k: decode(v, arrays) for k, v in data.items()}
    if kind == "quantity":
        from ..units import Quantity, get_or_create_dimension

        value = decode(data["value"], arrays)
        return Quantity.with_dimensions(value, get_or_create_dimension(data["dims"]))
    if kind == "float":
        return float(data["value"])
    if kind == "complex":
        return complex(*data["value"])
    if kind == "array":
        if "name" in data:
            return np.asarray(arrays[data["name"]])
        flat = [decode(x) for x in data["data"]]
        return np.array(flat, dtype=np.dtype(data["dtype"])).reshape(data["shape"])
    if kind == "tuple":
        return tuple(decode(x, arrays) for x in data["items"])
    if kind == "items":
        return {_hashable(decode(k, arrays)): decode(v, arrays) for k, v in data["items"]}
    if kind == "range":
        return range(*data["value"])
    raise ValueError(f"unknown stored object {kind!r}")


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key


def point_key(params, seed):
    """A stable identity of a point (its parameters and seed): the name of its stored result."""
    text = json.dumps({"params": encode(params), "seed": int(seed)}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
