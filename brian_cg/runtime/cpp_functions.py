"""User functions on the C-family targets: what ``f(...)`` in an operation's code means.

A function is implemented by what it says about itself, read by every target:
- a sampled function (``TimedArray``: ``sampled_values(dt)``) is a table lookup whose
  values and constants are fields of the operation's argument struct;
- a ``Function`` with C++ code (``@implementation('cpp', code, name=...)``, Brian's API)
  calls that code, placed once in the program;
- anything else has no C++ implementation: ``UnsupportedByTargetError`` (with target 'auto'
  the object then runs as numpy code).
"""
from dataclasses import dataclass, field

import numpy as np

from ..codegen.templates import get_template
from ..errors import UnsupportedByTargetError

__all__ = ["CppFunction", "cpp_implementation"]


@dataclass
class CppFunction:
    """How one operation calls the user function ``name``.

    ``fields``: argument struct fields ``(field, ctype, ('func', key))``, ``values`` their
    values for this run; ``start``/``end``: lines before and after the operation's body;
    ``support_code``: file-level code (the same text is placed once per program).
    """

    name: str
    fields: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    start: str = ""
    end: str = ""
    support_code: str = ""


def _macros(target):
    return get_template(target.templates, "_functions" + target.template_suffix).module


def cpp_implementation(name, func, n_args, owner, target, keys=("cpp",)):
    """The ``CppFunction`` of ``func`` (called ``name`` in the code of ``owner``, with
    ``n_args`` arguments) on ``target``; ``keys``: the ``implementations`` it reads."""
    macros = _macros(target)
    sampled = getattr(func, "sampled_values", None)
    if sampled is not None:
        values, K, eps = sampled(owner.clock.dt_)
        values = np.ascontiguousarray(values, dtype=np.float64)
        prefix = f"_fn_{name}_"
        fields = [(prefix + "values", "double*"), (prefix + "n", "int64_t"),
                  (prefix + "cols", "int64_t"), (prefix + "K", "double"),
                  (prefix + "eps", "double")]
        data = [values, values.shape[0], values.shape[1] if values.ndim == 2 else 1,
                float(K), float(eps)]
        return CppFunction(name, [(f, t, ("func", f)) for f, t in fields],
                           dict(zip((f for f, _ in fields), data)),
                           macros.table_lookup_start(name, n_args), macros.end(name))
    implementations = getattr(func, "implementations", None) or {}
    for key in keys:
        impl = implementations.get(key)
        if impl is None:
            continue
        # Brian's FunctionImplementation: its code (for the owner, when dynamic), its name
        # in that code and the headers it needs
        code = impl.get_code(owner)
        if isinstance(code, dict):  # Brian's {'support_code': ..., 'hashdefine_code': ...}
            code = "\n".join(code.get(part, "") for part in ("hashdefine_code", "support_code"))
        if isinstance(code, str):
            headers = impl.compiler_kwds.get("headers", [])
            code = "".join(f"#include {h}\n" for h in headers) + code
            defined_as = impl.name or name
            if defined_as == name:
                return CppFunction(name, support_code=code)
            return CppFunction(name, start=macros.renamed_start(name, defined_as),
                               end=macros.end(name), support_code=code)
    raise UnsupportedByTargetError(
        f"The code of '{owner.name}' calls the function '{name}', which has no C++ "
        f"implementation; the compiled target ('{target.name}') cannot run this model. Give "
        f"it one (@implementation('cpp', code)) or use prefs.codegen.target = 'numpy' "
        f"(or 'auto') for it.")
