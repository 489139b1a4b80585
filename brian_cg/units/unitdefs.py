"""Definitions of every named unit (generated in loops, the same names as Brian2).

Base SI units and derived units, each with the SI prefixes ``y z a f p n u m c d da h
k M G T P E Z Y``, and squared / cubed versions (``metre2``, ``umetre3``, ...);
plus the short names ``mV, ms, nS, ...`` of ``brian2.units.stdunits``.
"""

from .dimensions import get_or_create_dimension as _dim
from .unit import NAMED_UNITS, Unit

_fast = Unit._fast

# Prefix -> exponent of ten.  The order is the one Brian2 registers them in, which
# only matters to break exact ties when choosing a unit for display.
PREFIXES = {
    "Y": 24, "k": 3, "M": 6, "z": -21, "E": 18, "y": -24, "T": 12, "u": -6, "p": -12,
    "n": -9, "m": -3, "f": -15, "G": 9, "P": 15, "Z": 21, "a": -18,
    "c": -2, "d": -1, "da": 1, "h": 2,
}
# prefixes that are not used when choosing a unit for display
NON_DISPLAY_PREFIXES = ("c", "d", "da", "h")

# (name, display name, value in SI base units, exponents (m, kg, s, A, K, mol, cd),
#  has prefixed versions).  All units have squared and cubed versions except litres.
# The order matters for display: among units of equal dimension and value, the one
# defined last is shown (``metre`` rather than ``meter``, ``hertz`` rather than ``becquerel``).
BASE_UNITS = [
    ("katal", "kat", 1.0, (0, 0, -1, 0, 0, 1, 0), True),
    ("sievert", "Sv", 1.0, (2, 0, -2, 0, 0, 0, 0), True),
    ("gray", "Gy", 1.0, (2, 0, -2, 0, 0, 0, 0), True),
    ("becquerel", "Bq", 1.0, (0, 0, -1, 0, 0, 0, 0), True),
    ("lux", "lx", 1.0, (-2, 0, 0, 0, 0, 0, 1), True),
    ("lumen", "lm", 1.0, (0, 0, 0, 0, 0, 0, 1), True),
    ("henry", "H", 1.0, (2, 1, -2, -2, 0, 0, 0), True),
    ("tesla", "T", 1.0, (0, 1, -2, -1, 0, 0, 0), True),
    ("weber", "Wb", 1.0, (2, 1, -2, -1, 0, 0, 0), True),
    ("siemens", "S", 1.0, (-2, -1, 3, 2, 0, 0, 0), True),
    ("ohm", "ohm", 1.0, (2, 1, -3, -2, 0, 0, 0), True),
    ("farad", "F", 1.0, (-2, -1, 4, 2, 0, 0, 0), True),
    ("volt", "V", 1.0, (2, 1, -3, -1, 0, 0, 0), True),
    ("coulomb", "C", 1.0, (0, 0, 1, 1, 0, 0, 0), True),
    ("watt", "W", 1.0, (2, 1, -3, 0, 0, 0, 0), True),
    ("joule", "J", 1.0, (2, 1, -2, 0, 0, 0, 0), True),
    ("pascal", "Pa", 1.0, (-1, 1, -2, 0, 0, 0, 0), True),
    ("newton", "N", 1.0, (1, 1, -2, 0, 0, 0, 0), True),
    ("hertz", "Hz", 1.0, (0, 0, -1, 0, 0, 0, 0), True),
    ("steradian", "sr", 1.0, (0, 0, 0, 0, 0, 0, 0), True),
    ("radian", "rad", 1.0, (0, 0, 0, 0, 0, 0, 0), True),
    ("molar", "M", 1000.0, (-3, 0, 0, 0, 0, 1, 0), True),
    ("gramme", "g", 1e-3, (0, 1, 0, 0, 0, 0, 0), True),
    ("gram", "g", 1e-3, (0, 1, 0, 0, 0, 0, 0), True),
    ("kilogramme", "kg", 1.0, (0, 1, 0, 0, 0, 0, 0), False),
    ("candle", "cd", 1.0, (0, 0, 0, 0, 0, 0, 1), True),
    ("mol", "mol", 1.0, (0, 0, 0, 0, 0, 1, 0), True),
    ("mole", "mol", 1.0, (0, 0, 0, 0, 0, 1, 0), True),
    ("kelvin", "K", 1.0, (0, 0, 0, 0, 1, 0, 0), False),
    ("ampere", "A", 1.0, (0, 0, 0, 1, 0, 0, 0), True),
    ("amp", "A", 1.0, (0, 0, 0, 1, 0, 0, 0), True),
    ("second", "s", 1.0, (0, 0, 1, 0, 0, 0, 0), True),
    ("kilogram", "kg", 1.0, (0, 1, 0, 0, 0, 0, 0), False),
    ("meter", "m", 1.0, (1, 0, 0, 0, 0, 0, 0), True),
    ("metre", "m", 1.0, (1, 0, 0, 0, 0, 0, 0), True),
]
# prefixed, never powered, never used for display unless nothing else fits
LITRES = [("liter", "l"), ("litre", "l")]

# short names (brian2.units.stdunits)
SHORT_NAMES = {
    "mV": "mvolt", "mA": "mamp", "uA": "uamp", "nA": "namp", "pA": "pamp",
    "pF": "pfarad", "uF": "ufarad", "nF": "nfarad", "nS": "nsiemens", "uS": "usiemens",
    "mS": "msiemens", "ms": "msecond", "us": "usecond", "Hz": "hertz", "kHz": "khertz",
    "MHz": "Mhertz", "cm": "cmetre", "cm2": "cmetre2", "cm3": "cmetre3", "mm": "mmetre",
    "mm2": "mmetre2", "mm3": "mmetre3", "um": "umetre", "um2": "umetre2", "um3": "umetre3",
    "mM": "mmolar", "uM": "umolar", "nM": "nmolar",
}

# name -> Unit, every unit defined here (including the short names)
UNITS = NAMED_UNITS
# registration lists for display (see registry.py): (powered, scaled, base) and litres
_POWERED, _SCALED, _BASE, _LITRE_UNITS = [], [], [], []


def _make(name, disp, value, dim):
    u = _fast(value, dim, name, disp)
    UNITS[name] = u
    return u


def _scale(e):
    return float(f"1e{e}")


def _define():
    for name, disp, value, exps, prefixed in BASE_UNITS:
        dim = _dim(exps)
        pdims = {2: dim ** 2, 3: dim ** 3}
        for p in (2, 3):
            _POWERED.append(_make(f"{name}{p}", f"{disp}^{p}", value ** p, pdims[p]))
        if prefixed:
            for pre, e in PREFIXES.items():
                v = _scale(e) * value
                for p in (2, 3):
                    u = _make(f"{pre}{name}{p}", f"{pre}{disp}^{p}", v ** p, pdims[p])
                    if pre not in NON_DISPLAY_PREFIXES:
                        _POWERED.append(u)
                u = _make(f"{pre}{name}", f"{pre}{disp}", v, dim)
                if pre not in NON_DISPLAY_PREFIXES:
                    _SCALED.append(u)
        _BASE.append(_make(name, disp, value, dim))
    vol = _dim((3, 0, 0, 0, 0, 0, 0))
    for name, disp in LITRES:
        _LITRE_UNITS.append(_make(name, disp, 1e-3, vol))
        for pre, e in PREFIXES.items():
            _LITRE_UNITS.append(_make(f"{pre}{name}", f"{pre}{disp}", _scale(e) * 1e-3, vol))
    for short, long in SHORT_NAMES.items():
        UNITS[short] = UNITS[long]


_define()
globals().update(UNITS)

__all__ = sorted(UNITS)
