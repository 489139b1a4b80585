"""Network: a set of objects run together, in Brian's schedule, over one or more clocks."""
import contextlib
import itertools
import pickle
import signal
import sys
import threading
import time

import numpy as np

from ..errors import BrianObjectException, brian_object_exception
from ..runtime.python_loop import PythonLoop
from ..runtime.registry import loop_runner
from ..units import Quantity, fail_for_dimension_mismatch, second
from .base import BrianObject
from .names import unique_name
from .namespace import get_local_namespace

__all__ = ["Network", "default_schedule", "schedule_key"]

_network_ids = itertools.count(1)


def default_schedule():
    """The slots of a network without its own schedule (``prefs.core.network.default_schedule``)."""
    from .preferences import prefs

    return list(prefs["core.network.default_schedule"])


def _slot_index(when, schedule):
    """Position of a slot; ``before_X``/``after_X`` sit just before/after ``X``."""
    if when in schedule:
        return 3 * schedule.index(when) + 1
    prefix, _, base = when.partition("_")
    if prefix in ("before", "after") and base in schedule:
        return 3 * schedule.index(base) + (0 if prefix == "before" else 2)
    raise KeyError(f"The scheduling slot '{when}' is not in the schedule {schedule} (nor "
                   f"'before_'/'after_' one of its slots)")


def schedule_key(obj, schedule=None):
    """Brian's order within a time step: slot, then ``order``, then name."""
    return (_slot_index(obj.when, default_schedule() if schedule is None else schedule),
            obj.order, obj.name)


def _flatten(objs):
    for obj in objs:
        if isinstance(obj, BrianObject):
            yield obj
        elif isinstance(obj, dict):
            yield from _flatten(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            yield from _flatten(obj)
        else:
            raise TypeError(f"Can only add Brian objects (or containers of them) to a Network, "
                            f"not {type(obj).__name__}")


def _with_contained(obj):
    yield obj
    for c in obj.contained_objects:
        yield from _with_contained(c)


class Network:
    """A collection of objects simulated together.

    ``net.run(duration)`` runs them; ``add``/``remove`` change the collection;
    ``store``/``restore`` save and bring back their state; ``net.t`` is the time.

    Parameters
    ----------
    *objs : BrianObject or containers of them
        The objects (lists and tuples of objects are accepted).
    name : str
        Unique name.

    Examples
    --------
    >>> G = NeuronGroup(2, 'dv/dt = 1/(10*ms) : 1', threshold='v > 1', reset='v = 0',
    ...                 method='euler')
    >>> spikes = SpikeMonitor(G)
    >>> net = Network(G, spikes)
    >>> net.run(25*ms)
    >>> net.t, spikes.num_spikes
    (25. * msecond, 4)
    """

    _running = None

    def __init__(self, *objs, name="network*"):
        self.name = unique_name(name, self)
        self.id = next(_network_ids)
        self.objects = []
        self.t_ = 0.0
        self._stopped = False
        self._interrupted = False
        self._stored = {}
        self._profile = None  # name -> seconds of the last run with profile=True
        self._last_run_seconds = 0.0
        self._schedule = None
        self.add(*objs)

    @property
    def schedule(self):
        """The slots of a time step, in order (Brian's ``Network.schedule``); assigning
        ``None`` goes back to ``prefs.core.network.default_schedule``."""
        return default_schedule() if self._schedule is None else list(self._schedule)

    @schedule.setter
    def schedule(self, schedule):
        if schedule is None:
            self._schedule = None
            return
        if isinstance(schedule, str) or not all(isinstance(slot, str) for slot in schedule):
            raise TypeError("The schedule has to be None or a sequence of slot names")
        if any(slot.startswith(("before_", "after_")) for slot in schedule):
            raise ValueError("Slot names may not start with 'before_' or 'after_': such slots "
                             "exist automatically around every slot of the schedule")
        self._schedule = list(schedule)

    # ---------------------------------------------------------------- membership
    def add(self, *objs):
        current = self.objects
        for obj in _flatten(objs):
            if not any(o is obj for o in current):
                current.append(obj)
        self.objects = current

    def remove(self, *objs):
        for obj in _flatten(objs):
            if not any(o is obj for o in self.objects):  # Brian: KeyError
                raise KeyError(f"Object '{obj.name}' is not in network '{self.name}'")
            self.objects = [o for o in self.objects if o is not obj]

    def __getitem__(self, name):
        if not isinstance(name, str):
            raise TypeError(f"Objects of a network are accessed by name, not by "
                            f"{type(name).__name__}")
        for obj in self.sorted_objects:
            if obj.name == name:
                return obj
        raise KeyError(f"No object named '{name}' in network '{self.name}'")

    def __contains__(self, item):
        return any(o is item or o.name == item for o in self.sorted_objects)

    def __len__(self):
        return len(self.objects)

    @property
    def t(self):
        return Quantity.with_dimensions(self.t_, second.dim)

    @property
    def sorted_objects(self):
        """Every object, contained ones included, in schedule order (each once)."""
        seen, result = set(), []
        for obj in self.objects:
            for o in _with_contained(obj):
                if id(o) not in seen:
                    seen.add(id(o))
                    result.append(o)
        schedule = self.schedule
        return sorted(result, key=lambda o: schedule_key(o, schedule))

    def scheduling_summary(self):
        lines = [f"{'object':30s} {'when':12s} {'order':>5s} {'dt':>12s}"]
        for o in self.sorted_objects:
            lines.append(f"{o.name:30s} {o.when:12s} {o.order:5d} {o.clock.dt_:12.6g}")
        return "\n".join(lines)

    # ---------------------------------------------------------------- run
    def before_run(self, run_namespace):
        objs = self.sorted_objects
        names, shared = {}, []
        for o in objs:
            if o.name in names and names[o.name] is not o and o.name not in shared:
                shared.append(o.name)
            names[o.name] = o
        if shared:  # allowed at creation, refused in one network (Brian)
            raise ValueError(f"All objects in network '{self.name}' need unique names; used "
                             f"more than once: {', '.join(repr(n) for n in shared)}")
        # checks of a whole network that a kind of object defines (e.g. summed variables)
        for check in {type(o).check_network for o in objs if hasattr(type(o), "check_network")}:
            check(objs)
        for o in objs:
            if o.active:
                try:
                    o.before_run(run_namespace)
                except BrianObjectException:
                    raise
                except Exception as exc:
                    raise brian_object_exception(exc, o) from exc
        return objs

    def run(self, duration, report=None, report_period=10 * second, namespace=None,
            profile=None, level=0):
        """Simulate for ``duration``.

        Parameters
        ----------
        duration : Quantity
        report : None, 'text', 'stdout', 'stderr' or callable
            Progress reports; a callable is called as ``report(elapsed, completed, start,
            duration)`` (elapsed wall time as a Quantity in seconds, completed fraction).
        report_period : Quantity
            Wall time between reports.
        namespace : dict, optional
            Names for external constants; by default the caller's locals and globals.
        profile : bool
            Measure the time spent in each object (see ``profiling_summary``).
        """
        fail_for_dimension_mismatch(duration, second, "The duration of a run has to be a time")
        duration_ = float(np.asarray(duration))
        if duration_ < 0:
            raise ValueError(f"Cannot run for a negative duration ({duration_} s)")
        fail_for_dimension_mismatch(report_period, second, "report_period has to be a time")
        if namespace is None:
            namespace = get_local_namespace(level)
        t_start = self.t_
        t_end = t_start + duration_
        build_start = time.perf_counter()
        every = self.sorted_objects
        objs = [o for o in every if o.active]
        clocks = []
        for o in objs:
            if not any(c is o.clock for c in clocks):
                clocks.append(o.clock)
        # clocks first: before_run may depend on the time (SpikeGeneratorGroup), as in Brian
        for c in clocks:
            c._run_end = c.set_interval(t_start, t_end)
        self.before_run(namespace)
        for o in every:
            o._network = self.id
        schedule = [(o, o.clock, o.run_step_functions()) for o in objs]
        runner = loop_runner(schedule, clocks)  # the target's loop (compiled or Python)
        if profile:
            schedule = runner.profile_schedule(schedule)
        reporter = _make_reporter(report, float(np.asarray(report_period)), t_start, duration_)
        self._profile = {o.name: 0.0 for o in objs} if profile else None
        loop_start = time.perf_counter()
        self._build_seconds = loop_start - build_start
        if reporter:
            reporter(0.0, 0.0)
        self._stopped = False
        self._interrupted = False
        Network._running = self
        try:
            with _interrupt_stops(self):
                if profile:  # each object timed, from Python
                    PythonLoop(schedule, clocks).run(reporter, self._stop_requested,
                                                     self._profile)
                    runner.finish()
                else:
                    runner.run(reporter, self._stop_requested)
        except BaseException:
            if clocks:  # the time the loop got to: a next run continues from there
                self.t_ = min(c.t_ for c in clocks)
            raise
        finally:
            Network._running = None
        if (self._stopped or self._interrupted) and clocks:
            self.t_ = min(c.t_ for c in clocks)
        elif every:  # an empty network does not advance, as in Brian
            self.t_ = t_end
        for o in objs:
            o.after_run()
        self._last_run_seconds = time.perf_counter() - loop_start
        if self._interrupted:
            # state, clocks, time and recordings all stand at the end of the last step run
            raise KeyboardInterrupt(f"Network '{self.name}' interrupted at t = {self.t}")
        if reporter:
            reporter(self._last_run_seconds, 1.0)

    def stop(self):
        """End the current run after the step in progress (Brian's ``Network.stop``)."""
        self._stopped = True

    def _stop_requested(self):
        return self._stopped or self._interrupted

    # ---------------------------------------------------------------- states
    def get_states(self, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """Object name -> that object's ``get_states()``, for every object of the network
        that has state variables (groups, synapses, monitors), as Brian."""
        return {obj.name: obj.get_states(vars=None, units=units, format=format,
                                         subexpressions=subexpressions,
                                         read_only_variables=read_only_variables,
                                         level=level + 1)
                for obj in self.sorted_objects if hasattr(obj, "get_states")}

    def set_states(self, values, units=True, format="dict", level=0):
        """Set the variables of the network's objects from ``{object name: {variable:
        values}}`` (what ``get_states(read_only_variables=False)`` returns)."""
        for obj_name, obj_values in values.items():
            if obj_name not in self:
                raise KeyError(f"Network '{self.name}' does not include an object named "
                               f"'{obj_name}'.")
            self[obj_name].set_states(obj_values, units=units, format=format, level=level + 1)

    # ---------------------------------------------------------------- store/restore
    def _snapshot(self):
        from .. import rng as _random

        return {"t_": self.t_,
                # the network's time is the state: clocks are set from it at restore (a
                # clock may still show the time of an earlier simulation, e.g. after
                # start_scope(), until the next run)
                "clocks": {o.name: o.clock.dt_ for o in self.sorted_objects},
                "objects": {o.name: o._state_for_store() for o in self.sorted_objects},
                "random": _random.get_random_state()}

    def store(self, name="default", filename=None):
        """Keep the state of every object (and the time) under ``name``, in memory or a file."""
        snap = self._snapshot()
        if filename is None:
            self._stored[name] = snap
            return
        try:
            with open(filename, "rb") as f:
                everything = pickle.load(f)
        except FileNotFoundError:
            everything = {}
        everything[name] = snap
        with open(filename, "wb") as f:
            pickle.dump(everything, f, protocol=pickle.HIGHEST_PROTOCOL)

    def restore(self, name="default", filename=None, restore_random_state=False):
        """Put back a state kept by ``store``.

        Random numbers after a restore are new ones unless ``restore_random_state``.
        """
        from .. import rng as _random

        if filename is None:
            if name not in self._stored:
                raise KeyError(f"No state stored under the name '{name}' in network "
                               f"'{self.name}' (stored: {sorted(self._stored)})")
            snap = self._stored[name]
        else:
            with open(filename, "rb") as f:
                everything = pickle.load(f)
            if name not in everything:
                raise KeyError(f"No state named '{name}' in file '{filename}'")
            snap = everything[name]
        objs = {o.name: o for o in self.sorted_objects}
        missing = [n for n in snap["objects"] if n not in objs]
        if missing:
            raise KeyError(f"The stored state '{name}' has objects {missing} that are not in "
                           f"network '{self.name}'")
        for oname, state in snap["objects"].items():
            objs[oname]._restore_state(state)
        for oname, dt_ in snap["clocks"].items():
            clock = objs[oname].clock
            clock.dt = dt_ * second
            clock.timestep = clock.timestep_of(snap["t_"])
        self.t_ = snap["t_"]
        if restore_random_state:
            _random.set_random_state(snap["random"])
        else:
            _random.new_epoch()

    @property
    def profiling_info(self):
        """(name, time) of each object in the last profiled run, slowest first (Brian)."""
        return [(name, Quantity.with_dimensions(t, second.dim))
                for name, t in self.get_profiling_info()]

    def get_profiling_info(self):
        if self._profile is None:  # Brian: ValueError
            raise ValueError(f"No profiling information for network '{self.name}': run it "
                             f"with profile=True")
        return sorted(self._profile.items(), key=lambda kv: -kv[1])

    def __repr__(self):
        return f"<Network {self.name} at t={self.t_} s with {len(self.objects)} objects>"


@contextlib.contextmanager
def _interrupt_stops(net):
    """During a run, Ctrl-C (SIGINT) ends it after the step in progress, as ``stop()`` does,
    and ``run`` then raises ``KeyboardInterrupt``; a second Ctrl-C interrupts at once.
    Only where Python's own handler is installed (the main thread, no user handler)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return

    def handler(signum, frame):
        if net._interrupted:
            raise KeyboardInterrupt
        net._interrupted = True

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _fmt(seconds):
    return f"{seconds:.0f}s" if seconds >= 1 else "< 1s"


def _make_reporter(report, period, t_start, duration):
    """A function ``(elapsed, completed, check=False)`` printing Brian-style progress."""
    if report is None:
        return None
    if callable(report):
        def emit(elapsed, completed):
            report(elapsed * second, completed, t_start * second, duration * second)
    elif report in ("text", "stdout", "stderr"):
        stream = sys.stderr if report == "stderr" else sys.stdout

        def emit(elapsed, completed):
            if completed == 0.0:
                print(f"Starting simulation at t={Quantity.with_dimensions(t_start, second.dim)} "
                      f"for a duration of {Quantity.with_dimensions(duration, second.dim)}",
                      file=stream, flush=True)
                return
            done = Quantity.with_dimensions(completed * duration, second.dim)
            line = f"{done} ({100 * completed:.0f}%) simulated in {_fmt(elapsed)}"
            if completed < 1.0:
                left = elapsed / completed * (1 - completed) if completed > 0 else float("inf")
                line += f", estimated {_fmt(left)} remaining."
            print(line, file=stream, flush=True)
    else:
        raise ValueError(f"Unknown report '{report}': use None, 'text', 'stdout', 'stderr' or a "
                         f"callable")
    state = {"next": period}

    def reporter(elapsed, completed, check=False):
        if check:
            if elapsed < state["next"] or completed >= 1.0:
                return
            state["next"] = elapsed + period
        emit(elapsed, completed)

    reporter.period = period
    return reporter
