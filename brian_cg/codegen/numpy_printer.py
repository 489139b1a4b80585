"""Printing sympy expressions as numpy code; the numpy target's function table.

The table maps brian_cg's function names to the names bound in the generated
code's namespace (see ``runtime.numpy_runtime.NUMPY_FUNCTIONS``), so this module
and that one together are the one place deciding the numpy target's functions.
"""
import sympy

from .printer import CodePrinter

__all__ = ["NUMPY_FUNCTION_NAMES", "NumpyPrinter"]

NUMPY_FUNCTION_NAMES = {
    "exp": "exp", "log": "log", "sqrt": "sqrt", "sin": "sin", "cos": "cos", "tan": "tan",
    "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "asin": "arcsin", "acos": "arccos",
    "atan": "arctan", "Abs": "abs", "floor": "floor", "ceiling": "ceil", "sign": "sign",
    "Clip": "clip", "IntCast": "_int", "Exprel": "_exprel", "Timestep": "_timestep",
    "log10": "log10", "Min": "minimum", "Max": "maximum", "PoissonSample": "_poisson",
}


class NumpyPrinter(CodePrinter):
    """sympy -> numpy expression strings; names are printed as they are.

    ``vidx`` names the element indices random numbers are drawn for (``_vidx``; the
    scalar block of shared-variable writes draws for one element).
    """

    def __init__(self, vidx="_vidx", settings=None):
        super().__init__(settings or {})
        self.vidx = vidx

    def random_call(self, kind, k):
        return f"_{kind}({k}, {self.vidx})"

    functions = NUMPY_FUNCTION_NAMES

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Rational(self, expr):
        return f"({expr.p}/{expr.q})"

    # '1e400' parses to sympy's oo (as Python's float('1e400') is inf): 'inf' is bound in
    # the generated code's namespace (runtime.numpy_runtime.NUMPY_FUNCTIONS)
    def _print_Infinity(self, expr):
        return "inf"

    def _print_NegativeInfinity(self, expr):
        return "(-inf)"

    def _print_Integer(self, expr):
        return str(int(expr))

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.args
        if exp == sympy.Rational(1, 2):
            return f"sqrt({self._print(base)})"
        if exp == -1:
            return f"(1.0/{self.parenthesize(base, 60)})"
        if exp == 2:
            b = self.parenthesize(base, 60)
            return f"({b}*{b})"
        return f"({self.parenthesize(base, 60)}**{self.parenthesize(exp, 60)})"

    def _print_Add(self, expr, order=None):
        # Sums of indicators w*[u > c_k] (the binomial inversion of PoissonInput, whose
        # weight sympy distributes over the sum): one searchsorted instead of a comparison
        # per term
        groups, rest = {}, []
        for term in expr.args:
            coeff, factor = term.as_coeff_Mul()
            key = _indicator(factor)
            if key is None:
                rest.append(term)
            else:
                groups.setdefault((coeff, key[0]), []).append(key[1])
        if not any(len(cs) >= 4 for cs in groups.values()):
            return super()._print_Add(expr, order=order)
        parts = [self._print(t) for t in rest]
        for (coeff, u), cs in groups.items():
            if len(cs) < 4:
                parts.extend(self._print(coeff * sympy.Piecewise((1, u > c), (0, True)))
                             for c in cs)
                continue
            count = f"_count_below(({', '.join(repr(float(c)) for c in sorted(cs))},), {u.name})"
            parts.append(count if coeff == 1 else f"{self._print(coeff)}*{count}")
        return "(" + " + ".join(parts) + ")"

    def _print_Mod(self, expr):
        a, b = expr.args
        return f"(({self._print(a)}) % ({self._print(b)}))"



def _indicator(term):
    """(u, c) if ``term`` is ``Piecewise((1, u > c), (0, True))`` with a number c."""
    if not (isinstance(term, sympy.Piecewise) and len(term.args) == 2
            and term.args[0][0] == 1 and term.args[1] == (0, True)):
        return None
    rel = term.args[0][1]
    if isinstance(rel, sympy.StrictGreaterThan):
        u, c = rel.lhs, rel.rhs
    elif isinstance(rel, sympy.StrictLessThan):
        u, c = rel.rhs, rel.lhs
    else:
        return None
    return (u, c) if u.is_Symbol and c.is_Number else None


_printers = {}


def print_numpy(expr, vidx="_vidx"):
    printer = _printers.get(vidx)
    if printer is None:
        printer = _printers[vidx] = NumpyPrinter(vidx)
    return printer.doprint(expr)
