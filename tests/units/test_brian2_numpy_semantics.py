"""Units with numpy functions and operators as Brian2 2.11 behaves (values checked against it)."""
import numpy as np
import pytest

from brian_cg.errors import DimensionMismatchError
from brian_cg.units import Quantity, arange, mV, ms, mvolt, second, volt

OPS = ["+=", "-=", "*=", "/=", "//=", "%=", "**="]


def _inplace(u, op):
    other = volt if op in ("+=", "-=", "//=", "%=") else 2
    if op == "+=":
        u += other
    elif op == "-=":
        u -= other
    elif op == "*=":
        u *= other
    elif op == "/=":
        u /= other
    elif op == "//=":
        u //= other
    elif op == "%=":
        u %= other
    else:
        u **= other
    return u


@pytest.mark.parametrize("op", OPS)
def test_inplace_operators_on_units_raise_and_leave_them_unchanged(op):
    u = volt
    with pytest.raises(TypeError, match="Units cannot be modified in-place"):
        _inplace(u, op)
    assert float(volt) == 1.0 and float(mV) == 1e-3 and repr(volt) == "volt"
    assert float(np.asarray(1 * volt)) == 1.0


def test_units_cannot_be_written_through_out_or_items():
    with pytest.raises(TypeError):
        np.add(volt, volt, out=volt)
    with pytest.raises(TypeError):
        np.multiply(np.float64(2.0), 3 * volt, out=mvolt)
    with pytest.raises((TypeError, ValueError)):
        mV[()] = 5 * mV
    view = np.asarray(mV)
    with pytest.raises(ValueError):
        view[()] = 5.0
    assert float(mV) == 1e-3


def test_scalar_quantities_behave_like_floats_in_place():
    a = 3 * mV
    b = a
    b += 1 * mV
    assert float(a) == pytest.approx(3e-3) and float(b) == pytest.approx(4e-3)
    c = a
    c *= 2
    assert float(a) == pytest.approx(3e-3) and float(c) == pytest.approx(6e-3)
    assert c.dim is volt.dim
    arr = np.ones(3) * mV
    same = arr
    same += 1 * mV  # arrays are changed in place, as numpy's
    np.testing.assert_allclose(np.asarray(arr), 2e-3)


def test_arange_arguments_as_numpy():
    assert arange(10, step=2).tolist() == [0, 2, 4, 6, 8]
    assert arange(2, 10, step=3).tolist() == [2, 5, 8]
    r = arange(0 * ms, 10 * ms, step=2 * ms)
    assert isinstance(r, Quantity) and r.dim is second.dim
    np.testing.assert_allclose(np.asarray(r), [0, 2e-3, 4e-3, 6e-3, 8e-3])
    r = arange(stop=10 * ms, step=2 * ms)
    np.testing.assert_allclose(np.asarray(r), [0, 2e-3, 4e-3, 6e-3, 8e-3])
    np.testing.assert_allclose(np.asarray(arange(10 * ms, 0, -3 * ms)), [10e-3, 7e-3, 4e-3, 1e-3])
    assert arange(3, dtype=float).dtype == np.float64
    with pytest.raises(DimensionMismatchError):
        arange(start=1 * ms, stop=10 * ms)  # the default step 1 has no unit (as Brian2)
    with pytest.raises(DimensionMismatchError):
        arange(1 * ms, 10 * mV, 1 * ms)
    with pytest.raises(TypeError):
        arange(1, stop=3)
    with pytest.raises(TypeError):
        arange(step=2)


def test_index_results_are_plain():
    q = np.array([3.0, 1.0, 2.0]) * mV
    for r in (np.argsort(q), q.argsort(), np.argpartition(q, 1), q.argpartition(1)):
        assert type(r) is np.ndarray and r.dtype.kind == "i"
    assert np.argsort(q).tolist() == [1, 2, 0]
    for r, expected in ((np.argmax(q), 0), (q.argmax(), 0), (np.argmin(q), 1), (q.argmin(), 1)):
        assert not isinstance(r, Quantity) and r == expected
    assert [type(x) for x in np.nonzero(q)] == [np.ndarray]
    assert type(np.flatnonzero(q)) is np.ndarray and type(np.argwhere(q)) is np.ndarray
    assert type(np.searchsorted(np.sort(q), 2 * mV)) is not Quantity


def test_like_constructors():
    q = np.array([3.0, 1.0, 2.0]) * mV
    for r, value in ((np.ones_like(3 * mV), 1.0), (np.zeros_like(3 * mV), 0.0),
                     (np.ones_like(q), [1, 1, 1]), (np.zeros_like(q), [0, 0, 0])):
        assert type(r) is np.ndarray
        np.testing.assert_array_equal(r, value)
    e = np.empty_like(q)
    assert isinstance(e, Quantity) and e.dim is volt.dim and e.shape == (3,)
    f = np.full_like(q, 5 * mV)
    assert f.dim is volt.dim
    np.testing.assert_allclose(np.asarray(f), 5e-3)
    # the values (and units) are the fill value's: Brian2 would label these 5 volt
    assert np.full_like(q, 5 * second).dim is second.dim
    assert type(np.full_like(q, 5)) is np.ndarray


def test_concatenate_with_out():
    q = np.array([3.0, 1.0, 2.0]) * mV
    out = np.zeros(6) * mV
    r = np.concatenate([q, q], out=out)
    assert r is out
    np.testing.assert_allclose(np.asarray(out), [3e-3, 1e-3, 2e-3] * 2)
    with pytest.raises(DimensionMismatchError):
        np.concatenate([q, q], out=np.zeros(6))  # Brian2 refuses an output without units
    out2 = np.zeros((2, 3)) * mV
    assert np.stack([q, q], out=out2) is out2
    with pytest.raises(DimensionMismatchError):
        np.concatenate([q, np.array([1.0, 2.0])])


def test_other_functions_with_out_or_quantity_arguments():
    q = np.array([3.0, 1.0, 2.0]) * mV
    out = np.zeros(()) * mV
    assert np.median(q, out=out) is out and float(out) == pytest.approx(2e-3)
    assert float(np.percentile(q, 50)) == pytest.approx(2e-3)
    with pytest.raises(DimensionMismatchError):
        np.percentile(q, q)  # Brian2: the percentage must be dimensionless
    out = np.zeros(()) * mV ** 2
    assert np.dot(q, q, out=out) is out and float(out) == pytest.approx(14e-6)
    np.testing.assert_allclose(np.asarray(np.diff(q, prepend=0 * mV)), [3e-3, -2e-3, 1e-3])
    with pytest.raises(DimensionMismatchError):
        np.diff(q, append=1 * second)


def test_comparisons_with_zero_and_infinity():
    q = np.array([3.0, 1.0, 2.0]) * mV
    assert (q < np.inf).all() and (q > -np.inf).all() and not (q == np.inf).any()
    assert (np.inf > q).all() and (q <= float("inf")).all()
    assert (q > 0).all() and (0 < q).all() and not (q == 0).any()
    for bad in (lambda: q > 1, lambda: q < np.nan, lambda: q < np.array([np.inf, 0, np.inf]),
                lambda: q + np.inf, lambda: np.minimum(q, np.inf)):
        with pytest.raises(DimensionMismatchError):
            bad()


def test_clip_with_a_plain_zero():
    q = np.array([3.0, -1.0, 2.0]) * mV
    r = np.clip(q, 0, 2 * mV)
    assert r.dim is volt.dim
    np.testing.assert_allclose(np.asarray(r), [2e-3, 0, 2e-3])
    with pytest.raises(DimensionMismatchError):
        np.clip(q, 1, 2 * mV)


def test_physical_constants_have_brian2_values_and_units():
    from brian_cg.units import constants as C
    from brian_cg.units import amp, coulomb, farad, joule, kelvin, kilogram, metre, mole, newton

    expected = {
        "avogadro_constant": (6.022140857e23, mole ** -1),
        "boltzmann_constant": (1.38064852e-23, joule / kelvin),
        "electric_constant": (8.854187817e-12, farad / metre),
        "electron_mass": (9.10938356e-31, kilogram),
        "elementary_charge": (1.6021766208e-19, coulomb),
        "faraday_constant": (96485.33289, coulomb / mole),
        "gas_constant": (8.3144598, joule / mole / kelvin),
        "magnetic_constant": (1.2566370614359173e-06, newton / amp ** 2),
        "molar_mass_constant": (1e-3, kilogram / mole),
        "zero_celsius": (273.15, kelvin),
    }
    assert sorted(C.__all__) == sorted(expected)
    for name, (value, unit) in expected.items():
        q = getattr(C, name)
        assert isinstance(q, Quantity) and q.dim is unit.dim, name
        assert float(q) == pytest.approx(value, rel=1e-12), name
    # F = N_A e and R = N_A k, as the constants are defined
    assert float(C.faraday_constant) == pytest.approx(
        float(C.avogadro_constant * C.elementary_charge), rel=1e-8)
    assert float(C.gas_constant) == pytest.approx(
        float(C.avogadro_constant * C.boltzmann_constant), rel=1e-7)
    import brian_cg
    assert "faraday_constant" not in brian_cg.__all__  # as Brian2: not in the star import
