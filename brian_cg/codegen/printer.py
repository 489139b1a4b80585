"""What the numpy and C-family printers share: names, truth values, comparisons, logic,
conditionals, random numbers and calls through the target's function table.

A target's printer subclasses ``CodePrinter`` and gives the spelling of each in class
attributes (``and_op``, ``not_format``, ``conditional_format``...) and its function table;
numbers, powers and divisions, where the targets' semantics differ, stay its own.
"""
import sympy
from sympy.printing.str import StrPrinter

__all__ = ["CodePrinter"]


class CodePrinter(StrPrinter):
    """sympy -> code text, the part every target prints alike."""

    true, false = "True", "False"
    and_op, or_op = " & ", " | "
    not_format = "logical_not({})"
    #: ``{cond}``, ``{a}`` (value where cond holds) and ``{b}`` (the value otherwise)
    conditional_format = "where({cond}, {a}, {b})"
    #: ``{kind}`` ('rand' or 'randn') and ``{k}`` (the call site)
    random_format = "_{kind}({k}, _vidx)"
    #: brian_cg/sympy function name -> the target's name (read only)
    functions: dict = {}  # noqa: RUF012

    def _print_Symbol(self, expr):
        return expr.name

    def _print_BooleanTrue(self, expr):
        return self.true

    def _print_BooleanFalse(self, expr):
        return self.false

    def _print_Relational(self, expr):
        return f"({self._print(expr.lhs)} {expr.rel_op} {self._print(expr.rhs)})"

    def _print_And(self, expr):
        return "(" + self.and_op.join(f"({self._print(a)})" for a in expr.args) + ")"

    def _print_Or(self, expr):
        return "(" + self.or_op.join(f"({self._print(a)})" for a in expr.args) + ")"

    def _print_Not(self, expr):
        return self.not_format.format(self._print(expr.args[0]))

    def _print_Piecewise(self, expr):
        (val, cond), rest = expr.args[0], expr.args[1:]
        if not rest:
            return self._print(val)
        other = self._print(sympy.Piecewise(*rest)) if len(rest) > 1 else self._print(rest[0][0])
        return self.conditional_format.format(cond=self._print(cond), a=self._print(val),
                                              b=other)

    def random_call(self, kind, k):
        return self.random_format.format(kind=kind, k=k)

    def _print_Rand(self, expr):
        return self.random_call("rand", int(expr.args[0]))

    def _print_Randn(self, expr):
        return self.random_call("randn", int(expr.args[0]))

    def function_name(self, name):
        """The target's name of the function ``name`` (a user function keeps its own)."""
        return self.functions.get(name, name)

    def _print_Function(self, expr):
        args = ", ".join(self._print(a) for a in expr.args)
        return f"{self.function_name(type(expr).__name__)}({args})"

    def _print_named_function(self, expr):
        return self._print_Function(expr)  # through the subclass's _print_Function

    # sympy names some functions by class with their own printers in StrPrinter
    _print_exp = _print_log = _print_sin = _print_cos = _print_tan = _print_named_function
    _print_sinh = _print_cosh = _print_tanh = _print_named_function
    _print_asin = _print_acos = _print_atan = _print_named_function
    _print_Abs = _print_floor = _print_ceiling = _print_sign = _print_named_function
    _print_Min = _print_Max = _print_named_function
