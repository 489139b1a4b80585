"""Printing a CodeBlock as the body of one C++ operation.

The generator turns statements into C++ lines (loads, computations, stores);
the operation's template (``templates/cpp/<operation>.cpp.j2``) puts them in
its loop and declares the inputs it needs beyond the block's arrays and
constants (``inputs``) and the growable output buffers it writes (``buffers``).

Nothing here depends on object names or on values: a parameter such as ``tau``
is a field of the operation's argument struct, filled at every run, so the
generated source, and therefore the compiled library, depends only on the
structure of the model.
"""
import dataclasses
from dataclasses import dataclass, field

import numpy as np
import sympy

from .cpp_printer import CPP_FUNCTIONS, CppPrinter, is_integer_expr
from .blocks import stale_subexpressions
from .generator import CodeGenerator
from .statements import comment_text
from .templates import get_template

__all__ = ["CPP_BUILTINS", "CppGenerator", "CppOperation", "ctype_of", "generate_cpp"]

CPP_BUILTINS = set(CPP_FUNCTIONS) | {"Rand", "Randn", "Piecewise"}

_CTYPES = {
    np.dtype(np.float64): "double", np.dtype(np.float32): "float",
    np.dtype(np.int32): "int32_t", np.dtype(np.int64): "int64_t",
    np.dtype(np.bool_): "bool", np.dtype(np.int8): "int8_t", np.dtype(np.uint32): "uint32_t",
    np.dtype(np.uint64): "uint64_t", np.dtype(np.int16): "int16_t",
}


def ctype_of(dtype):
    dtype = np.dtype(dtype)
    if dtype not in _CTYPES:
        raise TypeError(f"No C++ type for arrays of dtype {dtype}")
    return _CTYPES[dtype]


@dataclass
class CppOperation:
    """What a C++ code object holds: its argument fields and its function body.

    ``fields`` are ``(name, ctype, source)``: ``source`` is ``('array', var)``, ``('const',
    name)`` or ``('input', key)`` (a key of the bind's ``extra`` dict, or one derived from it
    by the runtime: ``_start``, ``_stop``, ``_spikespace``...). ``buffers`` name the growable
    output buffers, grouped as the Python-side recorder's ``extend`` takes them. The body
    calls each user function ``f`` as ``f(...)``: the target defines it (a table lookup, the
    user's C++ code) once it knows what ``f`` is, when the code is bound.
    """

    fields: list
    body: str
    buffers: list = field(default_factory=list)     # [(group, [buffer names])]
    functions: dict = field(default_factory=dict)   # user function name -> number of args


def _integer_names(variables, block):
    names = set()
    for name in block.arrays_read + block.arrays_written:
        if np.dtype(variables[name].dtype).kind in "iub":
            names.add(name)
    for name, var in block.constants.items():
        if var is not None and np.dtype(var.dtype).kind in "iub":
            names.add(name)
    if block.uses_index:
        names.add("i")
    if "t_in_timesteps" in block.clock_names:
        names.add("t_in_timesteps")
    return names


def _int32_names(variables, block):
    """The integer names whose C type is 32 bits or narrower (promoted to C's int)."""
    names = {name for name in block.arrays_read + block.arrays_written
             if np.dtype(variables[name].dtype) in _INT32_DTYPES}
    if block.uses_index:
        names.add("i")
    return names


_INT32_DTYPES = {np.dtype(t) for t in (np.int32, np.int16, np.int8, np.bool_, np.uint8,
                                       np.uint16)}


def _temp_type(expr, integer_names):
    if isinstance(expr, sympy.logic.boolalg.Boolean) and not expr.is_Symbol:
        return "bool"
    if is_integer_expr(expr, integer_names):
        return "int64_t"
    return "double"


_CPP_KEYWORDS = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new noexcept not not_eq
nullptr operator or or_eq private protected public register reinterpret_cast requires return
short signed sizeof static static_assert static_cast struct switch template this thread_local
throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
xor xor_eq NAN INFINITY
""".split())


class CppGenerator(CodeGenerator):
    """Lines of a C++ operation: locals loaded from restrict pointers at ``_vidx`` (or an
    index), typed declarations, stores back."""

    builtins = CPP_BUILTINS
    comment_prefix = "// "

    def check(self, block):
        reserved = sorted(_CPP_KEYWORDS & (
            set(block.arrays_read) | set(block.arrays_written) | set(block.constants)
            | {s.var for s in block.statements} | {n for n, _ in block.subexpressions}))
        if reserved:
            from ..errors import UnsupportedByTargetError

            raise UnsupportedByTargetError(
                f"The code of '{self.owner_name}' uses the name(s) {reserved}, which are C++ "
                f"keywords; the compiled target cannot use them as variable names (rename "
                f"them, or use prefs.codegen.target = 'numpy')")
        self.integer_names = _integer_names(self.variables, block)
        self.printer = CppPrinter(self.integer_names,
                                  int32_names=_int32_names(self.variables, block))

    def print_expr(self, expr):
        return self.printer.doprint(expr)

    @staticmethod
    def _index(var):
        if var.scalar:
            return "0"
        # an array seen through an index array (v_post in synapses): the index is loaded first
        return var.index if getattr(var, "index", None) else "_vidx"

    def load(self, name, var, written):
        const = "" if written else "const "
        return f"{const}{ctype_of(var.dtype)} {name} = _ptr_{name}[{self._index(var)}];"

    def declare_written(self, name, var):
        return [f"{ctype_of(var.dtype)} {name};"]

    def store(self, name, var):
        return f"_ptr_{name}[{self._index(var)}] = {name};"

    def declare(self, name, expr):
        return f"{_temp_type(expr, self.integer_names)} {name} = {self.print_expr(expr)};"

    def assign(self, name, expr):
        return f"{name} = {self.print_expr(expr)};"

    def noise(self, name, call_site):
        return f"const double {name} = _randn({call_site});"

    def index(self):
        # int32 as in Brian: integer arithmetic on i wraps like numpy's int32 (-fwrapv)
        return "const int32_t i = (int32_t)(_vidx - _a->_offset);"


def generate_cpp(statements, variables, *, owner_name, operation, extra_locals=(),
                 allow_writes=True, need_t=False, template_kwds=None, templates=("cpp",)):
    """Analyse ``statements`` and render ``operation``'s C++ template; returns (block, CppOperation)."""
    gen = CppGenerator(variables, owner_name=owner_name, allow_writes=allow_writes,
                       extra_locals=extra_locals)
    block, stmts = gen.analyse(statements)
    arity = _function_arities(block, variables)
    ints = gen.integer_names
    pr = gen.print_expr

    fields = []
    for name in block.arrays_read + [n for n in block.arrays_written if n not in block.arrays_read]:
        fields.append((f"_ptr_{name}", ctype_of(variables[name].dtype) + "*", ("array", name)))
    for name, var in sorted(block.constants.items()):
        ctype = "int64_t" if name in ints else "double"
        fields.append((name, ctype, ("const", name)))

    prologue = [f"const {t} {f} = _a->{f};" for f, t, (kind, _) in fields if kind == "const"]
    # local restrict copies: stores through one array cannot change the struct or the others
    pointers = [(t[:-1], f) for f, t, (kind, _) in fields if kind == "array"]
    hoisted_lines = [f"const double {name} = {pr(e)};" for name, e in block.hoisted]
    # Brian's scalar block: the leading statements writing shared variables run once, before
    # the element loop (after the pointers: they read and write element 0 of the arrays)
    scalar_stmts, stmts = stmts[:block.n_scalar], stmts[block.n_scalar:]
    if scalar_stmts:
        hoisted_lines += _scalar_block(scalar_stmts, block, variables, pr, ints, {})
        # in the element loop, what the scalar block wrote is only read (unless written again)
        loop_written = {st.var for st in stmts}
        scalar_only = [n for n in block.arrays_written if n not in loop_written]
        gen.block = dataclasses.replace(
            block, n_scalar=0,
            arrays_written=[n for n in block.arrays_written if n in loop_written],
            arrays_read=list(block.arrays_read) + [n for n in scalar_only
                                                   if n not in block.arrays_read])
    loads, lines, stores = gen.loads(), gen.lines(stmts), gen.stores()
    # writes through an index (synapses writing to their target): not safe to run in parallel
    indexed_writes = any(getattr(variables[n], "index", None) and not variables[n].scalar
                         for n in block.arrays_written)

    uses_random = block.n_random_calls > 0 or bool(block.noise)
    need_t = need_t or "t" in block.clock_names
    template = get_template(templates, operation + ".cpp.j2")
    recorded_dtypes = (template_kwds or {}).get("recorded_dtypes", {})
    from ..core.preferences import prefs

    ctx = dict(openmp=int(prefs["codegen.cpp.threads"] or 0) > 1 and not indexed_writes,
               prologue=prologue, pointers=pointers, hoisted=hoisted_lines, loads=loads,
               lines=lines, stores=stores, need_t=need_t,
               need_timestep="t_in_timesteps" in block.clock_names, uses_random=uses_random,
               uses_index=block.uses_index, n_random_calls=block.n_random_calls,
               # the C type of a variable; a monitor's recorded values: the dtype they are
               # recorded in (StateMonitor(dtype=...))
               ctype_of_variable=lambda name: ctype_of(
                   recorded_dtypes[name] if name in recorded_dtypes else variables[name].dtype),
               **(template_kwds or {}))
    module = template.make_module(ctx)
    body = str(module)
    for name, ctype, key in getattr(module, "inputs", []):
        if not any(f[0] == name for f in fields):
            fields.append((name, ctype, ("input", key)))
    if block.uses_index and not any(f[0] == "_offset" for f in fields):
        fields.append(("_offset", "int64_t", ("input", "_offset")))
    buffers = [tuple(b) for b in getattr(module, "buffers", [])]
    return block, CppOperation(fields, body, buffers, arity)


def _scalar_block(statements, block, variables, pr, ints, temps):
    """Lines run once before the element loop: the statements writing shared variables
    (Brian's scalar block). Their temporaries are declared outside it, for the loop;
    random numbers are drawn as for element 0."""
    lines = []
    for s in statements:
        if s.var not in variables and s.var not in temps:
            temps[s.var] = _temp_type(s.expr, ints)
            lines.append(f"{temps[s.var]} {s.var};")
    lines.append("{")
    if block.n_random_calls:
        lines.append("const int64_t _vidx = 0; (void)_vidx;")
    shared = [n for n in dict.fromkeys(block.arrays_read + block.arrays_written)
              if variables[n].scalar]
    lines += [f"{ctype_of(variables[n].dtype)} {n} = _ptr_{n}[0];" for n in shared]
    sub_exprs = dict(block.subexpressions)
    shared_subs = [n for n, _ in block.subexpressions if variables[n].scalar]
    lines += [f"{_temp_type(sub_exprs[n], ints)} {n} = {pr(sub_exprs[n])};" for n in shared_subs]
    written = []
    for s in statements:
        if s.comment:
            lines.append("// " + comment_text(s.comment))
        lines.append(f"{s.var} = {pr(s.expr)};")
        if s.var in variables:
            written.append(s.var)
            lines += [f"{n} = {pr(sub_exprs[n])};" for n in stale_subexpressions(block, s.var)
                      if n in shared_subs]
    lines += [f"_ptr_{n}[0] = {n};" for n in dict.fromkeys(written)]
    lines.append("}")
    return lines


def _function_arities(block, variables, skip=()):
    """Number of arguments of each user function (TimedArray lookups) at its call sites."""
    arity = {}
    exprs = [st.expr for st in block.statements] + [e for _, e in block.subexpressions]
    for e in exprs:
        for f in e.atoms(sympy.Function):
            name = type(f).__name__
            if name in block.functions:
                n = len(f.args)
                if arity.setdefault(name, n) != n:
                    from ..errors import UnsupportedByTargetError

                    raise UnsupportedByTargetError(
                        f"The function '{name}' is called with {arity[name]} and {n} arguments")
    for name in block.functions:
        arity.setdefault(name, 1)
    return arity
