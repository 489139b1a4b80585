"""Readable unit names for dimensions, for error messages and printed equations."""
from .dimensions import DIMENSIONLESS


def unit_namespace():
    from . import unit_namespace as _ns

    return _ns()


def get_dimensions(x):
    from . import get_dimensions as _gd

    return _gd(x)


_PREFERRED_UNITS = ["volt", "amp", "siemens", "ohm", "farad", "second", "hertz", "metre",
                    "meter", "kilogram", "coulomb", "joule", "watt", "newton", "pascal",
                    "kelvin", "mole", "molar", "candela", "henry", "tesla", "weber", "gray",
                    "katal", "lumen", "lux"]
_BASE = [("m", "metre"), ("kg", "kilogram"), ("s", "second"), ("A", "amp"), ("K", "kelvin"),
         ("mol", "mole"), ("cd", "candela")]


def _named_unit(dim):
    ns = unit_namespace()
    for name in _PREFERRED_UNITS:
        u = ns.get(name)
        if u is not None and get_dimensions(u) is dim:
            return name
    return None


def _dim_exponents(dim):
    """{'m': 2, 's': -3, ...} of a Dimension."""
    exps = getattr(dim, "exponents", None)
    if exps is not None and len(exps) == len(_BASE):
        pairs = zip((sym for sym, _ in _BASE), exps)
    else:  # parse str(dim), e.g. 'm^2 kg s^-3 A^-1'
        pairs = []
        for tok in str(dim).split():
            if tok == "1":
                continue
            sym, _, exp = tok.partition("^")
            try:
                pairs.append((sym, float(exp) if exp else 1.0))
            except ValueError:
                return None
    out = {}
    for sym, e in pairs:
        e = float(e)
        if e:
            out[sym] = int(e) if e == int(e) else e
    return out


def _base_unit_code(dim):
    """A unit expression of base units for ``dim`` (re-parseable), e.g. 'metre**2*second**-1'."""
    exps = _dim_exponents(dim)
    if exps is None:
        return str(dim)
    parts = []
    for sym, name in _BASE:
        e = exps.get(sym)
        if e is None or e == 0:
            continue
        parts.append(name if e == 1 else f"{name}**{e}")
    return "*".join(parts) if parts else "1"


def unit_text(dim):
    """A readable unit for ``dim``: 'volt', 'volt/second', '1', or base units."""
    if dim is DIMENSIONLESS:
        return "1"
    try:
        name = _named_unit(dim)
        if name is not None:
            return name
        ns = unit_namespace()
        sec = get_dimensions(ns["second"])
        met = get_dimensions(ns["metre"])
        for text, div in (("second", sec), ("metre**2", met ** 2), ("metre**3", met ** 3),
                          ("second**2", sec ** 2)):
            name = _named_unit(dim * div)
            if name is not None:
                return f"{name}/{text}"
        return _base_unit_code(dim)
    except Exception:  # units not usable: plain dimension string
        return str(dim)


