import copy
import json
import os
import pickle

import numpy as np
import pytest

import brian_cg.units as U
from brian_cg.errors import DimensionMismatchError
from brian_cg.units import (
    DIMENSIONLESS, Dimension, Quantity, Unit, check_units, fail_for_dimension_mismatch,
    get_dimensions, get_or_create_dimension, get_unit, have_same_dimensions, is_dimensionless,
    unit_namespace,
)
from brian_cg.units import (
    amp, cm, cmetre, farad, Gohm, gram, hertz, Hz, kgram, kHz, kilogram, liter, metre, mM,
    mmolar, mole, Mohm, ms, msecond, msiemens, mV, mvolt, nA, namp, nS, ohm, pA, pF, second,
    siemens, uF, um, um3, umetre3, umolar, us, uS, volt, metre2, cmetre2, kelvin, joule,
)

REF = json.load(open(os.path.join(os.path.dirname(__file__), "brian2_reference.json")))


# --- dimensions --------------------------------------------------------------
def test_dimension_interning_and_str():
    assert get_or_create_dimension(m=1) is metre.dim
    assert get_or_create_dimension([1, 0, 0, 0, 0, 0, 0]) is metre.dim
    assert get_or_create_dimension(length=1) is metre.dim
    assert (mV * ms).dim is (ms * mV).dim
    assert metre.dim * second.dim / second.dim is metre.dim
    assert metre.dim ** 2 is metre2.dim
    assert str(volt.dim) == "m^2 kg s^-3 A^-1"
    assert repr(volt.dim) == "metre ** 2 * kilogram * second ** -3 * amp ** -1"
    assert str(DIMENSIONLESS) == "1"
    assert str(metre.dim ** 0.5) == "m^0.5"
    assert volt.dim.get_dimension("m") == 2
    assert hash(mV.dim) == hash(volt.dim)
    with pytest.raises(AttributeError):
        volt.dim._dims = (0,) * 7
    assert pickle.loads(pickle.dumps(volt.dim)) is volt.dim
    assert copy.deepcopy(volt.dim) is volt.dim


# --- construction ------------------------------------------------------------
def test_with_dimensions():
    q = Quantity.with_dimensions(3, volt.dim)
    assert isinstance(q, Quantity) and q.shape == () and q.dim is volt.dim and float(q) == 3.0
    a = Quantity.with_dimensions(np.arange(3), second.dim)
    assert a.dtype == np.float64 and a.dim is second.dim
    assert Quantity.with_dimensions(2.0, DIMENSIONLESS).dim is DIMENSIONLESS
    assert Quantity.with_dimensions(1, m=1).dim is metre.dim
    assert Quantity([1 * mV, 2 * mV]).dim is volt.dim
    with pytest.raises(DimensionMismatchError):
        Quantity([1 * mV, 2 * ms])


# --- arithmetic ----------------------------------------------------------------
def test_arithmetic_dims():
    assert (3 * mV + 2 * mV).dim is volt.dim
    assert float(3 * mV + 2 * mV) == pytest.approx(5e-3)
    assert (nS * mV).dim is amp.dim
    assert (mV / ms).dim is (volt / second).dim
    assert (mV ** 2).dim is (volt.dim ** 2)
    assert np.sqrt(4 * metre ** 2).dim is metre.dim
    assert float(np.sqrt(4 * metre ** 2)) == 2.0
    assert abs(-2 * mV).dim is volt.dim and float(abs(-2 * mV)) == pytest.approx(2e-3)
    assert (-2 * mV).dim is volt.dim
    assert (1 / ms).dim is hertz.dim
    assert float(2 / ms) == pytest.approx(2000.0)
    assert ((3 * mV) ** 2).dim is volt.dim ** 2
    assert (5 * mV % (3 * mV)).dim is volt.dim
    # dimensionless results behave as plain numbers (like Brian2)
    r = 3 * mV / mV
    assert float(r) == pytest.approx(3.0) and get_dimensions(r) is DIMENSIONLESS
    assert np.exp(2 * mV / mV) == pytest.approx(np.exp(2))
    assert int(6 * mV / (2 * mV)) == 3


def test_errors_and_messages():
    with pytest.raises(DimensionMismatchError) as e:
        3 * mV + 1
    assert "add" in str(e.value) and "3. mV" in str(e.value)
    with pytest.raises(DimensionMismatchError) as e:
        mV + ms
    assert e.value.dims == (volt.dim, second.dim)
    with pytest.raises(DimensionMismatchError) as e:
        3 * mV < 2 * ms
    assert "comparison" in str(e.value) and "<" in str(e.value)
    with pytest.raises(DimensionMismatchError):
        3 * mV == 1
    with pytest.raises(DimensionMismatchError) as e:
        np.exp(2 * mV)
    assert "exp" in str(e.value)
    with pytest.raises(DimensionMismatchError):
        np.sin(np.ones(3) * mV)
    with pytest.raises(DimensionMismatchError):
        2 ** (3 * mV)
    with pytest.raises(TypeError):
        (np.ones(2) * mV) ** np.array([2, 2])


def test_zero_comparisons_like_brian2():
    assert (3 * mV > 0) == True  # noqa: E712
    assert (3 * mV == 0) == False  # noqa: E712
    assert (0 * mV == 0) == True  # noqa: E712
    assert float(3 * mV + 0) == pytest.approx(3e-3)
    assert list(np.array([1, -2]) * mV < 0) == [False, True]


def test_getitem_setitem():
    a = np.array([1.0, 2.0, 3.0]) * mV
    assert a[0].dim is volt.dim and float(a[0]) == pytest.approx(1e-3)
    assert a[1:].dim is volt.dim and a[1:].shape == (2,)
    assert a[a > 1.5 * mV].shape == (2,)
    a[0] = 5 * mV
    assert float(a[0]) == pytest.approx(5e-3)
    a[1] = 0
    assert float(a[1]) == 0
    with pytest.raises(DimensionMismatchError) as e:
        a[0] = 3 * ms
    assert "assignment" in str(e.value)
    with pytest.raises(DimensionMismatchError):
        a[0] = 3
    assert np.asarray(a).__class__ is np.ndarray
    assert list(np.asarray(a)) == pytest.approx([5e-3, 0, 3e-3])
    assert [float(x) for x in a] == pytest.approx([5e-3, 0, 3e-3])
    assert all(isinstance(x, Quantity) for x in a)
    assert len(a.tolist()) == 3 and a.tolist()[0].dim is volt.dim


def test_inplace():
    a = np.array([1.0, 2.0]) * mV
    a += 1 * mV
    assert a.dim is volt.dim and list(np.asarray(a)) == pytest.approx([2e-3, 3e-3])
    with pytest.raises(DimensionMismatchError):
        a += 1 * ms
    a *= 2
    assert a.dim is volt.dim


def test_reductions():
    a = np.array([1.0, 2.0]) * mV
    for r, v in [(a.sum(), 3e-3), (np.sum(a), 3e-3), (a.mean(), 1.5e-3), (np.mean(a), 1.5e-3),
                 (a.std(), 0.5e-3), (np.std(a), 0.5e-3), (a.min(), 1e-3), (np.max(a), 2e-3),
                 (np.min(a), 1e-3), (np.median(a), 1.5e-3)]:
        assert isinstance(r, Quantity) and r.dim is volt.dim and float(r) == pytest.approx(v)
    assert a.var().dim is volt.dim ** 2 and float(a.var()) == pytest.approx(0.25e-6)
    assert np.var(a).dim is volt.dim ** 2
    assert a.prod().dim is volt.dim ** 2
    c = np.cumsum(a)
    assert c.dim is volt.dim and list(np.asarray(c)) == pytest.approx([1e-3, 3e-3])
    m = (np.array([[1, 2], [3, 4]]) * nA).max(axis=1)
    assert m.dim is amp.dim and list(np.asarray(m)) == pytest.approx([2e-9, 4e-9])
    assert np.diff(a).dim is volt.dim


def test_numpy_functions():
    a = np.array([1.0, 2.0]) * mV
    c = np.concatenate([a, np.array([3.0]) * mV])
    assert c.dim is volt.dim and c.shape == (3,)
    with pytest.raises(DimensionMismatchError):
        np.concatenate([a, np.ones(1) * ms])
    assert np.clip(5 * mV, 0 * mV, 3 * mV).dim is volt.dim
    assert float(np.clip(5 * mV, 0 * mV, 3 * mV)) == pytest.approx(3e-3)
    assert np.maximum(a, 1.5 * mV).dim is volt.dim
    assert np.where(np.array([True, False]), a, 0 * mV).dim is volt.dim
    assert np.allclose(a, a)
    assert np.isnan(a).dtype == bool
    assert np.dot(a, a).dim is volt.dim ** 2
    assert np.linspace(0 * mV, 1 * mV, 3).dim is volt.dim
    assert type(np.ones_like(a)) is np.ndarray  # plain numbers, as Brian2's ones_like
    assert np.sort(np.array([2.0, 1.0]) * mV).dim is volt.dim
    assert np.round(5.23 * mV, 4).dim is volt.dim


def test_pickling():
    a = np.array([1.0, 2.0]) * mV
    b = pickle.loads(pickle.dumps(a))
    assert b.dim is volt.dim and list(np.asarray(b)) == [1e-3, 2e-3]
    assert pickle.loads(pickle.dumps(mV)) is mV or float(pickle.loads(pickle.dumps(mV))) == 1e-3
    assert pickle.loads(pickle.dumps(3 * mV)).dim is volt.dim
    assert copy.deepcopy(a).dim is volt.dim


# --- display ------------------------------------------------------------------
def test_str_repr_basic():
    assert repr(10 * msecond) == "10. * msecond"
    assert str(10 * ms) == "10. ms"
    assert str(0.01 * second) == "10. ms"
    assert repr(np.array([1, 2, 3]) * mV) == "array([1., 2., 3.]) * mvolt"
    assert str(np.array([1, 2, 3]) * mV) == "[1. 2. 3.] mV"
    assert repr(mV) == "mvolt" and str(mV) == "mV"
    assert (3 * mV).in_unit(volt) == "0.003 V"
    assert (25.123456 * mV).in_unit(volt, 3) == "0.025 V"
    assert (3 * mV).in_best_unit() == "3. mV"
    assert f"{3 * mV}" == "3. mV"
    assert repr(Quantity(3)) == "Quantity(3.)"
    with pytest.raises(DimensionMismatchError):
        (3 * mV).in_unit(ms)


@pytest.mark.parametrize("expr,rep,st", REF["display"])
def test_display_matches_brian2(expr, rep, st):
    ns = unit_namespace()
    ns.update(np=np, Quantity=Quantity)
    v = eval(expr, ns)
    assert repr(v) == rep
    assert str(v) == st


# --- unit definitions ----------------------------------------------------------
def test_prefix_values():
    assert float(msiemens) == 1e-3 * float(siemens)
    assert float(umolar) == pytest.approx(1e-3 * float(mmolar))
    assert float(mM) == 1.0 and mM.dim is get_or_create_dimension(m=-3, mol=1)
    assert float(kgram) == 1.0 and kgram.dim is kilogram.dim
    assert float(gram) == 1e-3
    assert float(cm) == pytest.approx(1e-2) and cm is cmetre
    assert float(um3) == pytest.approx(1e-18) and um3 is umetre3
    assert float(Mohm) == 1e6 and float(Gohm) == 1e9
    assert float(kHz) == 1e3 and Hz is hertz
    assert float(pF) == pytest.approx(1e-12) and pF.dim is farad.dim
    assert float(uF) == pytest.approx(1e-6)
    assert float(us) == pytest.approx(1e-6) and float(uS) == pytest.approx(1e-6)
    assert float(liter) == pytest.approx(1e-3) and liter.dim is (metre ** 3).dim
    assert str(cmetre2) == "cm^2" and repr(cmetre2) == "cmetre2"
    assert float(U.mmole) == 1e-3 and mole.dim.get_dimension("mol") == 1


def test_all_brian2_units_present():
    ns = unit_namespace()
    missing = [n for n in REF["units"] if n not in ns]
    assert not missing, missing[:20]
    bad = []
    for name, info in REF["units"].items():
        u = ns[name]
        if u.dim is not get_or_create_dimension(info["dims"]):
            bad.append((name, "dim"))
        elif not np.isclose(float(u), info["value"], rtol=1e-12, atol=0):
            bad.append((name, float(u), info["value"]))
        elif repr(u) != info["repr"] or str(u) != info["str"]:
            bad.append((name, repr(u), str(u), info["repr"], info["str"]))
    assert not bad, bad[:20]
    for n in REF["star_import_units"]:
        assert hasattr(U, n)
    assert set(REF["default_unit_namespace"]) <= set(U.all_unit_names)


def test_display_register_matches_brian2():
    from brian_cg.units.registry import _build, standard_unit_register

    _build()
    for dims, entries in REF["standard_register"]:
        dim = get_or_create_dimension(dims)
        ours = {round(np.log10(v), 6): repr(u)
                for v, u in standard_unit_register.units_for_dimensions[dim].items()}
        theirs = {round(np.log10(v), 6): n for v, n in entries}
        assert ours == theirs, dims


# --- helpers --------------------------------------------------------------------
def test_helpers():
    assert get_dimensions(3) is DIMENSIONLESS
    assert get_dimensions(np.ones(3)) is DIMENSIONLESS
    assert get_dimensions(mV) is volt.dim

    class HasDim:
        dim = second.dim

    assert get_dimensions(HasDim()) is second.dim
    with pytest.raises(TypeError):
        get_dimensions("x")
    assert have_same_dimensions(mV, volt) and not have_same_dimensions(mV, ms)
    assert have_same_dimensions(3, mV / mV)
    assert is_dimensionless(3) and not is_dimensionless(mV)
    assert fail_for_dimension_mismatch(mV, 3 * volt) == (volt.dim, volt.dim)
    assert fail_for_dimension_mismatch(3) == (DIMENSIONLESS, DIMENSIONLESS)
    with pytest.raises(DimensionMismatchError) as e:
        fail_for_dimension_mismatch(mV, ms, "oops {a} and {b}", a=3 * mV, b=ms)
    assert str(e.value).startswith("oops 3. mV and ms")
    with pytest.raises(DimensionMismatchError):
        fail_for_dimension_mismatch(mV)
    assert get_unit(volt.dim) is volt
    assert get_unit(amp.dim) is amp
    assert float(get_unit((volt / metre).dim)) == 1.0
    assert get_unit((volt / metre).dim).dim is (volt / metre).dim
    assert isinstance(get_unit(second.dim), Unit)


def test_unit_namespace():
    ns = unit_namespace()
    assert ns["mV"] is mV and ns["msecond"] is ms and ns["nS"].dim is siemens.dim
    assert all(isinstance(u, Unit) for u in ns.values())
    assert len(ns) >= 2095
    ns["mV"] = None
    assert unit_namespace()["mV"] is mV


def test_check_units():
    @check_units(v=volt, i=amp, n=1, flag=bool, w="v", result=ohm)
    def f(v, i, n=1, flag=False, w=None):
        return v / i

    assert f(3 * mV, 1 * nA).dim is ohm.dim
    assert f(3 * mV, 1 * nA, 2, True, 1 * mV).dim is ohm.dim
    with pytest.raises(DimensionMismatchError) as e:
        f(3 * ms, 1 * nA)
    assert "'v'" in str(e.value)
    with pytest.raises(DimensionMismatchError):
        f(3 * mV, 1 * nA, n=2 * mV)
    with pytest.raises(TypeError):
        f(3 * mV, 1 * nA, flag=3)
    with pytest.raises(DimensionMismatchError):
        f(3 * mV, 1 * nA, w=1 * ms)

    @check_units(x=volt, result=volt)
    def g(x):
        return x / mV

    with pytest.raises(DimensionMismatchError):
        g(3 * mV)
    assert f._arg_names == ["v", "i", "n", "flag", "w"]
    assert f._return_unit is ohm


def test_unit_arithmetic():
    assert isinstance(mV * 2, Quantity) and repr(mV * 2) == "2. * mvolt"
    u = mV / ms
    assert float(u) == pytest.approx(1.0) and u.dim is (volt / second).dim
    assert str(mV * mV) == "mV mV" and repr(mV ** 2) == "mvolt ** 2"
    assert repr(1 / ms) == "msecond ** -1"
    assert (joule / kelvin).dim is get_or_create_dimension(m=2, kg=1, s=-2, K=-1)
    assert namp is nA and pA.dim is amp.dim
