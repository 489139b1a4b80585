"""The numpy target: generated Python functions over numpy arrays.

Each code object is rendered once from its template and compiled with Python's
``compile``; its globals are a namespace of arrays, run constants and the
functions below, rebound before every run so that changed constants apply.
"""
import linecache

import numpy as np

from .. import rng as _random
from ..codegen.numpy_generator import generate_numpy, needs_vidx
from ..codegen.templates import get_template
from ..rng.poisson import poisson_from_uniform

__all__ = ["NUMPY_FUNCTIONS", "NumpyCodeObject", "numpy_function"]


def _int(x):
    return np.trunc(x).astype(np.int64) if isinstance(x, np.ndarray) else int(x)


def _exprel(x):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.abs(x) < 1e-16, 1.0, np.expm1(x) / x)
    return out if out.ndim else float(out)


def _timestep(t, dt):
    return _int((np.asarray(t) + 1e-3 * dt) / dt)


def _collision_free_rounds(idx, index_arrays):
    """Split ``idx`` into rounds in which no written element repeats (order kept per element)."""
    if len(index_arrays) > 1:  # writes through two indices: one synapse at a time
        for k in range(idx.shape[0]):
            yield idx[k:k + 1]
        return
    targets = index_arrays[0][idx]
    if targets.shape[0] < 2:
        yield idx
        return
    order = np.argsort(targets, kind="stable")
    ordered = targets[order]
    rank_sorted = np.arange(ordered.shape[0]) - np.searchsorted(ordered, ordered)
    if rank_sorted[-1] == 0 and not rank_sorted.any():
        yield idx
        return
    rank = np.empty_like(rank_sorted)
    rank[order] = rank_sorted
    for r in range(int(rank_sorted.max()) + 1):
        yield idx[rank == r]


#: Names bound in every numpy code object's namespace (see codegen.numpy_printer).
NUMPY_FUNCTIONS = {
    "exp": np.exp, "log": np.log, "log10": np.log10, "sqrt": np.sqrt, "sin": np.sin,
    "cos": np.cos, "tan": np.tan, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
    "arcsin": np.arcsin, "arccos": np.arccos, "arctan": np.arctan, "abs": np.abs,
    "floor": np.floor, "ceil": np.ceil, "sign": np.sign, "clip": np.clip, "where": np.where,
    "minimum": np.minimum, "maximum": np.maximum, "logical_not": np.logical_not,
    "_int": _int, "_exprel": _exprel, "_timestep": _timestep, "_flatnonzero": np.flatnonzero,
    "_broadcast_to": np.broadcast_to, "_count_nonzero": np.count_nonzero,
    "_collision_free_rounds": _collision_free_rounds,
    "_add_at": np.add.at,
    "_searchsorted": np.searchsorted,
    "_int32": np.int32,
    "_poisson": poisson_from_uniform,
    # number of thresholds below u: sum(u > c_k) for sorted c_k (see numpy_printer._print_Add)
    "_count_below": lambda cs, u: np.searchsorted(cs, u, side="left"),
    "True": True, "False": False, "inf": np.inf,
}


def numpy_function(func, owner):
    """A callable over numpy arrays for the user function ``func`` of ``owner``: the
    function's own ``numpy_implementation`` (TimedArray, ``Function``), its
    ``implementations['numpy']``, or the function itself."""
    if hasattr(func, "numpy_implementation"):
        return func.numpy_implementation(owner)
    impl = getattr(func, "implementations", None)
    if impl is not None and "numpy" in impl:
        return impl["numpy"]
    return func


#: Random numbers drawn ahead per call site for small groups (see ``_bind_random``).
_BLOCK_NUMBERS = 8192


class NumpyCodeObject:
    """One operation of one object, as a compiled Python function.

    Not picklable (its functions exist in this process only); objects holding one drop it
    when pickled and build it again at their next run (``BrianObject.__getstate__``).

    Parameters
    ----------
    name : str
        Unique name, e.g. ``'neurongroup_stateupdater'``; also names the random stream.
    operation : str
        Template name (``'stateupdate'``, ``'threshold'``, ...).
    statements : list of Statement
    variables : dict name -> Variable
    owner : object with ``name`` and ``clock``
    """

    generated_code = True

    def __init__(self, name, operation, statements, variables, owner, *, template_kwds=None,
                 extra_locals=(), allow_writes=True, need_t=False, random_step=None):
        self.name = name
        self.operation = operation
        self.owner = owner
        self.random_step = random_step  # None: the clock's step addresses the random numbers
        self.variables = variables
        self.block, context = generate_numpy(statements, variables, owner_name=owner.name,
                                             extra_locals=extra_locals, allow_writes=allow_writes)
        if need_t and "t = _clock.t_" not in context["prologue"]:
            context["prologue"].insert(0, "t = _clock.t_")
        template = get_template("numpy", operation + ".py.j2")
        self.source = template.render(name=name, operation=operation,
                                      vidx=needs_vidx(self.block), **context,
                                      **(template_kwds or {}))
        filename = f"<brian_cg numpy: {name}>"
        linecache.cache[filename] = (len(self.source), None, self.source.splitlines(True), filename)
        self.namespace = dict(NUMPY_FUNCTIONS)
        exec(compile(self.source, filename, "exec"), self.namespace)  # safe: generated code
        self._run = self.namespace["_run"]
        # The address of this code's random numbers: (object, stream) in brian_cg.rng.
        self._object_id = owner._random_number
        self._stream_base = _random.code_stream_base(name, owner.name)

    @property
    def uses_random(self):
        return self.block.n_random_calls > 0 or bool(self.block.noise)

    def bind(self, arrays, constants, extra=None):
        """Rebind arrays (``name -> ndarray``) and run constants; compute hoisted values."""
        ns = self.namespace
        for name, arr in arrays.items():
            ns["_array_" + name] = arr
        ns.update(constants)
        for fname in self.block.functions:
            if fname in constants:
                ns[fname] = numpy_function(constants[fname], self.owner)
        ns["_clock"] = self.owner.clock
        if extra:
            ns.update(extra)  # may override _clock (a monitor with its own dt)
        if self.uses_random:
            self._bind_random()
        ns["_before_run"]()

    def _bind_random(self):
        seed = _random.get_seed()
        clock = self.namespace["_clock"]
        oid, base, fixed = self._object_id, self._stream_base, self.random_step
        blocks = {}

        def draw(single, block, k, vidx):
            step = clock.timestep if fixed is None else fixed
            n = vidx.shape[0]
            if fixed is not None or n < 32 or n > _BLOCK_NUMBERS // 2 or \
                    vidx[-1] - vidx[0] != n - 1:
                return single(seed, oid, base + k, step, vidx)
            # Small contiguous groups: numbers for many steps at once (the per-call cost
            # of the generator dominates otherwise); same numbers as one call per step.
            cached = blocks.get((single, k))
            if cached is None or not (cached[0] <= step < cached[0] + cached[1].shape[0]) \
                    or cached[2] != (vidx[0], n):
                n_steps = max(2, _BLOCK_NUMBERS // n)
                cached = (step, block(seed, oid, base + k, step, n_steps, vidx), (vidx[0], n))
                blocks[(single, k)] = cached
            return cached[1][step - cached[0]]

        self.namespace["_rand"] = lambda k, vidx: draw(_random.uniform, _random.uniform_block,
                                                       k, vidx)
        self.namespace["_randn"] = lambda k, vidx: draw(_random.normal, _random.normal_block,
                                                        k, vidx)

    def __call__(self):
        return self._run()
