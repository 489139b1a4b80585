"""Physical dimensions of sympy expressions."""
import sympy

from ..errors import DimensionMismatchError, UnknownIdentifierError
from ..units.text import unit_text
from .functions import builtin_for
from .parsing import BrianPrinter, parse_expression, parse_statements

# terms in the order written (an expression as written is not sorted by sympy)
sympy_to_str = BrianPrinter({"order": "none"}).doprint

__all__ = ["expression_dimensions", "parse_as_written", "parse_statements_as_written"]


def parse_as_written(code):
    """``code`` parsed without sympy's simplifications, for unit checks: ``0*mV`` stays a
    product with the unit (evaluated, it is the number 0 and has lost its unit), ``v - v``
    a difference. Units are checked on this form, as Brian checks them on the text."""
    with sympy.evaluate(False):
        return parse_expression(code)


def parse_statements_as_written(code):
    """``parse_statements`` without sympy's simplifications (see ``parse_as_written``)."""
    with sympy.evaluate(False):
        return parse_statements(code)


def _units():
    from .. import units

    return units


def _as_dimension(obj, name):
    u = _units()
    if isinstance(obj, u.Dimension):
        return obj
    if obj is None:
        raise UnknownIdentifierError(f"The identifier '{name}' could not be resolved")
    try:
        return u.get_dimensions(obj)
    except Exception:
        raise UnknownIdentifierError(
            f"The identifier '{name}' does not refer to a value with units "
            f"(got {type(obj).__name__})") from None


def _is_zero(e):
    """A literal zero, which Brian accepts for any unit."""
    return e.is_Number and e.is_zero


def _dims_of_unit(u):
    """Brian2-style unit spec (a Unit, 1, bool, a Dimension) -> Dimension."""
    units = _units()
    if u is bool or u is None:
        return units.DIMENSIONLESS
    if isinstance(u, units.Dimension):
        return u
    return units.get_dimensions(u)


def expression_dimensions(expr, resolve, text=None):
    """The dimensions of ``expr``.

    Parameters
    ----------
    expr : sympy.Basic
    resolve : callable(str) -> Dimension or function object
        Dimensions of symbols; for the name of a non-built-in function, the
        function object (with ``.result_dimensions(arg_dims)``, or Brian2-style
        ``_arg_units``/``_return_unit``).
    text : str, optional
        The expression as the user wrote it, for messages.

    Raises
    ------
    DimensionMismatchError
        Where units of a sum, comparison or function argument disagree.
    """
    units = _units()
    DL = units.DIMENSIONLESS
    whole = text if text is not None else sympy_to_str(expr)

    def mismatch(what, *dims):
        raise DimensionMismatchError(f"Inconsistent units in expression '{whole}': {what}", *dims)

    def same_dims(args, kind):
        dims = [(a, dim(a)) for a in args]
        ref = None
        for a, d in dims:
            # a literal 0 has no unit, as in Brian: write '0*mV' (checked as written)
            if ref is None:
                ref = (a, d)
            elif d is not ref[1]:
                mismatch(f"{kind} '{sympy_to_str(ref[0])}' has unit {unit_text(ref[1])} but "
                         f"'{sympy_to_str(a)}' has unit {unit_text(d)}", ref[1], d)
        return ref[1] if ref is not None else DL

    def dim(e):
        if e.is_Number or isinstance(e, sympy.NumberSymbol) or e in (sympy.true, sympy.false):
            return DL
        if e.is_Symbol:
            return _as_dimension(resolve(e.name), e.name)
        if isinstance(e, sympy.Add):
            return same_dims(e.args, "in the sum,")
        if isinstance(e, sympy.Mul):
            result = DL
            for a in e.args:
                result = result * dim(a)
            return result
        if isinstance(e, sympy.Pow):
            base, exp = e.args
            if not exp.is_Number and not exp.free_symbols:
                exp = exp.doit()  # '1/2' as written is a quotient
            bd, ed = dim(base), dim(exp)
            if ed is not DL:
                mismatch(f"the exponent '{sympy_to_str(exp)}' must be dimensionless but has "
                         f"unit {unit_text(ed)}", ed)
            if bd is DL:
                return DL
            if not exp.is_Number:
                mismatch(f"the base '{sympy_to_str(base)}' has unit {unit_text(bd)}, so the "
                         f"exponent '{sympy_to_str(exp)}' must be a number", bd)
            if exp.is_Integer:
                return bd ** int(exp)
            return bd ** float(exp)
        if isinstance(e, sympy.Mod):
            return same_dims(e.args, "in the modulo,")
        if isinstance(e, sympy.core.relational.Relational):
            same_dims(e.args, "in the comparison,")
            return DL
        if isinstance(e, (sympy.And, sympy.Or, sympy.Not, sympy.Xor)):
            for a in e.args:
                dim(a)
            return DL
        if isinstance(e, sympy.Piecewise):
            for _, c in e.args:
                if c not in (sympy.true, sympy.false):
                    dim(c)
            return same_dims([v for v, _ in e.args], "in the conditional,")
        if isinstance(e, sympy.Function):
            return function_dims(e)
        raise DimensionMismatchError(
            f"Cannot determine the units of '{sympy_to_str(e)}' in expression '{whole}'")

    def function_dims(e):
        cls = type(e)
        builtin = builtin_for(cls)
        if builtin is not None:
            if builtin.nargs == 0:  # rand()/randn(): the argument is the call-site key
                return DL
            arg_dims = [dim(a) for a in e.args]
            texts = [sympy_to_str(a) for a in e.args]
            try:
                return builtin.result_dimensions(arg_dims, texts)
            except DimensionMismatchError as exc:
                raise DimensionMismatchError(
                    f"Inconsistent units in expression '{whole}': {exc.desc}", *exc.dims
                ) from None
        name = cls.__name__
        arg_dims = [dim(a) for a in e.args]
        obj = resolve(name)
        if hasattr(obj, "result_dimensions"):
            try:
                return obj.result_dimensions(arg_dims)
            except DimensionMismatchError as exc:
                raise DimensionMismatchError(
                    f"Inconsistent units in expression '{whole}', in the call of '{name}': "
                    f"{exc.desc}", *exc.dims) from None
        if hasattr(obj, "_return_unit"):
            return _brian2_style(obj, name, e, arg_dims)
        if isinstance(obj, units.Dimension):
            raise UnknownIdentifierError(
                f"'{name}' is used as a function in expression '{whole}', but it is not a "
                f"function")
        raise UnknownIdentifierError(
            f"The function '{name}' used in expression '{whole}' does not declare the units "
            f"of its arguments and result")

    def _brian2_style(obj, name, e, arg_dims):
        arg_units = list(getattr(obj, "_arg_units", None) or [])
        if len(arg_units) != len(arg_dims):
            raise DimensionMismatchError(
                f"The function '{name}' in expression '{whole}' takes {len(arg_units)} "
                f"arguments, but {len(arg_dims)} were given")
        arg_names = list(getattr(obj, "_arg_names", None) or [])
        for a, d, u in zip(e.args, arg_dims, arg_units):
            if u is None or u is bool:
                continue
            if isinstance(u, str):  # the units of the argument named u (Brian's rule)
                if u not in arg_names:
                    raise DimensionMismatchError(
                        f"The function '{name}' declares an argument with the units of '{u}', "
                        f"which is not one of its arguments ({', '.join(arg_names)})")
                other = arg_dims[arg_names.index(u)]
                if d is not other and not _is_zero(a):
                    mismatch(f"the argument '{sympy_to_str(a)}' of '{name}' must have the "
                             f"units of its argument '{u}' ({unit_text(other)}), but has unit "
                             f"{unit_text(d)}", d, other)
                continue
            expected = _dims_of_unit(u)
            if d is not expected:
                mismatch(f"the argument '{sympy_to_str(a)}' of '{name}' has unit {unit_text(d)}, "
                         f"expected {unit_text(expected)}", d, expected)
        ret = obj._return_unit
        if callable(ret) and not isinstance(ret, type) and not hasattr(ret, "dim"):
            ret = ret(*arg_dims)
        return _dims_of_unit(ret)

    return dim(expr)
