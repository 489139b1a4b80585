"""Variable views (``G.v``, ``G.v_``) in arithmetic and numpy calls keep (or drop) units as Brian2."""
import numpy as np
import pytest

from brian_cg import NeuronGroup, Synapses
from brian_cg.errors import DimensionMismatchError
from brian_cg.units import Quantity, Unit, mV, radian, volt


def _group(n):
    G = NeuronGroup(n, """y : volt
                          x : 1
                          k : integer
                          s : volt (shared)""")
    G.y = np.arange(1, n + 1) * mV
    G.x = np.arange(n) * 0.5
    return G


def _is(q, dim, values):
    assert isinstance(q, Quantity) and q.dim is dim, type(q)
    np.testing.assert_allclose(np.asarray(q), values)


@pytest.mark.parametrize("n", [3, 100_000])
def test_arithmetic_with_a_quantity_on_the_left(target, n):
    G = _group(n)
    y = np.arange(1, n + 1) * 1e-3
    _is(2 * mV + G.y, volt.dim, 2e-3 + y)
    _is(G.y + 2 * mV, volt.dim, 2e-3 + y)
    _is(2 * mV - G.y, volt.dim, 2e-3 - y)
    _is(mV * G.y, volt.dim ** 2, 1e-3 * y)
    _is(mV * G.x, volt.dim, 0.5e-3 * np.arange(n))
    _is(G.y * G.y, volt.dim ** 2, y * y)
    assert type(G.y / mV) is np.ndarray
    np.testing.assert_allclose(G.y / mV, y * 1e3)
    assert ((1 * mV < G.y) == (1e-3 < y)).all() and (2 * mV >= G.y).sum() == min(n, 2)
    with pytest.raises(DimensionMismatchError):
        2 * mV + G.x
    with pytest.raises(DimensionMismatchError):
        G.y + 1


def test_numpy_functions_keep_units(target):
    G = _group(3)
    q = np.asanyarray(G.y)
    _is(q, volt.dim, [1e-3, 2e-3, 3e-3])
    assert type(np.asarray(G.y)) is np.ndarray and type(np.asanyarray(G.y_)) is np.ndarray
    _is(np.concatenate([G.y, G.y]), volt.dim, [1e-3, 2e-3, 3e-3] * 2)
    _is(np.where(G.y > 1.5 * mV, G.y, 0 * mV), volt.dim, [0, 2e-3, 3e-3])
    _is(np.add(G.y, G.y), volt.dim, [2e-3, 4e-3, 6e-3])
    _is(np.mean(G.y), volt.dim, 2e-3)
    _is(np.clip(G.y, 0 * mV, 2 * mV), volt.dim, [1e-3, 2e-3, 2e-3])
    with pytest.raises(DimensionMismatchError):
        np.exp(G.y)
    np.testing.assert_allclose(np.exp(G.x), np.exp([0, 0.5, 1]))


def test_unit_attribute(target):
    G = _group(3)
    assert G.y.unit is volt or (isinstance(G.y.unit, Unit) and repr(G.y.unit) == "volt")
    assert repr(G.x.unit) == "radian" and G.x.unit.dim is radian.dim  # as Brian2's get_unit
    assert repr(G.k.unit) == "radian"
    assert repr(G.y_.unit) == "Unit(1)" and float(G.y_.unit) == 1.0
    np.testing.assert_allclose(G.x.unit * G.x, [0, 0.5, 1])
    assert G.y.group_name == G.name
    assert repr(G.s_) == f"<{G.name}.s_: 0.0>"


def test_unitless_views_take_values_without_units(target):
    G = _group(3)
    S = Synapses(G, G, "w : volt")
    S.connect(j="i")
    S.w_ = "5"
    _is(S.w[:], volt.dim, [5, 5, 5])
    S.w_ = "5*mV"  # SI value of the expression, unchecked (as Brian2)
    _is(S.w[:], volt.dim, [5e-3] * 3)
    S.w_ = 0.002
    _is(S.w[:], volt.dim, [2e-3] * 3)
    G.y_["i > 0"] = "i"
    _is(G.y[:], volt.dim, [1e-3, 1, 2])
    G.y_ += 1
    _is(G.y[:], volt.dim, [1.001, 2, 3])
    with pytest.raises(DimensionMismatchError):
        S.w = "5"
    with pytest.raises(DimensionMismatchError):
        G.y["i > 0"] = "i"


def test_ufunc_output_into_a_view(target):
    G = _group(3)
    r = np.add(G.y, 1 * mV, out=G.y)
    assert r is not None
    _is(G.y[:], volt.dim, [2e-3, 3e-3, 4e-3])
    with pytest.raises(DimensionMismatchError):
        np.multiply(G.y, G.y, out=G.y)  # volt^2 into a volt variable
