"""Equations: grammar, flags, units, substitutions, ordering, unit checks, errors."""
import pytest
import sympy

from brian_cg.equations import (Equations, Rand, SingleEquation, expression_dimensions,
                                parse_as_written,
                                parse_expression)
from brian_cg.errors import (DimensionMismatchError, EquationError, ExpressionSyntaxError,
                             UnknownIdentifierError)
from brian_cg.units import DIMENSIONLESS, get_dimensions, unit_namespace

U = unit_namespace()
volt = get_dimensions(U["volt"])
second = get_dimensions(U["second"])
amp = get_dimensions(U["amp"])
siemens = get_dimensions(U["siemens"])
metre = get_dimensions(U["metre"])
S = lambda n: sympy.Symbol(n, real=True)  # noqa: E731


def resolver(**dims):
    def resolve(name):
        if name in dims:
            return dims[name]
        if name in U:
            return get_dimensions(U[name])
        if name == "t":
            return second
        if name == "xi" or name.startswith("xi_"):
            return second ** -0.5
        raise UnknownIdentifierError(f"unknown {name}")

    return resolve


LIF = """
dv/dt = (v0 - v)/tau + I/C : volt (unless refractory)  # membrane
I = g*(E - v) : amp
g : siemens (constant, shared)
v0 : volt
"""


def test_basic_grammar():
    eqs = Equations(LIF)
    assert set(eqs) == {"v", "I", "g", "v0"}
    assert eqs.diff_eq_names == {"v"}
    assert eqs.subexpr_names == {"I"}
    assert eqs.parameter_names == {"g", "v0"}
    assert eqs.names == {"v", "I", "g", "v0"}
    v = eqs["v"]
    assert v.type == "differential equation" and v.varname == "v"
    assert v.dim is volt and v.var_type == "float"
    assert v.flags == ["unless refractory"]
    assert v.expr.code == "(v0 - v)/tau + I/C"
    assert v.expr.sympy == (S("v0") - S("v")) / S("tau") + S("I") / S("C")
    g = eqs["g"]
    assert g.type == "parameter" and g.flags == ["constant", "shared"]
    assert g.expr.sympy is None and not g.expr
    assert eqs["I"].type == "subexpression" and eqs["I"].dim is amp
    assert eqs.identifiers == {"tau", "C", "E"}
    assert isinstance(eqs["I"], SingleEquation)


@pytest.mark.parametrize("unit, dim, var_type", [
    ("volt", "volt", "float"), ("1", "1", "float"), ("boolean", "1", "boolean"),
    ("integer", "1", "integer"), ("siemens/meter**2", "siemens/metre**2", "float"),
    ("mV/ms", "volt/second", "float"), ("1/second", "1/second", "float"),
    ("Hz", "1/second", "float"), ("metre2", "metre**2", "float"),
])
def test_units(unit, dim, var_type):
    eqs = Equations(f"x : {unit}")
    expected = {"volt": volt, "1": DIMENSIONLESS, "siemens/metre**2": siemens / metre ** 2,
                "volt/second": volt / second, "1/second": second ** -1,
                "metre**2": metre ** 2}[dim]
    assert eqs["x"].dim is expected
    assert eqs["x"].var_type == var_type


@pytest.mark.parametrize("flags", ["constant", "shared", "unless refractory",
                                   "constant over dt", "linked", "summed", "clock-driven",
                                   "event-driven"])
def test_flags_stored(flags):
    eqs = Equations(f"x = 2*y : 1 ({flags})")
    assert eqs["x"].flags == [flags]


def test_multiline_expressions_and_comments():
    eqs = Equations("""
        # leading comment

        dv/dt = (-v +   # first part
                 w)/tau   # second part
                 : 1
        w : 1   # parameter
    """)
    assert eqs["v"].expr.code == "(-v + w)/tau"
    assert eqs["v"].expr.sympy == (-S("v") + S("w")) / S("tau")


def test_empty():
    assert len(Equations("")) == 0
    assert len(Equations("  # nothing\n\n")) == 0


def test_str_and_repr_roundtrip():
    eqs = Equations(LIF)
    text = str(eqs)
    assert "dv/dt = (v0 - v)/tau + I/C : volt (unless refractory)" in text
    assert "g : siemens (constant, shared)" in text
    assert Equations(text) == eqs
    assert repr(eqs).startswith("Equations(")
    assert "differential equation v" in repr(eqs["v"])


def test_add():
    a = Equations("dv/dt = -v/tau : volt")
    b = Equations("w : 1")
    c = a + b
    assert set(c) == {"v", "w"}
    d = a + "x : amp"
    assert set(d) == {"v", "x"}
    e = "x : amp" + a
    assert set(e) == {"v", "x"}
    with pytest.raises(EquationError, match="Duplicate definition of variable 'v'"):
        a + "v : 1"


def test_substitution_rename():
    eqs = Equations("dx/dt = -x/tau : 1", tau="tau_m", x="v")
    assert set(eqs) == {"v"}
    assert eqs["v"].expr.sympy == -S("v") / S("tau_m")
    assert eqs["v"].expr.code == "-v/tau_m"


def test_substitution_value():
    eqs = Equations("dx/dt = -x/tau : 1", tau=10.0)
    assert eqs["x"].expr.sympy == -S("x") / 10.0
    ms10 = type("Q", (), {"dim": second, "__array__": lambda self, *a, **k: __import__(
        "numpy").asarray(0.01)})()
    eqs = Equations("dx/dt = -x/tau : 1", tau=ms10)
    assert eqs.identifiers == {"second"}
    eqs.check_units(resolver())


def test_substitution_errors():
    with pytest.raises(EquationError, match="Cannot replace the model variable 'x' with a value"):
        Equations("dx/dt = -x/tau : 1", x=3)
    with pytest.raises(EquationError, match="duplicate definition of 'y'"):
        Equations("dx/dt = -x/tau : 1\ny : 1", x="y")


def test_ordered_topological():
    eqs = Equations("""
        dv/dt = a/tau : 1
        a = b + 1 : 1
        b = c*2 : 1
        c = v : 1
        p : 1
    """)
    names = [eq.varname for eq in eqs.ordered]
    assert names == ["c", "b", "a", "v", "p"]


def test_substituted_expressions():
    eqs = Equations("""
        dv/dt = (a + k)/tau : 1
        a = b + 1 : 1
        b = 2*v : 1
        k = 3*v : 1 (constant over dt)
    """)
    [(name, expr)] = eqs.substituted_expressions()
    assert name == "v"
    assert sympy.simplify(expr - (2 * S("v") + 1 + S("k")) / S("tau")) == 0


def test_stochastic():
    eqs = Equations("dv/dt = -v/tau + sigma*xi/sqrt(tau) : 1")
    assert eqs.stochastic_variables == {"xi"}
    assert eqs.stochastic_type == "additive"
    eqs = Equations("dv/dt = -v/tau + v*sigma*xi_1/sqrt(tau) : 1")
    assert eqs.stochastic_type == "multiplicative"
    eqs = Equations("""dv/dt = -v/tau + s*xi_a/sqrt(tau) : 1
                       s = 0.1*w : 1
                       dw/dt = -w/tau : 1""")
    assert eqs.stochastic_type == "multiplicative"
    assert Equations("dv/dt = -v/tau : 1").stochastic_type is None
    with pytest.raises(EquationError, match="already used"):
        Equations("dv/dt = xi/sqrt(tau) : 1\ndw/dt = xi/sqrt(tau) : 1")
    # Brian: the unnamed 'xi' only in differential equations; named noise also in
    # subexpressions, substituted into the differential equations that use them
    with pytest.raises(EquationError, match="contains the symbol 'xi' but is not a differential"):
        Equations("x = xi : 1")
    eqs = Equations("dv/dt = -v/tau + n/sqrt(tau) : 1\nn = mu + s*xi_n : 1")
    assert eqs.stochastic_variables == {"xi_n"}
    assert eqs.stochastic_type == "additive"
    with pytest.raises(EquationError, match="non-linear"):
        Equations("dv/dt = xi**2 : 1")
    with pytest.raises(EquationError, match="non-linear"):
        Equations("dv/dt = n**2 : 1\nn = xi_n : 1")
    with pytest.raises(EquationError, match="constant over dt"):
        Equations("dv/dt = n : 1\nn = xi_n : 1 (constant over dt)")


def test_check_units_ok():
    eqs = Equations(LIF)
    eqs.check_units(resolver(tau=second, C=get_dimensions(U["farad"]), E=volt))


def test_check_units_diff_eq_message():
    eqs = Equations("dv/dt = -v : volt")
    with pytest.raises(DimensionMismatchError) as exc:
        eqs.check_units(resolver())
    msg = str(exc.value)
    assert "Inconsistent units in differential equation defining variable 'v'" in msg
    assert "expression '-v' has unit volt" in msg
    assert "expected unit volt/second" in msg
    assert exc.value.dims == (volt, volt / second)


def test_check_units_subexpression_and_sum():
    eqs = Equations("I = g*v + v : amp\ng : siemens\nv : volt")
    with pytest.raises(DimensionMismatchError) as exc:
        eqs.check_units(resolver())
    msg = str(exc.value)
    assert "subexpression 'I'" in msg and "g*v + v" in msg


def test_check_units_zero_and_noise():
    # a literal 0 has no unit, as in Brian; '0*volt/second' keeps its unit as written
    with pytest.raises(DimensionMismatchError, match="expression '0' has unit 1"):
        Equations("dv/dt = 0 : volt").check_units(resolver())
    Equations("dv/dt = 0*volt/second : volt").check_units(resolver())
    Equations("dv/dt = -v/tau + sigma*xi*tau**-0.5 : volt").check_units(
        resolver(tau=second, sigma=volt))


def test_expression_dimensions():
    r = resolver(v=volt, tau=second, g=siemens)
    assert expression_dimensions(parse_expression("v/tau"), r) is volt / second
    assert expression_dimensions(parse_expression("sqrt(v**2)"), r) is volt
    assert expression_dimensions(parse_expression("abs(v) + floor(v)"), r) is volt
    # units are checked as written: '0*volt' keeps its unit, a literal 0 has none (Brian)
    assert expression_dimensions(parse_as_written("v > 0*volt"), r) is DIMENSIONLESS
    assert expression_dimensions(parse_as_written("clip(v, 0*volt, 2*volt)"), r) is volt
    with pytest.raises(DimensionMismatchError, match="'v' has unit volt but '0' has unit 1"):
        expression_dimensions(parse_as_written("v + 0"), r)
    assert expression_dimensions(parse_expression("rand() + exp(2)"), r) is DIMENSIONLESS
    assert expression_dimensions(parse_expression("clip(v, v, 2*v)"), r) is volt
    assert expression_dimensions(parse_expression("timestep(tau, tau)"), r) is DIMENSIONLESS
    with pytest.raises(DimensionMismatchError, match="'exp' must be dimensionless"):
        expression_dimensions(parse_expression("exp(v)"), r)
    with pytest.raises(DimensionMismatchError, match="same units"):
        expression_dimensions(parse_expression("clip(v, 0, tau)"), r)
    with pytest.raises(DimensionMismatchError, 
                       match="'tau \\+ v'.*'tau' has unit second but 'v' has unit volt"):
        expression_dimensions(parse_expression("v + tau"), r)
    with pytest.raises(DimensionMismatchError, match="comparison"):
        expression_dimensions(parse_expression("v < tau"), r)
    with pytest.raises(DimensionMismatchError, match="must be a number"):
        expression_dimensions(parse_expression("v**n"), resolver(v=volt, n=DIMENSIONLESS))
    with pytest.raises(DimensionMismatchError, match="exponent 'g' must be dimensionless"):
        expression_dimensions(parse_expression("v**g"), r)
    with pytest.raises(DimensionMismatchError):
        expression_dimensions(parse_expression("v + 1"), r)


def test_expression_dimensions_user_functions():
    class F:
        def result_dimensions(self, arg_dims):
            return arg_dims[0] * arg_dims[0]

    class B2:
        _arg_units = [U["second"]]
        _return_unit = U["volt"]

    r = resolver(v=volt, tau=second, f=F(), b=B2())
    assert expression_dimensions(parse_expression("f(v)"), r) is volt * volt
    assert expression_dimensions(parse_expression("b(tau)"), r) is volt
    with pytest.raises(DimensionMismatchError):
        expression_dimensions(parse_expression("b(v)"), r)


@pytest.mark.parametrize("text, fragments", [
    ("dv/dt = -v/tau : volt\nv : 1", ["Line 2", "Duplicate definition of variable 'v'"]),
    ("t : 1", ["'t' has a special meaning"]),
    ("dt : second", ["'dt' has a special meaning"]),
    ("xi_1 : 1", ["special meaning"]),
    ("i : integer", ["special meaning"]),
    ("N : integer", ["special meaning"]),
    ("_x : 1", ["underscore"]),
    ("lambda : 1", ["Python keyword"]),
    ("exp : 1", ["name of a function"]),
    ("x : foo", ["Line 1", "'foo' is not a known unit", "'x'"]),
    ("x : bool", ["'boolean'"]),
    ("x : 2*volt", ["quantity, not a unit"]),
    ("x = y", ["no unit", "line 1"]),
    ("\n\nx = 2*y : 1 ()", ["Line 3", "empty flag"]),
    ("a = b : 1\nb = a : 1", ["cycle", "a -> b -> a"]),
    ("x y : 1", ["Line 1", "cannot parse the equation"]),
    ("dv/dt = : volt", ["expression for 'v' is empty"]),
    ("dv/dt = 1 : integer", ["floating point"]),
])
def test_equation_errors(text, fragments):
    with pytest.raises(EquationError) as exc:
        Equations(text)
    for f in fragments:
        assert f in str(exc.value), (f, str(exc.value))


def test_expression_error_position():
    text = "v : volt\n\ndv2/dt = -v2 /* tau : volt"
    with pytest.raises(ExpressionSyntaxError) as exc:
        Equations(text)
    assert exc.value.lineno == 3
    assert "'v2'" in str(exc.value)
    text = "x : 1\ny = __import__('os') : 1"
    with pytest.raises(ExpressionSyntaxError) as exc:
        Equations(text)
    assert exc.value.lineno == 2 and exc.value.col == 5
    assert "__import__" in str(exc.value)
    with pytest.raises(ExpressionSyntaxError) as exc:
        Equations("y = x.y : 1")
    assert "attribute access" in str(exc.value) and exc.value.col == 5


def test_rand_in_equations():
    eqs = Equations("x = rand() + rand() : 1")
    assert len(eqs["x"].expr.sympy.atoms(Rand)) == 2
