"""``run()``, ``store()``, ``restore()`` without an explicit Network: Brian's "magic" network.

The objects are those the caller can see by name (locals and globals), created
since the last ``start_scope()``; objects only reachable through containers are
not collected, as in Brian (use an explicit ``Network`` for those).
"""
import weakref

from ..errors import MagicError
from .base import BrianObject
from .network import Network, _with_contained

__all__ = ["MagicNetwork", "collect", "magic_network", "restore", "run", "stop", "store"]


def collect(level=0):
    """The Brian objects visible in the caller's namespace (``level`` frames further up).

    Parameters
    ----------
    level : int
        Frames above the caller to look in.

    Examples
    --------
    >>> G = NeuronGroup(1, 'v : 1', name='neurons')
    >>> sorted(obj.name for obj in collect())
    ['neurons']
    """
    from .names import scope_key
    from .namespace import user_frame

    frame = user_frame(level)
    try:
        seen, found = set(), []
        for value in list(frame.f_locals.values()) + list(frame.f_globals.values()):
            if (isinstance(value, BrianObject) and value.add_to_magic_network
                    and value._scope_key == scope_key() and id(value) not in seen):
                seen.add(id(value))
                found.append(value)
        return found
    finally:
        del frame


class MagicNetwork(Network):
    """The network ``run()`` uses; its objects are re-collected at every call.

    It holds its objects weakly, as Brian does, so objects the user dropped (``del``,
    ``start_scope()`` in a loop) are freed and their names reused. ``magic_network`` is
    its one instance.

    Examples
    --------
    >>> G = NeuronGroup(1, 'v : 1')
    >>> run(1*ms)
    >>> magic_network.t
    1. * msecond
    """

    def __init__(self):
        self._refs = []
        super().__init__(name="magicnetwork")

    @property
    def objects(self):
        return [o for o in (r() for r in self._refs) if o is not None]

    @objects.setter
    def objects(self, objs):
        self._refs = [weakref.ref(o) for o in objs]

    def _update(self, level):
        objs = collect(level)
        # contained objects count too: an operation added to a group after a run is new
        everything = {id(c): c for o in objs for c in _with_contained(o)}.values()
        known = [o for o in everything if o._network == self.id]
        new = [o for o in everything if o._network != self.id and o.invalidates_magic_network]
        if known and new:
            raise MagicError(
                "The magic network contains a mix of objects that have been run before and new "
                f"objects ({', '.join(sorted(o.name for o in new))}): brian_cg cannot tell whether "
                "to start a new simulation or continue the old one. Create an explicit Network, "
                "or call start_scope() before creating the new objects.")
        if not known:
            self.t_ = 0.0
        self.objects = list(objs)

    def _update_for_restore(self, level):
        # Restoring makes the collected objects this network's, new or not.
        self.objects = collect(level)
        for o in self.sorted_objects:
            o._network = self.id


magic_network = MagicNetwork()


def run(duration, report=None, report_period=None, namespace=None, profile=None, level=0):
    """Run every object visible where ``run`` is called, for ``duration`` (Brian's ``run``).

    The objects (groups, synapses, monitors, network operations) are collected from the
    caller's variables; time goes on from where the last run stopped.

    Parameters
    ----------
    duration : Quantity
        How long to simulate.
    report : None, 'text', 'stdout', 'stderr' or callable, optional
        Progress reports; a callable gets ``(elapsed, completed, start, duration)``.
    report_period : Quantity, optional
        Wall-clock time between reports (default 10 s).
    namespace : dict, optional
        Names used by the model's code (default: the caller's variables).
    profile : bool, optional
        Measure the time of each object (see ``profiling_summary``).
    level : int
        Frames above the caller to collect objects and names from.

    Examples
    --------
    >>> G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', method='exact')
    >>> G.v = 1
    >>> run(10*ms)
    >>> print(f"{G.v[0]:.4f}")
    0.3679
    >>> defaultclock.t
    10. * msecond
    """
    from ..units import second

    magic_network._update(level)
    return magic_network.run(duration, report=report, namespace=namespace, profile=profile,
                             report_period=10 * second if report_period is None else report_period,
                             level=level)


def store(name="default", filename=None, level=0):
    """Store the state of every object visible where ``store`` is called.

    Parameters
    ----------
    name : str
        Name of the stored state (several can be kept).
    filename : str, optional
        Also write the state to this file (readable by ``restore`` in another process).
    level : int
        Frames above the caller to collect objects from.

    Examples
    --------
    >>> G = NeuronGroup(1, 'dv/dt = 1/second : 1', method='euler')
    >>> store()
    >>> run(100*ms)
    >>> restore()
    >>> G.v[0], defaultclock.t
    (0.0, 0. * second)
    """
    magic_network._update(level)
    magic_network.store(name, filename)
    for o in magic_network.sorted_objects:
        o._network = magic_network.id


def restore(name="default", filename=None, restore_random_state=False, level=0):
    """Restore the state stored by ``store``: variables, synapses, monitors and the time.

    Parameters
    ----------
    name : str
        Name of the stored state.
    filename : str, optional
        Read the state from this file (written by ``store(name, filename)``).
    restore_random_state : bool
        Also restore the random number stream, so that the next run replays the same
        random numbers (by default, a restored run draws new ones, as in Brian).
    level : int
        Frames above the caller to collect objects from.

    Examples
    --------
    >>> G = NeuronGroup(1, 'dv/dt = 1/second : 1', method='euler')
    >>> store('start')
    >>> run(100*ms)
    >>> restore('start')
    >>> G.v[0]
    0.0
    """
    magic_network._update_for_restore(level)
    magic_network.restore(name, filename, restore_random_state=restore_random_state)


def stop():
    """End the run in progress after the current step (Brian's ``stop()``).

    Call it from a ``network_operation``.

    Examples
    --------
    >>> G = NeuronGroup(1, 'dv/dt = 1/(10*ms) : 1', method='euler')
    >>> @network_operation(dt=1*ms)
    ... def stop_when_large():
    ...     if G.v[0] > 0.5:
    ...         stop()
    >>> run(1*second)
    >>> defaultclock.t
    5.1 * msecond
    """
    if Network._running is not None:
        Network._running.stop()
