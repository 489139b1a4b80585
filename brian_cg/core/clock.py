"""Clocks: an integer time step and a dt; time is always ``timestep * dt``.

Counting in integers keeps long runs free of accumulated rounding, and gives the
random number generator an exact address (the step) on every target.
"""
import numpy as np

from ..units import Quantity, fail_for_dimension_mismatch, second
from .names import unique_name

__all__ = ["Clock", "EventClock", "defaultclock"]


class Clock:
    """A clock ticking every ``dt``.

    Objects given ``clock=`` (or ``dt=``, which makes one) run at its steps;
    ``defaultclock`` is the clock of every other object.

    Parameters
    ----------
    dt : Quantity
        The time step.
    name : str, optional
        Unique name (default ``'clock*'``).

    Examples
    --------
    >>> slow = Clock(dt=1*ms)
    >>> G = NeuronGroup(1, 'dv/dt = 1/second : 1', clock=slow, method='euler')
    >>> trace = StateMonitor(G, 'v', record=0)
    >>> run(3*ms)
    >>> trace.t[:]
    array([0., 1., 2.]) * msecond
    """

    def __init__(self, dt, name="clock*"):
        self.name = unique_name(name, self)
        self._dt = None
        self._run_dt = None  # the dt of the last run: a run with another dt checks the time
        self.timestep = 0
        self.dt = dt

    @property
    def dt(self):
        return Quantity.with_dimensions(self._dt, second.dim)

    @dt.setter
    def dt(self, value):
        fail_for_dimension_mismatch(value, second, "dt has to be specified in units of second")
        dt = float(np.asarray(value))
        if dt <= 0:
            raise ValueError(f"dt of clock '{self.name}' must be positive, got {dt} s")
        if self._dt is not None and dt != self._dt:
            # Keep the current time: the new step count is the old time in new steps.
            self.timestep = int(round(self.timestep * self._dt / dt))
        self._dt = dt

    @property
    def dt_(self):
        return self._dt

    @property
    def t_(self):
        return self.timestep * self._dt

    @property
    def t(self):
        return Quantity.with_dimensions(self.t_, second.dim)

    def timestep_of(self, t):
        """The step of time ``t`` (seconds) as Brian counts it: the nearest step when ``t`` is
        within 1e-4 dt of it, else the next one (a run never stops short of its end)."""
        x = t / self._dt
        nearest = round(x)
        return int(nearest) if abs(x - nearest) < 1e-4 else int(np.ceil(x))

    def set_interval(self, start, end):
        """Prepare a run from ``start`` to ``end`` (floats, seconds); returns the end step.

        After a change of dt the start has to be a multiple of the new dt (within 1e-4 dt),
        else ValueError, as in Brian: the simulation could not continue at its time."""
        if self._run_dt is not None and self._dt != self._run_dt:
            x = start / self._dt
            if abs(x - round(x)) > 1e-4:
                old, new = (Quantity.with_dimensions(v, second.dim) for v in (self._run_dt,
                                                                             self._dt))
                raise ValueError(f"Cannot set dt of clock '{self.name}' from {old} to {new}: "
                                 f"the time {Quantity.with_dimensions(start, second.dim)} is "
                                 f"not a multiple of {new}.")
        self._run_dt = self._dt
        self.timestep = self.timestep_of(start)
        return self.timestep_of(end)

    def __repr__(self):
        return f"Clock(dt={self.dt!r}, name={self.name!r})"


class EventClock:
    """A clock that ticks at given times (Brian's ``EventClock``), e.g. for ``run_at``.

    ``timestep`` counts the times already passed; ``t`` is the current one. In a
    network with other clocks, objects on an ``EventClock`` run at its times, together
    with the objects of the other clocks due at the same time (in schedule order).

    Parameters
    ----------
    times : Quantity
        Distinct times (sorted here).
    name : str, optional
        Unique name.

    Examples
    --------
    >>> ticks = EventClock([1, 3, 4]*ms)
    >>> seen = []
    >>> op = NetworkOperation(seen.append, clock=ticks)
    >>> run(5*ms)
    >>> seen
    [1. * msecond, 3. * msecond, 4. * msecond]
    """

    #: Times closer than this (seconds) are the same time. The loops compare clocks with
    #: ``1e-3 * dt_``; an event clock has no step, ``dt_`` only sets this tolerance.
    epsilon = 1e-12

    def __init__(self, times, name="eventclock*"):
        times = Quantity(times)
        fail_for_dimension_mismatch(times, second, "'times' must have dimensions of time")
        values = np.atleast_1d(np.asarray(times, dtype=float)).ravel()
        if len(np.unique(values)) != len(values):
            raise ValueError("The times provided to EventClock must not contain duplicates.")
        self.name = unique_name(name, self)
        self.times_ = np.append(np.sort(values), np.inf)
        self.timestep = 0

    @property
    def times(self):
        return Quantity.with_dimensions(self.times_[:-1].copy(), second.dim)

    @property
    def dt_(self):
        return self.epsilon * 1e3

    @property
    def dt(self):
        return Quantity.with_dimensions(self.dt_, second.dim)

    @dt.setter
    def dt(self, value):
        pass  # an event clock has no step (Network.restore sets every clock's dt)

    @property
    def t_(self):
        return float(self.times_[self.timestep])

    @property
    def t(self):
        return Quantity.with_dimensions(self.t_, second.dim)

    def __getitem__(self, timestep):
        return Quantity.with_dimensions(self.times_[timestep], second.dim)

    def timestep_of(self, t):
        """The number of this clock's times before ``t`` (seconds): a time equal to ``t``
        (within ``epsilon``) belongs to a run starting at ``t``."""
        return int(np.searchsorted(self.times_, t - self.epsilon))

    def set_interval(self, start, end):
        """Prepare a run from ``start`` to ``end`` (seconds): the times in [start, end)."""
        self.timestep = self.timestep_of(start)
        return self.timestep_of(end)

    def __repr__(self):
        return f"EventClock(times={self.times!r}, name={self.name!r})"


class DefaultClockProxy:
    """``defaultclock``: the clock used by objects that are given no ``dt`` or ``clock``.

    A proxy so that ``defaultclock.dt = 0.05*ms`` changes the clock that objects
    created afterwards (and ``start_scope``) use, as in Brian.
    """

    def __init__(self):
        object.__setattr__(self, "_clock", None)

    @property
    def clock(self):
        if self._clock is None:
            object.__setattr__(self, "_clock", Clock(dt=0.1e-3 * second, name="defaultclock"))
        return self._clock

    def __getattr__(self, name):
        return getattr(self.clock, name)

    def __setattr__(self, name, value):
        setattr(self.clock, name, value)

    def reset(self):
        """Back to t = 0 (used by ``start_scope``); dt is kept, as in Brian."""
        self.clock.timestep = 0

    def __repr__(self):
        return f"defaultclock (dt={self.clock.dt!r})"


defaultclock = DefaultClockProxy()
