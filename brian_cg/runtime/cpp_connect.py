"""``connect()`` on the compiled target: conditions, ``p`` and generator syntax in C++.

A kernel is printed from the prepared expressions of ``brian_cg/synapses/connect_names.py``
with the C++ printer, rendered into ``templates/cpp/connect_pairs.cpp.j2`` or
``connect_generator.cpp.j2``, compiled once (the on-disk cache of ``compiler.py``) and
kept in this process by structure: the neuron arrays it reads, the values of constants
(``N_post``, a ``w`` of the user's namespace) and the sizes are inputs of each call,
never part of the source, so a script calling ``connect`` hundreds of times with other
values compiles each form once.

The random numbers are those of the numpy code (``brian_cg/synapses/connect.py`` defines
their addresses): both targets create the same synapses for the same seed.
"""
import ctypes
import threading

import numpy as np

from ..codegen.cpp_generator import ctype_of
from ..codegen.cpp_printer import CppPrinter
from ..errors import UnsupportedByTargetError

__all__ = ["ConnectKernel", "ConnectKernelError", "connect_kernel"]

_CPP_RESERVED = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char class compl
concept const constexpr const_cast continue decltype default delete do double dynamic_cast
else enum explicit export extern false float for friend goto if inline int long mutable
namespace new noexcept not not_eq nullptr operator or or_eq private protected public register
reinterpret_cast requires return short signed sizeof static static_assert static_cast struct
switch template this thread_local throw true try typedef typeid typename union unsigned using
virtual void volatile wchar_t while xor xor_eq NAN INFINITY exp log sqrt floor ceil abs
""".split())

_kernels = {}
_lock = threading.Lock()


class _ConnectPrinter(CppPrinter):
    """The C++ printer, with ``exp`` through ``_bc_exp``: the same values, but arguments
    that underflow (exp(-0.1*(i-j)**2) for most pairs) skip libm's slow error path."""

    def _print_exp(self, expr):
        return "_bc_exp" + self._print_Function(expr)[len("exp"):]


class ConnectKernelError(Exception):
    """A kernel stopped on an error: ``code`` and values as in the generator template."""

    def __init__(self, code, row, value, extra):
        super().__init__(code, row, value, extra)
        self.code, self.row, self.value, self.extra = code, row, value, extra


class ConnectKernel:
    """A loaded connect() kernel and the order of its inputs.

    ``arrays`` are the names of the neuron arrays (pointers, in order), ``ints`` and
    ``floats`` the names of the constants after the fixed header of each input array.
    """

    def __init__(self, function, arrays, ints, floats, source):
        self.function = function
        self.arrays = arrays
        self.ints = ints
        self.floats = floats
        self.source = source

    def __call__(self, pointers, header, ints, floats, p_const, n_rows, capacity):
        """(row, column) int32 arrays of the created pairs of rows 0..n_rows-1.

        ``pointers`` are the arrays of ``self.arrays`` (kept alive by the caller),
        ``header`` the six header integers, ``ints``/``floats`` the constants' values.
        """
        ptrs = np.array([a.ctypes.data for a in pointers] or [0], dtype=np.uintp)
        int_in = np.array(list(header) + list(ints), dtype=np.int64)
        dbl_in = np.array([p_const] + list(floats), dtype=np.float64)
        status = np.zeros(5, dtype=np.int64)
        rows_out, cols_out = [], []
        row = 0
        capacity = max(int(capacity), 1024)
        while row < n_rows:
            out_row = np.empty(capacity, dtype=np.int32)
            out_col = np.empty(capacity, dtype=np.int32)
            n = self.function(ptrs.ctypes.data, int_in.ctypes.data, dbl_in.ctypes.data, row,
                              n_rows, out_row.ctypes.data, out_col.ctypes.data, capacity,
                              status.ctypes.data)
            if n < 0:
                raise ConnectKernelError(int(status[1]), int(status[2]), int(status[3]),
                                         int(status[4]))
            if n:
                rows_out.append(out_row[:n])
                cols_out.append(out_col[:n])
            row = int(status[0])
            capacity *= 2  # the buffer filled up: the rest gets a larger one
        if not rows_out:
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        if len(rows_out) == 1:
            return rows_out[0], cols_out[0]
        return np.concatenate(rows_out), np.concatenate(cols_out)


def connect_kernel(kind, exprs, options, integer_externals):
    """The kernel for ``kind`` ('pairs' or 'generator'), compiled or taken from the cache.

    Parameters
    ----------
    exprs : dict role -> PairExpression
        pairs: 'condition', 'p' (per pair) or 'p_row' (per row: jumps);
        generator: 'low', 'high', 'step', 'element', 'condition', 'sample_p', 'size'.
    options : dict
        'rand_roles' (role -> (stream offset, step, index) in C++), 'over_post',
        'skip_if_invalid', 'result_first', 'loop_var', 'sample', 'jump_stream',
        'p_stream', 'sample_stream', 'candidates'.
    integer_externals : frozenset of the external names whose values are integers

    Raises
    ------
    UnsupportedByTargetError
        When an expression calls a function without a C++ implementation or uses a name
        C++ reserves (the caller evaluates with numpy instead).
    """
    key = (kind, tuple(sorted((r, e) for r, e in exprs.items() if e is not None)),
           tuple(sorted((k, _hashable(v)) for k, v in options.items())),
           frozenset(integer_externals))
    kernel = _kernels.get(key)
    if kernel is None:
        with _lock:
            kernel = _kernels.get(key)
            if kernel is None:
                kernel = _kernels[key] = _build(kind, exprs, options, integer_externals)
    return kernel


def _hashable(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(value)
    return value


def _build(kind, exprs, options, integer_externals):
    from ..codegen.templates import get_template
    from .compiler import compile_and_load

    exprs = {r: e for r, e in exprs.items() if e is not None}
    over_post = options.get("over_post", False)
    loop_var = options.get("loop_var")
    names, externals = {}, set()
    for role, e in exprs.items():
        if e.functions:
            raise UnsupportedByTargetError(
                f"'{e.code}' calls {', '.join(e.functions)}, which has no C++ implementation")
        names.update(e.names)
        externals.update(e.externals)
    used = set(names) | externals
    # names starting with '_' could be the kernel's own (_row, _n...)
    reserved = sorted(_CPP_RESERVED & used | {n for n in used if n.startswith("_") and n not in
                                               ("_pair_pre", "_pair_post", loop_var)})
    if reserved:
        raise UnsupportedByTargetError(f"the name(s) {reserved} are reserved in C++ or in the "
                                       f"kernel")
    ints = {n for n, p in names.items() if p.kind != "subexpr" and p.is_integer}
    ints |= set(integer_externals)

    # which side is read where: pairs: rows are pre, columns post; generators: rows are
    # the generating side, results the other
    row_side = "post" if over_post else "pre"
    if kind == "pairs":
        where = {"pre": ("row", "_row", "_pre_abs"), "post": ("col", "_col", "_post_abs")}
    else:
        res_side = "pre" if over_post else "post"
        where = {row_side: ("row", "_row", "_row_abs"),
                 res_side: ("result", "_created", "_created + _col_offset")}
    prologue, lines = [], {"row": [], "col": [], "result": []}
    arrays, int_inputs, float_inputs = [], [], []
    for name in sorted(names):
        p = names[name]
        if p.kind == "loop":
            continue
        if p.kind == "index":
            level, rel, _ = where[p.side]
            lines[level].append(f"const int64_t {name} = {rel};")
        elif p.kind == "abs":
            level, _, absolute = where[p.side]
            lines[level].append(f"const int64_t {name} = {absolute};")
        elif p.kind == "const":
            _constant(name, p.is_integer, prologue, int_inputs, float_inputs)
        elif p.kind == "array":
            ctype = ctype_of(p.dtype)
            k = len(arrays)
            arrays.append(name)
            prologue.append(f"const {ctype}* __restrict _ptr_{name} = "
                            f"(const {ctype}*)_ptrs[{k}];")
            if p.scalar:
                prologue.append(f"const {ctype} {name} = _ptr_{name}[0];")
            else:
                level, _, absolute = where[p.side]
                lines[level].append(f"const {ctype} {name} = _ptr_{name}[{absolute}];")
    for name in sorted(externals):
        _constant(name, name in integer_externals, prologue, int_inputs, float_inputs)

    def printed(role, cast=None):
        e = exprs.get(role)
        if e is None:
            return None
        printer = _ConnectPrinter(ints, random_call=lambda what, k: f"_{what}_{role}({k})")
        text = printer.doprint(e.expr)
        return f"({cast})({text})" if cast else text

    context = dict(prologue=prologue, row_lines=lines["row"], col_lines=lines["col"],
                   result_lines=lines["result"], rand_roles=options["rand_roles"],
                   condition=printed("condition"), over_post=over_post,
                   skip_if_invalid=bool(options.get("skip_if_invalid")),
                   result_first=bool(options.get("result_first")), loop_var=loop_var,
                   sample=options.get("sample"), jump_stream=options.get("jump_stream", 0),
                   p_stream=options.get("p_stream", 0),
                   sample_stream=options.get("sample_stream", 0),
                   candidates=options.get("candidates"))
    if kind == "pairs":
        context.update(p=printed("p"), p_row=printed("p_row") or "_p_const")
        template = "connect_pairs.cpp.j2"
    else:
        context.update(low=printed("low", "int64_t") or "0", high=printed("high", "int64_t"),
                       step=printed("step", "int64_t") or "1",
                       element=printed("element", "int64_t") or f"(int64_t)({loop_var})",
                       sample_p=printed("sample_p"), size=printed("size", "int64_t"))
        template = "connect_generator.cpp.j2"
    source = get_template("cpp", template).render(**context)
    lib, _ = compile_and_load(source, check=lambda lib: hasattr(lib, "bc_connect"))
    function = lib.bc_connect
    function.restype = ctypes.c_int64
    function.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64,
                         ctypes.c_int64, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64,
                         ctypes.c_void_p]
    return ConnectKernel(function, arrays, int_inputs, float_inputs, source)


def _constant(name, integer, prologue, int_inputs, float_inputs):
    """A constant input: integers in ``_ints``, the rest (booleans as 0/1) in ``_dbls``."""
    if integer:
        k = 6 + len(int_inputs)
        int_inputs.append(name)
        prologue.append(f"const int64_t {name} = _ints[{k}];")
    else:
        k = 1 + len(float_inputs)
        float_inputs.append(name)
        prologue.append(f"const double {name} = _dbls[{k}];")

