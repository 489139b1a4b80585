"""parse_expression / parse_statements / sympy_to_str."""
import pytest
import sympy

from brian_cg.equations import (Clip, Exprel, IntCast, Rand, Randn, Timestep, parse_expression,
                                parse_statements, sympy_to_str, str_to_sympy)
from brian_cg.errors import BrianCGError, ExpressionSyntaxError

x, y, z = (sympy.Symbol(n, real=True) for n in "xyz")


def test_symbols_are_real_and_cached():
    e = parse_expression("x + y")
    assert e == x + y
    assert all(s.is_real for s in e.free_symbols)
    assert parse_expression("x").free_symbols == {x}


def test_numbers_exact():
    assert parse_expression("3") == sympy.Integer(3)
    assert isinstance(parse_expression("3"), sympy.Integer)
    f = parse_expression("0.1")
    assert isinstance(f, sympy.Float) and float(f) == 0.1
    assert sympy_to_str(parse_expression("0.1*x")) == "0.1*x"
    assert parse_expression("1e-3") == sympy.Float(1e-3)


def test_operators():
    assert parse_expression("x**2") == sympy.Pow(x, 2)
    assert parse_expression("x // y") == sympy.floor(x / y)
    assert parse_expression("x % y") == sympy.Mod(x, y)
    assert parse_expression("-x + +y") == -x + y
    assert parse_expression("x/y") == x / y


def test_booleans_and_comparisons():
    assert parse_expression("x < y") == sympy.Lt(x, y)
    assert parse_expression("x >= y") == sympy.Ge(x, y)
    assert parse_expression("x == y") == sympy.Eq(x, y)
    assert parse_expression("x != y") == sympy.Ne(x, y)
    assert parse_expression("x < y < z") == sympy.And(sympy.Lt(x, y), sympy.Lt(y, z))
    assert parse_expression("x < y and y > z") == sympy.And(sympy.Lt(x, y), sympy.Gt(y, z))
    assert parse_expression("x < y or not y > z") == sympy.Or(sympy.Lt(x, y),
                                                               sympy.Not(sympy.Gt(y, z)))
    assert parse_expression("True") is sympy.true
    assert parse_expression("False") is sympy.false


def test_functions():
    assert parse_expression("exp(x)") == sympy.exp(x)
    assert parse_expression("abs(x)") == sympy.Abs(x)
    assert parse_expression("ceil(x)") == sympy.ceiling(x)
    assert parse_expression("arcsin(x)") == sympy.asin(x)
    assert parse_expression("sqrt(x)") == sympy.sqrt(x)
    assert parse_expression("clip(x, y, z)") == Clip(x, y, z)
    assert parse_expression("int(x)") == IntCast(x)
    assert parse_expression("int(-2.7)") == -2  # truncation
    assert parse_expression("exprel(x)") == Exprel(x)
    assert parse_expression("timestep(x, y)") == Timestep(x, y)
    f = parse_expression("f(x, 2)")
    assert type(f).__name__ == "f" and isinstance(type(f), sympy.core.function.UndefinedFunction)


def test_random_calls_never_merge():
    e = parse_expression("rand() - rand()")
    assert e != 0
    assert len(e.atoms(Rand)) == 2
    e = parse_expression("randn() + randn()")
    assert len(e.atoms(Randn)) == 2


def test_multiline_and_comments():
    assert parse_expression("x +  # comment\n   y") == x + y


def test_statements():
    st = parse_statements("v = 0.1\nw += x; z -= 2\n  # comment\nq *= 3\nr /= y")
    assert [(v, op) for v, op, _ in st] == [("v", "="), ("w", "+="), ("z", "-="), ("q", "*="),
                                             ("r", "/=")]
    assert st[1][2] == x
    assert parse_statements("") == []
    assert parse_statements("   v = 1\n   w = 2") == [("v", "=", 1), ("w", "=", 2)]


@pytest.mark.parametrize("code, fragment", [
    ("__import__('os')", "__import__"),
    ("x.real", "attribute access"),
    ("(lambda: 1)()", "lambda"),
    ("x[0]", "subscripts"),
    ("'abc'", "strings"),
    ("x if y else z", "conditional"),
    ("x & y", "'&'"),
    ("x in y", "comparison"),
    ("f(x=1)", "Keyword"),
    ("exp(x, y)", "takes 1 argument"),
    ("rand(1)", "takes 0 arguments"),
    ("[x]", "lists"),
    ("x.y()", "only functions called by name"),
])
def test_whitelist_rejects(code, fragment):
    with pytest.raises(ExpressionSyntaxError) as exc:
        parse_expression(code)
    assert fragment in str(exc.value)
    assert exc.value.lineno == 1 and exc.value.col >= 1


def test_error_position_multiline():
    with pytest.raises(ExpressionSyntaxError) as exc:
        parse_expression("x +\n  y.z")
    assert exc.value.lineno == 2 and exc.value.col == 3
    assert "line 2, column 3" in str(exc.value)


def test_statement_errors():
    with pytest.raises(ExpressionSyntaxError, match="only assignments"):
        parse_statements("import os")
    with pytest.raises(ExpressionSyntaxError, match="single variable"):
        parse_statements("a = b = 1")
    with pytest.raises(ExpressionSyntaxError, match="only =, \\+=") as exc:
        parse_statements("v = 1\nv **= 2")
    assert exc.value.lineno == 2
    with pytest.raises(ExpressionSyntaxError) as exc:
        parse_statements("v = 1\nw = (")
    assert exc.value.lineno == 2


@pytest.mark.parametrize("code", ["x +", "", "   ", "1 +* 2", "x y", "9**9**9**9", "1/0",
                                  "x and 1"])
def test_errors_are_brian_errors(code):
    with pytest.raises(BrianCGError):
        parse_expression(code)


@pytest.mark.parametrize("code", [
    "x + y*z", "exp(-x/y)", "x**2 - 3", "0.1*x", "abs(x) + ceil(y)", "clip(x, 0, 1)",
    "int(x)", "x < y", "x < y and y >= z", "not x < 1", "x % 3", "arcsin(x)", "f(x, y)",
    "timestep(x, y)", "exprel(x)", "sqrt(x)", "x**0.5", "x**(1/3)", "x//y",
])
def test_roundtrip(code):
    e = str_to_sympy(code)
    assert parse_expression(sympy_to_str(e)) == e


@pytest.mark.parametrize("n_terms", [400, 1000])
def test_long_sums_and_products_parse_without_recursion(n_terms):
    # Python's parser nests a chain one level per operator; Brian2 accepts ~700 terms
    xs = [sympy.Symbol(f"x{k}", real=True) for k in range(n_terms)]
    code = " + ".join(f"{k}*x{k}" for k in range(n_terms))
    assert parse_expression(code) == sympy.Add(*[k * x for k, x in enumerate(xs)])
    mixed = " - ".join(f"x{k}/{k + 1}" for k in range(n_terms))
    assert parse_expression(mixed) == xs[0] - sympy.Add(
        *[x / (k + 1) for k, x in enumerate(xs)][1:])
    product = " * ".join(f"x{k}" for k in range(n_terms)) + " / y"
    assert parse_expression(product) == sympy.Mul(*xs) / sympy.Symbol("y", real=True)


def test_chains_keep_their_checks():
    with pytest.raises(ExpressionSyntaxError, match="Division by zero in 'x / 0'"):
        parse_expression("a * b + x / 0 * c")
    with pytest.raises(ExpressionSyntaxError, match="Division by zero"):
        parse_expression("a * b / (c - c)")
    with pytest.raises(ExpressionSyntaxError, match="undefined"):
        parse_expression("1e400 - 1e400 + x")
    assert parse_expression("x - (y > 1) + 2") == parse_expression("x + 2 - (y > 1)")


def test_too_long_or_deep_is_a_clear_error():
    with pytest.raises(ExpressionSyntaxError):
        parse_expression(" + ".join(["x"] * 20000))  # beyond Python's own parser
    with pytest.raises(ExpressionSyntaxError):
        parse_expression("(" * 3000 + "x" + ")" * 3000)


def test_strip_comments():
    from brian_cg.equations.parsing import strip_comments

    assert strip_comments("v > 1  # \\") == "v > 1"
    assert strip_comments("  # only a comment\n\n#") == ""
    assert strip_comments("a = 1 # x\nb = 2") == "a = 1\nb = 2"


def test_float_constants_beyond_double_range_fold_to_inf_without_exhausting_memory():
    # found by the fuzz test: mpmath folded exp(exp(3e13)) at arbitrary precision (MemoryError)
    import sympy

    from brian_cg.equations import parse_expression
    from brian_cg.errors import ExpressionSyntaxError

    assert parse_expression("exp(exp(31482387730225.0))") == sympy.oo
    assert parse_expression("-exp(1e13)*2") == -sympy.oo
    with pytest.raises(ExpressionSyntaxError, match="undefined"):
        parse_expression("v % exp(16662427692740.0)")
