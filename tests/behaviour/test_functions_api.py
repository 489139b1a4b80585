"""Brian's function API in model code: Function and its implementations, @check_units and
@declare_types functions, poisson(), BinomialFunction, 'independent', legacy refractoriness."""
import numpy as np
import pytest

from brian_cg import (BinomialFunction, DimensionMismatchError, Function, Network, NeuronGroup,
                      SpikeMonitor, StateMonitor, check_units, declare_types, implementation,
                      mV, ms, prefs, run, seed, start_scope, volt)
from brian_cg.runtime.compiler import compiler_works

needs_compiler = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")


def _run_code(code, **functions):
    G = NeuronGroup(3, "w : volt\nk : integer\nr : volt")
    G.w = [1, 2, 3] * mV
    G.run_regularly(code)
    run(0.1 * ms, namespace=functions)
    return G


def test_check_units_function_with_cpp_implementation(target):
    @implementation("cpp", "double double_it(double x) { return 2*x; }")
    @check_units(x=volt, result=volt)
    def double_it(x):
        return 2 * x

    G = _run_code("r = double_it(w)", double_it=double_it)
    np.testing.assert_allclose(G.r / mV, [2, 4, 6])
    assert "cpp" in double_it.implementations and "cython" in double_it.implementations


@needs_compiler
def test_compiled_target_uses_the_cpp_implementation():
    # a C++ implementation that differs from the Python one shows which one ran
    @implementation("cpp", "double scaled(double x) { return 3*x; }")
    @check_units(x=volt, result=volt)
    def scaled(x):
        return 2 * x

    renamed = Function(lambda x: x, arg_units=[volt], return_unit=volt)
    renamed.implementations.add_implementation(
        "cpp", {"support_code": "static inline double _plus_one_mV(double x) "
                                "{ return x + 0.001; }"}, name="_plus_one_mV")
    prefs.codegen.target = "numpy"
    np.testing.assert_allclose(_run_code("r = scaled(w)", scaled=scaled).r / mV, [2, 4, 6])
    start_scope()
    prefs.codegen.target = "cython"
    np.testing.assert_allclose(_run_code("r = scaled(w)", scaled=scaled).r / mV, [3, 6, 9])
    np.testing.assert_allclose(_run_code("r = renamed(w)", renamed=renamed).r / mV, [2, 3, 4])


def test_function_units_in_model_strings():
    prefs.codegen.target = "numpy"  # Python implementations only: numpy (or 'auto')

    @check_units(x=volt, y="x", result=volt)
    def add_them(x, y):  # y: the units of x (Brian passes it without units and fails)
        return x + y

    @implementation("numpy", discard_units=True)
    @check_units(x=volt, result=volt)
    def plain(x):
        return x * 3 + 1 * mV  # mV is a plain number here

    @check_units(x=volt, result=1)
    def wrong(x):
        return x  # returns volts, declared dimensionless

    G = _run_code("r = add_them(w, 2*w)", add_them=add_them)
    np.testing.assert_allclose(G.r / mV, [3, 6, 9])
    np.testing.assert_allclose(_run_code("r = plain(w)", plain=plain).r / mV, [4, 7, 10])
    with pytest.raises(DimensionMismatchError):
        _run_code("r = add_them(w, i)", add_them=add_them)  # y must have the units of x
    with pytest.raises(Exception, match="expected to return a dimensionless"):
        _run_code("k = wrong(w)", wrong=wrong)


def test_declare_types_and_function_container():
    @declare_types(n="integer", result="integer")
    @check_units(n=1, result=1)
    def twice(n):
        return 2 * n

    f = Function(twice)
    assert f._arg_types == ["integer"] and f._return_type == "integer"
    prefs.codegen.target = "numpy"
    G = _run_code("k = twice(i)", twice=twice)
    np.testing.assert_array_equal(G.k, [0, 2, 4])
    with pytest.raises(ValueError, match="Argument type string is not valid"):
        declare_types(n="string")(lambda n: n)
    with pytest.raises(ValueError, match="unknown argument m"):
        declare_types(m="integer")(lambda n: n)
    with pytest.raises(ValueError, match="Result type int is not valid"):
        declare_types(result="int")(lambda n: n)
    with pytest.raises(TypeError, match="Non-float arguments must be dimensionless"):
        Function(lambda x: x, arg_units=[volt], return_unit=1, arg_types=["integer"])
    with pytest.raises(ValueError, match="does not specify how it deals with units"):
        Function(lambda x: x)

    sq = Function(lambda x: x ** 2, arg_units=[volt], return_unit=volt ** 2)
    assert len(sq.implementations) == 0 and "numpy" not in sq.implementations
    sq.implementations.add_numpy_implementation(lambda x: x * x)
    sq.implementations.add_implementation("cpp", "double sq(double x) { return x*x; }")
    assert "numpy" in sq.implementations and "cython" in sq.implementations
    assert sq.implementations["cython"] is sq.implementations["cpp"]
    with pytest.raises(KeyError, match="No implementation available for target 'opencl'"):
        sq.implementations["opencl"]
    assert float(sq(3 * mV) / mV ** 2) == pytest.approx(9)


def test_check_units_lets_strings_and_none_through():
    @check_units(x=volt, n=1)
    def f(x, n=None):
        return x

    assert f("v") == "v"  # a string names a variable, as in Brian
    assert f(None) is None
    assert f(2 * mV, None) == 2 * mV
    with pytest.raises(DimensionMismatchError):
        f(2)


def _poisson_draws(target, lam):
    start_scope()
    prefs.codegen.target = target
    seed(11)
    G = NeuronGroup(len(lam), "k : integer\nlam : 1\nhalf : 1")
    G.lam = lam
    G.run_regularly("k = poisson(lam); half = poisson(lam)/2")
    run(0.2 * ms)
    return np.asarray(G.k), np.asarray(G.half)


def test_poisson_in_model_code(target):
    lam = np.repeat([0.0, 0.4, 3.5, 20.0, 1000.0], 20000)
    k, half = _poisson_draws(target, lam)
    for value in (0.4, 3.5, 20.0, 1000.0):
        draws = k[lam == value]
        assert abs(draws.mean() - value) < 4 * np.sqrt(value / len(draws))
        assert abs(draws.var() / value - 1) < 0.06
    assert np.all(k[lam == 0] == 0)
    # two call sites draw independently; '/' is a true division
    assert np.any(half * 2 != k) and np.all(half * 2 == np.round(half * 2))


@needs_compiler
def test_poisson_same_numbers_on_every_target():
    lam = np.tile([0.2, 1.5, 7.0, 33.0, 450.0], 4000)
    ref = _poisson_draws("numpy", lam)
    got = _poisson_draws("cython", lam)
    np.testing.assert_array_equal(ref[0], got[0])
    np.testing.assert_array_equal(ref[1], got[1])


def test_poisson_inversion_is_exact():
    from math import exp, factorial

    from brian_cg.rng.poisson import poisson_from_uniform

    u = (np.arange(200000) + 0.5) / 200000  # a fine grid: frequencies are the pmf
    for lam in (0.7, 4.2, 60.0):
        k = poisson_from_uniform(lam, u)
        freq = np.bincount(k) / len(u)
        for j in range(min(len(freq), int(lam + 10))):
            expected = exp(-lam) * lam ** j / factorial(j) if lam < 50 else None
            if expected is not None:
                assert abs(freq[j] - expected) <= 2 / len(u)
        assert abs(np.dot(np.arange(len(freq)), freq) - lam) < 1e-3 * max(lam, 1)
    assert poisson_from_uniform(-1.0, 0.5) == 0 and poisson_from_uniform(np.inf, 0.5) == -1


def test_binomial_function(target):
    seed(3)
    exact = BinomialFunction(20, 0.1)
    normal = BinomialFunction(1000, 0.3)
    high_p = BinomialFunction(20, 0.9)
    G = NeuronGroup(100_000, "x : 1\ny : 1\nz : 1")
    G.run_regularly("x = exact(); y = normal(); z = high_p()")
    run(0.1 * ms)
    assert abs(np.mean(G.x) - 2) < 0.02 and abs(np.var(G.x) - 1.8) < 0.05
    assert np.all(G.x == np.round(G.x)) and G.x.max() <= 20
    assert abs(np.mean(G.y) - 300) < 0.3 and abs(np.var(G.y) - 210) < 6
    assert np.any(G.y != np.round(G.y))  # Brian's normal approximation is not rounded
    assert abs(np.mean(G.z) - 18) < 0.02 and G.z.min() >= 0 and G.z.max() <= 20
    G.x = "exact()"  # also in code run once
    assert abs(np.mean(G.x) - 2) < 0.02
    with pytest.raises(DimensionMismatchError):
        BinomialFunction(10, 0.5 * mV)


def test_independent_method(target):
    # Brian2 2.11: v(3 ms) = 0.20833652524606852, w(3 ms) = 0.760324847268409 (w reads the
    # new v: the equations are updated one after the other)
    G = NeuronGroup(1, """dv/dt = sin(2*pi*t/(10*ms))/(10*ms) : 1
                          dw/dt = -w/(5*ms) + v/ms : 1""", method="independent")
    G.w = 1
    M = StateMonitor(G, "v", record=0)
    run(3 * ms)
    t = np.asarray(M.t / ms)
    np.testing.assert_allclose(M.v[0], (1 - np.cos(2 * np.pi * t / 10)) / (2 * np.pi),
                               atol=1e-14)
    assert G.v[0] == pytest.approx(0.20833652524606852, rel=1e-13)
    assert G.w[0] == pytest.approx(0.760324847268409, rel=1e-12)
    noisy = NeuronGroup(1, "dv/dt = -v/(10*ms) + xi/sqrt(ms) : 1", method="independent")
    with pytest.raises(Exception, match="stochastic"):
        Network(noisy).run(0.1 * ms)


@pytest.mark.parametrize("legacy, counts, second_spikes",
                         [(False, [17, 8, 5], [0.3, 0.7, 1.1]),
                          (True, [14, 7, 5], [0.3, 0.8, 1.2])])
def test_legacy_refractory_timing(target, legacy, counts, second_spikes):
    # Brian2 2.11's numbers for refractory=0.3, 0.7, 1.1 ms at dt = 0.1 ms
    prefs.legacy.refractory_timing = legacy
    got, seconds = [], []
    for r in (0.3, 0.7, 1.1):
        start_scope()
        G = NeuronGroup(1, "dv/dt = 1/(0.1*ms) : 1 (unless refractory)", threshold="v > 0.5",
                        reset="v = 0", refractory=r * ms, method="euler")
        M = SpikeMonitor(G)
        run(5 * ms)
        got.append(int(M.count[0]))
        seconds.append(float(M.t[1] / ms))
    assert got == counts
    np.testing.assert_allclose(seconds, second_spikes, atol=1e-9)
