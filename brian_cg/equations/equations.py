"""Model equations in Brian syntax.

Three kinds of line (comments with ``#``; an expression may continue over several
lines until the ``:`` that introduces its unit)::

    dv/dt = (v0 - v)/tau : volt (unless refractory)   # differential equation
    I = g*(E - v) : amp                                # subexpression
    g : siemens (constant)                             # parameter
"""
import keyword
import numbers
import re
from collections.abc import Mapping

import sympy

from ..errors import (
    BrianCGError,
    DimensionMismatchError,
    EquationError,
    ExpressionSyntaxError,
    SharedVariableError,
)
from ..units.text import _base_unit_code, unit_text
from .dimensions import expression_dimensions, parse_as_written
from .functions import BUILTIN_FUNCTIONS, RANDOM_FUNCTION_CLASSES, builtin_for
from .parsing import parse_expression, symbol, sympy_to_str

__all__ = [
    "DIFFERENTIAL_EQUATION",
    "PARAMETER",
    "SUBEXPRESSION",
    "Equations",
    "Expression",
    "SingleEquation",
    "is_noise_name",
]

DIFFERENTIAL_EQUATION = "differential equation"
SUBEXPRESSION = "subexpression"
PARAMETER = "parameter"
FLOAT, INTEGER, BOOLEAN = "float", "integer", "boolean"

_RESERVED = {"t", "dt", "t_in_timesteps", "xi", "i", "N", "lastspike", "not_refractory"}
_CONSTANTS = {"pi", "e", "inf", "True", "False"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_FLAG = re.compile(r"[A-Za-z][A-Za-z0-9_\- ]*\Z")


def is_noise_name(name):
    """True for the noise symbols ``xi`` and ``xi_<name>``."""
    return name == "xi" or name.startswith("xi_")


def _units():
    from .. import units

    return units


def _parse_unit(spec, varname, where):
    """``': volt'`` text -> (dim, var_type)."""
    units = _units()
    spec = spec.strip()
    if spec == "1":
        return units.DIMENSIONLESS, FLOAT
    if spec == "boolean":
        return units.DIMENSIONLESS, BOOLEAN
    if spec == "integer":
        return units.DIMENSIONLESS, INTEGER
    if spec == "bool":
        raise EquationError(f"{where}: use 'boolean' not 'bool' as the unit of the boolean "
                            f"variable '{varname}'")
    if not spec:
        raise EquationError(f"{where}: the unit of '{varname}' is missing after ':' "
                            f"(use '1' for dimensionless variables)")
    try:
        expr = parse_expression(spec)
    except ExpressionSyntaxError as exc:
        raise EquationError(f"{where}: cannot parse the unit specification '{spec}' of "
                            f"'{varname}': {exc.message}") from None
    ns = units.unit_namespace()
    get_dimensions = units.get_dimensions

    def bad(msg):
        raise EquationError(f"{where}: invalid unit specification '{spec}' for '{varname}': "
                            f"{msg}")

    def dim(e):
        if e.is_Symbol:
            u = ns.get(e.name)
            if u is None:
                bad(f"'{e.name}' is not a known unit")
            return get_dimensions(u)
        if e.is_Number:
            if e == 1:
                return units.DIMENSIONLESS
            bad("it evaluates to a quantity, not a unit (write e.g. 'siemens/metre**2', "
                "not '2*siemens/metre**2')")
        if isinstance(e, sympy.Mul):
            d = units.DIMENSIONLESS
            for a in e.args:
                d = d * dim(a)
            return d
        if isinstance(e, sympy.Pow) and e.exp.is_Number:
            d = dim(e.base)
            return d ** (int(e.exp) if e.exp.is_Integer else float(e.exp))
        bad("only unit names, '*', '/' and '**' with numeric exponents are allowed")

    return dim(expr), FLOAT


# --------------------------------------------------------------------------- expressions
class Expression:
    """An expression of an equation: ``code`` (the text) and ``sympy`` (its parsed form).

    A parameter has an empty Expression (``code == ''``, ``sympy is None``; it is falsy).
    """

    __slots__ = ("code", "sympy", "_written")

    def __init__(self, code=None, sympy_expr=None):
        self._written = None
        if code is None and sympy_expr is None:
            self.code, self.sympy = "", None
            return
        if sympy_expr is None:
            sympy_expr = parse_expression(code)
        if code is None:
            code = sympy_to_str(sympy_expr)
        self.code = code
        self.sympy = sympy_expr

    def __bool__(self):
        return self.sympy is not None

    @property
    def written(self):
        """The expression as written (``0*mV`` kept as a product), for unit checks."""
        if self._written is None and self.sympy is not None:
            self._written = parse_as_written(self.code)
        return self._written

    @property
    def identifiers(self):
        """Names used: symbols and called non-built-in functions."""
        if self.sympy is None:
            return set()
        names = {s.name for s in self.sympy.free_symbols}
        for f in self.sympy.atoms(sympy.Function):
            if builtin_for(type(f)) is None:
                names.add(type(f).__name__)
        return names

    def __str__(self):
        return self.code

    def __repr__(self):
        return f"Expression({self.code!r})"

    def __eq__(self, other):
        return isinstance(other, Expression) and self.sympy == other.sympy and \
            (self.sympy is not None or other.sympy is None)

    def __hash__(self):
        return hash(self.sympy)


class SingleEquation:
    """One line of a model: ``type`` ('differential equation' | 'subexpression' | 'parameter'),
    ``varname``, ``dim`` (Dimension), ``var_type`` ('float' | 'integer' | 'boolean'),
    ``expr`` (Expression; empty for parameters) and ``flags`` (list of str)."""

    def __init__(self, type, varname, dim=None, var_type=FLOAT, expr=None, flags=None,
                 dimensions=None):
        if type not in (DIFFERENTIAL_EQUATION, SUBEXPRESSION, PARAMETER):
            raise ValueError(f"Unknown equation type {type!r}")
        if dim is None:
            dim = dimensions if dimensions is not None else _units().DIMENSIONLESS
        self.type = type
        self.varname = varname
        self.dim = dim
        self.var_type = var_type
        if expr is None:
            expr = Expression()
        elif isinstance(expr, str):
            expr = Expression(expr)
        elif isinstance(expr, sympy.Basic):
            expr = Expression(sympy_expr=expr)
        self.expr = expr
        self.flags = list(flags) if flags else []

    dimensions = property(lambda self: self.dim)
    @property
    def unit(self):
        """The unit (a ``Unit``, as in Brian) of the variable."""
        from ..units import get_unit

        return get_unit(self.dim)

    @property
    def identifiers(self):
        return self.expr.identifiers

    @property
    def stochastic_variables(self):
        return {n for n in self.identifiers if is_noise_name(n)}

    def _unit_spec(self):
        if self.var_type == BOOLEAN:
            return "boolean"
        if self.var_type == INTEGER:
            return "integer"
        name = unit_text(self.dim)
        if "^" not in name and " " not in name:
            return name
        return _base_unit_code(self.dim)

    def __str__(self):
        s = f"d{self.varname}/dt" if self.type == DIFFERENTIAL_EQUATION else self.varname
        if self.expr:
            s += f" = {self.expr.code}"
        s += f" : {self._unit_spec()}"
        if self.flags:
            s += f" ({', '.join(self.flags)})"
        return s

    def __repr__(self):
        s = f"<{self.type} {self.varname}"
        if self.expr:
            s += f": {self.expr.code}"
        s += f" (unit: {unit_text(self.dim)}"
        if self.flags:
            s += f", flags: {', '.join(self.flags)}"
        return s + ")>"

    def _key(self):
        return (self.type, self.varname, self.dim, self.var_type, self.expr.sympy,
                tuple(self.flags))

    def __eq__(self, other):
        return isinstance(other, SingleEquation) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())


# --------------------------------------------------------------------------- text parsing
def _check_identifier(name, where):
    if not _IDENT.match(name):
        raise EquationError(f"{where}: '{name}' is not a valid variable name")
    if keyword.iskeyword(name) or name in ("True", "False", "None"):
        raise EquationError(f"{where}: '{name}' is a Python keyword and cannot be used as a "
                            f"variable name")
    if name.startswith("_"):
        raise EquationError(f"{where}: the variable name '{name}' starts with an underscore; "
                            f"such names are reserved for internal use")
    if name in _RESERVED or is_noise_name(name):
        raise EquationError(f"{where}: '{name}' has a special meaning in equations and cannot "
                            f"be used as a variable name")
    if name in BUILTIN_FUNCTIONS:
        raise EquationError(f"{where}: '{name}' is the name of a function and cannot be used "
                            f"as a variable name")
    if name in _CONSTANTS:
        raise EquationError(f"{where}: '{name}' is the name of a constant and cannot be used "
                            f"as a variable name")
    try:
        is_unit = name in _units().unit_namespace()
    except ImportError:  # pragma: no cover - units package missing
        is_unit = False
    if is_unit:
        raise EquationError(f"{where}: '{name}' is the name of a unit and cannot be used as a "
                            f"variable name")


_FLAGS_AT_END = re.compile(r"\(([^()]*)\)\s*\Z")
_DIFF_HEAD = re.compile(r"\s*d\s*([A-Za-z_][A-Za-z0-9_]*)\s*/\s*dt\s*=")
_SUB_HEAD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)")
_PARAM_HEAD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\Z")


def _split_unit_flags(rest):
    """``'volt (constant, shared)'`` -> ('volt', ['constant', 'shared'])."""
    m = _FLAGS_AT_END.search(rest)
    if m is None:
        return rest.strip(), []
    unit = rest[:m.start()].strip()
    if not unit or unit[-1] in "*/(":
        return rest.strip(), []  # parentheses belong to the unit, e.g. 'siemens/(metre**2)'
    flags = [" ".join(f.split()) for f in m.group(1).split(",")]
    return unit, flags


def _parse_text(text):
    """Equation text -> list of SingleEquation (definition order)."""
    raw_lines = text.split("\n")
    chunks = []  # each: list of (lineno, line text without comment)
    current = []
    for lineno, line in enumerate(raw_lines, start=1):
        code = line.split("#", 1)[0]
        if not code.strip() and not current:
            continue
        current.append((lineno, code))
        if ":" in code:
            chunks.append(current)
            current = []
    if current and any(c.strip() for _, c in current):
        lineno = next(ln for ln, c in current if c.strip())
        first = raw_lines[lineno - 1].strip()
        raise EquationError(
            f"Parsing failed near line {lineno} ('{first}'): the equation has no unit; every "
            f"equation needs ': unit' at its end (e.g. ': volt', or ': 1' if dimensionless)")

    equations = []
    for chunk in chunks:
        equations.append(_parse_chunk(chunk, raw_lines, text))
    return equations


def _parse_chunk(chunk, raw_lines, text):
    first_line = chunk[0][0]
    last_line, last_code = chunk[-1]
    colon = last_code.index(":")
    head_lines = [c for _, c in chunk[:-1]] + [last_code[:colon]]
    head = "\n".join(head_lines)
    rest = last_code[colon + 1:]
    shown = " ".join(raw_lines[first_line - 1].split())
    where = f"Line {first_line} ('{shown}')" if len(chunk) == 1 else \
        f"Lines {first_line}-{last_line} (starting '{shown}')"

    if ":" in rest:
        raise EquationError(f"{where}: more than one ':' in the equation (missing newline?)")

    m = _DIFF_HEAD.match(head)
    if m is not None:
        eq_type = DIFFERENTIAL_EQUATION
    else:
        m = _SUB_HEAD.match(head)
        if m is not None:
            eq_type = SUBEXPRESSION
        else:
            m = _PARAM_HEAD.match(head)
            if m is None:
                raise EquationError(
                    f"{where}: cannot parse the equation; expected 'dx/dt = expression : unit', "
                    f"'x = expression : unit' or 'x : unit'")
            eq_type = PARAMETER
    varname = m.group(1)
    _check_identifier(varname, where)

    unit_str, flags = _split_unit_flags(rest)
    for f in flags:
        if not _FLAG.match(f):
            raise EquationError(f"{where}: invalid flag '{f}' for '{varname}'" if f else
                                f"{where}: empty flag in the flags of '{varname}'")
    if len(set(flags)) != len(flags):
        raise EquationError(f"{where}: a flag of '{varname}' is given twice")
    dim, var_type = _parse_unit(unit_str, varname, where)
    if eq_type == DIFFERENTIAL_EQUATION and var_type != FLOAT:
        raise EquationError(f"{where}: the differential equation for '{varname}' must be of "
                            f"a floating point type, not '{var_type}'")

    expr = None
    if eq_type != PARAMETER:
        start = m.end()
        expr_text = head[start:]
        if not expr_text.strip():
            raise EquationError(f"{where}: the expression for '{varname}' is empty")
        # position of the expression's first character in the original text
        before = head[:start]
        line0 = first_line + before.count("\n")
        col0 = start - (before.rfind("\n") + 1) + 1
        try:
            sym = parse_expression(expr_text)
        except ExpressionSyntaxError as exc:
            lineno = line0 + (exc.lineno or 1) - 1
            col = (exc.col or 1) + (col0 - 1 if (exc.lineno or 1) == 1 else 0)
            hint = ""
            if len(chunk) > 1:
                hint = (" (the expression continues over several lines because a line has no "
                        "':'; is a unit missing?)")
            raise ExpressionSyntaxError(
                f"Error in the {eq_type} for '{varname}': {exc.message}{hint}", text, lineno,
                col) from None
        code = re.sub(r"\s+", " ", expr_text).strip()
        expr = Expression(code, sym)
    eq = SingleEquation(eq_type, varname, dim, var_type, expr, flags)
    eq._where = where
    return eq


# --------------------------------------------------------------------------- substitution
def _value_to_sympy(value, name):
    """A constant substitution (number or scalar quantity) -> (sympy expr, code)."""
    units = _units()
    if isinstance(value, bool):
        return (sympy.true if value else sympy.false), repr(value)
    if isinstance(value, numbers.Integral):
        return sympy.Integer(int(value)), repr(int(value))
    if isinstance(value, numbers.Real):
        return sympy.Float(float(value)), repr(float(value))
    try:
        dim = units.get_dimensions(value)
    except Exception:
        dim = None
    if dim is None:
        raise EquationError(f"Cannot substitute '{name}' with {value!r}: use a name (str), "
                            f"a number or a quantity")
    import numpy as np

    arr = np.asarray(value)
    if arr.ndim != 0 and arr.size != 1:
        raise EquationError(f"Cannot substitute '{name}' with an array of shape {arr.shape}; "
                            f"only scalar values can be substituted")
    v = float(arr.reshape(()))
    if dim is units.DIMENSIONLESS:
        return sympy.Float(v), repr(v)
    unit_name = unit_text(dim)
    if "^" in unit_name or " " in unit_name:
        unit_name = _base_unit_code(dim)
    code = f"{v!r}*{unit_name}"  # the text keeps the unit of a zero
    return parse_expression(code), code


def _substitute(eqs, replacements):
    """Apply ``name=replacement`` substitutions to a list of SingleEquation."""
    if not replacements:
        return eqs
    names = {eq.varname for eq in eqs}
    sym_map = {}
    renames = {}
    for old, new in replacements.items():
        if isinstance(new, str):
            if _IDENT.match(new):
                sym_map[symbol(old)] = symbol(new)
                renames[old] = new
            elif old in names:
                raise EquationError(f"Cannot replace the model variable '{old}' with '{new}': "
                                    f"not a valid variable name")
            else:
                try:
                    sym_map[symbol(old)] = parse_expression(new)
                except ExpressionSyntaxError as exc:
                    raise EquationError(f"Replacing '{old}' with '{new}' failed: "
                                        f"{exc.message}") from None
        else:
            if old in names:
                raise EquationError(f"Cannot replace the model variable '{old}' with a value "
                                    f"({new!r}); only renaming it (with a str) is possible")
            sym_map[symbol(old)] = _value_to_sympy(new, old)[0]
    out = []
    new_names = set()
    for eq in eqs:
        varname = eq.varname
        if varname in renames:
            varname = renames[varname]
            _check_identifier(varname, f"Substitution '{eq.varname}={varname}'")
            if varname in names and varname not in renames:
                raise EquationError(f"Cannot replace the model variable '{eq.varname}' with "
                                    f"'{varname}': duplicate definition of '{varname}'")
        if varname in new_names:
            raise EquationError(f"Cannot replace the model variable '{eq.varname}' with "
                                f"'{varname}': duplicate definition of '{varname}'")
        new_names.add(varname)
        expr = eq.expr
        if expr:
            new_sym = expr.sympy.xreplace(sym_map)
            if new_sym != expr.sympy:
                expr = Expression(_rename_code(expr.code, replacements, sym_map), new_sym)
        out.append(SingleEquation(eq.type, varname, eq.dim, eq.var_type, expr, eq.flags))
    return out


def _rename_code(code, replacements, sym_map):
    """The code string after substitution (names renamed in the user's text)."""
    def repl(m):
        name = m.group(0)
        start = m.start()
        if start > 0 and (code[start - 1].isdigit() or code[start - 1] == "."):
            return name
        if name not in replacements:
            return name
        new = replacements[name]
        if isinstance(new, str):
            return new if _IDENT.match(new) else f"({new})"
        return f"({_value_to_sympy(new, name)[1]})"

    return re.sub(r"\b[A-Za-z_][A-Za-z0-9_]*\b", repl, code)


# --------------------------------------------------------------------------- Equations
class Equations(Mapping):
    """A model's equations: a mapping ``varname -> SingleEquation``.

    Equations can be added (``eqs1 + eqs2``) and their names replaced when they are made,
    to reuse a piece of model under other names or with fixed values.

    Parameters
    ----------
    eqns : str, Equations or list of SingleEquation
        Equation text (see the module docstring) or equation objects.
    **substitutions
        ``name='new_name'`` renames an identifier (model variable or external
        name); ``name=value`` (a number or quantity) replaces an external name
        by a constant.

    Raises
    ------
    EquationError
        For malformed text (``ExpressionSyntaxError`` with line and column for a
        bad expression), duplicate or reserved names, unknown units, misuse of
        the noise symbols and cyclic subexpressions.

    Examples
    --------
    >>> gate = 'dx/dt = (x_inf - x)/tau_x : 1'
    >>> eqs = Equations(gate, x='m', x_inf='m_inf', tau_x='tau_m')
    >>> print(eqs)
    dm/dt = (m_inf - m)/tau_m : 1
    >>> sorted(eqs.diff_eq_names)
    ['m']
    """

    def __init__(self, eqns="", **substitutions):
        if isinstance(eqns, Equations):
            eq_list = list(eqns._equations.values())
            self._text = eqns._text
        elif isinstance(eqns, str):
            self._text = eqns
            eq_list = _parse_text(eqns)
        elif isinstance(eqns, SingleEquation):
            eq_list = [eqns]
            self._text = None
        else:
            try:
                eq_list = list(eqns)
            except TypeError:
                raise TypeError(f"Equations expects a string or a list of SingleEquation "
                                f"objects, not {type(eqns).__name__}") from None
            for eq in eq_list:
                if not isinstance(eq, SingleEquation):
                    raise TypeError(f"Equations expects a list of SingleEquation objects, "
                                    f"not {type(eq).__name__}")
            self._text = None
        self._equations = {}
        for eq in eq_list:
            if eq.varname in self._equations:
                where = getattr(eq, "_where", None)
                raise EquationError(f"{where + ': ' if where else ''}Duplicate definition of "
                                    f"variable '{eq.varname}'")
            self._equations[eq.varname] = eq
        if substitutions:
            self._equations = {eq.varname: eq for eq in
                               _substitute(list(self._equations.values()), substitutions)}
        self._check_noise()
        self._order = self._sort_subexpressions()
        self._substituted = None
        self._check_noise_linear()

    # ------------------------------------------------------------- checks
    def _check_noise(self):
        """Brian's rules for the noise symbols: ``xi`` in one differential equation only;
        ``xi_<name>`` also in subexpressions, which are then substituted into the
        differential equations and integrated there (so they cannot be shared or constant
        over a step)."""
        uses_xi = None
        for eq in self._equations.values():
            noise = eq.stochastic_variables
            if not noise:
                continue
            if eq.type != DIFFERENTIAL_EQUATION:
                if "xi" in noise:
                    raise EquationError(
                        f"The equation defining '{eq.varname}' contains the symbol 'xi' but is "
                        f"not a differential equation. Name the noise ('xi_{eq.varname}') to "
                        f"use it in a subexpression")
                fixed = [f for f in eq.flags if f in ("shared", "constant over dt")]
                if fixed:
                    # as Brian, a shared one is refused as reading a per-element value
                    error = SharedVariableError if fixed[0] == "shared" else EquationError
                    raise error(
                        f"The subexpression '{eq.varname}' contains the noise symbol(s) "
                        f"{sorted(noise)} and cannot be ({fixed[0]}): noise takes a new, "
                        f"independent value for every element and at every instant")
                continue
            if "xi" in noise:
                if uses_xi is not None:
                    raise EquationError(
                        f"The equation defining '{eq.varname}' contains the symbol 'xi', but it "
                        f"is already used in the equation defining '{uses_xi}'. Rename them to "
                        f"'xi_...': the same name gives identical noise, different names give "
                        f"independent noise")
                uses_xi = eq.varname

    def _check_noise_linear(self):
        """Noise must enter every differential equation linearly, subexpressions substituted."""
        if not self.is_stochastic:
            return
        for varname, expr in self.substituted_expressions():
            eq = self._equations[varname]
            for name in sorted(n.name for n in expr.free_symbols if is_noise_name(n.name)):
                try:
                    coeff = sympy.diff(expr, symbol(name))
                    ok = not any(is_noise_name(x.name) for x in coeff.free_symbols) and \
                        not coeff.has(sympy.Derivative)
                except Exception:
                    ok = False
                if not ok:
                    through = "" if name in eq.stochastic_variables else \
                        f", through its subexpressions ({sympy_to_str(expr)})"
                    raise EquationError(
                        f"The differential equation defining '{varname}' contains the noise "
                        f"symbol '{name}' in a non-linear way ('{eq.expr.code}'{through}); "
                        f"noise terms must have the form 'coefficient*{name}'")

    def _sort_subexpressions(self):
        subs = {n for n, eq in self._equations.items() if eq.type == SUBEXPRESSION}
        deps = {n: sorted(self._equations[n].identifiers & subs) for n in subs}
        order, state = [], {}

        def visit(n, path):
            st = state.get(n)
            if st == 2:
                return
            if st == 1:
                cycle = path[path.index(n):] + [n]
                raise EquationError(f"Cannot resolve the dependencies between subexpressions: "
                                    f"they contain a cycle ({' -> '.join(cycle)})")
            state[n] = 1
            for d in deps[n]:
                visit(d, path + [n])
            state[n] = 2
            order.append(n)

        for n in sorted(subs):
            visit(n, [])
        return order

    # ------------------------------------------------------------- mapping
    def __getitem__(self, key):
        return self._equations[key]

    def __iter__(self):
        return iter(self._equations)

    def __len__(self):
        return len(self._equations)

    def __hash__(self):
        return hash(frozenset(self._equations.values()))

    def __eq__(self, other):
        if isinstance(other, str):
            try:
                other = Equations(other)
            except BrianCGError:
                return False
        if not isinstance(other, Equations):
            return NotImplemented
        return self._equations == other._equations

    def __add__(self, other):
        if isinstance(other, str):
            other = Equations(other)
        if not isinstance(other, Equations):
            return NotImplemented
        return Equations(list(self._equations.values()) + list(other._equations.values()))

    def __radd__(self, other):
        if isinstance(other, str):
            return Equations(other) + self
        return NotImplemented

    def substitute(self, **kwds):
        """A copy with substitutions applied (as the constructor's keyword arguments)."""
        return Equations(list(self._equations.values()), **kwds)

    # ------------------------------------------------------------- properties
    def _names_of(self, type_):
        return [n for n, eq in self._equations.items() if eq.type == type_]

    diff_eq_names = property(lambda self: set(self._names_of(DIFFERENTIAL_EQUATION)),
                             doc="Names of the variables defined by differential equations.")
    subexpr_names = property(lambda self: set(self._names_of(SUBEXPRESSION)),
                             doc="Names of the subexpressions.")
    parameter_names = property(lambda self: set(self._names_of(PARAMETER)),
                               doc="Names of the parameters.")
    eq_names = property(lambda self: self.diff_eq_names | self.subexpr_names,
                        doc="Names of differential equations and subexpressions.")
    names = property(lambda self: set(self._equations),
                     doc="All variable names defined in the equations.")
    dimensions = property(lambda self: {n: eq.dim for n, eq in self._equations.items()})
    eq_expressions = property(lambda self: [(n, eq.expr) for n, eq in self._equations.items()
                                            if eq.type != PARAMETER])
    diff_eq_expressions = property(lambda self: [(n, eq.expr)
                                                 for n, eq in self._equations.items()
                                                 if eq.type == DIFFERENTIAL_EQUATION])

    @property
    def identifiers(self):
        """External names used by the expressions (not defined here; no built-in functions)."""
        out = set()
        for eq in self._equations.values():
            out |= eq.identifiers
        return out - set(self._equations)

    @property
    def stochastic_variables(self):
        """Names of the noise symbols (``xi``, ``xi_...``) used."""
        out = set()
        for eq in self._equations.values():
            out |= eq.stochastic_variables
        return out

    is_stochastic = property(lambda self: bool(self.stochastic_variables))

    @property
    def ordered(self):
        """Subexpressions in dependency order, then differential equations, then parameters."""
        return ([self._equations[n] for n in self._order]
                + [self._equations[n] for n in sorted(self._names_of(DIFFERENTIAL_EQUATION))]
                + [self._equations[n] for n in sorted(self._names_of(PARAMETER))])

    def _substitution_table(self):
        if self._substituted is None:
            table = {}
            results = []
            for eq in self.ordered:
                if eq.type == PARAMETER:
                    continue
                expr = eq.expr.sympy.xreplace(table)
                if eq.type == SUBEXPRESSION:
                    if "constant over dt" not in eq.flags:
                        table[symbol(eq.varname)] = expr
                results.append((eq.varname, expr))
            self._substituted = results
        return self._substituted

    def substituted_expressions(self, include_subexpressions=False):
        """``[(name, sympy RHS)]`` of the differential equations, with subexpressions
        substituted recursively (except those flagged ``constant over dt``)."""
        return [(n, e) for n, e in self._substitution_table()
                if include_subexpressions or self._equations[n].type == DIFFERENTIAL_EQUATION]

    def get_substituted_expressions(self, variables=None, include_subexpressions=False):
        """Brian2's spelling: ``[(name, Expression)]``."""
        return [(n, Expression(sympy_to_str(e), e))
                for n, e in self.substituted_expressions(include_subexpressions)]

    @property
    def stochastic_type(self):
        """None (no noise), 'additive', or 'multiplicative' (a noise factor depends on a
        state variable or on time)."""
        if not self.is_stochastic:
            return None
        state = self.diff_eq_names | {"t"}
        for _, expr in self.substituted_expressions():
            for s in expr.free_symbols:
                if not is_noise_name(s.name):
                    continue
                coeff = sympy.diff(expr, s)
                if {x.name for x in coeff.free_symbols} & state:
                    return "multiplicative"
                if coeff.has(*RANDOM_FUNCTION_CLASSES):
                    return "multiplicative"
        return "additive"

    # ------------------------------------------------------------- units
    def check_units(self, resolve):
        """Check every equation's units; ``resolve(name)`` as for ``expression_dimensions``.

        Raises
        ------
        DimensionMismatchError
            Naming the equation, the variable and both units.
        """
        units = _units()
        second = units.get_dimensions(units.unit_namespace()["second"])
        own = {n: eq.dim for n, eq in self._equations.items()}

        def res(name):
            if name in own:
                return own[name]
            return resolve(name)

        for eq in self._equations.values():
            if eq.type == PARAMETER:
                continue
            if eq.type == DIFFERENTIAL_EQUATION:
                expected = eq.dim / second
                what = f"differential equation defining variable '{eq.varname}'"
                expected_text = (f"{unit_text(eq.dim)}/second" if eq.dim is not
                                 units.DIMENSIONLESS else "1/second")
            else:
                expected = eq.dim
                what = f"subexpression '{eq.varname}'"
                expected_text = unit_text(eq.dim)
            try:
                found = expression_dimensions(eq.expr.written, res, text=eq.expr.code)
            except DimensionMismatchError as exc:
                raise DimensionMismatchError(f"Inconsistent units in {what}: {exc.desc}",
                                             *exc.dims) from None
            e = eq.expr.sympy
            if found is not expected:
                raise DimensionMismatchError(
                    f"Inconsistent units in {what}: expression '{eq.expr.code}' has unit "
                    f"{unit_text(found)}, expected unit {expected_text}", found, expected)
            if eq.type == SUBEXPRESSION and eq.var_type == BOOLEAN and \
                    not isinstance(e, sympy.logic.boolalg.Boolean):
                raise EquationError(f"The boolean subexpression '{eq.varname}' is defined by "
                                    f"'{eq.expr.code}', which is not a boolean expression")

    # ------------------------------------------------------------- text
    def __str__(self):
        return "\n".join(str(eq) for eq in self._equations.values())

    def __repr__(self):
        return f"Equations({str(self)!r})"

