"""The compiled C++ target ('cython'): code objects and the fused multi-step loop.

A ``CppCodeObject`` is one operation (state update, threshold, monitor...) printed
as a C++ function over an argument struct (``a``): array pointers, sizes and every
run constant (``tau``, ``dt``...) are fields filled by ``bind`` at each run, so
values never enter the source. At ``Network.run``, ``CompiledRun`` puts the
functions of all scheduled objects into one library with a loop ``bc_run`` that
advances many time steps (all clocks, Brian's schedule) without returning to
Python; it returns only for a Python step (a ``network_operation``, an operation
without a C++ template), for a progress report, and at the end.

The library is loaded with ctypes: one ``bc_run`` call per run (or per report
period) costs about a microsecond, so a Cython shim would win nothing at run
time and would cost seconds of compile time (see docs/performance.md).
"""
import ctypes
import hashlib
import os
import time
import zlib

import numpy as np

from .. import rng as _random
from ..codegen.cpp_generator import generate_cpp
from ..codegen.templates import TEMPLATE_ROOT
from ..core.logger import get_logger
from ..errors import UnsupportedByTargetError
from .target import auto_selected

__all__ = [
    "CompiledRun",
    "CompiledStep",
    "CppCodeObject",
]

logger = get_logger(__name__)

#: Operations run once on the user's request: kept on numpy (no compile for one call).
_CTYPES = {"void*": ctypes.c_void_p, "double": ctypes.c_double, "float": ctypes.c_float, "int64_t": ctypes.c_int64,
           "int32_t": ctypes.c_int32, "bool": ctypes.c_bool, "uint32_t": ctypes.c_uint32}
_POINTER_DTYPES = {"double*": np.float64, "float*": np.float32, "int64_t*": np.int64,
                   "int32_t*": np.int32, "bool*": np.bool_, "int8_t*": np.int8,
                   "uint32_t*": np.uint32, "uint64_t*": np.uint64, "int16_t*": np.int16}
_told_numpy = set()


def _say_numpy(name, exc):
    logger.info(f"Target 'auto': '{name}' runs as numpy code (inside the compiled loop), "
                f"because it cannot be compiled: {exc}")


class _Header(ctypes.Structure):
    _fields_ = [("clock", ctypes.c_int64), ("random_step", ctypes.c_int64),
                ("seed", ctypes.c_uint32), ("oid", ctypes.c_uint32),
                ("stream_base", ctypes.c_uint32), ("pad", ctypes.c_uint32)]


class _Buf(ctypes.Structure):
    _fields_ = [("data", ctypes.POINTER(ctypes.c_double)), ("n", ctypes.c_int64),
                ("cap", ctypes.c_int64)]


class _Sim(ctypes.Structure):
    _fields_ = [("timestep", ctypes.c_void_p), ("dt", ctypes.c_void_p), ("end", ctypes.c_void_p),
                ("op_clock", ctypes.c_void_p), ("current", ctypes.c_void_p),
                ("args", ctypes.c_void_p), ("bufs", ctypes.c_void_p), ("pos", ctypes.c_int64),
                ("n_clocks", ctypes.c_int64)]


class CompiledStep:
    """What ``run_step_functions`` returns for a compiled operation: a marker the Network
    hands to ``CompiledRun``; calling it directly runs nothing useful."""

    compiled = True
    __slots__ = ("codeobject", "loop_target")

    def __init__(self, codeobject, loop_target):
        self.codeobject = codeobject
        self.loop_target = loop_target

    def __call__(self):
        raise RuntimeError(f"The compiled operation '{self.codeobject.name}' runs inside a "
                           f"Network's compiled loop, not on its own")


def _spikespace_for(owner, events, attr="spikes"):
    """The int32 event buffer (indices, then the count in the last slot) shared by all
    compiled code reading ``events``' attribute ``attr`` (``spikes`` or ``event_<name>``);
    kept on the group that owns ``events``."""
    root = owner
    while getattr(root, "source", None) is not None and \
            getattr(root.source, "_events", None) is events:
        root = root.source
    size = int(getattr(root, "_source_size", root.N)) + 1
    spaces = root.__dict__.get("_cpp_spaces")
    if spaces is None:
        spaces = {}
        object.__setattr__(root, "_cpp_spaces", spaces)
    space = spaces.get(attr)
    if space is None or space.shape[0] != size:
        space = spaces[attr] = np.zeros(size, dtype=np.int32)
    return space


class CppCodeObject:
    """One operation as a C++ function; same constructor and ``bind`` as NumpyCodeObject.

    Operations without a C++ template (and the one-off initialisation operations) are
    built as ``NumpyCodeObject`` instead: the compiled loop runs them as Python steps.
    """

    def __new__(cls, name, operation, statements, variables, owner, target, **kwds):
        from .numpy_runtime import NumpyCodeObject

        python_operations = target.python_operations
        if operation in python_operations or not target.supports(operation):
            if operation not in python_operations and operation not in _told_numpy:
                _told_numpy.add(operation)
                logger.info(f"No C++ template for '{operation}': it runs as numpy code, "
                            f"called from the compiled loop at each of its steps")
            return NumpyCodeObject(name, operation, statements, variables, owner, **kwds)
        self = super().__new__(cls)
        self._auto = auto_selected()
        self.target = target
        try:
            self._generated = generate_cpp(
                statements, variables, owner_name=owner.name, operation=operation,
                extra_locals=kwds.get("extra_locals", ()),
                allow_writes=kwds.get("allow_writes", True), need_t=kwds.get("need_t", False),
                template_kwds=kwds.get("template_kwds"))
        except UnsupportedByTargetError as exc:
            if not self._auto:
                raise
            _say_numpy(name, exc)
            return NumpyCodeObject(name, operation, statements, variables, owner, **kwds)
        return self

    def __init__(self, name, operation, statements, variables, owner, target, *,
                 template_kwds=None, extra_locals=(), allow_writes=True, need_t=False,
                 random_step=None):
        self.name = name
        self.operation = operation
        self.owner = owner
        self.variables = variables
        self.random_step = random_step
        # kept for a numpy fallback decided at bind time (target 'auto' only)
        self._numpy_args = (name, operation, statements, variables, owner,
                            dict(template_kwds=template_kwds, extra_locals=extra_locals,
                                 allow_writes=allow_writes, need_t=need_t,
                                 random_step=random_step))
        self._numpy = None
        self.block, self.op = self._generated
        self.fields = self.op.fields
        self.struct_type = type(f"Args_{operation}", (ctypes.Structure,), {
            "_fields_": [("h", _Header)] + [
                (f, ctypes.c_void_p if t.endswith("*") else _CTYPES[t]) for f, t, _ in self.fields]})
        self.args = self.struct_type()
        self._run = CompiledStep(self, self.target)
        self._object_id = owner._random_number
        operation_name = name[len(owner.name) + 1:] if name.startswith(owner.name + "_") else name
        self._stream_base = (zlib.crc32(operation_name.encode()) & 0xFFFF) << 16
        self.clock = None
        self.buffer_target = None
        self.events = None
        self.queue = None
        self._keep = []

    @property
    def source(self):
        return self.struct_source("K") + self.function_source("K")

    @property
    def uses_random(self):
        return self.block.n_random_calls > 0 or bool(self.block.noise)

    def struct_source(self, k):
        lines = [f"struct Args_{k} {{", "    BcOpHeader h;"]
        lines += [f"    {t} {f};" for f, t, _ in self.fields]
        return "\n".join(lines) + "\n};\n"

    def function_source(self, k):
        body = "\n".join("    " + ln if ln else ln for ln in self.op.body.splitlines())
        return (f"// {self.operation}\nstatic void op_{k}(const Args_{k}* _a, BcSim* _s) {{\n"
                f"{body}\n}}\n")

    def bind(self, arrays, constants, extra=None):
        """Fill the argument struct: array pointers, constants, sizes (no recompilation).

        With target 'auto', an operation that turns out not to be compilable with this
        run's values (a function without C++ implementation, an array constant) runs as
        numpy code from now on, said once (INFO); with 'cython' the error is raised.
        """
        if self._numpy is not None:
            self._numpy.bind(arrays, constants, extra)
            return
        try:
            self._bind(arrays, constants, extra)
        except UnsupportedByTargetError as exc:
            if not self._auto:
                raise
            from .numpy_runtime import NumpyCodeObject

            _say_numpy(self.name, exc)
            *args, kwds = self._numpy_args
            self._numpy = NumpyCodeObject(*args, **kwds)
            self._numpy.bind(arrays, constants, extra)
            self._run = self._numpy._run
            self.events = self.queue = None

    def _bind(self, arrays, constants, extra=None):
        extra = dict(extra or {})
        a = self.args
        keep = []
        self.clock = extra.get("_clock", self.owner.clock)
        self.buffer_target = extra.get("_buffer")
        derived = dict(extra)
        index = extra.get("_index")
        if isinstance(index, slice):
            n_parent = int(getattr(self.owner, "_source_size", getattr(self.owner, "N", 0)))
            start, stop, _ = index.indices(n_parent)
            derived["_start"], derived["_stop"] = start, stop
        if "_record_idx" in extra:
            rec = np.ascontiguousarray(extra["_record_idx"], dtype=np.int64)
            derived["_record_idx"], derived["_record_n"] = rec, rec.shape[0]
        input_keys = {key for _, _, (kind, key) in self.fields if kind == "input"}
        events = extra.get("_events")
        if events is not None and "_spikespace" in input_keys:
            attr = (self._numpy_args[-1]["template_kwds"] or {}).get("event_attr") or "spikes"
            space = _spikespace_for(self.owner, events, attr)
            derived["_spikespace"], derived["_spikespace_n"] = space, space.shape[0] - 1
            self.events = (events, space, attr)
        if "_queue" in extra and "_queue" in input_keys:
            self._bind_pathway(extra, derived)
        for fname, ctype, (kind, key) in self.fields:
            if kind == "array":
                value = extra.get("_array_" + key, arrays.get(key))
            elif kind == "const":
                value = constants[key]
                if np.ndim(value) != 0:
                    raise UnsupportedByTargetError(
                        f"'{key}' in {self.name} is an array of values; the compiled target takes "
                        f"scalar external constants only (use a parameter of the group instead)")
            elif kind == "func":
                value = self._function_value(key, constants)
            else:
                if key.startswith("_buf:") or key == "_queue":
                    continue  # numbered / created by CompiledRun
                if key not in derived:
                    raise UnsupportedByTargetError(f"The C++ operation '{self.operation}' of "
                                                   f"{self.name} needs '{key}', which was not bound")
                value = derived[key]
            if ctype.endswith("*"):
                arr = np.asarray(value)
                want = np.dtype(_POINTER_DTYPES[ctype])
                if arr.dtype != want or not arr.flags.c_contiguous:
                    raise TypeError(f"{self.name}: '{key}' must be a contiguous {want} array, "
                                    f"got {arr.dtype}")
                keep.append(arr)
                setattr(a, fname, arr.ctypes.data if arr.size else 0)
            else:
                setattr(a, fname, float(value) if ctype in ("double", "float") else int(value))
        self._keep = keep
        a.h.random_step = -1 if self.random_step is None else int(self.random_step)
        a.h.seed = _random.get_seed() & 0xFFFFFFFF
        a.h.oid = self._object_id & 0xFFFFFFFF
        a.h.stream_base = self._stream_base & 0xFFFFFFFF

    def _function_value(self, key, constants):
        """A field of a user function (``_fn:<name>:<what>``): TimedArrays only."""
        _, fname, what = key.split(":")
        impl = constants.get(fname)
        ta = getattr(impl, "_brian_cg_timedarray", None)
        if ta is None:
            raise UnsupportedByTargetError(
                f"The code of '{self.owner.name}' ({self.name}) calls the function '{fname}', "
                f"which has no C++ implementation; the compiled target ('{self.target.name}') cannot run "
                f"this model. Use prefs.codegen.target = 'numpy' (or 'auto') for it.")
        values = ta.values
        if what == "values":
            return np.ascontiguousarray(values, dtype=np.float64)
        if what == "n":
            return values.shape[0]
        if what == "cols":
            return values.shape[1] if values.ndim == 2 else 1
        K, eps = ta.lookup_scale(self.owner.clock.dt_)
        return float(K) if what == "K" else eps

    def _bind_pathway(self, extra, derived):
        """Inputs of a synaptic pathway: the source's spikes, the CSR index, the delays."""
        queue = extra["_queue"]
        source = extra["_spike_source"]
        events = source._events
        space = _spikespace_for(source, events)
        self.events = (events, space, "spikes")
        start = int(getattr(source, "start", 0))
        derived["_src_spikespace"], derived["_src_spikespace_n"] = space, space.shape[0] - 1
        derived["_src_start"], derived["_src_stop"] = start, start + int(source.N)
        order = queue._order
        if order.dtype != np.int32:
            order = order.astype(np.int32)
        derived["_csr_order"] = order
        derived["_csr_ptr"] = np.ascontiguousarray(queue._ptr, dtype=np.int64)
        if queue._delays is None:
            derived["_delays"], derived["_homogeneous"] = np.zeros(0, np.int64), queue._homogeneous
        else:
            derived["_delays"], derived["_homogeneous"] = queue._delays, -1
        self.queue = queue

    def set_buffer(self, name, number):
        setattr(self.args, f"_buf_{name}", number)

    def __call__(self):
        return self._run()


# ---------------------------------------------------------------------------- the library
_LIB_HEADER = r"""// Generated by brian_cg: all operations of one network structure and its loop.
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
{support}
{philox}
struct BcOpHeader {{ int64_t clock; int64_t random_step; uint32_t seed, oid, stream_base, pad; }};
struct BcBuf {{ double* data; int64_t n; int64_t cap; }};
struct BcSim {{
    int64_t* timestep; const double* dt; const int64_t* end; const int32_t* op_clock;
    int32_t* current; void** args; BcBuf* bufs; int64_t pos; int64_t n_clocks;
}};
static inline void bc_push(BcSim* s, int64_t b, double x) {{
    BcBuf* B = &s->bufs[b];
    if (B->n == B->cap) {{
        int64_t cap = B->cap ? 2 * B->cap : 4096;
        B->data = (double*)realloc(B->data, cap * sizeof(double));
        B->cap = cap;
    }}
    B->data[B->n++] = x;
}}
// the spike queue of a synaptic pathway: n_slots growable slots of synapse indices
struct BcQueue {{ int64_t n_slots; int64_t offset; int32_t** data; int64_t* size; int64_t* cap; }};
static inline void bc_queue_reserve(BcQueue* q, int64_t slot, int64_t n) {{
    if (q->size[slot] + n > q->cap[slot]) {{
        int64_t cap = q->cap[slot] ? 2 * q->cap[slot] : 256;
        while (cap < q->size[slot] + n) cap *= 2;
        q->data[slot] = (int32_t*)realloc(q->data[slot], cap * sizeof(int32_t));
        q->cap[slot] = cap;
    }}
}}
static inline void bc_queue_add(BcQueue* q, int64_t slot, int32_t syn) {{
    if (q->size[slot] == q->cap[slot]) bc_queue_reserve(q, slot, 1);
    q->data[slot][q->size[slot]++] = syn;
}}
static inline void bc_queue_extend(BcQueue* q, int64_t slot, const int32_t* syn, int64_t n) {{
    bc_queue_reserve(q, slot, n);
    memcpy(q->data[slot] + q->size[slot], syn, n * sizeof(int32_t));
    q->size[slot] += n;
}}
#define _rand(k) bc_rand(_a->h.seed, _a->h.oid, _a->h.stream_base + (uint32_t)(k), _rstep, _vidx)
#define _randn(k) bc_randn(_a->h.seed, _a->h.oid, _a->h.stream_base + (uint32_t)(k), _rstep, _vidx)
"""

_LIB_FOOTER = r"""
extern "C" void bc_free_buffer(BcBuf* b) {
    free(b->data);
    b->data = 0; b->n = 0; b->cap = 0;
}

extern "C" BcQueue* bc_queue_new(int64_t n_slots, int64_t offset) {
    BcQueue* q = (BcQueue*)calloc(1, sizeof(BcQueue));
    q->n_slots = n_slots; q->offset = offset;
    q->data = (int32_t**)calloc(n_slots, sizeof(int32_t*));
    q->size = (int64_t*)calloc(n_slots, sizeof(int64_t));
    q->cap = (int64_t*)calloc(n_slots, sizeof(int64_t));
    return q;
}
extern "C" void bc_queue_fill(BcQueue* q, int64_t slot, const int32_t* syn, int64_t n) {
    bc_queue_extend(q, slot, syn, n);
}
extern "C" int64_t bc_queue_slot(BcQueue* q, int64_t slot, int32_t** out) {
    *out = q->data[slot];
    return q->size[slot];
}
extern "C" int64_t bc_queue_offset(BcQueue* q) { return q->offset; }
extern "C" void bc_queue_free(BcQueue* q) {
    for (int64_t k = 0; k < q->n_slots; k++) free(q->data[k]);
    free(q->data); free(q->size); free(q->cap); free(q);
}

extern "C" void bc_set_threads(int n) {
#ifdef _OPENMP
    omp_set_num_threads(n);
#endif
    (void)n;
}
"""


def _read_common(name):
    with open(os.path.join(TEMPLATE_ROOT, "common", name)) as f:
        return f.read()


def assemble_source(entries):
    """The library's source for ``entries`` [(kind, codeobject or None)] in schedule order."""
    parts = [_LIB_HEADER.format(support=_read_common("brian_cg_support.h"),
                                philox=_read_common("philox.h"))]
    if any(kind == "cpp" and "omp" in co.op.body for kind, co in entries):
        parts.insert(1, "#include <omp.h>\n")
    for k, (kind, co) in enumerate(entries):
        if kind == "cpp":
            parts.append(co.struct_source(k))
            parts.append(co.function_source(k))
    run = ["extern \"C\" int64_t bc_run(BcSim* s, int64_t max_ticks) {",
           "    int64_t* ts = s->timestep; const double* dt = s->dt; const int64_t* end = s->end;",
           "    int32_t* cur = s->current; const int32_t* oc = s->op_clock; (void)oc;",
           "    int64_t ticks = 0;",
           "    for (;;) {",
           "        if (s->pos == 0) {",
           "            if (ticks >= max_ticks) return -2;",
           "            double t_now = INFINITY; bool any = false;",
           "            for (int64_t c = 0; c < s->n_clocks; c++) if (ts[c] < end[c]) {",
           "                any = true; double tc = (double)ts[c] * dt[c]; if (tc < t_now) t_now = tc; }",
           "            if (!any) return -1;",
           "            for (int64_t c = 0; c < s->n_clocks; c++)",
           "                cur[c] = ts[c] < end[c] && ((double)ts[c] * dt[c] - t_now < 1e-3 * dt[c]);",
           "        }",
           "        switch (s->pos) {"]
    single = ["extern \"C\" void bc_run_op(BcSim* s, int64_t k) {", "    switch (k) {"]
    for k, (kind, co) in enumerate(entries):
        if kind == "cpp":
            run.append(f"        case {k}: if (cur[oc[{k}]]) op_{k}((const Args_{k}*)s->args[{k}], s);")
            single.append(f"        case {k}: op_{k}((const Args_{k}*)s->args[{k}], s); break;")
        else:
            run.append(f"        case {k}: if (cur[oc[{k}]]) {{ s->pos = {k + 1}; return {k}; }}")
    run += [f"        case {len(entries)}: default: break;", "        }",
            "        s->pos = 0;",
            "        for (int64_t c = 0; c < s->n_clocks; c++) if (cur[c]) ts[c]++;",
            "        ticks++;", "    }", "}"]
    single += ["        default: break;", "    }", "}"]
    source = "".join(parts) + "\n".join(run) + "\n\n" + "\n".join(single) + "\n" + _LIB_FOOTER
    digest = hashlib.sha256(source.encode()).hexdigest()
    return source + f'extern "C" const char* bc_source_hash() {{ return "{digest}"; }}\n', digest


class CompiledRun:
    """One run of a Network whose scheduled steps include compiled operations.

    Parameters
    ----------
    schedule : list of (object, clock, step functions), in schedule order
    clocks : list of Clock (each with ``_run_end`` set)
    """

    def __init__(self, schedule, clocks, target):
        self.target = target
        self.clocks = clocks
        entries, op_clock, self.python_steps = [], [], {}
        for obj, clock, funcs in schedule:
            ci = next(i for i, c in enumerate(clocks) if c is clock)
            for f in funcs:
                k = len(entries)
                if getattr(f, "compiled", False):
                    entries.append(("cpp", f.codeobject))
                else:
                    entries.append(("py", None))
                    self.python_steps[k] = f
                op_clock.append(ci)
        self.entries = entries
        source, digest = assemble_source(entries)
        self.lib, self.build_info = target.compile(
            source, check=lambda lib: _hash_of(lib) == digest)
        lib = self.lib
        lib.bc_run.restype = ctypes.c_int64
        lib.bc_run.argtypes = [ctypes.POINTER(_Sim), ctypes.c_int64]
        lib.bc_run_op.argtypes = [ctypes.POINTER(_Sim), ctypes.c_int64]
        lib.bc_free_buffer.argtypes = [ctypes.POINTER(_Buf)]
        threads = _threads()
        if threads > 1:
            lib.bc_set_threads(threads)
        n = len(entries)
        self.timestep = np.array([c.timestep for c in clocks], dtype=np.int64)
        self.dt = np.array([c.dt_ for c in clocks], dtype=np.float64)
        self.end = np.array([c._run_end for c in clocks], dtype=np.int64)
        self.start = self.timestep.copy()
        self.op_clock = np.array(op_clock, dtype=np.int32)
        self.current = np.zeros(len(clocks), dtype=np.int32)
        self.args = (ctypes.c_void_p * max(n, 1))()
        self.buffers = []  # (codeobject, [(group, [buffer numbers])])
        self.events = {}
        self.queues = []  # (codeobject, BcQueue*)
        n_buf = 0
        for k, (kind, co) in enumerate(entries):
            if kind != "cpp":
                continue
            self.args[k] = ctypes.addressof(co.args)
            co.args.h.clock = op_clock[k]
            groups = []
            for group, names in co.op.buffers:
                numbers = []
                for name in names:
                    co.set_buffer(name, n_buf)
                    numbers.append(n_buf)
                    n_buf += 1
                groups.append((group, numbers))
            if groups:
                self.buffers.append((co, groups))
            if co.events is not None:
                self.events[(id(co.events[0]), co.events[2])] = co.events
            if co.queue is not None:
                self.queues.append((co, _queue_to_cpp(lib, co.queue)))
                co.args._queue = self.queues[-1][1]
        self.bufs = (_Buf * max(n_buf, 1))()
        self.sim = _Sim(self.timestep.ctypes.data, self.dt.ctypes.data, self.end.ctypes.data,
                        self.op_clock.ctypes.data, self.current.ctypes.data,
                        ctypes.addressof(self.args), ctypes.addressof(self.bufs), 0, len(clocks))
        self._synced = {}

    # ------------------------------------------------------------ synchronisation
    def _events_to_cpp(self):
        for key, (events, space, attr) in self.events.items():
            spikes = getattr(events, attr)
            if self._synced.get(key) is spikes:
                continue
            space[:len(spikes)] = spikes
            space[-1] = len(spikes)
            self._synced[key] = spikes

    def _events_to_python(self):
        for key, (events, space, attr) in self.events.items():
            spikes = space[:space[-1]].astype(np.int64)
            setattr(events, attr, spikes)
            self._synced[key] = spikes

    def _clocks_to_python(self):
        for c, ts in zip(self.clocks, self.timestep):
            c.timestep = int(ts)

    def flush(self):
        """Move what the compiled monitors recorded into their Python-side recorders."""
        bufs = self.bufs
        for co, groups in self.buffers:
            arrays = []
            n_rows = None
            for _, numbers in groups:
                got = []
                for b in numbers:
                    buf = bufs[b]
                    got.append(np.ctypeslib.as_array(buf.data, (buf.n,)).copy() if buf.n
                               else np.zeros(0))
                    buf.n = 0
                arrays.append(got)
            n_rows = len(arrays[0][0])
            if n_rows == 0 or co.buffer_target is None:
                continue
            args = [g[0] if len(names) == 1 and group != "values" else tuple(g)
                    for g, (group, names) in zip(arrays, groups)]
            co.buffer_target.extend(*args)

    # ------------------------------------------------------------ running
    def run(self, reporter=None, should_stop=lambda: False):
        """Advance every clock to its end; Python steps and reports in between."""
        lib, sim = self.lib, ctypes.byref(self.sim)
        self._events_to_cpp()
        total = max(int((self.end - self.start).sum()), 1)
        chunk = 1 << 62 if reporter is None else 64
        t0 = time.perf_counter()
        while True:
            tic = time.perf_counter()
            r = lib.bc_run(sim, chunk)
            if r >= 0:
                self._clocks_to_python()
                self._events_to_python()
                self.flush()
                self.python_steps[r]()
                self._events_to_cpp()
                if should_stop():
                    chunk = 0  # stop(): finish the step in progress, then end the run
            elif r == -2:
                if should_stop():
                    break
                if time.perf_counter() - tic < 0.05:
                    chunk *= 2
                done = int((self.timestep - self.start).sum())
                reporter(time.perf_counter() - t0, done / total, check=True)
            else:
                break
        self._clocks_to_python()
        self.finish()

    def profile_schedule(self, schedule):
        """``schedule`` with compiled steps replaced by single-operation calls (profiling)."""
        lib, sim = self.lib, ctypes.byref(self.sim)
        out, k = [], 0
        for obj, clock, funcs in schedule:
            new = []
            for f in funcs:
                if getattr(f, "compiled", False):
                    def step(k=k):
                        for i, c in enumerate(self.clocks):
                            self.timestep[i] = c.timestep
                        lib.bc_run_op(sim, k)
                    new.append(step)
                else:
                    new.append(f)
                k += 1
            out.append((obj, clock, new))
        self._events_to_cpp()
        return out

    def finish(self):
        self.flush()
        self._events_to_python()
        for b in self.bufs:
            self.lib.bc_free_buffer(ctypes.byref(b))
        for kind, co in self.entries:
            if kind == "cpp" and hasattr(co, "after_run"):
                co.after_run()
        for co, q in self.queues:
            _queue_to_python(self.lib, q, co.queue)
            self.lib.bc_queue_free(q)
            co.args._queue = None
        self.queues = []


def _queue_to_cpp(lib, queue):
    """A C++ spike queue holding what the Python ``SpikeQueue`` holds (same slots, offset)."""
    lib.bc_queue_new.restype = ctypes.c_void_p
    lib.bc_queue_new.argtypes = [ctypes.c_int64, ctypes.c_int64]
    lib.bc_queue_fill.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_void_p, ctypes.c_int64]
    slots, offset = queue._slots, queue._offset
    q = lib.bc_queue_new(len(slots), offset)
    for k, parts in enumerate(slots):
        if parts:
            syn = np.ascontiguousarray(np.concatenate(parts), dtype=np.int32)
            if syn.size:
                lib.bc_queue_fill(q, k, syn.ctypes.data, syn.size)
    return q


def _queue_to_python(lib, q, queue):
    """Back into the Python ``SpikeQueue`` (between runs, for store/restore)."""
    lib.bc_queue_slot.restype = ctypes.c_int64
    lib.bc_queue_slot.argtypes = [ctypes.c_void_p, ctypes.c_int64,
                                  ctypes.POINTER(ctypes.POINTER(ctypes.c_int32))]
    lib.bc_queue_offset.restype = ctypes.c_int64
    lib.bc_queue_offset.argtypes = [ctypes.c_void_p]
    lib.bc_queue_free.argtypes = [ctypes.c_void_p]
    slots = []
    ptr = ctypes.POINTER(ctypes.c_int32)()
    for k in range(len(queue._slots)):
        n = lib.bc_queue_slot(q, k, ctypes.byref(ptr))
        slots.append([np.ctypeslib.as_array(ptr, (n,)).astype(np.int64)] if n else [])
    queue._slots = slots
    queue._offset = int(lib.bc_queue_offset(q))


def _hash_of(lib):
    try:
        f = lib.bc_source_hash
    except AttributeError:
        return None
    f.restype = ctypes.c_char_p
    return f().decode()


def _threads():
    from ..core.preferences import prefs

    return int(prefs["codegen.cpp.threads"] or 0)
