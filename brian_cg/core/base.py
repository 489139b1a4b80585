"""The base of everything a Network runs: names, scheduling slot, clock, scope."""
import os
import re
import sys
import weakref

from ..rng import object_number
from . import names

__all__ = ["SCHEDULE_SLOTS", "BrianObject", "start_scope"]

#: Brian's default order of the slots inside one time step.
SCHEDULE_SLOTS = ("start", "groups", "thresholds", "synapses", "resets", "end")

_all_objects = weakref.WeakSet()


def objects_created():
    """How many Brian objects were created so far in this process."""
    return names.objects_created()


def start_scope():
    """Forget all objects created so far for the purpose of ``run()``, and reset ``defaultclock``.

    Objects created before the call are not collected by the next module-level ``run()``
    (which then starts again at t = 0, as in Brian). Call it at the start of each
    independent simulation in a script, a loop or a notebook.

    Examples
    --------
    >>> G = NeuronGroup(1, 'v : 1')
    >>> run(5*ms)
    >>> start_scope()
    >>> H = NeuronGroup(1, 'v : 1')
    >>> run(1*ms)
    >>> defaultclock.t
    1. * msecond
    """
    names.new_scope()


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _creation_line():
    """Where the user's code created an object: the innermost frame outside brian_cg."""
    frame = sys._getframe(2)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(
            _PACKAGE_DIR):
        frame = frame.f_back
    if frame is None:
        return ""
    import linecache

    code = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
    return (f"  File '{frame.f_code.co_filename}', line {frame.f_lineno}, in "
            f"{frame.f_code.co_name}\n    {code}")


class BrianObject:
    """An object with a unique name that may run code each step of a clock: the base of
    groups, synapses, monitors and network operations.

    Subclasses override ``before_run(run_namespace)``, ``run_step_functions()``
    (callables run each of their clock's steps) and ``after_run()``.

    Parameters
    ----------
    name : str
        Unique name; a trailing ``*`` is replaced by a number that makes it unique.
    when : str
        Scheduling slot.
    order : int
        Order within the slot.
    dt, clock : optional
        The object's time step or clock (default: ``defaultclock``).

    Examples
    --------
    >>> G = NeuronGroup(1, 'v : 1', name='cells')
    >>> isinstance(G, BrianObject), G.name, G.when, G.clock.dt
    (True, 'cells', 'groups', 100. * usecond)
    """

    add_to_magic_network = True
    invalidates_magic_network = True
    #: Brian warns when such an object is deleted without ever having been in a network
    #: run (objects that belong to a group, monitors and subgroups excepted)
    warn_if_unused = True

    def __init__(self, name="brianobject*", when="start", order=0, dt=None, clock=None):
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*\*?$", name):
            raise ValueError(f"Invalid object name '{name}': use letters, digits and underscores")
        if not isinstance(when, str):  # other slots than Brian's need a Network.schedule
            raise TypeError(f"The 'when' argument has to be the name of a scheduling slot "
                            f"(e.g. one of {SCHEDULE_SLOTS}), not {when!r}")
        self.name = names.unique_name(name, self)
        self.when = when
        self.order = order
        self._creation_index = names.next_creation_index()

        # fixed now: re-seeding later does not change this object's random numbers
        self._random_number = object_number(self._creation_index)
        self._scope_key = names.scope_key()
        self.active = True
        self._network = None  # id of the Network that ran it last
        self.contained_objects = []
        if dt is not None and clock is not None:
            raise ValueError("Specify either 'dt' or 'clock', not both.")
        self._given_clock = clock
        self._given_dt = dt
        self._clock = None
        self._creation_line = _creation_line()
        _all_objects.add(self)

    def __del__(self):
        # Brian's warning for objects never included in a network; never raise from here
        try:
            if (self.warn_if_unused and self.__dict__.get("_network", "unknown") is None
                    and getattr(self, "group", None) is None):
                from .preferences import prefs

                if prefs["logging.warn_for_unused_objects"]:
                    from .logger import get_logger

                    get_logger("brian_cg.core.base").warning(
                        f"The object '{self.name}' is getting deleted, but was never included "
                        f"in a network. This probably means that you did not store the object "
                        f"reference in a variable, or that the variable was not used to "
                        f"construct the network.\nThe object was created here (most recent "
                        f"call only):\n{self._creation_line}")
        except Exception:  # noqa: BLE001 - e.g. at interpreter exit
            pass

    @property
    def clock(self):
        if self._clock is None:
            from .clock import Clock, defaultclock  # clocks are built lazily

            if self._given_clock is not None:
                self._clock = self._given_clock
            elif self._given_dt is not None:
                self._clock = Clock(self._given_dt, name=self.name + "_clock*")
            else:
                return defaultclock.clock
        return self._clock

    def before_run(self, run_namespace):
        """Resolve names, check, and build code; called by Network.run before the loop."""

    def run_step_functions(self):
        """Callables to run once per step of this object's clock, in order."""
        return []

    def after_run(self):
        """Called once after the loop."""

    def __getstate__(self):
        """Pickled without its generated code (functions made at run time, bound to this
        process): that is made again at the next run, in this or another process."""
        state = self.__dict__.copy()
        for key, value in state.items():
            if getattr(value, "generated_code", False):
                state[key] = None
        return state

    def _state_for_store(self):
        """A dict of copies of everything that ``Network.restore`` must put back."""
        return {}

    def _restore_state(self, state):
        pass

    def __repr__(self):
        return f"{type(self).__name__}(name={self.name!r})"
