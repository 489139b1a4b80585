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
    """The Brian objects visible in the caller's namespace (``level`` frames further up)."""
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
    ``start_scope()`` in a loop) are freed and their names reused.
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
    """Run every object visible where ``run`` is called, for ``duration`` (Brian's ``run``)."""
    from ..units import second

    magic_network._update(level)
    return magic_network.run(duration, report=report, namespace=namespace, profile=profile,
                             report_period=10 * second if report_period is None else report_period,
                             level=level)


def store(name="default", filename=None, level=0):
    """Store the state of every object visible where ``store`` is called."""
    magic_network._update(level)
    magic_network.store(name, filename)
    for o in magic_network.sorted_objects:
        o._network = magic_network.id


def restore(name="default", filename=None, restore_random_state=False, level=0):
    """Restore the state stored by ``store``."""
    magic_network._update_for_restore(level)
    magic_network.restore(name, filename, restore_random_state=restore_random_state)


def stop():
    """End the run in progress after the current step (Brian's ``stop()``)."""
    if Network._running is not None:
        Network._running.stop()
