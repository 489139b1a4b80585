"""The compiled C++ target's loop runner: one program per network structure, run in-process.

At ``Network.run``, ``CompiledRun`` builds the program of all scheduled operations
(``cpp_program.build_program``: one library with a loop ``bc_run`` that advances many time
steps over all clocks in Brian's schedule), loads it (``cpp_loader``: compiled once per
structure, cached on disk) and runs it. ``bc_run`` returns to Python only for a Python
step (a ``network_operation``, an operation without a C++ template), for a progress
report, and at the end.

The library is called through ctypes: one ``bc_run`` call per run (or per report period)
costs about a microsecond, so a Cython shim would win nothing at run time and would cost
seconds of compile time (see docs/performance.md): the compiled target does not use Cython.
"""
import ctypes
import time

import numpy as np

from ..codegen.templates import read_common
from .cpp_codeobject import CompiledStep, CppCodeObject
from .cpp_loader import LoadedProgram
from .cpp_program import build_program

__all__ = ["CompiledRun", "CompiledStep", "CppCodeObject"]

_read_common = read_common  # the name the printer tests use

#: Wall time of one call of the compiled loop: how soon a stop or Ctrl-C is seen.
CHUNK_SECONDS = 0.01


class CompiledRun:
    """One run of a Network whose scheduled steps include compiled operations.

    Parameters
    ----------
    schedule : list of (object, clock, step functions), in schedule order
    clocks : list of Clock (each with ``_run_end`` set)
    target : the CppTarget (or a variant) that compiles the program
    """

    def __init__(self, schedule, clocks, target):
        self.target = target
        self.clocks = clocks
        steps, self.python_steps = [], {}
        for obj, clock, funcs in schedule:
            ci = next(i for i, c in enumerate(clocks) if c is clock)
            for f in funcs:
                if getattr(f, "loop_target", None) is target:
                    steps.append((f.codeobject, ci))
                else:
                    self.python_steps[len(steps)] = f
                    steps.append((None, ci))
        self.codeobjects = [co for co, _ in steps]
        self.program = build_program(steps, len(clocks), target)
        self.loaded = LoadedProgram(self.program, target)
        self.lib = lib = self.loaded.lib
        threads = _threads()
        if threads > 1:
            lib.bc_set_threads(threads)
        self.timestep = np.array([c.timestep for c in clocks], dtype=np.int64)
        self.dt = np.array([c.dt_ for c in clocks], dtype=np.float64)
        # EventClocks: their times (the loop reads t from them instead of step*dt)
        self._times = [np.ascontiguousarray(getattr(c, "times_", None), dtype=np.float64)
                       if getattr(c, "times_", None) is not None else None for c in clocks]
        self.times = (ctypes.c_void_p * max(len(clocks), 1))(
            *[0 if tt is None else tt.ctypes.data for tt in self._times])
        self.end = np.array([c._run_end for c in clocks], dtype=np.int64)
        self.start = self.timestep.copy()
        self.op_clock = np.array([ci for _, ci in steps], dtype=np.int32)
        self.current = np.zeros(len(clocks), dtype=np.int32)
        self.args = (ctypes.c_void_p * max(len(steps), 1))()
        self.structs = {}
        self.buffers = []  # (codeobject, [(group, [buffer numbers])])
        self.events = {}
        self.queues = []  # (codeobject, BcQueue*, its argument struct)
        for op in self.program.operations:
            if op["kind"] == "compiled":
                self._bind_operation(op, self.codeobjects[op["index"]])
        types = self.loaded.types
        self.bufs = (types["BcBuf"] * max(self.program.manifest["buffers"], 1))()
        self.sim = types["BcSim"](
            timestep=self.timestep.ctypes.data, dt=self.dt.ctypes.data, end=self.end.ctypes.data,
            op_clock=self.op_clock.ctypes.data, current=self.current.ctypes.data,
            args=ctypes.addressof(self.args), bufs=ctypes.addressof(self.bufs), pos=0,
            n_clocks=len(clocks), times=ctypes.addressof(self.times))
        self._synced = {}

    def _bind_operation(self, op, co):
        """The argument struct of ``op`` from the values its code object was bound with."""
        k = op["index"]
        args = self.loaded.new_struct(op["struct"])
        header = args.h
        header.clock = op["clock"]
        for name, value in co.header.items():
            setattr(header, name, value)
        numbers = {name: number for _, named in op["buffers"] for name, number in named}
        for field, ctype, (kind, key) in op["fields"][1:]:
            if kind == "input" and key.startswith("_buf:"):
                setattr(args, field, numbers[key[len("_buf:"):]])
            elif kind == "input" and key == "_queue":
                continue  # set below, once the queue exists
            elif ctype.endswith("*"):
                arr = co.values[field]
                setattr(args, field, arr.ctypes.data if arr.size else 0)
            else:
                setattr(args, field, co.values[field])
        self.structs[k] = args
        self.args[k] = ctypes.addressof(args)
        if op["buffers"]:
            self.buffers.append((co, [(group, [n for _, n in named])
                                      for group, named in op["buffers"]]))
        if co.events is not None:
            self.events[(id(co.events[0]), co.events[2])] = co.events
        if op["queue"] and co.queue is not None:
            q = _queue_to_cpp(self.lib, co.queue)
            self.queues.append((co, q, args))
            args._queue = q

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
        as_doubles = ctypes.POINTER(ctypes.c_double)
        for co, groups in self.buffers:
            arrays = []
            for _, numbers in groups:
                got = []
                for b in numbers:
                    buf = bufs[b]
                    got.append(np.ctypeslib.as_array(ctypes.cast(buf.data, as_doubles),
                                                     (buf.n,)).copy() if buf.n else np.zeros(0))
                    buf.n = 0
                arrays.append(got)
            n_rows = len(arrays[0][0])
            if n_rows == 0 or co.buffer_target is None:
                continue
            args = [g[0] if len(names) == 1 and group != "values" else tuple(g)
                    for g, (group, names) in zip(arrays, co.op.buffers)]
            co.buffer_target.extend(*args)

    # ------------------------------------------------------------ running
    def run(self, reporter=None, should_stop=lambda: False):
        """Advance every clock to its end; Python steps and reports in between.

        ``bc_run`` returns at a step boundary after about ``CHUNK_SECONDS`` of wall time,
        so that ``should_stop()`` (``Network.stop()``, or Ctrl-C: its signal handler runs
        when the call returns) ends the run after the step in progress, within
        milliseconds, whatever its length.
        """
        lib, sim = self.lib, ctypes.byref(self.sim)
        self._events_to_cpp()
        total = max(int((self.end - self.start).sum()), 1)
        chunk = 16
        t0 = time.perf_counter()
        try:
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
                    seconds = time.perf_counter() - tic
                    if seconds < CHUNK_SECONDS:
                        chunk = min(2 * chunk, 1 << 40)
                    elif seconds > 4 * CHUNK_SECONDS and chunk > 1:
                        chunk //= 2
                    if reporter is not None:
                        done = int((self.timestep - self.start).sum())
                        reporter(time.perf_counter() - t0, done / total, check=True)
                else:
                    break
        finally:
            # also after an error in a Python step or a second Ctrl-C: recordings, spikes,
            # queues and clocks go back to Python as far as the run got
            self._clocks_to_python()
            self.finish()

    def profile_schedule(self, schedule):
        """``schedule`` with compiled steps replaced by single-operation calls (profiling)."""
        lib, sim = self.lib, ctypes.byref(self.sim)
        out, k = [], 0
        for obj, clock, funcs in schedule:
            new = []
            for f in funcs:
                if k in self.python_steps:
                    new.append(f)
                else:
                    def step(k=k):
                        for i, c in enumerate(self.clocks):
                            self.timestep[i] = c.timestep
                        lib.bc_run_op(sim, k)
                    new.append(step)
                k += 1
            out.append((obj, clock, new))
        self._events_to_cpp()
        return out

    def finish(self):
        self.flush()
        self._events_to_python()
        for b in self.bufs:
            self.lib.bc_free_buffer(ctypes.byref(b))
        for co, q, args in self.queues:
            _queue_to_python(self.lib, q, co.queue)
            self.lib.bc_queue_free(q)
            args._queue = None
        self.queues = []


def _queue_to_cpp(lib, queue):
    """A C++ spike queue holding what the Python ``SpikeQueue`` holds (same slots, offset)."""
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
    slots = []
    ptr = ctypes.POINTER(ctypes.c_int32)()
    for k in range(len(queue._slots)):
        n = lib.bc_queue_slot(q, k, ctypes.byref(ptr))
        slots.append([np.ctypeslib.as_array(ptr, (n,)).astype(np.int64)] if n else [])
    queue._slots = slots
    queue._offset = int(lib.bc_queue_offset(q))


def _threads():
    from ..core.preferences import prefs

    return int(prefs["codegen.cpp.threads"] or 0)
