"""What a group exposes to code: arrays, constants, subexpressions, and the clock.

Values are stored without units (SI floats); ``dim`` carries the dimension.
"""
import numpy as np

__all__ = [
    "ArrayVariable",
    "ArrayView",
    "ClockVariable",
    "ConstantVariable",
    "DynamicArrayVariable",
    "SubexpressionVariable",
    "Variable",
]


class Variable:
    """Base: a named quantity with a dimension and a dtype, owned by a group."""

    is_array = False
    is_subexpression = False
    #: ``check_values(values)`` raises for values the variable must not take (a negative
    #: delay); called on every assignment from Python (numbers or strings)
    check_values = None

    def __init__(self, name, dim, dtype=np.float64, owner=None, read_only=False,
                 constant=False, scalar=False, var_type="float", index=None):
        self.name = name
        # Name of the owner's index variable that maps the owner's elements to this array
        # (e.g. '_synaptic_post' for a synapse's view of a postsynaptic variable); None:
        # the array is indexed by the owner's own element index.
        self.index = index
        # Variable whose truth allows writes (Brian's conditional write: the
        # 'not_refractory' of an '(unless refractory)' variable); None: always writable
        self.conditional_write = None
        self.dim = dim
        self.dtype = np.dtype(dtype)
        self.owner = owner
        self.read_only = read_only
        self.constant = constant
        self.scalar = scalar
        self.var_type = var_type

    def __repr__(self):
        return f"<{type(self).__name__} {self.name} of {getattr(self.owner, 'name', None)}>"


class ArrayVariable(Variable):
    """A fixed-size array (one value per neuron, or one value when ``scalar``)."""

    is_array = True

    def __init__(self, name, dim, size, dtype=np.float64, init=0, **kwds):
        super().__init__(name, dim, dtype=dtype, **kwds)
        self.array = np.full(1 if self.scalar else size, init, dtype=self.dtype)

    @property
    def size(self):
        return self.array.shape[0]

    def get_value(self):
        return self.array


class DynamicArrayVariable(ArrayVariable):
    """An array whose length changes between runs (synapses) or during them (monitors)."""

    def __init__(self, name, dim, dtype=np.float64, ndim=1, **kwds):
        Variable.__init__(self, name, dim, dtype=dtype, **kwds)
        self.array = np.zeros((0,) * ndim, dtype=self.dtype)

    def resize(self, new_size):
        old = self.array
        shape = (new_size,) + old.shape[1:] if old.ndim > 1 else (new_size,)
        arr = np.zeros(shape, dtype=self.dtype)
        n = min(new_size, old.shape[0])
        arr[:n] = old[:n]
        self.array = arr


class ArrayView(ArrayVariable):
    """Another object's array seen through an index (``v_post`` in a Synapses object).

    The array is looked up on the viewed variable every time, so resizing it (synapses
    being created) is seen immediately.
    """

    def __init__(self, name, viewed, index=None, owner=None, read_only=None):
        Variable.__init__(self, name, viewed.dim, dtype=viewed.dtype, owner=owner,
                          read_only=viewed.read_only if read_only is None else read_only,
                          constant=viewed.constant, scalar=viewed.scalar,
                          var_type=viewed.var_type, index=None if viewed.scalar else index)
        self.viewed = viewed

    @property
    def array(self):
        return self.viewed.array


class ConstantVariable(Variable):
    """A value fixed for the object's lifetime, e.g. ``N``."""

    def __init__(self, name, dim, value, dtype=None, **kwds):
        dtype = dtype if dtype is not None else np.asarray(value).dtype
        super().__init__(name, dim, dtype=dtype, read_only=True, constant=True, scalar=True, **kwds)
        self.value = value

    def get_value(self):
        return self.value


class SubexpressionVariable(Variable):
    """A named expression of other variables, evaluated where it is used."""

    is_subexpression = True

    def __init__(self, name, dim, expr, code, dtype=np.float64, **kwds):
        super().__init__(name, dim, dtype=dtype, read_only=True, **kwds)
        self.expr = expr   # sympy
        self.code = code   # the user's text, for messages


class ClockVariable(Variable):
    """``t``, ``dt`` or ``t_in_timesteps`` of the owner's clock, read when code runs."""

    def __init__(self, name, dim, clock_attr, dtype=np.float64, **kwds):
        super().__init__(name, dim, dtype=dtype, read_only=True, scalar=True, **kwds)
        self.clock_attr = clock_attr
