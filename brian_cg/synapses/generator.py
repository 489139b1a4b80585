"""Brian's generator syntax for ``connect``: ``'k for k in range(i-3, i+4) if k != i'``,
``'k for k in sample(N_post, p=0.1)'``, ``'k for k in sample(10, size=3)'``, or a plain
expression (``j='i'``: one synapse per element).

Parsed with ``ast`` into parts (each part then goes through the expression whitelist);
nothing is evaluated.
"""
import ast
from dataclasses import dataclass

from ..errors import ExpressionSyntaxError

__all__ = ["GeneratorSpec", "parse_generator"]


@dataclass
class GeneratorSpec:
    element: str          # expression of the loop variable (the created index)
    variable: str         # loop variable name, e.g. 'k'
    kind: str             # 'range' or 'sample'
    bounds: list          # 1 to 3 expressions (as range())
    p: str = None         # sample(..., p=...)
    size: str = None      # sample(..., size=...)
    condition: str = None  # the 'if' clause


def _fail(code, message, node=None):
    col = max(getattr(node, "col_offset", 1), 1)  # 1-based in the text (it was parenthesised)
    raise ExpressionSyntaxError(f"Invalid generator syntax '{code}': {message}", code, 1, col)


def parse_generator(code):
    """Parse a generator expression string into a ``GeneratorSpec``."""
    try:
        tree = ast.parse(f"({code.strip()})", mode="eval")
    except SyntaxError as exc:
        raise ExpressionSyntaxError(f"Invalid generator syntax '{code}': {exc.msg}", code,
                                    exc.lineno or 1, exc.offset or 1) from None
    gen = tree.body
    if not isinstance(gen, ast.GeneratorExp):
        # a plain expression (``j='i'``): one synapse per element, at that index
        return GeneratorSpec(element=code.strip(), variable="_k", kind="range", bounds=["1"])
    if len(gen.generators) != 1:
        _fail(code, "only one 'for' is allowed", gen)
    comp = gen.generators[0]
    if not isinstance(comp.target, ast.Name):
        _fail(code, "the loop variable must be a name", comp.target)
    it = comp.iter
    if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name)
            and it.func.id in ("range", "sample")):
        _fail(code, "the loop must run over range(...) or sample(...)", it)
    if not 1 <= len(it.args) <= 3:
        _fail(code, f"{it.func.id}() takes 1 to 3 positional arguments", it)
    keywords = {kw.arg: ast.unparse(kw.value) for kw in it.keywords}
    if it.func.id == "range" and keywords:
        _fail(code, "range() takes no keyword arguments", it)
    if it.func.id == "sample":
        unknown = set(keywords) - {"p", "size"}
        if unknown or len(keywords) != 1:
            _fail(code, "sample() needs exactly one of the keywords 'p' or 'size'", it)
    condition = None
    if comp.ifs:
        condition = " and ".join(f"({ast.unparse(c)})" for c in comp.ifs)
    return GeneratorSpec(element=ast.unparse(gen.elt), variable=comp.target.id,
                         kind=it.func.id, bounds=[ast.unparse(a) for a in it.args],
                         p=keywords.get("p"), size=keywords.get("size"), condition=condition)
