"""TimedArray: values sampled at a fixed dt, used as a function of time in any model string."""
import numpy as np

from ..core.names import unique_name
from ..errors import DimensionMismatchError
from ..units import DIMENSIONLESS, Quantity, fail_for_dimension_mismatch, get_dimensions, second

__all__ = ["TimedArray"]


def upsampling_factor(group_dt, dt):
    """Brian's K: the lookup rounds ``t`` to ``dt/K`` before truncating to a sample, so
    that times computed by multistep schemes (t + dt/2) never fall into the wrong sample."""
    return max(int(2 ** np.ceil(np.log2(8 / group_dt * dt))), 1)


class TimedArray:
    """Values in time, callable from model code: ``ta(t)`` (1-D values) or ``ta(t, i)``
    (2-D values, one column per element).

    Parameters
    ----------
    values : array or Quantity
        Shape ``(n_times,)`` or ``(n_times, n_elements)``.
    dt : Quantity
        Time between samples; sample ``k`` holds from ``k*dt`` to ``(k+1)*dt``. Before 0
        and after the end the first and last samples are used (Brian's semantics).
    name : str, optional
        Unique name, the function's name in generated code.

    Examples
    --------
    >>> stimulus = TimedArray([0, 1, 0]*nA, dt=10*ms)
    >>> stimulus(15*ms)
    1. * namp
    >>> G = NeuronGroup(1, 'I = stimulus(t) : amp')
    >>> run(12*ms)
    >>> G.I[0]
    1. * namp
    """

    def __init__(self, values, dt, name="timedarray*"):
        self.name = unique_name(name, self)
        self.dim = get_dimensions(values)
        self.values = np.asarray(values, dtype=np.float64)
        if self.values.ndim not in (1, 2):
            raise ValueError(f"TimedArray '{self.name}': values must be 1- or 2-dimensional, "
                             f"got shape {self.values.shape}")
        if self.values.shape[0] == 0:
            raise ValueError(f"TimedArray '{self.name}' has no values")
        fail_for_dimension_mismatch(dt, second, "The dt of a TimedArray must be a time")
        self.dt = float(np.asarray(dt))
        if self.dt <= 0:
            raise ValueError(f"TimedArray '{self.name}': dt must be positive")
        self.n_args = self.values.ndim

    # what the unit checker asks of a function
    def result_dimensions(self, arg_dims):
        if len(arg_dims) != self.n_args:
            raise TypeError(f"TimedArray '{self.name}' takes {self.n_args} argument(s) "
                            f"({'t' if self.n_args == 1 else 't, i'}), got {len(arg_dims)}")
        if arg_dims[0] is not second.dim:
            raise DimensionMismatchError(
                f"The first argument of TimedArray '{self.name}' must be a time", arg_dims[0])
        if self.n_args == 2 and arg_dims[1] is not DIMENSIONLESS:
            raise DimensionMismatchError(
                f"The second argument of TimedArray '{self.name}' must be an index",
                arg_dims[1])
        return self.dim

    def lookup_scale(self, group_dt):
        """(K, dt/K) of the lookup for a group with time step ``group_dt``: the sample of time
        t is ``int(round(t/(dt/K))/K)``, clipped to the ends (every target computes this)."""
        K = upsampling_factor(group_dt, self.dt)
        return K, self.dt / K

    def sampled_values(self, group_dt):
        """(values, K, dt/K) for a group with time step ``group_dt``: what every target's
        table lookup needs (see ``lookup_scale``)."""
        K, eps = self.lookup_scale(group_dt)
        return self.values, K, eps

    def lookup_indices(self, t, group_dt):
        """Sample index of each time ``t`` (seconds) for a group with time step ``group_dt``."""
        K, eps = self.lookup_scale(group_dt)
        return np.clip((np.round(np.asarray(t) / eps) / K).astype(np.int64), 0,
                       self.values.shape[0] - 1)

    def numpy_implementation(self, owner):
        """The unitless function the numpy target calls, for ``owner``'s clock."""
        group_dt = owner.clock.dt_
        values = self.values

        if self.n_args == 1:
            def timed_array(t):
                return values[self.lookup_indices(t, group_dt)]
        else:
            def timed_array(t, i):
                return values[self.lookup_indices(t, group_dt), np.asarray(i, dtype=np.int64)]
        return timed_array

    def __call__(self, t, i=None):
        from ..core.clock import defaultclock

        fail_for_dimension_mismatch(t, second, f"TimedArray '{self.name}' needs a time")
        idx = self.lookup_indices(np.asarray(t, dtype=float), defaultclock.dt_)
        result = self.values[idx] if self.n_args == 1 else self.values[idx, np.asarray(i)]
        return result if self.dim is DIMENSIONLESS else Quantity.with_dimensions(result,
                                                                                 self.dim)

    def __repr__(self):
        return (f"TimedArray(name={self.name!r}, shape={self.values.shape}, "
                f"dt={self.dt} s)")
