"""A tiny numpy evaluator for the statements produced by brian_cg.integration."""
import numpy as np
import sympy as sp


def S(name):
    return sp.Symbol(name, real=True)


def compile_statements(statements):
    compiled = []
    for name, expr in statements:
        args = sorted(expr.free_symbols, key=lambda s: s.name)
        f = sp.lambdify(args, expr, "numpy")
        compiled.append((name, [a.name for a in args], f))
    return compiled


def simulate(statements, state, params, dt, n_steps, noise=None):
    """Run ``n_steps`` steps.  ``noise``: dict xi name -> array (n_steps, ...) of
    standard normal samples."""
    compiled = compile_statements(statements)
    env = dict(params)
    env.update({k: np.array(v, dtype=float) for k, v in state.items()})
    env["dt"] = dt
    for step in range(n_steps):
        env["t"] = step * dt
        if noise:
            for k, v in noise.items():
                env[k] = v[step]
        for name, argnames, f in compiled:
            env[name] = f(*[env[a] for a in argnames])
    return {k: env[k] for k in state}
