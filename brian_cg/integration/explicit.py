"""Explicit schemes defined by a description string (Brian2's language).

A description is a sequence of assignments, one per line (or separated by
``;``), the last one assigning ``x_new``::

    k = dt*f(x,t)
    x_new = x + dt*f(x + k/2, t + dt/2)

In an expression: ``x`` is the state (vector), ``t`` the time, ``dt`` the step,
``f(X, T)`` the deterministic part of the right-hand side evaluated with every
state variable ``y`` replaced by ``X`` (``x`` in ``X`` meaning ``y`` and each
temporary ``k`` meaning ``k`` of ``y``) and ``t`` by ``T``; ``g(X, T)`` likewise
the factor of the noise; ``dW`` the Wiener increment ``dt**0.5 * xi``.
Numbers, ``+ - * / **``, parentheses and the functions ``sqrt exp log abs sin
cos`` are allowed.  The description is parsed with Python's ``ast`` against that
whitelist (nothing is evaluated).

Several noise sources (``xi_a``, ``xi_b``...) are handled as in Brian2: a line that
involves ``g``, ``dW`` or such a temporary is computed once per noise source
(temporary ``_<k>_<var>_<xi>``), and in the last line the terms involving noise
are summed over the sources.  Temporaries of lines without noise are named
``_<k>_<var>``.
"""
import ast

import sympy

from ..errors import ExpressionSyntaxError, UnsupportedEquationsError
from .base import (
    DT,
    StateUpdateMethod,
    T,
    finalize,
    is_constant_over_dt,
    register_method,
    split_stochastic,
)

__all__ = [
    "ExplicitStateUpdater",
    "diagonal_noise",
    "euler",
    "heun",
    "milstein",
    "parse_description",
    "rk2",
    "rk4",
]

_F = sympy.Function("__f")
_G = sympy.Function("__g")
_X = sympy.Symbol("__x", real=True)
_DW = sympy.Symbol("__dW", real=True)

_FUNCS = {"sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log, "abs": sympy.Abs,
          "sin": sympy.sin, "cos": sympy.cos}
_RESERVED = {"x", "t", "dt", "dW", "f", "g"} | set(_FUNCS)


def _num(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError
    if isinstance(value, int):
        return sympy.Integer(value)
    return sympy.Rational(repr(value))  # 0.5 -> 1/2, exactly as written


class _Converter:
    def __init__(self, text, lineno, temps):
        self.text = text
        self.lineno = lineno
        self.temps = temps  # name -> symbol

    def error(self, msg, node=None):
        col = getattr(node, "col_offset", None)
        return ExpressionSyntaxError(f"Error in the integration method description: {msg}",
                                     text=self.text, lineno=self.lineno,
                                     col=None if col is None else col + 1)

    def __call__(self, node):
        meth = getattr(self, "visit_" + type(node).__name__, None)
        if meth is None:
            raise self.error(f"'{type(node).__name__}' is not allowed", node)
        return meth(node)

    def visit_Constant(self, node):
        try:
            return _num(node.value)
        except TypeError:
            raise self.error(f"constant {node.value!r} is not allowed", node) from None

    def visit_Name(self, node):
        n = node.id
        if n == "x":
            return _X
        if n == "t":
            return T
        if n == "dt":
            return DT
        if n == "dW":
            return _DW
        if n in self.temps:
            return self.temps[n]
        raise self.error(f"unknown name '{n}'", node)

    def visit_BinOp(self, node):
        a, b = self(node.left), self(node.right)
        op = type(node.op)
        if op is ast.Add:
            return a + b
        if op is ast.Sub:
            return a - b
        if op is ast.Mult:
            return a * b
        if op is ast.Div:
            return a / b
        if op is ast.Pow:
            return a ** b
        raise self.error(f"operator '{op.__name__}' is not allowed", node)

    def visit_UnaryOp(self, node):
        a = self(node.operand)
        if isinstance(node.op, ast.USub):
            return -a
        if isinstance(node.op, ast.UAdd):
            return a
        raise self.error(f"operator '{type(node.op).__name__}' is not allowed", node)

    def visit_Call(self, node):
        if not isinstance(node.func, ast.Name) or node.keywords:
            raise self.error("only calls of f, g and simple functions are allowed", node)
        name = node.func.id
        args = [self(a) for a in node.args]
        if name in ("f", "g"):
            if len(args) != 2:
                raise self.error(f"'{name}' takes two arguments (x, t), got {len(args)}", node)
            return (_F if name == "f" else _G)(*args)
        if name in _FUNCS:
            if len(args) != 1:
                raise self.error(f"'{name}' takes one argument", node)
            return _FUNCS[name](*args)
        raise self.error(f"unknown function '{name}'", node)


def parse_description(description):
    """Parse a description string -> (list of (temp name, expr), output expr).

    Expressions use the private symbols ``__x``, ``__dW`` and functions
    ``__f``, ``__g``; ``t`` and ``dt`` are the usual symbols.
    """
    if not isinstance(description, str):
        raise TypeError(f"A description has to be a string, got {type(description).__name__}")
    lines = []
    for lineno, line in enumerate(description.splitlines(), 1):
        for part in line.split(";"):
            if part.strip() and not part.strip().startswith("#"):
                lines.append((lineno, part.strip()))
    if not lines:
        raise ExpressionSyntaxError("The integration method description is empty", text=description)
    temps = {}
    statements = []
    output = None
    for i, (lineno, line) in enumerate(lines):
        conv = _Converter(line, lineno, temps)
        try:
            tree = ast.parse(line, mode="exec")
        except SyntaxError as ex:
            raise ExpressionSyntaxError(f"Error in the integration method description: {ex.msg}",
                                        text=line, lineno=lineno, col=ex.offset) from None
        if len(tree.body) != 1:
            raise conv.error("one statement per line expected")
        stmt = tree.body[0]
        last = i == len(lines) - 1
        if isinstance(stmt, ast.Return) or (isinstance(stmt, ast.Expr) and last and False):
            target, value = "x_new", stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        else:
            raise conv.error("each line has to be an assignment 'name = expression'", stmt)
        if value is None:
            raise conv.error("missing expression", stmt)
        expr = conv(value)
        if target == "x_new":
            if not last:
                raise conv.error("'x_new' has to be assigned in the last line", stmt)
            output = expr
        else:
            if last:
                raise conv.error("the last line has to assign 'x_new'", stmt)
            if target in _RESERVED or target.startswith("_"):
                raise conv.error(f"'{target}' cannot be used as a temporary name", stmt)
            if target in temps:
                raise conv.error(f"temporary '{target}' is assigned twice", stmt)
            temps[target] = sympy.Symbol(f"__tmp_{target}", real=True)
            statements.append((target, expr))
    return statements, output


def _uses_noise(expr):
    return expr.has(_G) or expr.has(_DW)


def diagonal_noise(diff_eqs, g, xis):
    """Raise unless the noise is diagonal: each equation has at most one noise
    symbol and no noise symbol appears in two equations."""
    used = []
    for var, coeffs in g.items():
        if len(coeffs) > 1:
            raise UnsupportedEquationsError(
                f"the noise is not diagonal: the equation for '{var}' has several noise "
                f"terms ({', '.join(str(x) for x in coeffs)})")
        used.extend(coeffs)
    if len(used) != len(set(used)):
        raise UnsupportedEquationsError(
            "the noise is not diagonal: a noise symbol appears in several equations")


class ExplicitStateUpdater(StateUpdateMethod):
    """An explicit scheme given by a description string.

    In the description, ``x`` stands for every state variable, ``f(x, t)`` for its
    right-hand side, ``g(x, t)`` for its noise factor and ``dW`` for the noise increment;
    the last line defines ``x_new``. ``euler``, ``rk2``, ``rk4``, ``heun`` and ``milstein``
    are made this way.

    Parameters
    ----------
    description : str
        The scheme (see the module documentation), e.g. ``'x_new = x + dt*f(x,t)'``.
    stochastic : {None, 'additive', 'multiplicative'}
        Which stochastic equations the scheme supports: none, additive noise
        only (the noise factor does not depend on state variables or on time),
        or any.
    custom_check : callable, optional
        ``custom_check(diff_eqs, g, xis)`` raising `UnsupportedEquationsError`.

    Examples
    --------
    >>> midpoint = ExplicitStateUpdater('''
    ... x_mid = x + 0.5*dt*f(x, t)
    ... x_new = x + dt*f(x_mid, t + 0.5*dt)''')
    >>> G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', method=midpoint)
    >>> G.v = 1
    >>> run(10*ms)
    >>> print(f"{G.v[0]:.6f} {exp(-1):.6f}")
    0.367886 0.367879
    """

    def __init__(self, description, stochastic=None, custom_check=None):
        if stochastic not in (None, "additive", "multiplicative"):
            raise ValueError("stochastic has to be None, 'additive' or 'multiplicative', "
                             f"got {stochastic!r}")
        self.description = description
        self.stochastic = stochastic
        self.custom_check = custom_check
        self.statements, self.output = parse_description(description)
        uses_noise = any(_uses_noise(e) for _, e in self.statements) or _uses_noise(self.output)
        if uses_noise and stochastic is None:
            raise ValueError("The description uses g or dW but stochastic is None; pass "
                             "stochastic='additive' or 'multiplicative'.")
        # which temporaries depend on noise (computed once per noise source)
        self._indexed = {}
        for name, expr in self.statements:
            self._indexed[name] = _uses_noise(expr) or any(
                expr.has(sympy.Symbol(f"__tmp_{k}", real=True)) for k, ind in self._indexed.items() if ind)

    def __repr__(self):
        return f"ExplicitStateUpdater({self.description!r}, stochastic={self.stochastic!r})"

    # ------------------------------------------------------------------ checks
    def _check(self, diff_eqs):
        f, g, xis = split_stochastic(diff_eqs)
        if xis:
            if self.stochastic is None:
                raise UnsupportedEquationsError(
                    "the equations are stochastic (they use "
                    f"{', '.join(str(x) for x in xis)}) and this method only integrates "
                    "deterministic equations")
            if self.stochastic == "additive":
                states = {sympy.Symbol(v, real=True) for v in diff_eqs}
                for var, coeffs in g.items():
                    for xi, coeff in coeffs.items():
                        if coeff.free_symbols & states or not is_constant_over_dt(coeff):
                            raise UnsupportedEquationsError(
                                f"the equation for '{var}' has multiplicative noise (the factor "
                                f"of {xi}, {coeff}, depends on state variables or on time) and "
                                "this method only integrates additive noise")
            if self.custom_check is not None:
                self.custom_check(diff_eqs, g, xis)
        return f, g, xis

    # ------------------------------------------------------------------ application
    def _apply(self, diff_eqs):
        f, g, xis = split_stochastic(diff_eqs)
        names = list(diff_eqs)
        syms = {v: sympy.Symbol(v, real=True) for v in names}
        sqrt_dt = sympy.sqrt(DT)
        indexed = self._indexed
        tmp_syms = {sympy.Symbol(f"__tmp_{k}", real=True): k for k, _ in self.statements}
        values = {}  # temporaries whose value is inlined (atoms)
        used_names = set(names) | {str(s) for e in diff_eqs.values() for s in e.free_symbols}

        def tname(k, var, xi):
            return f"_{k}_{var}" if xi is None else f"_{k}_{var}_{xi}"

        def tsym(k, var, xi):
            n = tname(k, var, xi if indexed[k] else None)
            return values.get(n, sympy.Symbol(n, real=True))

        def tr(e, var, xi):
            if e == _X:
                return syms[var]
            if e == _DW:
                return sqrt_dt * xi if xi is not None else sympy.Integer(0)
            if e in tmp_syms:
                k = tmp_syms[e]
                if indexed[k] and xi is None:
                    return sympy.Integer(0)
                return tsym(k, var, xi)
            if isinstance(e, sympy.Symbol) or not e.args:
                return e
            if e.func == _F or e.func == _G:
                if e.func == _G:
                    base = g[var].get(xi, sympy.Integer(0)) if xi is not None else sympy.Integer(0)
                else:
                    base = f[var]
                if base == 0 or not base.free_symbols:
                    return base
                a, b = e.args
                rep = {syms[w]: tr(a, w, xi) for w in names}
                rep[T] = tr(b, var, xi)
                return base.xreplace(rep)
            return e.func(*[tr(arg, var, xi) for arg in e.args])

        statements = []
        for k, expr in self.statements:
            contexts = xis if indexed[k] else [None]
            for var in names:
                for xi in contexts:
                    value = tr(expr, var, xi)
                    n = tname(k, var, xi)
                    if n in used_names:
                        raise UnsupportedEquationsError(
                            f"the temporary name '{n}' of the method clashes with a name in the "
                            "equations")
                    used_names.add(n)
                    if isinstance(value, (sympy.Symbol, sympy.Number)):
                        values[n] = value
                    else:
                        statements.append((n, value))
        # output
        det_terms, noise_terms = [], []
        for term in sympy.Add.make_args(self.output):
            if _uses_noise(term) or any(term.has(s) for s, k in tmp_syms.items() if indexed[k]):
                noise_terms.append(term)
            else:
                det_terms.append(term)
        new_values = []
        for var in names:
            rhs = sympy.Add(*[tr(term, var, None) for term in det_terms])
            for xi in xis:
                rhs += sympy.Add(*[tr(term, var, xi) for term in noise_terms])
            new_values.append((var, rhs))
        # drop temporaries nobody reads (e.g. supports for noise-free equations)
        return _prune(statements + finalize(new_values), set(names))


def _prune(statements, keep):
    needed = set()
    out = []
    for name, expr in reversed(statements):
        if name in keep or name in needed or not name.startswith("_"):
            out.append((name, expr))
            needed |= {s.name for s in expr.free_symbols}
    return list(reversed(out))


#: forward Euler; Euler-Maruyama (Ito) for additive noise
euler = ExplicitStateUpdater("x_new = x + dt*f(x,t) + g(x,t)*dW", stochastic="additive")

#: second order Runge-Kutta (midpoint)
rk2 = ExplicitStateUpdater("""
    k = dt*f(x,t)
    x_new = x + dt*f(x + k/2, t + dt/2)""")

#: classical fourth order Runge-Kutta
rk4 = ExplicitStateUpdater("""
    k_1 = dt*f(x,t)
    k_2 = dt*f(x + k_1/2, t + dt/2)
    k_3 = dt*f(x + k_2/2, t + dt/2)
    k_4 = dt*f(x + k_3, t + dt)
    x_new = x + (k_1 + 2*k_2 + 2*k_3 + k_4)/6""")

#: derivative-free Milstein (Brian2's formula; diagonal noise)
milstein = ExplicitStateUpdater("""
    x_support = x + dt*f(x, t) + dt**.5*g(x, t)
    g_support = g(x_support, t)
    k = 1/(2*dt**.5)*(g_support - g(x, t))*(dW**2)
    x_new = x + dt*f(x,t) + g(x, t)*dW + k""", stochastic="multiplicative", custom_check=diagonal_noise)

#: stochastic Heun (Stratonovich; Brian2's formula: its drift part is Euler's)
heun = ExplicitStateUpdater("""
    x_support = x + g(x,t)*dW
    g_support = g(x_support, t + dt)
    x_new = x + dt*f(x,t) + .5*dW*(g(x,t) + g_support)""", stochastic="multiplicative")

for _name, _m in (("euler", euler), ("rk2", rk2), ("rk4", rk4), ("milstein", milstein),
                  ("heun", heun)):
    register_method(_name, _m)
