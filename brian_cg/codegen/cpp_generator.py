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
from dataclasses import dataclass, field

import numpy as np
import sympy

from .blocks import analyse_block, stale_subexpressions
from .cpp_printer import CPP_FUNCTIONS, CppPrinter, is_integer_expr
from .optimise import hoist_loop_invariants
from .statements import comment_text
from .templates import get_template

__all__ = ["CPP_BUILTINS", "CppOperation", "ctype_of", "generate_cpp"]

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
    output buffers, grouped as the Python-side recorder's ``extend`` takes them.
    """

    fields: list
    body: str
    buffers: list = field(default_factory=list)     # [(group, [buffer names])]


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


def generate_cpp(statements, variables, *, owner_name, operation, extra_locals=(),
                 allow_writes=True, need_t=False, template_kwds=None, native_functions=None):
    """Analyse ``statements`` and render ``operation``'s C++ template; returns (block, CppOperation).

    ``native_functions`` maps user functions that have a C++ implementation (defined in
    the library's support code) to their C++ names; other user functions are TimedArrays.
    """
    native_functions = native_functions or {}
    block = analyse_block(statements, variables, owner_name=owner_name,
                          builtin_functions=CPP_BUILTINS, allow_writes=allow_writes,
                          extra_locals=extra_locals)
    reserved = sorted(_CPP_KEYWORDS & (set(block.arrays_read) | set(block.arrays_written)
                                       | set(block.constants) | {s.var for s in block.statements}
                                       | {n for n, _ in block.subexpressions}))
    if reserved:
        from ..errors import UnsupportedByTargetError

        raise UnsupportedByTargetError(
            f"The code of '{owner_name}' uses the name(s) {reserved}, which are C++ keywords; "
            f"the compiled target cannot use them as variable names (rename them, or use "
            f"prefs.codegen.target = 'numpy')")
    arity = _function_arities(block, variables, skip=native_functions)
    hoisted, stmts = hoist_loop_invariants(block.statements, set(block.constants).__contains__)
    block.hoisted = hoisted
    ints = _integer_names(variables, block)
    printer = CppPrinter(ints)
    pr = printer.doprint

    fields = []
    for name in block.arrays_read + [n for n in block.arrays_written if n not in block.arrays_read]:
        fields.append((f"_ptr_{name}", ctype_of(variables[name].dtype) + "*", ("array", name)))
    for name, var in sorted(block.constants.items()):
        ctype = "int64_t" if name in ints else "double"
        fields.append((name, ctype, ("const", name)))

    prologue = [f"const {t} {f} = _a->{f};" for f, t, (kind, _) in fields if kind == "const"]
    for fname in sorted(block.functions):
        if fname in native_functions:
            if native_functions[fname] != fname:  # implemented under another name
                prologue.append(f"const auto {fname} = &{native_functions[fname]};")
            continue
        fields += _function_fields(fname)
        prologue += _function_lambda(fname, arity[fname])
    # local restrict copies: stores through one array cannot change the struct or the others
    prologue += [f"{t} __restrict {f} = _a->{f};" for f, t, (kind, _) in fields if kind == "array"]
    for name, e in hoisted:
        prologue.append(f"const double {name} = {pr(e)};")
    loads, stores = [], []
    def index_of(var):
        if var.scalar:
            return "0"
        # an array seen through an index array (v_post in synapses): the index is loaded first
        return var.index if getattr(var, "index", None) else "_vidx"

    scalar_stmts, stmts = stmts[:block.n_scalar], stmts[block.n_scalar:]
    # shared variables written by the scalar block: read-only in the element loop
    written = [n for n in block.arrays_written if not (scalar_stmts and variables[n].scalar)]
    for name in block.arrays_read + [n for n in block.arrays_written if n not in written
                                     and n not in block.arrays_read]:
        var = variables[name]
        const = "" if name in written else "const "
        loads.append(f"{const}{ctype_of(var.dtype)} {name} = _ptr_{name}[{index_of(var)}];")
    for name in written:
        var = variables[name]
        if name not in block.arrays_read:
            loads.append(f"{ctype_of(var.dtype)} {name};")
        stores.append(f"_ptr_{name}[{index_of(var)}] = {name};")
    # writes through an index (synapses writing to their target): not safe to run in parallel
    indexed_writes = any(getattr(variables[n], "index", None) and not variables[n].scalar
                         for n in block.arrays_written)
    lines = []
    if block.uses_index:
        # int32 as in Brian: integer arithmetic on i wraps like numpy's int32 (-fwrapv)
        lines.append("const int32_t i = (int32_t)(_vidx - _a->_offset);")
    sub_exprs = dict(block.subexpressions)
    for n, e in block.subexpressions:
        lines.append(f"{_temp_type(e, ints)} {n} = {pr(e)};")
    for k, xi in enumerate(block.noise):
        lines.append(f"const double {xi} = _randn({block.n_random_calls + k});")

    declared = set(block.arrays_read) | set(block.arrays_written) | set(sub_exprs)
    temps = {}
    if scalar_stmts:
        prologue += _scalar_block(scalar_stmts, block, variables, pr, ints, temps)
        declared |= set(temps)

    for s in stmts:
        if s.comment:
            lines.append("// " + comment_text(s.comment))
        if s.var in declared:
            lines.append(f"{s.var} = {pr(s.expr)};")
        else:
            ctype = _temp_type(s.expr, ints)
            temps[s.var] = ctype
            declared.add(s.var)
            lines.append(f"{ctype} {s.var} = {pr(s.expr)};")
        if s.var in variables:
            for n in stale_subexpressions(block, s.var):
                lines.append(f"{n} = {pr(sub_exprs[n])};")

    uses_random = block.n_random_calls > 0 or bool(block.noise)
    need_t = need_t or "t" in block.clock_names
    template = get_template("cpp", operation + ".cpp.j2")
    from ..core.preferences import prefs

    ctx = dict(openmp=int(prefs["codegen.cpp.threads"] or 0) > 1 and not indexed_writes,
                prologue=prologue, loads=loads, lines=lines, stores=stores, need_t=need_t,
               need_timestep="t_in_timesteps" in block.clock_names, uses_random=uses_random,
               uses_index=block.uses_index, temps=temps, n_random_calls=block.n_random_calls,
               **(template_kwds or {}))
    module = template.make_module(ctx)
    body = str(module)
    for name, ctype, key in getattr(module, "inputs", []):
        if not any(f[0] == name for f in fields):
            fields.append((name, ctype, ("input", key)))
    if block.uses_index and not any(f[0] == "_offset" for f in fields):
        fields.append(("_offset", "int64_t", ("input", "_offset")))
    buffers = [tuple(b) for b in getattr(module, "buffers", [])]
    return block, CppOperation(fields, body, buffers)


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
            lines.append("// " + " / ".join(s.comment.splitlines()))
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
            if name in block.functions and name not in skip:
                n = len(f.args)
                if arity.setdefault(name, n) != n:
                    from ..errors import UnsupportedByTargetError

                    raise UnsupportedByTargetError(
                        f"The function '{name}' is called with {arity[name]} and {n} arguments")
    for name in block.functions:
        arity.setdefault(name, 1)
    return arity


def _function_fields(fname):
    """Argument fields of a user function: a TimedArray's values and lookup constants, all
    passed at run time (changing the values never recompiles)."""
    key = f"_fn:{fname}:"
    return [(f"_fn_{fname}_values", "double*", ("func", key + "values")),
            (f"_fn_{fname}_n", "int64_t", ("func", key + "n")),
            (f"_fn_{fname}_cols", "int64_t", ("func", key + "cols")),
            (f"_fn_{fname}_K", "double", ("func", key + "K")),
            (f"_fn_{fname}_eps", "double", ("func", key + "eps"))]


def _function_lambda(fname, n_args):
    """A local lambda ``fname(t[, i])`` doing Brian's TimedArray lookup:
    index = int(round(t/(dt/K))/K) clipped to [0, n-1]; 2-D: values[index, i]."""
    p = f"_a->_fn_{fname}_"
    lookup = (f"const double* __restrict _fv_{fname} = {p}values; "
              f"const int64_t _fn_{fname}_last = {p}n - 1; "
              f"const int64_t _fc_{fname} = {p}cols; "
              f"const double _fK_{fname} = {p}K, _fe_{fname} = {p}eps;")
    args = "double _t" if n_args == 1 else "double _t, int64_t _i"
    col = "" if n_args == 1 else f" * _fc_{fname} + _i"
    body = (f"auto {fname} = [=]({args}) -> double {{ "
            f"int64_t _k = (int64_t)(nearbyint(_t / _fe_{fname}) / _fK_{fname}); "
            f"_k = _k < 0 ? 0 : (_k > _fn_{fname}_last ? _fn_{fname}_last : _k); "
            f"return _fv_{fname}[_k{col}]; }};")
    return [lookup, f"(void)_fc_{fname};", body]
