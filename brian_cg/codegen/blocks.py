"""Target-neutral analysis of a block of abstract code before it is printed.

Given the statements of one operation (state update, reset, ...) and the
variables of the owner, decide what every name is: an array to load (and store,
if written), a subexpression to compute first, a clock value, a run constant, a
noise sample, or a function. Each target's generator prints from this.
"""
from dataclasses import dataclass, field

import sympy

from ..core.variables import ArrayVariable, ClockVariable, ConstantVariable, SubexpressionVariable
from ..errors import ConstantAssignmentError
from .shared import scalar_prefix_length
from .statements import Statement, free_names, number_random_calls

__all__ = ["CodeBlock", "analyse_block", "is_noise_symbol", "stale_subexpressions"]


def is_noise_symbol(name):
    return name == "xi" or name.startswith("xi_")


@dataclass
class CodeBlock:
    """What a generator needs to print one operation."""

    statements: list            # Statement, `op` folded to '=', random calls numbered
    arrays_read: list           # names of ArrayVariables read (in order of first use)
    arrays_written: list        # names of ArrayVariables written
    subexpressions: list        # (name, sympy expr) in dependency order, computed after loads
    clock_names: set            # 't', 't_in_timesteps' when used
    constants: dict             # name -> Variable-level constant or external value (per run)
    noise: list                 # noise symbols drawn once per element
    functions: set              # user (non-builtin) function names
    n_random_calls: int = 0
    uses_index: bool = False    # the code reads 'i'
    hoisted: list = field(default_factory=list)
    # the first n_scalar statements write shared variables: run once, not per element
    n_scalar: int = 0


def _subexpr_order(names, variables):
    """Subexpressions needed by ``names``, dependencies first."""
    order, seen = [], set()

    def visit(n, stack=()):
        if n in seen:
            return
        if n in stack:
            raise ValueError(f"Circular subexpressions: {' -> '.join(stack + (n,))}")
        var = variables.get(n)
        if isinstance(var, SubexpressionVariable):
            for dep in sorted(free_names(var.expr)):
                visit(dep, stack + (n,))
            seen.add(n)
            order.append(n)

    for n in sorted(names):
        visit(n)
    return order


def _one_name_per_array(variables, stmts):
    """Statements in which names of the same array element (``v`` and ``v_post`` in a
    pathway: two views of the target's ``v`` through the same index) are one name, so that
    a write under one name is seen when reading the other (each name is loaded and stored
    on its own otherwise)."""
    import sympy

    names = {s.var for s in stmts} | {sym.name for s in stmts for sym in s.expr.free_symbols}
    by_element = {}
    for name in sorted(names):
        var = variables.get(name)
        viewed = getattr(var, "viewed", None)
        if viewed is not None:
            by_element.setdefault((id(viewed), getattr(var, "index", None)), []).append(name)
    rename = {}
    for same in by_element.values():
        if len(same) > 1:
            canonical = max(same, key=lambda n: (n.endswith(("_pre", "_post")), -len(n)))
            rename.update({n: canonical for n in same if n != canonical})
    if not rename:
        return stmts
    symbols = {sympy.Symbol(a, real=True): sympy.Symbol(b, real=True) for a, b in rename.items()}
    return [type(s)(rename.get(s.var, s.var), s.op, s.expr.xreplace(symbols), s.comment)
            for s in stmts]


def analyse_block(statements, variables, *, owner_name, builtin_functions, allow_writes=True,
                  extra_locals=()):
    """Classify the names of ``statements`` against ``variables``.

    Parameters
    ----------
    statements : list of Statement
    variables : dict name -> Variable
    builtin_functions : set of str
        Function names the target provides itself.
    extra_locals : iterable of str
        Names the template defines (e.g. ``_spikes``).

    Raises
    ------
    ConstantAssignmentError
        When a statement writes to a read-only or constant variable.
    """
    stmts = _one_name_per_array(variables, [s.as_assignment() for s in statements])
    exprs, n_rand = number_random_calls([s.expr for s in stmts])
    stmts = [Statement(s.var, "=", e, s.comment) for s, e in zip(stmts, exprs)]

    defined = set(extra_locals)
    arrays_read, arrays_written, used = [], [], set()
    clock_names, constants, noise, functions = set(), {}, [], set()
    uses_index = False

    def use(name):
        nonlocal uses_index
        if name in defined or name in used:
            return
        used.add(name)
        var = variables.get(name)
        if getattr(var, "index", None) is not None:
            use(var.index)  # the index array is loaded before the arrays it indexes
        if name == "i" and getattr(var, "computed_from_index", False):
            uses_index = True
        elif is_noise_symbol(name):
            noise.append(name)
        elif isinstance(var, ArrayVariable):
            arrays_read.append(name)
        elif isinstance(var, ClockVariable):
            if var.clock_attr == "dt_":
                constants[name] = var
            else:
                clock_names.add(name)
        elif isinstance(var, ConstantVariable):
            constants[name] = var
        elif isinstance(var, SubexpressionVariable):
            noisy = sorted(n for n in free_names(var.expr) if is_noise_symbol(n))
            if noisy:
                from ..errors import EquationError

                raise EquationError(
                    f"The subexpression '{name}' of {owner_name} contains the noise symbol(s) "
                    f"{noisy}: it is substituted into the differential equations using it and "
                    f"integrated there, and has no value of its own to read elsewhere "
                    f"(thresholds, resets, monitors, synapses, G.{name}).")
            use_expression(var.expr)
        elif var is None and not name.startswith("_"):
            constants[name] = None  # external: resolved per run

    def use_expression(expr):
        called = {type(f).__name__ for f in expr.atoms(sympy.Function)}
        for name in sorted(free_names(expr)):
            if name in builtin_functions:
                continue
            if name in called and variables.get(name) is None:
                functions.add(name)
                continue
            use(name)

    for s in stmts:
        use_expression(s.expr)
        var = variables.get(s.var)
        if var is not None:
            # (constant) parameters are constant for the integrator only: resets, synaptic
            # code and user assignments may write them, as in Brian.
            if not allow_writes or var.read_only or not isinstance(var, ArrayVariable):
                raise ConstantAssignmentError(
                    f"Cannot assign to '{s.var}' in {owner_name}: it is a "
                    f"{'constant' if var.constant else 'read-only'} variable "
                    f"(statement '{s.var} = {s.expr}'{', from ' + s.comment if s.comment else ''})."
                )
            if getattr(var, "index", None) is not None:
                use(var.index)  # a write through an index needs the index loaded
            if s.var not in arrays_written:
                arrays_written.append(s.var)
        else:
            defined.add(s.var)

    sub_names = _subexpr_order([n for n in used if n in variables], variables)
    subexpressions = [(n, variables[n].expr) for n in sub_names]
    for n in sub_names:
        constants.pop(n, None)
    return CodeBlock(stmts, arrays_read, arrays_written, subexpressions, clock_names, constants,
                     noise, functions, n_rand, uses_index,
                     n_scalar=scalar_prefix_length(stmts, variables))


def stale_subexpressions(block, written):
    """Subexpressions to compute again after ``written`` was assigned (in dependency order):
    those reading it, directly or through another stale subexpression."""
    stale, changed = [], {written}
    for name, expr in block.subexpressions:
        if free_names(expr) & changed:
            stale.append(name)
            changed.add(name)
    return stale
