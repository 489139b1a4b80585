"""Stochastic schemes: statements and strong convergence."""
import math

import numpy as np
import pytest
import sympy as sp

from brian_cg.integration import integrate
from integration_helpers import S, simulate

v, w, tau, sigma, mu = S("v"), S("w"), S("tau"), S("sigma"), S("mu")
xi, xi_a, xi_b, dt = S("xi"), S("xi_a"), S("xi_b"), S("dt")


def test_euler_additive_statement():
    statements, name = integrate({"v": -v / tau + sigma * xi / sp.sqrt(tau)}, "euler")
    assert statements == [("v", v - dt * v / tau + sp.sqrt(dt) * sigma * xi / sp.sqrt(tau))]


def test_several_noise_sources():
    eqs = {"v": -v / tau + sigma * xi_a + sigma * xi_b, "w": -w / tau + xi_a}
    statements, name = integrate(eqs, "euler")
    assert name == "euler"
    rhs = dict(statements)
    assert sp.simplify(rhs["v"] - (v - dt * v / tau + sp.sqrt(dt) * sigma * (xi_a + xi_b))) == 0
    statements, _ = integrate({"v": -v / tau + v * xi_a + xi_b, "w": w * xi_a}, "heun")
    names = [n for n, _ in statements]
    # one support value per (variable, noise source); those that are constants are inlined
    assert "_x_support_v_xi_a" in names and "_x_support_w_xi_a" in names
    assert "_x_support_v_xi_b" not in names  # g_support of the additive xi_b term is constant


def _brownian(n_paths, n_steps, T, seed=1):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_steps, n_paths)) * math.sqrt(T / n_steps)


def _coarsen(dW, factor):
    return dW.reshape(dW.shape[0] // factor, factor, -1).sum(axis=1)


def _strong_errors(method, eqs, x0, params, exact_of_W, T=1.0, n_fine=256, levels=(16, 32, 64),
                   n_paths=2000):
    statements, _ = integrate(eqs, method)
    dW = _brownian(n_paths, n_fine, T)
    W_T = dW.sum(axis=0)
    errors = []
    for n in levels:
        dWc = _coarsen(dW, n_fine // n)
        h = T / n
        res = simulate(statements, {"v": np.full(n_paths, x0)}, params, h, n,
                       noise={"xi": dWc / math.sqrt(h)})
        errors.append(np.mean(np.abs(res["v"] - exact_of_W(W_T, T))))
    return errors


def _orders(errors):
    return [math.log2(a / b) for a, b in zip(errors, errors[1:])]


def test_euler_additive_ou_strong_order():
    # dv = -v dt + s dW: exact solution needs the path; check against a fine Euler run
    # instead via the known strong order 1 for additive noise with the exact-in-law mean.
    statements, _ = integrate({"v": -v / tau + sigma * xi}, "euler")
    n_paths, T = 4000, 1.0
    dW = _brownian(n_paths, 1024, T)
    ref = simulate(statements, {"v": np.zeros(n_paths)}, {"tau": 1.0, "sigma": 0.5}, T / 1024, 1024,
                   noise={"xi": dW / math.sqrt(T / 1024)})["v"]
    errs = []
    for n in (16, 32, 64):
        dWc = _coarsen(dW, 1024 // n)
        res = simulate(statements, {"v": np.zeros(n_paths)}, {"tau": 1.0, "sigma": 0.5}, T / n, n,
                       noise={"xi": dWc / math.sqrt(T / n)})["v"]
        errs.append(np.mean(np.abs(res - ref)))
    assert all(abs(p - 1) < 0.3 for p in _orders(errs)), _orders(errs)
    # variance of the OU process: s^2/2 (1 - exp(-2T))
    assert np.var(ref) == pytest.approx(0.25 / 2 * (1 - math.exp(-2)), rel=0.1)


@pytest.mark.parametrize("method, mu_", [("heun", 0.5), ("heun", 0.0), ("milstein", 0.0)])
def test_gbm_stratonovich_strong_order(method, mu_):
    """dv/dt = mu*v + s*v*xi.  Brian2's heun (Stratonovich) and its derivative-free
    milstein (whose correction term uses dW**2, not dW**2 - dt) both converge to the
    Stratonovich solution v0*exp(mu*T + s*W_T), with strong order 1 (scalar noise)."""
    s = 0.4
    errs = _strong_errors(method, {"v": mu * v + sigma * v * xi}, 1.0, {"mu": mu_, "sigma": s},
                          lambda W, T: np.exp(mu_ * T + s * W))
    orders = _orders(errs)
    assert all(abs(p - 1) < 0.3 for p in orders), (method, orders, errs)


def test_milstein_with_drift_is_brian2s_formula():
    """With a drift, Brian2's milstein (support point x + dt*f + dt**.5*g) has an extra
    O(dt**1.5) term per step: it still converges to the Stratonovich solution, with
    strong order 1/2.  We reproduce Brian2's formula, quirks included."""
    mu_, s = 0.5, 0.4
    errs = _strong_errors("milstein", {"v": mu * v + sigma * v * xi}, 1.0, {"mu": mu_, "sigma": s},
                          lambda W, T: np.exp(mu_ * T + s * W), levels=(16, 64, 256))
    orders = _orders(errs)
    assert errs[0] > errs[1] > errs[2]
    assert all(0.25 < p / 2 < 0.8 for p in orders), orders  # levels differ by factor 4
    statements, _ = integrate({"v": mu * v + sigma * v * xi}, "milstein")
    k = dict(statements)["_k_v_xi"]
    expected = sp.sqrt(dt) * xi**2 * (S("_g_support_v_xi") - sigma * v) / 2  # dW**2, no '- dt'
    assert sp.simplify(k - expected) == 0
