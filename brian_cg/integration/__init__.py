"""Numerical integration of the model's differential equations.

``integrate(diff_eqs, method=None, group_name='') -> (statements, method_name)``
turns the right-hand sides ``{var: sympy expr}`` into the statements of one time
step.  Methods: ``exact`` (alias ``linear``), ``euler``, ``rk2``, ``rk4``,
``heun``, ``milstein``, ``exponential_euler``, ``independent``, or any description string /
`ExplicitStateUpdater`.
"""
from .base import DEFAULT_METHODS, StateUpdateMethod, get_method, method_names, register_method
from .choice import integrate
from .exact import LinearStateUpdater, exact, linear
from .explicit import ExplicitStateUpdater, euler, heun, milstein, rk2, rk4
from .exponential_euler import ExponentialEulerStateUpdater, exponential_euler
from .independent import IndependentStateUpdater, independent

__all__ = [
                   "DEFAULT_METHODS",
                   "ExplicitStateUpdater",
                   "ExponentialEulerStateUpdater",
                   "IndependentStateUpdater",
                   "LinearStateUpdater",
                   "StateUpdateMethod",
                   "euler",
                   "exact",
                   "exponential_euler",
                   "get_method",
                   "heun",
                   "independent",
                   "integrate",
                   "linear",
                   "method_names",
                   "milstein",
                   "register_method",
                   "rk2",
                   "rk4",
]
