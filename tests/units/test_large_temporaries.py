"""Units survive numpy's reuse of temporary arrays as ``out=`` (above ~32k elements numpy
elides the temporary of ``np.ones(n) * mV`` and writes the result into it).

Each expression is written out literally: numpy only elides a temporary that nothing else
refers to, so passing it through a helper function would hide the bug.
"""
import numpy as np
import pytest

from brian_cg import NeuronGroup, run, ms, second
from brian_cg.units import DIMENSIONLESS, Quantity, get_dimensions, mV, volt, Hz

SIZES = [10, 100_000]
V2 = volt.dim ** 2


def _check(result, dim, value):
    if dim is DIMENSIONLESS:
        assert not isinstance(result, Quantity) or result.dim is DIMENSIONLESS
    else:
        assert isinstance(result, Quantity), type(result)
        assert result.dim is dim
    np.testing.assert_allclose(np.asarray(result), value)


@pytest.mark.parametrize("n", SIZES)
def test_plain_temporary_times_unit(n):
    _check(np.ones(n) * 3 * mV, volt.dim, 3e-3)
    _check(np.ones(n) * 3 / second, Hz.dim, 3)
    _check(np.ones(n) * 2 * mV + 0, volt.dim, 2e-3)  # a plain zero goes with any unit
    _check(np.ones(n) * 3 * (2 * mV), volt.dim, 6e-3)
    _check(np.ones(n) * 3 / (2 * mV), volt.dim ** -1, 1500)
    _check(np.ones(n) * 3 * (np.ones(n) * mV), volt.dim, 3e-3)
    _check(np.ones(n) * 3 / (np.ones(n) * mV), volt.dim ** -1, 3000)
    _check(np.ones(n) * 3 ** (np.ones(n) * 2), DIMENSIONLESS, 9)
    _check(np.random.normal(size=n) * 0 + 1 * second, get_dimensions(second), 1)
    _check(np.random.rand(n) * 0 * mV, volt.dim, 0)


@pytest.mark.parametrize("n", SIZES)
def test_quantity_temporary_binary_operators(n):
    q = np.full(n, 4.0) * mV
    _check(np.full(n, 4.0) * mV + q, volt.dim, 8e-3)
    _check(np.full(n, 4.0) * mV - q, volt.dim, 0)
    _check(np.full(n, 4.0) * mV + 1 * mV, volt.dim, 5e-3)
    _check(np.full(n, 4.0) * mV * 2, volt.dim, 8e-3)
    _check(np.full(n, 4.0) * mV * q, V2, 16e-6)
    _check(np.full(n, 4.0) * mV * mV, V2, 4e-6)
    _check(np.full(n, 4.0) * mV / 2, volt.dim, 2e-3)
    _check(np.full(n, 4.0) * mV / mV, DIMENSIONLESS, 4)
    _check(np.full(n, 4.0) * mV / q, DIMENSIONLESS, 1)
    _check(np.full(n, 4.0) * mV / second, (volt / second).dim, 4e-3)
    _check(np.full(n, 4.0) * mV // (3 * mV), DIMENSIONLESS, 1)
    _check(np.full(n, 4.0) * mV % (3 * mV), volt.dim, 1e-3)
    _check((np.full(n, 4.0) * mV) ** 2, V2, 16e-6)
    _check((np.full(n, 4.0) * mV) ** 0.5, volt.dim ** 0.5, np.sqrt(4e-3))
    _check(-(np.full(n, 4.0) * mV), volt.dim, -4e-3)
    _check(+(np.full(n, 4.0) * mV), volt.dim, 4e-3)
    _check(abs(np.full(n, -4.0) * mV), volt.dim, 4e-3)
    _check(np.sqrt(np.full(n, 4.0) * mV * mV), volt.dim, 2e-3)
    _check(np.square(np.full(n, 4.0) * mV), V2, 16e-6)
    _check(np.maximum(np.full(n, 4.0) * mV, 5 * mV), volt.dim, 5e-3)
    _check(np.clip(np.full(n, 4.0) * mV, 0 * mV, 2 * mV), volt.dim, 2e-3)


@pytest.mark.parametrize("n", SIZES)
def test_comparisons_of_temporaries_are_plain(n):
    r = np.full(n, 4.0) * mV > 3 * mV
    assert type(r) is np.ndarray and r.dtype == bool and r.all()


@pytest.mark.parametrize("n", SIZES)
def test_inplace_operators(n):
    q = np.full(n, 4.0) * mV
    same = q
    q += 2 * mV
    _check(q, volt.dim, 6e-3)
    q -= 1 * mV
    _check(q, volt.dim, 5e-3)
    q *= 2
    _check(q, volt.dim, 10e-3)
    q /= 5
    _check(q, volt.dim, 2e-3)
    assert q is same  # arrays are changed in place, as numpy's
    q *= mV
    _check(q, V2, 2e-6)
    q /= mV
    _check(q, volt.dim, 2e-3)
    q //= 1 * mV
    _check(q, DIMENSIONLESS, 2)
    r = np.full(n, 5.0) * mV
    r %= 3 * mV
    _check(r, volt.dim, 2e-3)
    r **= 2
    _check(r, V2, 4e-6)
    plain = np.ones(n)
    plain *= 3
    plain = plain * mV  # the in-place product of a plain array stays plain, times mV is volt
    _check(plain, volt.dim, 3e-3)
    with pytest.raises(Exception):
        r += 1 * mV  # volt^2 + volt


@pytest.mark.parametrize("n", SIZES)
def test_explicit_plain_out_array(n):
    out = np.empty(n)
    r = np.multiply(np.ones(n), mV, out=out)
    _check(r, volt.dim, 1e-3)
    assert np.shares_memory(r, out)
    div, mod = np.divmod(np.full(n, 5.0) * mV, 3 * mV, out=(np.empty(n), np.empty(n)))
    _check(div, DIMENSIONLESS, 1)
    _check(mod, volt.dim, 2e-3)


@pytest.mark.parametrize("n", SIZES)
def test_reductions_with_out(n):
    q = np.full((2, n), 4.0) * mV
    out = np.empty(n)
    _check(np.add.reduce(q, axis=0, out=out), volt.dim, 8e-3)
    _check(q.sum(axis=0, out=np.empty(n)), volt.dim, 8e-3)
    _check(np.add.accumulate(q, axis=0, out=np.empty((2, n)))[1], volt.dim, 8e-3)


def test_ufunc_at_checks_units():
    q = np.zeros(5) * mV
    np.add.at(q, [0, 0, 3], 1 * mV)
    _check(q, volt.dim, [2e-3, 0, 0, 1e-3, 0])
    with pytest.raises(Exception):
        np.multiply.at(q, [0], mV)  # would turn q into volt^2 for one element only


@pytest.mark.parametrize("n", [10, 40_000])
def test_neurongroup_set_from_large_temporary(target, n):
    G = NeuronGroup(n, "dv/dt = -v/(10*ms) : volt")
    G.v = np.random.rand(n) * mV
    assert np.all((G.v >= 0 * mV) & (G.v < 1 * mV))
    G.v = np.linspace(0, 1, n) * mV
    run(1 * ms)
    np.testing.assert_allclose(G.v_, np.linspace(0, 1e-3, n) * np.exp(-0.1), rtol=1e-4)
