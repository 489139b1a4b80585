"""Brian's generator syntax for ``connect``: ``'k for k in range(i-3, i+4) if k != i'``,
``'k for k in sample(N_post, p=0.1)'``, ``'k for k in sample(10, size=3)'``, or a plain
expression (``j='i'``: one synapse per element) with an optional condition
(``j='i if i < N_synapses'``).

Parsed with ``ast`` into parts (each part then goes through the expression whitelist);
nothing is evaluated.
"""
import ast
import functools
import re
from dataclasses import dataclass

from ..errors import ExpressionSyntaxError

__all__ = ["GeneratorSpec", "parse_generator"]


@dataclass(frozen=True)
class GeneratorSpec:
    element: str          # expression of the loop variable (the created index)
    variable: str         # loop variable name, e.g. 'k'
    kind: str             # 'range' or 'sample'
    bounds: tuple         # 1 to 3 expressions (as range())
    p: str = None         # sample(..., p=...)
    size: str = None      # sample(..., size=...)
    condition: str = None  # the 'if' clause


def _fail(code, message, node=None):
    col = max(getattr(node, "col_offset", 1), 1)  # 1-based in the text (it was parenthesised)
    raise ExpressionSyntaxError(f"Invalid generator syntax '{code}': {message}", code, 1, col)


@functools.lru_cache(maxsize=256)
def parse_generator(code):
    """Parse a generator expression string into a ``GeneratorSpec`` (cached: scripts
    connect with the same strings many times)."""
    if not re.search(r"\bfor\b", code):
        # a plain expression (``j='i'``), maybe with a condition (``j='i if i < N'``): one
        # candidate per element, as Brian's 'i for _ in range(1) if i < N'
        parts = code.split(" if ")
        if len(parts) > 2:
            raise ExpressionSyntaxError(
                f"Invalid generator syntax '{code}': use 'index' or 'index if condition', or "
                f"generator syntax such as 'k for k in range(i-10, i+10) if k != i'", code, 1,
                len(parts[0]) + len(parts[1]) + 5)
        element = parts[0].strip()
        condition = parts[1].strip() if len(parts) == 2 else None
        if not element or condition == "":
            raise ExpressionSyntaxError(f"Invalid generator syntax '{code}': an index and an "
                                        f"optional condition are expected", code, 1, 1)
        return GeneratorSpec(element=element, variable="_k", kind="range", bounds=("1",),
                             condition=condition)
    try:
        tree = ast.parse(f"({code.strip()})", mode="eval")
    except SyntaxError as exc:
        raise ExpressionSyntaxError(f"Invalid generator syntax '{code}': {exc.msg}", code,
                                    exc.lineno or 1, exc.offset or 1) from None
    gen = tree.body
    if not isinstance(gen, ast.GeneratorExp):
        _fail(code, "expected generator syntax, e.g. 'k for k in range(i-10, i+10)'", gen)
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
                         kind=it.func.id, bounds=tuple(ast.unparse(a) for a in it.args),
                         p=keywords.get("p"), size=keywords.get("size"), condition=condition)
