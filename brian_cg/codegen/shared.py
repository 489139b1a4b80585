"""Writes to shared variables (``x : 1 (shared)``): Brian's rules, and the scalar block.

A shared variable has one value for the whole group. Code that runs once per element
may write it only where Brian allows (state updates, ``run_regularly``, ``G.x = '...'``),
only from values that are themselves shared, and before any per-element write; the
statements doing so form the *scalar block*, run once before the element loop.
"""
import sympy

from ..core.variables import ArrayVariable, SubexpressionVariable
from ..equations import sympy_to_str
from ..errors import SharedVariableError
from .statements import RANDOM_FUNCTIONS, free_names

__all__ = ["check_shared_writes", "is_scalar_expression", "scalar_prefix_length"]


def _is_noise(name):
    return name == "xi" or name.startswith("xi_")


def _is_per_element(var):
    return isinstance(var, (ArrayVariable, SubexpressionVariable)) and not var.scalar


def is_scalar_expression(expr, variables, temporaries):
    """Whether ``expr`` has one value for the whole group: it reads only shared variables,
    shared temporaries, constants and external values, and draws no random numbers
    (``rand()`` differs between elements). ``temporaries``: name -> scalar (bool)."""
    for f in expr.atoms(sympy.Function):
        if type(f).__name__ in RANDOM_FUNCTIONS:
            return False
    for name in free_names(expr):
        if name in temporaries:
            if not temporaries[name]:
                return False
        elif _is_noise(name) or _is_per_element(variables.get(name)):
            return False
    return True


def _writes_shared(var):
    return isinstance(var, ArrayVariable) and var.scalar


def _text(stmt):
    return f"{stmt.var} {stmt.op} {sympy_to_str(stmt.expr)}"


def check_shared_writes(statements, variables, allowed, where):
    """Raise SharedVariableError where ``statements`` break Brian's rules for shared variables.

    Parameters
    ----------
    statements : list of Statement
    variables : dict name -> Variable
    allowed : bool
        Whether this kind of code may write shared variables at all (Brian allows it in
        state updates, ``run_regularly`` and string assignments; not in thresholds,
        resets, synaptic pathways or summed variables).
    where : str
        The code's owner and kind, for messages (``"the reset of 'neurons'"``).
    """
    temporaries = {}
    vector_write_done = False
    for s in statements:
        var = variables.get(s.var)
        if var is None:  # a temporary: shared if its first definition is
            if s.var not in temporaries:
                temporaries[s.var] = is_scalar_expression(s.expr, variables, temporaries)
            if not temporaries[s.var]:
                vector_write_done = True
            continue
        if not _writes_shared(var):
            vector_write_done = True
            continue
        if not allowed:
            raise SharedVariableError(
                f"Writing to scalar variable {s.var} not allowed in this context: '{s.var}' is "
                f"a shared variable (one value for the whole group) and {where} runs for each "
                f"element separately (statement '{_text(s)}'). Write shared variables in "
                f"run_regularly code or by assignment, or drop the (shared) flag.")
        if vector_write_done:
            raise SharedVariableError(
                f"All writes to scalar variables in a code block have to be made before "
                f"writes to vector variables. Illegal write to '{s.var}' (statement "
                f"'{_text(s)}' in {where}).")
        names = sorted(free_names(s.expr) | ({s.var} if s.op != "=" else set()))
        for name in names:
            if name not in temporaries and _is_per_element(variables.get(name)):
                raise SharedVariableError(
                    f"Cannot write to scalar variable '{s.var}' with an expression referring "
                    f"to vector variable '{name}' (statement '{_text(s)}' in {where}): a "
                    f"shared variable takes one value, '{name}' has one per element.")


def scalar_prefix_length(statements, variables):
    """Number of leading statements forming the scalar block: up to the last write to a
    shared variable, all writing shared variables or shared temporaries (0 if none).
    Statements must have passed ``check_shared_writes``."""
    temporaries, length = {}, 0
    for k, s in enumerate(statements):
        var = variables.get(s.var)
        if var is None:
            if s.var not in temporaries:
                temporaries[s.var] = is_scalar_expression(s.expr, variables, temporaries)
            if not temporaries[s.var]:
                break
        elif _writes_shared(var):
            length = k + 1
        else:
            break
    return length
