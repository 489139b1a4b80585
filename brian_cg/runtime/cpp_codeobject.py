"""One operation of the compiled C++ target: a C++ function body over an argument struct.

A ``CppCodeObject`` is one operation (state update, threshold, monitor...) printed as
the body of a C++ function whose argument struct (``_a``) holds array pointers, sizes and
every run constant (``tau``, ``dt``...): ``bind`` gives them this run's values, so values
never enter the source. The Network's loop runner (``cpp_runtime.CompiledRun``) puts the
operations of all scheduled objects into one program.
"""
import numpy as np

from .. import rng as _random
from ..codegen.cpp_generator import generate_cpp
from ..core.logger import get_logger
from ..errors import UnsupportedByTargetError
from .target import auto_selected

__all__ = ["CompiledStep", "CppCodeObject", "spikespace_for"]

logger = get_logger(__name__)

_POINTER_DTYPES = {"double*": np.float64, "float*": np.float32, "int64_t*": np.int64,
                   "int32_t*": np.int32, "bool*": np.bool_, "int8_t*": np.int8,
                   "uint32_t*": np.uint32, "uint64_t*": np.uint64, "int16_t*": np.int16}
_told_numpy = set()


def _say_numpy(name, exc):
    logger.info(f"Target 'auto': '{name}' runs as numpy code (inside the compiled loop), "
                f"because it cannot be compiled: {exc}")


class CompiledStep:
    """What ``run_step_functions`` returns for a compiled operation: a marker whose
    ``loop_target`` runs it (the Network asks that target for its loop runner); calling
    it directly runs nothing useful."""

    compiled = True
    __slots__ = ("codeobject", "loop_target")

    def __init__(self, codeobject, loop_target):
        self.codeobject = codeobject
        self.loop_target = loop_target

    def __call__(self):
        raise RuntimeError(f"The compiled operation '{self.codeobject.name}' runs inside a "
                           f"Network's compiled loop, not on its own")


def spikespace_for(owner, events, attr="spikes"):
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
                template_kwds=kwds.get("template_kwds"), templates=target.templates)
        except UnsupportedByTargetError as exc:
            if not self._auto:
                raise
            _say_numpy(name, exc)
            return NumpyCodeObject(name, operation, statements, variables, owner, **kwds)
        return self

    generated_code = True  # made again, not pickled (see BrianObject.__getstate__)

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
                            {"template_kwds": template_kwds, "extra_locals": extra_locals,
                             "allow_writes": allow_writes, "need_t": need_t,
                             "random_step": random_step})
        self._numpy = None
        self.block, self.op = self._generated
        self.fields = self.op.fields  # and, once bound, those of the functions it calls
        self.functions = []
        # this run's values of the argument struct's fields (arrays kept alive here) and of
        # its header; the loader copies them into the loaded program's structures
        self.values = {}
        self.header = {}
        self._run = CompiledStep(self, self.target)
        self._object_id = owner._random_number
        self._stream_base = _random.code_stream_base(name, owner.name)
        self.clock = None
        self.buffer_target = None
        self.events = None
        self.queue = None

    @property
    def source(self):
        """The operation's C++ function body (its struct and loop live in the program)."""
        return self.op.body

    @property
    def uses_random(self):
        return self.block.n_random_calls > 0 or bool(self.block.noise)

    def bind(self, arrays, constants, extra=None):
        """This run's values of the argument fields: arrays, constants, sizes (no recompilation).

        With target 'auto', an operation that turns out not to be compilable with this
        run's values (a function without C++ implementation, an array constant) runs as
        numpy code from now on, said once (INFO); otherwise the error is raised.
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
        values = {}
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
        input_keys = {key for _, _, (kind, key) in self.op.fields if kind == "input"}
        events = extra.get("_events")
        if events is not None and "_spikespace" in input_keys:
            attr = (self._numpy_args[-1]["template_kwds"] or {}).get("event_attr") or "spikes"
            space = spikespace_for(self.owner, events, attr)
            derived["_spikespace"], derived["_spikespace_n"] = space, space.shape[0] - 1
            self.events = (events, space, attr)
        if "_queue" in extra and "_queue" in input_keys:
            self._bind_pathway(extra, derived)
        for fname, ctype, (kind, key) in self.op.fields:
            if kind == "array":
                value = extra.get("_array_" + key, arrays.get(key))
            elif kind == "const":
                value = constants[key]
                if np.ndim(value) != 0:
                    raise UnsupportedByTargetError(
                        f"'{key}' in {self.name} is an array of values; the compiled target takes "
                        f"scalar external constants only (use a parameter of the group instead)")
            else:
                if key.startswith("_buf:") or key == "_queue":
                    continue  # numbered / created by the loader
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
                values[fname] = arr
            else:
                values[fname] = float(value) if ctype in ("double", "float") else int(value)
        functions = [self.target.function_implementation(fname, constants[fname], self.owner, n)
                     for fname, n in self.op.functions.items()]
        for impl in functions:
            values.update(impl.values)
        self.functions = functions
        self.fields = self.op.fields + [f for impl in functions for f in impl.fields]
        self.values = values
        self.header = {"random_step": -1 if self.random_step is None else int(self.random_step),
                       "seed": _random.get_seed() & 0xFFFFFFFF,
                       "oid": self._object_id & 0xFFFFFFFF,
                       "stream_base": self._stream_base & 0xFFFFFFFF}

    def _bind_pathway(self, extra, derived):
        """Inputs of a synaptic pathway: the source's spikes, the CSR index, the delays."""
        queue = extra["_queue"]
        source = extra["_spike_source"]
        events = source._events
        attr = (self._numpy_args[-1]["template_kwds"] or {}).get("event_attr") or "spikes"
        space = spikespace_for(source, events, attr)
        self.events = (events, space, attr)
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

    def __call__(self):
        return self._run()
