"""Test setup for the equations package.

While ``brian_cg.units`` (written in parallel) is not importable, a minimal stand-in
with the same API is installed so these tests can run alone.
"""
import pathlib
import sys
import types

import pytest


def _units_ok():
    try:
        import brian_cg.units as u

        u.unit_namespace()
        u.get_dimensions, u.DIMENSIONLESS, u.Dimension  # noqa: B018
        return True
    except Exception:
        return False


def _install_stub():
    root = pathlib.Path(__file__).resolve().parents[2] / "brian_cg"
    for name in list(sys.modules):
        if name == "brian_cg" or name.startswith("brian_cg."):
            del sys.modules[name]
    pkg = types.ModuleType("brian_cg")
    pkg.__path__ = [str(root)]
    sys.modules["brian_cg"] = pkg
    units = types.ModuleType("brian_cg.units")
    units.__path__ = [str(root / "units")]
    sys.modules["brian_cg.units"] = units
    from brian_cg.units.dimensions import DIMENSIONLESS, Dimension, get_or_create_dimension

    class FakeUnit:
        def __init__(self, dim, scale=1.0):
            self.dim = dim
            self.scale = scale

        def __float__(self):
            return self.scale

    def get_dimensions(x):
        if isinstance(x, Dimension):
            return x
        d = getattr(x, "dim", None)
        return d if isinstance(d, Dimension) else DIMENSIONLESS

    D = get_or_create_dimension
    volt = D(m=2, kg=1, s=-3, A=-1)
    base = {"metre": D(m=1), "meter": D(m=1), "kilogram": D(kg=1), "second": D(s=1),
            "amp": D(A=1), "kelvin": D(K=1), "mole": D(mol=1), "candela": D(cd=1),
            "volt": volt, "mV": volt, "ms": D(s=1), "Hz": D(s=-1), "hertz": D(s=-1),
            "siemens": D(m=-2, kg=-1, s=3, A=2), "nS": D(m=-2, kg=-1, s=3, A=2),
            "farad": D(m=-2, kg=-1, s=4, A=2), "pF": D(m=-2, kg=-1, s=4, A=2),
            "ohm": D(m=2, kg=1, s=-3, A=-2), "nA": D(A=1), "pA": D(A=1),
            "metre2": D(m=2), "cm": D(m=1), "um": D(m=1), "msecond": D(s=1),
            "mvolt": volt, "A": D(A=1), "coulomb": D(s=1, A=1)}
    ns = {k: FakeUnit(v, 1.0 if k in ("volt", "second", "metre", "amp") else 0.001)
          for k, v in base.items()}
    units.Dimension = Dimension
    units.DIMENSIONLESS = DIMENSIONLESS
    units.get_or_create_dimension = get_or_create_dimension
    units.get_dimensions = get_dimensions
    units.unit_namespace = lambda: ns
    units.second = ns["second"]
    units.ms = ns["ms"]
    units.mV = ns["mV"]
    units.Quantity = FakeUnit
    units._IS_STUB = True


if not _units_ok():
    _install_stub()


@pytest.fixture(autouse=True)
def _fresh_scope():
    """The equations tests need no simulation scope (overrides the root fixture)."""
    yield
