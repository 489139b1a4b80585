"""``network_operation``: a Python function run at every step of its clock during a run."""
import inspect

from .base import BrianObject

__all__ = ["NetworkOperation", "network_operation"]


class NetworkOperation(BrianObject):
    """Calls ``function()`` or ``function(t)`` each step of its clock, in its slot.

    Usually made with the ``network_operation`` decorator.

    Parameters
    ----------
    function : callable
        Called with no argument, or with the current time ``t``.
    dt, clock : optional
        How often it runs (default: every step of ``defaultclock``).
    when : str
        Scheduling slot (default ``'start'``).
    order : int
        Order within the slot.
    name : str
        Unique name.

    Examples
    --------
    >>> calls = []
    >>> op = NetworkOperation(calls.append, dt=2*ms)
    >>> net = Network(op)
    >>> net.run(5*ms)
    >>> calls
    [0. * second, 2. * msecond, 4. * msecond]
    """

    add_to_magic_network = True

    def __init__(self, function, dt=None, clock=None, when="start", order=0,
                 name="networkoperation*"):
        super().__init__(name=name, when=when, order=order, dt=dt, clock=clock)
        self.function = function
        try:
            params = inspect.signature(function).parameters
        except (TypeError, ValueError):
            params = {}
        required = [p for p in params.values()
                    if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                           p.POSITIONAL_OR_KEYWORD)]
        if len(required) > 1:
            raise TypeError(f"A network_operation takes no argument or the time 't', but "
                            f"'{getattr(function, '__name__', function)}' needs {len(required)}")
        self._pass_t = len(required) == 1

    def run_step_functions(self):
        if self._pass_t:
            clock, function = self.clock, self.function
            return [lambda: function(clock.t)]
        return [self.function]

    def __call__(self, *args, **kwds):
        return self.function(*args, **kwds)


def network_operation(*args, **kwds):
    """Decorator making a function a ``NetworkOperation`` (with or without arguments).

    Parameters
    ----------
    *args, **kwds
        The function, or the ``NetworkOperation`` arguments (``dt``, ``clock``, ``when``,
        ``order``, ``name``) when used as ``@network_operation(dt=...)``.

    Examples
    --------
    >>> G = NeuronGroup(1, 'v : 1')
    >>> @network_operation(dt=1*ms)
    ... def kick(t):
    ...     G.v += 1
    >>> run(3*ms)
    >>> G.v[0]
    3.0
    """
    if len(args) == 1 and callable(args[0]) and not kwds:
        return NetworkOperation(args[0])

    def decorate(function):
        return NetworkOperation(function, *args, **kwds)

    return decorate
