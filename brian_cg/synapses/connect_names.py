"""What the names of a ``connect()`` expression mean, for one candidate pair (i, j).

Brian's rules: ``i`` and ``j`` are the pair's indices within the source and target
groups; ``x_pre``/``x_post`` are the groups' variables and subexpressions (unsuffixed
names are the target's); synaptic subexpressions may be used, synaptic state variables
may not (no synapse exists yet). Any other name is an external constant or function of
the namespace, resolved at every call: its value is an input of the generated code, never
part of it.

``prepare`` turns an expression string into a ``PairExpression``: the sympy expression
with every subexpression expanded, and the names it reads. Neither holds a reference to a
group, so prepared expressions (and the code printed from them) can be kept and reused by
any Synapses object of the same structure.
"""
import numbers
import re
from dataclasses import dataclass

import numpy as np
import sympy

from ..core.variables import ArrayVariable, ArrayView, ClockVariable, SubexpressionVariable
from ..units import DIMENSIONLESS

__all__ = ["ForbiddenName", "PairExpression", "PairName", "describe_names", "external_tag",
           "identifiers", "is_integer_expression", "lookup", "prepare"]

_INT64 = np.dtype(np.int64)
_NOT_A_NEURON_VARIABLE = {"t", "dt", "t_in_timesteps", "N", "i"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SYNTAX_WORDS = frozenset({"and", "or", "not", "if", "else", "for", "in", "True", "False",
                           "range", "sample", "is"})


@dataclass(frozen=True)
class PairName:
    """What one name is, without the group it belongs to (so it can be cached).

    ``kind`` is ``'index'`` (i, j: relative to the group), ``'abs'`` (the absolute index
    into the group's arrays, what a group's own ``i`` means in its subexpressions),
    ``'loop'`` (the generator's variable), ``'array'`` (a neuron variable read at the
    pair's pre- or postsynaptic index), ``'const'`` (N_pre, N_post, t, dt) or
    ``'subexpr'`` (expanded before use). ``side`` is ``'pre'`` or ``'post'``.
    """

    kind: str
    side: str = None
    dtype: np.dtype = _INT64
    dim: object = DIMENSIONLESS
    scalar: bool = False
    expr: object = None

    @property
    def is_integer(self):
        return self.dtype.kind in "iu"


_PRE_INDEX = PairName("index", "pre")
_POST_INDEX = PairName("index", "post")
_LOOP = PairName("loop")


class ForbiddenName(ValueError):
    """A name that exists but cannot be used in connect() (a synaptic variable)."""


def _group_name(group, base, side):
    """(PairName, variable) for the neuron variable ``base`` of ``group``, or None."""
    if base.startswith("_") or base in _NOT_A_NEURON_VARIABLE:
        return None
    var = group.variables.get(base)
    if isinstance(var, SubexpressionVariable):
        return PairName("subexpr", side, np.dtype(var.dtype), var.dim, var.scalar,
                        _renamed(var.expr, group, side)), None
    if isinstance(var, ArrayVariable):
        return PairName("array", side, np.dtype(var.dtype), var.dim, var.scalar), var
    return None


def _renamed(expr, group, side):
    """A neuron group's subexpression in the names of a connect() expression: ``v`` ->
    ``v_post``; the group's ``i`` is the absolute index (as in Brian, also for subgroups)."""
    from ..equations import symbol

    mapping = {}
    for s in expr.free_symbols:
        name = s.name
        if name == "i":  # a subgroup's subexpressions already add its start (Subgroup)
            mapping[s] = symbol("i" if side == "pre" else "j")
        elif name == "N":
            mapping[s] = symbol("N_" + side)
        elif not name.startswith("_") and name not in _NOT_A_NEURON_VARIABLE and \
                isinstance(group.variables.get(name), (ArrayVariable, SubexpressionVariable)):
            mapping[s] = symbol(f"{name}_{side}")
    return expr.xreplace(mapping)


def lookup(syn, name, loop_vars=()):
    """(PairName, what to read) for ``name`` in a connect() expression of ``syn``; None
    for an external name. What to read is the ArrayVariable of an array, the value of a
    constant, None otherwise.

    Raises
    ------
    ForbiddenName
        For a synaptic state variable or a synapse count (Brian refuses them too).
    """
    if name in loop_vars:
        return _LOOP, None
    if name in ("i", "i_pre"):
        return _PRE_INDEX, None
    if name in ("j", "i_post"):
        return _POST_INDEX, None
    if name in ("_pair_pre", "_pair_post"):
        return PairName("abs", name[6:]), None
    if name in ("N_pre", "N_post"):
        group = syn.source if name == "N_pre" else syn.target
        return PairName("const"), int(group.N)
    if name.endswith("_pre"):
        found = _group_name(syn.source, name[:-4], "pre")
        if found is not None:
            return found
    if name.endswith("_post"):
        found = _group_name(syn.target, name[:-5], "post")
        if found is not None:
            return found
    var = syn.variables.get(name)
    if var is not None:
        if isinstance(var, SubexpressionVariable) and name not in syn.equations:
            # a target neuron's subexpression the synapses refer to: read it as the neuron's
            found = _group_name(syn.target, name, "post")
            if found is not None:
                return found
        if isinstance(var, SubexpressionVariable) and var.owner is syn:
            return PairName("subexpr", None, np.dtype(var.dtype), var.dim, var.scalar,
                            var.expr), None
        if isinstance(var, ClockVariable) and name in ("t", "dt"):
            return (PairName("const", dtype=np.dtype(np.float64), dim=var.dim),
                    float(getattr(syn.clock, var.clock_attr)))
        if isinstance(var, ArrayView) and var.viewed is syn.target.variables.get(name):
            return _group_name(syn.target, name, "post")  # unsuffixed: the target's
        raise ForbiddenName(
            f"The connect statement cannot refer to '{name}': it is a variable of the "
            f"synapses '{syn.name}', which do not exist before connect() creates them")
    found = _group_name(syn.target, name, "post")
    if found is not None and found[0].kind == "subexpr":
        return found
    return None


@dataclass(frozen=True)
class PairExpression:
    """An expression of a connect() call, ready to print for any target.

    ``expr`` has the subexpressions expanded and its ``rand()``/``randn()`` call sites
    numbered 0, 1, ... (``n_random``); ``names`` maps the names it reads (other than
    externals) to their PairName; ``externals`` and ``functions`` are resolved per call.
    """

    code: str
    expr: sympy.Basic
    names: tuple            # ((name, PairName), ...)
    externals: tuple
    functions: tuple
    n_random: int

    @property
    def name_map(self):
        return dict(self.names)

    def reads(self, side):
        """Whether the expression reads the ``side`` ('pre'/'post') index or variables."""
        return any(p.side == side and p.kind in ("index", "abs", "array")
                   for _, p in self.names)

    @property
    def uses_loop(self):
        return any(p.kind == "loop" for _, p in self.names)

    def integer_names(self, external_values):
        ints = {n for n, p in self.names if p.kind != "subexpr" and p.is_integer}
        ints |= {n for n in self.externals if _is_integer_value(external_values.get(n))}
        return ints


def _is_integer_value(value):
    if isinstance(value, (bool, np.bool_)):
        return False
    return isinstance(value, (numbers.Integral, np.integer))


def prepare(syn, code, loop_vars=()):
    """Parse ``code`` and expand its subexpressions (see ``PairExpression``)."""
    from ..codegen.statements import free_names, number_random_calls
    from ..equations import parse_expression

    expr = parse_expression(code)
    names, externals = {}, set()
    for _ in range(64):
        substitutions = {}
        for s in expr.free_symbols:
            if s.name in names or s.name in externals:
                continue
            found = lookup(syn, s.name, loop_vars)
            if found is None:
                externals.add(s.name)
            elif found[0].kind == "subexpr":
                substitutions[s] = found[0].expr
            else:
                names[s.name] = found[0]
        if not substitutions:
            break
        expr = expr.xreplace(substitutions)
    else:
        raise ValueError(f"The subexpressions used in '{code}' refer to each other in a circle")
    functions = {n for n in free_names(expr) if n not in names and n not in externals}
    (expr,), n_random = number_random_calls([expr])
    return PairExpression(code, expr, tuple(sorted(names.items())), tuple(sorted(externals)),
                          tuple(sorted(functions)), n_random)


def is_integer_expression(expr, integer_names):
    """Whether ``expr`` has an integer type (Python's rules: ``/`` gives a float, ``//``
    of integers an integer)."""
    if expr.is_Integer:
        return True
    if expr.is_Symbol:
        return expr.name in integer_names
    name = type(expr).__name__
    if name == "IntCast":
        return True
    if isinstance(expr, (sympy.Add, sympy.Mul, sympy.Mod, sympy.Abs, sympy.Min, sympy.Max)):
        return all(is_integer_expression(a, integer_names) for a in expr.args)
    if expr.is_Pow:
        return (is_integer_expression(expr.base, integer_names) and expr.exp.is_Integer
                and expr.exp >= 0)
    if isinstance(expr, sympy.floor):  # a // b is parsed as floor(a/b)
        num, den = expr.args[0].as_numer_denom()
        return is_integer_expression(num, integer_names) and \
            is_integer_expression(den, integer_names)
    return False


def identifiers(*codes):
    """The names appearing in expression strings, without Python's and generators' words."""
    found = set()
    for code in codes:
        if isinstance(code, str):
            found.update(_IDENTIFIER.findall(code))
    return sorted(found - _SYNTAX_WORDS)


def external_tag(value):
    """What the generated code needs to know about an external value: its type and unit."""
    from ..units import get_dimensions

    if _is_integer_value(value):
        return ("int",)
    if isinstance(value, (bool, np.bool_)):
        return ("bool",)
    try:
        return ("float", get_dimensions(value))
    except Exception:
        return ("other", type(value).__name__)


def describe_names(syn, names, resolve, loop_vars=()):
    """A hashable description of what ``names`` are for ``syn`` (a cache key: two calls
    with equal descriptions get the same prepared expressions and generated code).

    ``resolve(name)`` returns an external's value or raises; values are described by
    ``external_tag``. Subexpressions are described by their expression and the names in it.
    """
    out, todo, seen = [], list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            found = lookup(syn, name, loop_vars)
        except ForbiddenName:
            out.append((name, "forbidden"))
            continue
        if found is None:
            try:
                out.append((name, "ext") + external_tag(resolve(name)))
            except Exception:
                out.append((name, "?"))
            continue
        pair = found[0]
        if pair.kind == "subexpr":
            text = str(pair.expr)
            out.append((name, pair, text))
            todo.extend(n for n in _IDENTIFIER.findall(text) if n not in seen)
        else:
            out.append((name, pair))
    return tuple(sorted(out, key=lambda item: item[0]))
