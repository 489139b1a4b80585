"""Regenerate brian2_reference.json from an installed Brian2 (run by hand, not by pytest).

    /tmp/b2venv/bin/python tests/units/make_brian2_reference.py
"""
import json
import os

import numpy as np

import brian2
import brian2.units.allunits as allunits
import brian2.units.stdunits as stdunits
from brian2.core.namespace import DEFAULT_UNITS
from brian2.units.fundamentalunits import Quantity, Unit, standard_unit_register

star = {}
exec("from brian2 import *", star)

names = set(n for n in allunits.__all__ if isinstance(getattr(allunits, n), Unit))
names |= set(stdunits.__all__)
names |= set(n for n, v in star.items() if isinstance(v, Unit))
names |= set(DEFAULT_UNITS)


def lookup(n):
    if isinstance(star.get(n), Unit):
        return star[n]
    if n in DEFAULT_UNITS:
        return DEFAULT_UNITS[n]
    if hasattr(stdunits, n):
        return getattr(stdunits, n)
    return getattr(allunits, n)


units = {}
for n in sorted(names):
    u = lookup(n)
    units[n] = {
        "value": float(u),
        "dims": [float(x) for x in u.dim._dims],
        "repr": repr(u),
        "str": str(u),
    }

register = []
for dim, mapping in standard_unit_register.units_for_dimensions.items():
    register.append([[float(x) for x in dim._dims], [[v, repr(u)] for v, u in mapping.items()]])

ns = dict(star)
ns["np"] = np
exprs = [
    "0.01*second", "1*cm", "1*metre", "10*msecond", "np.array([1,2,3])*mV",
    "np.array([0.001,2])*volt", "5*metre**2", "5*farad/metre**2", "5*nS*mV", "1*ohm",
    "2*kgram", "2*gram", "3*mmolar", "3*liter", "3*mliter", "(2*mV)**2", "abs(-2*mV)",
    "-2*mV", "2/ms", "np.mean(np.array([1,2])*mV)", "(np.array([1,2])*mV).var()",
    "np.array([[1,2],[3,4]])*nA", "1e-20*amp", "0*amp", "np.array([0,0])*amp",
    "1*mole", "2*joule/kelvin", "2*metre**3", "2*umetre**3", "3*volt/metre**3",
    "25.123456*mV", "np.array([1.5,2.25])*mV", "1e-3*siemens/cm**2", "65*mV",
    "-70.5*mV", "0.2*nF", "100*pA", "20*Hz", "1e5*Hz", "3*kelvin", "np.array([-1, 2.5])*nS",
    "7*uS", "1234.5*ms", "0.5*second", "123456789*second", "1e-30*second", "3*mV*ms",
    "5*umetre**2", "3*amp/metre**2", "np.arange(5)*ms", "0.1*mV/ms", "2*candela",
    "4*radian", "np.nan*mV", "12*mmole", "1.5*msiemens", "3*katal", "Quantity(3)",
]
display = []
for e in exprs:
    try:
        v = eval(e, ns)
    except NameError:
        continue
    display.append([e, repr(v), str(v)])

out = {
    "brian2_version": brian2.__version__,
    "units": units,
    "star_import_units": sorted(n for n, v in star.items() if isinstance(v, Unit)),
    "default_unit_namespace": sorted(DEFAULT_UNITS),
    "standard_register": register,
    "display": display,
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "brian2_reference.json"), "w") as f:
    json.dump(out, f, indent=0, sort_keys=True)
print(len(units), "units,", len(display), "display examples")
