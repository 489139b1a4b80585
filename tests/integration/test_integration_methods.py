"""Method selection, description strings, statement structure and errors."""
import logging
import math

import numpy as np
import pytest
import sympy as sp

from brian_cg.errors import EquationError, ExpressionSyntaxError, UnsupportedEquationsError
from brian_cg.integration import (ExplicitStateUpdater, StateUpdateMethod, euler, exact, get_method,
                                  integrate, method_names, rk2)
from integration_helpers import S, simulate

x, y, v, w, tau, sigma = S("x"), S("y"), S("v"), S("w"), S("tau"), S("sigma")
xi, xi_a, xi_b, dt, t = S("xi"), S("xi_a"), S("xi_b"), S("dt"), S("t")


class _Catch(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def log():
    h = _Catch()
    lg = logging.getLogger("brian_cg.integration")
    old = lg.level
    lg.addHandler(h)
    lg.setLevel(logging.DEBUG)
    yield h
    lg.removeHandler(h)
    lg.setLevel(old)


# ------------------------------------------------------------------ registry
def test_registry():
    for name in ["exact", "linear", "euler", "rk2", "rk4", "heun", "milstein", "exponential_euler"]:
        assert name in method_names()
        m = get_method(name)
        assert isinstance(m, StateUpdateMethod)
        assert m.can_integrate({"v": -v / tau})
    assert get_method("RK4") is get_method("rk4")
    with pytest.raises(ValueError, match="foo"):
        integrate({"v": -v / tau}, "foo")


def test_can_integrate_and_reason():
    assert not exact.can_integrate({"v": -v**2 / tau})
    assert "linear" in exact.cannot_integrate_reason({"v": -v**2 / tau})
    assert exact.cannot_integrate_reason({"v": -v / tau}) is None
    assert not rk2.can_integrate({"v": -v / tau + xi})
    assert "stochastic" in rk2.cannot_integrate_reason({"v": -v / tau + xi})


# ------------------------------------------------------------------ automatic choice
@pytest.mark.parametrize("eqs, expected", [
    ({"v": -v / tau}, "exact"),
    ({"v": (S("v0") - v) / tau}, "exact"),
    ({"v": (w - v) / tau, "w": -w / tau}, "exact"),
    ({"v": -v**3 / tau}, "euler"),                      # nonlinear
    ({"v": -v * t / tau**2}, "euler"),                  # explicitly time dependent
    ({"v": S("I") / tau}, "euler"),                     # no fixed point (as Brian2)
    ({"x": y / tau, "y": -x / tau}, "euler"),           # complex eigenvalues (as Brian2)
    ({"v": -v / tau + sigma * xi / sp.sqrt(tau)}, "euler"),       # additive noise
    ({"v": -v / tau + sigma * v * xi / sp.sqrt(tau)}, "heun"),    # multiplicative noise
])
def test_automatic_choice(eqs, expected, log):
    statements, name = integrate(eqs, None, group_name="neurongroup")
    assert name == expected
    msgs = [r.getMessage() for r in log.records if r.levelno == logging.INFO]
    assert any(f"No numerical integration method specified for group 'neurongroup', using method "
               f"'{expected}'" in m for m in msgs), msgs
    # same with the NeuronGroup default
    assert integrate(eqs, ("exact", "euler", "heun"), group_name="neurongroup")[1] == expected


def test_timed_array_is_constant_over_dt():
    stim = sp.Function("stimulus")
    assert integrate({"v": (stim(t) - v) / tau}, None)[1] == "exact"
    assert integrate({"v": (sp.sin(t / tau) - v) / tau}, None)[1] == "euler"


def test_sequence_of_methods():
    assert integrate({"v": -v**2}, ["exact", "rk2"])[1] == "rk2"
    with pytest.raises(UnsupportedEquationsError, match="exact"):
        integrate({"v": -v**2}, ["exact", "exponential_euler"], group_name="grp")


# ------------------------------------------------------------------ statement structure
@pytest.mark.parametrize("method", ["euler", "rk2", "rk4", "heun", "milstein", "exponential_euler"])
def test_statement_structure(method):
    eqs = {"v": (w - v) / tau, "w": -w * v / tau}
    statements, _ = integrate(eqs, method)
    names = [n for n, _ in statements]
    k = len(names) - 2
    assert sorted(names[k:]) == ["v", "w"]
    assert all(n.startswith("_") for n in names[:k])
    # every statement reads only old state values: simulate vs. a reference step
    res = simulate(statements, {"v": 1.0, "w": 2.0}, {"tau": 1.0}, 0.1, 1)
    if method == "euler":
        assert float(res["v"]) == pytest.approx(1.0 + 0.1 * (2.0 - 1.0))
        assert float(res["w"]) == pytest.approx(2.0 - 0.1 * 2.0 * 1.0)


def test_old_values_with_cross_dependence():
    statements, _ = integrate({"x": y / tau, "y": -x / tau}, "euler")
    res = simulate(statements, {"x": 1.0, "y": 0.0}, {"tau": 1.0}, 0.1, 1)
    assert float(res["x"]) == pytest.approx(1.0) and float(res["y"]) == pytest.approx(-0.1)
    assert [n for n, _ in statements][-2:] in (["x", "y"], ["y", "x"])


def test_temporary_names():
    statements, _ = integrate({"v": -v / tau}, "rk4")
    assert [n for n, _ in statements] == ["_k_1_v", "_k_2_v", "_k_3_v", "_k_4_v", "v"]


# ------------------------------------------------------------------ description strings
def test_description_string_as_method():
    statements, name = integrate({"v": -v / tau}, "x_new = x + dt*f(x,t)")
    assert statements == integrate({"v": -v / tau}, "euler")[0]
    midpoint = """
        k = dt*f(x,t)
        x_new = x + dt*f(x + k/2, t + dt/2)"""
    eqs = {"v": -v * t / tau**2 + w, "w": -v / tau}
    assert integrate(eqs, midpoint)[0] == integrate(eqs, "rk2")[0]


def test_explicit_state_updater_instance():
    trapezoid = ExplicitStateUpdater("""
        k_1 = f(x, t)
        k_2 = f(x + dt*k_1, t + dt)
        x_new = x + dt*(k_1 + k_2)/2""")
    statements, _ = integrate({"v": -v / tau}, trapezoid)
    res1 = simulate(statements, {"v": 1.0}, {"tau": 1.0}, 0.01, 100)
    res2 = simulate(statements, {"v": 1.0}, {"tau": 1.0}, 0.005, 200)
    e1, e2 = abs(float(res1["v"]) - math.exp(-1)), abs(float(res2["v"]) - math.exp(-1))
    assert abs(math.log2(e1 / e2) - 2) < 0.3


def test_description_semicolons_and_return():
    a = ExplicitStateUpdater("k = dt*f(x,t); x_new = x + k")
    b = ExplicitStateUpdater("k = dt*f(x,t)\nreturn x + k")
    eqs = {"v": -v / tau}
    assert a(eqs) == b(eqs)


def test_stochastic_description():
    additive = ExplicitStateUpdater("x_new = x + dt*f(x,t) + g(x,t)*dW", stochastic="additive")
    statements = additive({"v": -v / tau + sigma * xi})
    assert statements == [("v", v - dt * v / tau + sp.sqrt(dt) * sigma * xi)]
    with pytest.raises(ValueError, match="stochastic"):
        ExplicitStateUpdater("x_new = x + dt*f(x,t) + g(x,t)*dW")
    with pytest.raises(ValueError):
        ExplicitStateUpdater("x_new = x", stochastic="sometimes")


@pytest.mark.parametrize("bad", [
    "x_new = x + dt*f(x)",                 # f needs two arguments
    "x_new = x + dt*h(x, t)",              # unknown function
    "x_new = x + dt*q",                    # unknown name
    "k = dt*f(x,t)",                       # no x_new
    "x_new = x + dt*f(x,t)\nk = 1",        # x_new not last
    "x_new = __import__('os').system('true')",
    "x_new = x.real",
    "x_new = x + dt*f(x,t",                # syntax error
    "x_new = [x]",
    "x_new = x + 'a'",
    "",
])
def test_bad_descriptions(bad):
    with pytest.raises(ExpressionSyntaxError):
        ExplicitStateUpdater(bad)
    with pytest.raises(EquationError):
        integrate({"v": -v / tau}, bad if "=" in bad else "x_new = " + bad)


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("method", ["exact", "rk2", "rk4", "exponential_euler", "linear"])
def test_stochastic_with_deterministic_method(method):
    with pytest.raises(UnsupportedEquationsError) as exc:
        integrate({"v": -v / tau + sigma * xi / sp.sqrt(tau)}, method, group_name="grp")
    msg = str(exc.value)
    assert f"'{method}'" in msg and "stochastic" in msg and "grp" in msg and "dv/dt" in msg


def test_nonlinear_with_exact():
    with pytest.raises(UnsupportedEquationsError) as exc:
        integrate({"v": -v**3 / tau}, "exact", group_name="neurons")
    msg = str(exc.value)
    assert "'exact'" in msg and "neurons" in msg and "v**3" in msg and "linear" in msg


def test_exact_time_dependent():
    with pytest.raises(UnsupportedEquationsError, match="constant over a time step"):
        integrate({"v": -v * t / tau**2}, "exact")


def test_exact_random_function_not_constant():
    from brian_cg.equations.functions import Rand, new_random_key
    eqs = {"v": (Rand(new_random_key()) - v) / tau}
    assert not exact.can_integrate(eqs)
    assert euler.can_integrate(eqs)


def test_exponential_euler_nonlinear():
    with pytest.raises(UnsupportedEquationsError, match="exponential_euler"):
        integrate({"v": -v**3 / tau}, "exponential_euler")


def test_euler_multiplicative_noise():
    with pytest.raises(UnsupportedEquationsError, match="multiplicative"):
        integrate({"v": -v / tau + sigma * v * xi}, "euler")
    with pytest.raises(UnsupportedEquationsError, match="multiplicative"):
        integrate({"v": -v / tau + sigma * t * xi}, "euler")
    # a TimedArray-like factor counts as constant over dt
    integrate({"v": -v / tau + sp.Function("ta")(t) * xi}, "euler")


def test_milstein_non_diagonal():
    with pytest.raises(UnsupportedEquationsError, match="diagonal"):
        integrate({"v": -v / tau + v * xi_a + v * xi_b}, "milstein")
    with pytest.raises(UnsupportedEquationsError, match="diagonal"):
        integrate({"v": -v / tau + v * xi_a, "w": -w / tau + w * xi_a}, "milstein")


def test_noise_must_be_linear():
    with pytest.raises(UnsupportedEquationsError, match="non-linearly"):
        integrate({"v": -v / tau + xi**2}, "euler")


def test_no_suitable_method():
    with pytest.raises(UnsupportedEquationsError, match="No integration method suitable"):
        integrate({"v": -v / tau + sigma * v * xi}, ("exact", "euler"), group_name="g")


def test_empty():
    assert integrate({}, None)[0] == []
