"""``grid(tau=[...], seed=range(10))``: every combination of some parameter values.

A grid is a sequence of points (dicts), the last axis varying fastest, as nested
``for`` loops in the order the axes are given. It keeps its axes and shape, so sweep
results can be laid out on them (``to_numpy()`` returns an array of the grid's shape,
``to_xarray()`` a Dataset with one dimension per axis).
"""
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["Grid", "grid"]


def _axis_values(name, values):
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__") \
            or getattr(values, "ndim", 1) == 0:
        raise TypeError(f"The values of the grid axis '{name}' must be a sequence (a list, a "
                        f"range, an array), got {values!r}; for a fixed value, use a "
                        f"one-element list [{values!r}]")
    values = list(values)
    if not values:
        raise ValueError(f"The grid axis '{name}' has no values")
    return values


class Grid(Sequence):
    """The points of a parameter grid: ``Grid(axes)`` with ``axes`` a mapping name -> values.

    ``len(g)`` is the number of points, ``g[k]`` the k-th point as a dict, ``g.shape``
    the number of values along each axis and ``g.axes`` the axes (name -> list).
    """

    def __init__(self, axes):
        if not isinstance(axes, Mapping) or not axes:
            raise ValueError("A grid needs at least one axis: grid(tau=[...], seed=range(10))")
        for name in axes:
            if not isinstance(name, str):
                raise TypeError(f"Grid axis names must be strings, got {name!r}")
        self.axes = {name: _axis_values(name, values) for name, values in axes.items()}
        self.shape = tuple(len(v) for v in self.axes.values())

    @property
    def names(self):
        """The axis names, in order."""
        return tuple(self.axes)

    def __len__(self):
        return int(np.prod(self.shape))

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        n = len(self)
        if not -n <= k < n:
            raise IndexError(f"grid point {k} out of range (the grid has {n} points)")
        position = np.unravel_index(k % n, self.shape)
        return {name: values[j] for (name, values), j in zip(self.axes.items(), position)}

    def __repr__(self):
        axes = ", ".join(f"{name}=<{len(v)} values>" for name, v in self.axes.items())
        return f"grid({axes})"


def grid(axes=None, /, **more):
    """All combinations of the given parameter values, as a `Grid` of points.

    Parameters
    ----------
    axes : mapping, optional
        Axis name -> values, for names that are not Python identifiers.
    **more
        Axis name -> values (a list, range, array or Quantity array).

    Examples
    --------
    >>> g = grid(tau=[5, 10, 20], seed=range(2))
    >>> len(g), g.shape, g[1]
    (6, (3, 2), {'tau': 5, 'seed': 1})
    """
    merged = dict(axes or {})
    for name in more:
        if name in merged:
            raise TypeError(f"The grid axis '{name}' is given twice")
    merged.update(more)
    return Grid(merged)
