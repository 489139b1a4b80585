"""Printing sympy expressions as C++ (shared by every C-family target).

The compiled C++ target, and later standalone C++, OpenCL and CUDA, print
expressions with this printer; a target that differs overrides single
``_print_<Class>`` methods or the function table.

Semantics follow Python (and the numpy target), not C:

- ``/`` is true division even between integers (``i/N``);
- ``a // b`` (parsed as ``floor(a/b)``) and ``a % b`` round towards minus infinity,
  the remainder taking the sign of the divisor;
- ``int(x)`` truncates towards zero, to a 64-bit integer;
- ``x**n`` with a small integer ``n`` is a product, ``x**0.5`` is ``sqrt``.

The helper functions the printed code calls (``_brian_mod_i64``, ``_brian_clip``...)
are defined in ``templates/common/brian_cg_support.h``; the random numbers in
``templates/common/philox.h``. Printed code stays within what C++, OpenCL C and CUDA all
accept: no overloaded functions (the printer picks ``_brian_mod_i32``, ``_i64`` or
``_f64`` from the operands' types), no lambdas, no templates.
"""
import sympy

from .printer import CodePrinter

__all__ = ["CPP_FUNCTIONS", "CppPrinter", "is_integer_expr", "print_cpp"]

#: brian_cg/sympy function name -> C++ function name (the support header defines the ``_brian_*``).
CPP_FUNCTIONS = {
    "exp": "exp", "log": "log", "log10": "log10", "sqrt": "sqrt", "sin": "sin", "cos": "cos",
    "tan": "tan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "asin": "asin",
    "acos": "acos", "atan": "atan", "Abs": "fabs", "floor": "floor", "ceiling": "ceil",
    "sign": "_brian_sign", "Clip": "_brian_clip", "Exprel": "_brian_exprel",
    "Timestep": "_brian_timestep", "IntCast": "_brian_int", "Min": "_brian_min",
    "Max": "_brian_max", "PoissonSample": "_brian_poisson",
}

#: Integer exponents up to this magnitude are printed as products.
MAX_MULTIPLY_POWER = 4


def is_int32_expr(expr, int32_names):
    """Whether an integer expression has a 32-bit type in the generated code (C's ``int``:
    int32 variables, the index ``i``, literals that fit), so that it wraps as numpy's int32."""
    if expr.is_Integer:
        return -2**31 <= int(expr) < 2**31
    if expr.is_Symbol:
        return expr.name in int32_names
    if isinstance(expr, (sympy.Add, sympy.Mul, sympy.Mod)):
        return all(is_int32_expr(a, int32_names) for a in expr.args)
    if expr.is_Pow:
        return is_int32_expr(expr.base, int32_names) and expr.exp.is_Integer
    return False


def is_integer_expr(expr, integer_names):
    """Whether ``expr`` has an integer type in the generated C++ (so ``/`` would truncate)."""
    if expr.is_Integer:
        return True
    if expr.is_Symbol:
        return expr.name in integer_names
    name = type(expr).__name__
    if name in ("IntCast", "Timestep"):
        return True
    if isinstance(expr, (sympy.Add, sympy.Mul, sympy.Mod)):
        return all(is_integer_expr(a, integer_names) for a in expr.args)
    if expr.is_Pow:
        return (is_integer_expr(expr.base, integer_names) and expr.exp.is_Integer
                and expr.exp >= 0)
    return False


class CppPrinter(CodePrinter):
    """sympy -> C++ expression strings.

    Parameters
    ----------
    integer_names : set of str
        Names whose C++ type is an integer (or bool): divisions by them are done in double.
    int32_names : set of str
        Those of them with a 32-bit type (the others are 64-bit).
    random_call : callable(kind, k) -> str
        How to print the ``k``-th ``Rand``/``Randn`` call site (``kind`` is ``'rand'`` or
        ``'randn'``); the default calls ``_rand(k)``/``_randn(k)``, macros of the template.
    """

    printmethod = "_cppcode"
    true, false = "true", "false"
    and_op, or_op = " && ", " || "
    not_format = "(!({}))"
    conditional_format = "(({cond}) ? ({a}) : ({b}))"
    random_format = "_{kind}({k})"
    functions = CPP_FUNCTIONS

    def __init__(self, integer_names=(), random_call=None, settings=None, int32_names=()):
        super().__init__(settings or {})
        self.integer_names = set(integer_names)
        self.int32_names = set(int32_names) & self.integer_names
        if random_call is not None:
            self.random_call = random_call

    # ------------------------------------------------------------ atoms
    def _print_Float(self, expr):
        v = float(expr)
        if v != v:
            return "NAN"
        if v in (float("inf"), float("-inf")):
            return "INFINITY" if v > 0 else "(-INFINITY)"
        s = repr(v)
        return s if ("." in s or "e" in s or "n" in s) else s + ".0"

    def _print_Integer(self, expr):
        v = int(expr)
        if -2**31 <= v < 2**31:
            return str(v)
        if -2**63 <= v < 2**63:
            return f"{v}LL"
        # beyond int64 (e.g. the numerator of a sum of many fractions): a double, as the
        # numpy target's arithmetic gives, never a literal that wraps
        return repr(float(v))

    def _print_Rational(self, expr):
        return f"({expr.p}.0/{expr.q}.0)"

    def _print_Infinity(self, expr):
        return "INFINITY"

    def _print_NegativeInfinity(self, expr):
        return "(-INFINITY)"

    def _print_NaN(self, expr):
        return "NAN"

    def _print_Exp1(self, expr):
        return "M_E"

    def _print_Pi(self, expr):
        return "M_PI"

    # ------------------------------------------------------------ arithmetic
    def _as_double(self, expr):
        """``expr`` printed so that it has a floating-point type."""
        s = self.parenthesize(expr, 60)
        return f"(double){s}" if is_integer_expr(expr, self.integer_names) else s

    def _print_Mul(self, expr):
        coeff, rest = expr.as_coeff_Mul()
        if coeff.is_Number and coeff < 0:
            inner = self._print_Mul_positive(-coeff, rest)
            return f"-{inner}"
        return self._print_Mul_positive(coeff, rest)

    def _print_Mul_positive(self, coeff, rest):
        num, den = [], []
        if coeff != 1:
            if coeff.is_Rational and not coeff.is_Integer:
                if coeff.p != 1:
                    num.append(sympy.Integer(coeff.p))
                den.append(sympy.Integer(coeff.q))
            else:
                num.append(coeff)
        for a in sympy.Mul.make_args(rest):
            if a.is_Pow and a.exp.is_Rational and a.exp.is_negative and a.exp != -sympy.S.Half:
                den.append(sympy.Pow(a.base, -a.exp, evaluate=False) if a.exp != -1 else a.base)
            elif a is not sympy.S.One:
                num.append(a)
        num_s = "*".join(self.parenthesize(a, 50) for a in num) if num else "1.0"
        if not den:
            return num_s
        if len(den) == 1:
            d = den[0]
            if d.is_Integer:
                den_s = f"{int(d)}.0"
            else:
                den_s = self._as_double(d) if not d.is_Pow else f"({self._print(d)})"
        else:
            den_s = "(" + "*".join(f"{int(d)}.0" if d.is_Integer else
                                   self._as_double(d) if not d.is_Pow else f"({self._print(d)})"
                                   for d in den) + ")"
        if num and len(num) == 1 and num[0].is_Integer and not den[0].is_Integer \
                and all(is_integer_expr(d, self.integer_names) for d in den):
            num_s = f"{int(num[0])}.0"
        return f"{num_s}/{den_s}"

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.args
        if exp == sympy.S.Half:
            return f"sqrt({self._as_double(base) if base.is_Atom else self._print(base)})"
        if exp == -sympy.S.Half:
            return f"(1.0/sqrt({self._print(base)}))"
        if exp.is_Integer and abs(int(exp)) <= MAX_MULTIPLY_POWER and int(exp) != 0:
            n = abs(int(exp))
            b = self.parenthesize(base, 60)
            prod = "*".join([b] * n)
            if int(exp) > 0:
                return f"({prod})" if n > 1 else b
            return f"(1.0/({prod}))" if n > 1 else f"(1.0/{self._as_double(base)})"
        if exp.is_Integer and int(exp) == 0:
            return "1"
        return f"pow({self._as_double(base)}, {self._as_double(exp)})"

    def _int_suffix(self, *exprs):
        """``'i32'``/``'i64'`` when every expression is an integer (the wider type wins),
        ``'f64'`` otherwise: the variant of a support function to call."""
        if not all(is_integer_expr(e, self.integer_names) for e in exprs):
            return "f64"
        return "i32" if all(is_int32_expr(e, self.int32_names) for e in exprs) else "i64"

    def _print_Mod(self, expr):
        a, b = expr.args
        return f"_brian_mod_{self._int_suffix(a, b)}({self._print(a)}, {self._print(b)})"

    def _print_Abs(self, expr):
        arg = expr.args[0]
        suffix = self._int_suffix(arg)
        if suffix == "f64":
            return f"fabs({self._print(arg)})"
        return f"_brian_abs_{suffix}({self._print(arg)})"

    def _print_floor(self, expr):
        arg = expr.args[0]
        # a // b (parsed as floor(a/b)) between integers: exact integer floor division.
        if isinstance(arg, sympy.Mul):
            num, den = arg.as_numer_denom()
            if den != 1 and is_integer_expr(num, self.integer_names) and \
                    is_integer_expr(den, self.integer_names):
                return f"_brian_floordiv({self._print(num)}, {self._print(den)})"
        return f"floor({self._print(arg)})"

    # ------------------------------------------------------------ functions
    def _print_Function(self, expr):
        name = type(expr).__name__
        cname = CPP_FUNCTIONS.get(name)
        if cname is None:
            if isinstance(type(expr), sympy.core.function.UndefinedFunction):
                cname = name  # a user function: the target must provide an implementation
            else:
                raise NotImplementedError(f"No C++ implementation of the function '{name}'")
        args = [self._print(a) for a in expr.args]
        if cname in ("exp", "log", "log10", "sqrt", "sin", "cos", "tan", "sinh", "cosh",
                     "tanh", "asin", "acos", "atan", "floor", "ceil"):
            args = [self._as_double(a) if is_integer_expr(a, self.integer_names) else s
                    for a, s in zip(expr.args, args)]
        return f"{cname}({', '.join(args)})"


def print_cpp(expr, integer_names=(), int32_names=()):
    """``expr`` as a C++ expression (see ``CppPrinter``)."""
    return CppPrinter(integer_names, int32_names=int32_names).doprint(expr)
