"""Unit checks of statements against a group's variables, before anything is generated."""
from ..core.namespace import resolve_external
from ..errors import DimensionMismatchError, UnknownIdentifierError
from ..units import DIMENSIONLESS, get_dimensions, second

__all__ = ["check_flags", "check_shared_subexpressions", "check_statement_units",
           "make_resolver"]


def check_flags(equations, allowed, where):
    """Raise EquationError for flags not in ``allowed[eq.type]`` (``where``: 'in Synapses')."""
    from ..errors import EquationError

    for eq in equations.values():
        unknown = set(eq.flags) - allowed[eq.type]
        if unknown:
            raise EquationError(
                f"The flag(s) {sorted(unknown)} of the {eq.type} for '{eq.varname}' are not "
                f"allowed {where}; allowed: {sorted(allowed[eq.type])}")


def check_shared_subexpressions(group):
    """Raise SharedVariableError for a (shared) subexpression reading a per-element variable
    (it has one value for the whole group), as Brian does when the group is created. A
    ``(linked)`` variable counts once linked (linked to one element, it is shared)."""
    from ..errors import SharedVariableError

    links = group.__dict__.get("_links", {})
    unlinked = {n for n, eq in group.equations.items()
                if "linked" in eq.flags and n not in links}
    for eq in group.equations.values():
        if eq.type != "subexpression" or "shared" not in eq.flags:
            continue
        for name in sorted(eq.identifiers - unlinked):
            var = group.variables.get(name)
            if var is not None and not var.scalar:
                raise SharedVariableError(
                    f"Shared subexpression '{eq.varname}' refers to non-shared variable "
                    f"'{name}' (in '{group.name}': '{eq.varname} = {eq.expr.code}'); a shared "
                    f"subexpression has one value for the whole group")


def make_resolver(group, run_namespace, temporaries=None, context=""):
    """``resolve(name)`` for ``expression_dimensions``: a Dimension, or a function object."""
    temporaries = temporaries if temporaries is not None else {}

    def resolve(name):
        if name in temporaries:
            return temporaries[name]
        var = group.variables.get(name)
        if var is not None:
            return var.dim
        if name == "xi" or name.startswith("xi_"):
            return (second ** -0.5).dim
        try:
            return get_dimensions(resolve_external(name, group.name, group._namespace,
                                                   run_namespace, context=context))
        except UnknownIdentifierError:
            try:
                return resolve_external(name, group.name, group._namespace, run_namespace,
                                        function=True, context=context)
            except UnknownIdentifierError:
                pass
            raise

    return resolve


def check_statement_units(statements, group, run_namespace):
    """Raise DimensionMismatchError (naming the statement) where units disagree."""
    from ..equations import expression_dimensions

    temporaries = {}
    for s in statements:
        context = f"'{s.comment or s.var}' of '{group.name}'"
        resolve = make_resolver(group, run_namespace, temporaries, context=context)
        dim = expression_dimensions(s.written if s.written is not None else s.expr, resolve)
        var = group.variables.get(s.var)
        if var is None:
            temporaries[s.var] = dim
            continue
        if s.op in ("*=", "/="):
            if dim is not DIMENSIONLESS:
                raise DimensionMismatchError(
                    f"In statement '{s.comment}' of '{group.name}': the factor of '{s.op}' must be "
                    f"dimensionless", dim)
        elif dim is not var.dim:  # a literal 0 has no unit, as in Brian
            raise DimensionMismatchError(
                f"In statement '{s.comment or s.var}' of '{group.name}': the expression has "
                f"different units than the variable '{s.var}'", var.dim, dim)
