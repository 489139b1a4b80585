"""Parsing expressions and statements (Brian/Python syntax) into sympy, without ``eval``.

The text goes through Python's ``ast`` and then through a whitelist of node types;
anything else is an ``ExpressionSyntaxError`` naming the offending text, its line
and its column.
"""
import ast
import math
import re

import sympy
from sympy.printing.str import StrPrinter

from ..errors import ExpressionSyntaxError
from .functions import BUILTIN_FUNCTIONS

__all__ = [
    "get_identifiers",
    "parse_expression",
    "parse_statements",
    "str_to_sympy",
    "strip_comments",
    "symbol",
    "sympy_to_str",
]

_SYMBOLS = {}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MAX_INT_BITS = 4096


def symbol(name):
    """The (cached) ``sympy.Symbol(name, real=True)``."""
    s = _SYMBOLS.get(name)
    if s is None:
        s = _SYMBOLS[name] = sympy.Symbol(name, real=True)
    return s


_IDENT_RE = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
_NUMBER_PREFIX = re.compile(r"[0-9.]")


def get_identifiers(code):
    """The identifiers in a code string (names not preceded by a digit or a dot)."""
    out = set()
    for m in _IDENT_RE.finditer(code):
        start = m.start()
        if start > 0 and _NUMBER_PREFIX.match(code[start - 1]):
            continue  # e.g. the 'e5' of '1e5'
        out.add(m.group())
    return out - {"and", "or", "not", "True", "False"}


# --------------------------------------------------------------------------- source mapping
class _Source:
    """The text handed to ``ast`` and a map from its offsets back to the user's text."""

    def __init__(self, original, parsed, positions):
        self.original = original
        self.parsed = parsed
        self.positions = positions  # index in parsed -> (lineno, col), both 1-based

    def locate(self, lineno, col_offset):
        """(line, column) in the original text of an ast position in ``parsed``."""
        lines = self.parsed.split("\n")
        if lineno is None:
            return None, None
        idx = sum(len(l) + 1 for l in lines[:lineno - 1]) + _char_col(lines[lineno - 1]
                                                                      if lineno - 1 < len(lines)
                                                                      else "", col_offset or 0)
        if not self.positions:
            return 1, 1
        idx = max(0, min(idx, len(self.positions) - 1))
        return self.positions[idx]


def _char_col(line, byte_offset):
    """ast's UTF-8 byte offset -> character offset."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _strip_comment(line):
    i = line.find("#")
    return line if i < 0 else line[:i]


def strip_comments(code):
    """``code`` without its comments (``#`` to the end of each line; Brian's syntax has no
    strings, so a ``#`` always starts one) and without surrounding blank space."""
    return "\n".join(_strip_comment(line).rstrip() for line in code.split("\n")).strip()


def _expression_source(code):
    """Join a (possibly multi-line, commented) expression into one line, tracking positions."""
    chars, positions = [], []
    for lineno, line in enumerate(code.split("\n"), start=1):
        line = _strip_comment(line)
        if chars:
            chars.append(" ")
            positions.append(positions[-1])
        for col, ch in enumerate(line, start=1):
            chars.append(ch)
            positions.append((lineno, col))
    joined = "".join(chars)
    lead = len(joined) - len(joined.lstrip())
    parsed = joined.strip()
    positions = positions[lead:lead + len(parsed)] + [positions[-1] if positions else (1, 1)]
    return _Source(code, parsed, positions)


def _statement_source(code):
    lines = code.split("\n")
    # each statement line stands alone: strip its indentation (Brian accepts
    # 'ge += w\n        w = ...' as written inside triple-quoted strings)
    positions, out = [], []
    for lineno, line in enumerate(lines, start=1):
        cut = len(line) - len(line.lstrip())
        out.append(line[cut:])
        positions.extend((lineno, cut + c + 1) for c in range(len(line) - cut + 1))
    return _Source(code, "\n".join(out), positions)


def _raise(src, message, node=None, lineno=None, col=None):
    if node is not None:
        lineno, col = src.locate(getattr(node, "lineno", None), getattr(node, "col_offset", None))
    raise ExpressionSyntaxError(message, src.original, lineno, col)


def _node_text(src, node):
    try:
        seg = ast.get_source_segment(src.parsed, node)
    except Exception:  # pragma: no cover - defensive
        seg = None
    return seg if seg is not None else type(node).__name__


# --------------------------------------------------------------------------- ast -> sympy
_BINOPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a ** b,
    ast.FloorDiv: lambda a, b: sympy.floor(a / b),
    ast.Mod: lambda a, b: sympy.Mod(a, b),
}

_COMPARE = {
    ast.Lt: sympy.Lt, ast.LtE: sympy.Le, ast.Gt: sympy.Gt, ast.GtE: sympy.Ge,
    ast.Eq: sympy.Eq, ast.NotEq: sympy.Ne,
}

_NODE_NAMES = {
    ast.Attribute: "attribute access is", ast.Subscript: "subscripts (indexing) are",
    ast.Lambda: "lambda expressions are",
    ast.IfExp: "conditional expressions ('a if c else b') are",
    ast.ListComp: "list comprehensions are", ast.List: "lists are", ast.Tuple: "tuples are",
    ast.Dict: "dictionaries are", ast.Set: "sets are", ast.Starred: "starred expressions are",
    ast.NamedExpr: "assignment expressions (':=') are", ast.JoinedStr: "f-strings are",
    ast.GeneratorExp: "generator expressions are", ast.Await: "await is",
    ast.Slice: "slices are",
}

_BINOP_NAMES = {ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<",
                ast.RShift: ">>", ast.MatMult: "@"}


def _is_boolean(e):
    return isinstance(e, sympy.logic.boolalg.Boolean) and not e.is_Symbol


def _as_number(e):
    """A condition used as a number (``(i < 2)*20*Hz``, ``int(t > 10*ms)``): 1 or 0, as
    Python and Brian's generated code treat booleans."""
    return sympy.Piecewise((sympy.Integer(1), e), (sympy.Integer(0), True)) \
        if _is_boolean(e) else e


_DOUBLE_MAX = sympy.Float(1.7976931348623157e308)


def _within_double_range(e):
    """A folded float constant beyond the range of a 64-bit float becomes +-inf, as the
    generated code computes it; left as an arbitrary-precision number, further folding
    (``exp(exp(1e13))``, ``x % exp(1e13)``) would exhaust memory in mpmath."""
    if isinstance(e, sympy.Float) and abs(e) > _DOUBLE_MAX:
        return sympy.oo if e > 0 else -sympy.oo
    return e


class _Converter:
    def __init__(self, src):
        self.src = src

    def fail(self, node, message):
        _raise(self.src, message, node)

    def convert(self, node):
        try:
            return self._convert(node)
        except ExpressionSyntaxError:
            raise
        except RecursionError:
            self.fail(node, f"The expression '{_node_text(self.src, node)}' is too deeply nested")
        except (TypeError, ValueError, AttributeError, ArithmeticError, OverflowError) as exc:
            self.fail(node, f"Invalid expression '{_node_text(self.src, node)}': {exc}")

    def _convert(self, node):
        meth = getattr(self, "_" + type(node).__name__, None)
        if meth is None:
            what = _NODE_NAMES.get(type(node), f"'{type(node).__name__}' nodes are")
            self.fail(node, f"Unsupported syntax in '{_node_text(self.src, node)}': {what} "
                            f"not allowed in expressions")
        return _within_double_range(meth(node))

    def _Expression(self, node):
        return self.convert(node.body)

    def _Constant(self, node):
        v = node.value
        if isinstance(v, bool):
            return sympy.true if v else sympy.false
        if isinstance(v, int):
            if v.bit_length() > _MAX_INT_BITS:
                self.fail(node, "Integer literal is too large")
            return sympy.Integer(v)
        if isinstance(v, float):
            if math.isinf(v):
                return sympy.oo
            return sympy.Float(v)
        what = "strings" if isinstance(v, (str, bytes)) else f"'{type(v).__name__}' constants"
        self.fail(node, f"Unsupported constant {_node_text(self.src, node)}: {what} are not "
                        f"allowed in expressions")

    def _Name(self, node):
        name = node.id
        if name.startswith("__"):
            self.fail(node, f"The name '{name}' is not allowed (names starting with '__' are "
                            f"reserved)")
        if not _IDENTIFIER.match(name):
            self.fail(node, f"'{name}' is not a valid identifier (only ASCII letters, digits "
                            f"and underscores)")
        if name == "True":
            return sympy.true
        if name == "False":
            return sympy.false
        return symbol(name)

    def _BinOp(self, node):
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            return self._chain(node)
        op = _BINOPS.get(type(node.op))
        if op is None:
            sym = _BINOP_NAMES.get(type(node.op), type(node.op).__name__)
            self.fail(node, f"Unsupported operator '{sym}' in '{_node_text(self.src, node)}'")
        left = _as_number(self.convert(node.left))
        right = _as_number(self.convert(node.right))
        if isinstance(node.op, ast.Pow) and left.is_Number and right.is_Number:
            if (right.is_Integer and left.is_Integer and abs(int(left)) > 1
                    and int(right) * math.log2(abs(int(left))) > _MAX_INT_BITS):
                self.fail(node, f"The number '{_node_text(self.src, node)}' is too large")
        if isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)) and right.is_zero:
            self.fail(node, f"Division by zero in '{_node_text(self.src, node)}'")
        result = op(left, right)
        if result.has(sympy.zoo, sympy.nan):
            self.fail(node, f"The expression '{_node_text(self.src, node)}' is undefined")
        if result.has(sympy.I):
            self.fail(node, f"The expression '{_node_text(self.src, node)}' is complex")
        return result

    def _chain(self, node):
        """``a + b - c + ...`` or ``a * b / c * ...``: Python's parser nests such a chain one
        level per operator (left-associative); it is walked in a loop and built as one
        sympy ``Add``/``Mul``, so a sum of a thousand terms needs no deep recursion (and
        no quadratic re-flattening)."""
        additive = isinstance(node.op, (ast.Add, ast.Sub))
        kinds = (ast.Add, ast.Sub) if additive else (ast.Mult, ast.Div)
        links = []
        top = node
        while isinstance(node, ast.BinOp) and isinstance(node.op, kinds):
            links.append(node)
            node = node.left
        parts = [_as_number(self.convert(node))]
        for link in reversed(links):
            right = _as_number(self.convert(link.right))
            if isinstance(link.op, ast.Sub):
                right = -right
            elif isinstance(link.op, ast.Div):
                if right.is_zero:
                    self.fail(link, f"Division by zero in '{_node_text(self.src, link)}'")
                right = sympy.Pow(right, -1)
            parts.append(right)
        result = sympy.Add(*parts) if additive else sympy.Mul(*parts)
        if result.has(sympy.zoo, sympy.nan):
            self.fail(top, f"The expression '{_node_text(self.src, top)}' is undefined")
        if result.has(sympy.I):
            self.fail(top, f"The expression '{_node_text(self.src, top)}' is complex")
        return result

    def _UnaryOp(self, node):
        operand = self.convert(node.operand)
        if isinstance(node.op, ast.Not):
            return sympy.Not(operand)
        if isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = _as_number(operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        self.fail(node, f"Unsupported operator '~' in '{_node_text(self.src, node)}'")

    def _BoolOp(self, node):
        values = [self.convert(v) for v in node.values]
        for v, n in zip(values, node.values):
            if not isinstance(v, sympy.logic.boolalg.Boolean):
                self.fail(n, f"The operand '{_node_text(self.src, n)}' of "
                             f"'{'and' if isinstance(node.op, ast.And) else 'or'}' is not a "
                             f"boolean expression")
        return sympy.And(*values) if isinstance(node.op, ast.And) else sympy.Or(*values)

    def _Compare(self, node):
        operands = [self.convert(node.left)] + [self.convert(c) for c in node.comparators]
        parts = []
        for i, op in enumerate(node.ops):
            rel = _COMPARE.get(type(op))
            if rel is None:
                self.fail(node, f"Unsupported comparison in '{_node_text(self.src, node)}' "
                                f"(only <, <=, >, >=, ==, != are allowed)")
            a, b = operands[i], operands[i + 1]
            if rel in (sympy.Eq, sympy.Ne) and (_is_boolean(a) or _is_boolean(b)):
                parts.append(rel(a, b))
            else:
                for side, n in ((a, ([node.left] + node.comparators)[i]),
                                (b, node.comparators[i])):
                    if _is_boolean(side):
                        self.fail(n, f"Cannot compare the boolean expression "
                                     f"'{_node_text(self.src, n)}' by order")
                parts.append(rel(a, b))
        return parts[0] if len(parts) == 1 else sympy.And(*parts)

    def _Call(self, node):
        if not isinstance(node.func, ast.Name):
            self.fail(node, f"Unsupported call '{_node_text(self.src, node)}': only functions "
                            f"called by name are allowed")
        if node.keywords:
            self.fail(node, f"Keyword arguments are not supported in '{_node_text(self.src, node)}'")
        for a in node.args:
            if isinstance(a, ast.Starred):
                self.fail(a, f"Starred arguments are not supported in "
                             f"'{_node_text(self.src, node)}'")
        name = node.func.id
        if name.startswith("__"):
            self.fail(node.func, f"The name '{name}' is not allowed (names starting with '__' "
                                 f"are reserved)")
        if not _IDENTIFIER.match(name):
            self.fail(node.func, f"'{name}' is not a valid function name")
        args = [_as_number(self.convert(a)) for a in node.args]
        builtin = BUILTIN_FUNCTIONS.get(name)
        if builtin is not None:
            if len(args) != builtin.nargs:
                self.fail(node, f"The function '{name}' takes {builtin.nargs} argument"
                                f"{'' if builtin.nargs == 1 else 's'}, but {len(args)} "
                                f"{'was' if len(args) == 1 else 'were'} given in "
                                f"'{_node_text(self.src, node)}'")
            result = builtin.make(*args)
            if result.has(sympy.zoo, sympy.nan, sympy.I):
                self.fail(node, f"The value of '{_node_text(self.src, node)}' is undefined or "
                                f"complex")
            return result
        if name in ("True", "False"):
            self.fail(node, f"'{name}' is not a function")
        return sympy.Function(name)(*args)


def _parse(src, mode):
    try:
        return ast.parse(src.parsed, mode=mode)
    except SyntaxError as exc:
        lineno, col = src.locate(exc.lineno or 1, (exc.offset or 1) - 1)
        msg = exc.msg or "invalid syntax"
        raise ExpressionSyntaxError(f"Invalid syntax: {msg}", src.original, lineno, col) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExpressionSyntaxError(f"Cannot parse: {exc}", src.original, 1, 1) from None


def parse_expression(code):
    """Parse an expression (Brian syntax) into sympy.

    Raises
    ------
    ExpressionSyntaxError
        For syntax errors and for any construct outside the whitelist.
    """
    if not isinstance(code, str):
        raise TypeError(f"Expected an expression string, got {type(code).__name__}")
    src = _expression_source(code)
    if not src.parsed:
        raise ExpressionSyntaxError("Empty expression", code, 1, 1)
    tree = _parse(src, "eval")
    return _Converter(src).convert(tree)


str_to_sympy = parse_expression

_AUG_OPS = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}


def parse_statements(code):
    """Parse statements (``v = expr``, ``v += expr``... separated by newlines or ``;``).

    Returns
    -------
    list of (var, op, sympy.Expr)
    """
    if not isinstance(code, str):
        raise TypeError(f"Expected a statement string, got {type(code).__name__}")
    src = _statement_source(code)
    tree = _parse(src, "exec")
    conv = _Converter(src)
    out = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
                conv.fail(stmt, f"Unsupported assignment '{_node_text(src, stmt)}': assign to "
                                f"a single variable name")
            var, op, value = stmt.targets[0].id, "=", stmt.value
        elif isinstance(stmt, ast.AugAssign):
            op = _AUG_OPS.get(type(stmt.op))
            if op is None or not isinstance(stmt.target, ast.Name):
                conv.fail(stmt, f"Unsupported statement '{_node_text(src, stmt)}': only =, +=, "
                                f"-=, *=, /= to a variable name are allowed")
            var, value = stmt.target.id, stmt.value
        elif isinstance(stmt, ast.Pass):
            continue
        else:
            conv.fail(stmt, f"Unsupported statement '{_node_text(src, stmt)}': only assignments "
                            f"(=, +=, -=, *=, /=) are allowed")
        if not _IDENTIFIER.match(var):
            conv.fail(stmt, f"'{var}' is not a valid variable name")
        out.append((var, op, conv.convert(value)))
    return out


# --------------------------------------------------------------------------- sympy -> string
class BrianPrinter(StrPrinter):
    """Prints sympy expressions back in Brian syntax (``parse_expression`` reads them)."""

    _names = {"Abs": "abs", "ceiling": "ceil", "asin": "arcsin", "acos": "arccos",
              "atan": "arctan", "Clip": "clip", "IntCast": "int", "Exprel": "exprel",
              "Timestep": "timestep"}

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Rational(self, expr):
        return f"{expr.p}/{expr.q}"

    def _print_Infinity(self, expr):
        return "inf"

    def _print_NegativeInfinity(self, expr):
        return "-inf"

    def _print_Pi(self, expr):
        return "pi"

    def _print_Exp1(self, expr):
        return "e"

    def _print_BooleanTrue(self, expr):
        return "True"

    def _print_BooleanFalse(self, expr):
        return "False"

    def _print_Relational(self, expr):
        return (f"{self.parenthesize(expr.lhs, 40)} {expr.rel_op} "
                f"{self.parenthesize(expr.rhs, 40)}")

    def _print_And(self, expr):
        return " and ".join(f"({self._print(a)})" for a in expr.args)

    def _print_Or(self, expr):
        return " or ".join(f"({self._print(a)})" for a in expr.args)

    def _print_Not(self, expr):
        return f"not ({self._print(expr.args[0])})"

    def _print_Mod(self, expr):
        a, b = expr.args
        return f"({self._print(a)}) % ({self._print(b)})"

    def _print_Rand(self, expr):
        return "rand()"

    def _print_Randn(self, expr):
        return "randn()"

    def _print_PoissonSample(self, expr):
        return f"poisson({self._print(expr.args[0])})"

    def _print_exp(self, expr):
        return f"exp({self._print(expr.args[0])})"

    def _print_Function(self, expr):
        name = type(expr).__name__
        name = self._names.get(name, name)
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"

    _print_Abs = _print_ceiling = _print_floor = _print_sign = _print_Function
    _print_Min = _print_Max = _print_Function

    def _print_Piecewise(self, expr):
        return "Piecewise(" + ", ".join(f"({self._print(e)}, {self._print(c)})"
                                        for e, c in expr.args) + ")"


_printer = BrianPrinter()


def sympy_to_str(expr):
    """A Brian-syntax string for a sympy expression (e.g. for comments and messages)."""
    return _printer.doprint(expr)
