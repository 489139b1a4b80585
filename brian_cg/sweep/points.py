"""The points of a sweep: each one's parameters, seed and place in the sweep.

Seeds are explicit so that a sweep gives the same results on any number of workers,
on Dask, or run again: a point's seed is its ``seed`` parameter when it has one, else
one derived from its index and the sweep's base seed (numpy's ``SeedSequence``, so that
neighbouring indices give unrelated streams).
"""
import inspect
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .encoding import point_key
from .grid import Grid

__all__ = ["Point", "check_signature", "make_points"]


@dataclass(frozen=True)
class Point:
    """One point: ``index`` in the sweep, ``params`` (passed as ``fn(**params)``), ``seed``
    (given to brian_cg's ``seed()`` before ``fn`` runs) and ``key`` (names its stored result)."""

    index: int
    params: dict
    seed: int
    key: str


def derived_seed(base_seed, index):
    """The seed of point ``index`` of a sweep without a ``seed`` parameter (a 32-bit int)."""
    return int(np.random.SeedSequence(entropy=base_seed, spawn_key=(index,)).generate_state(1)[0])


def _explicit_seed(value, index):
    try:
        seed = int(value)
    except (TypeError, ValueError):
        seed = None
    if seed is None or seed != value or seed < 0:
        raise ValueError(f"The 'seed' parameter of point {index} must be a non-negative "
                         f"integer, got {value!r}")
    return seed


def make_points(params, base_seed=0):
    """``params`` (a list of dicts, or a `Grid`) as a list of `Point`."""
    if isinstance(params, Mapping):
        raise TypeError("params must be a list of dicts or a grid, got a dict; for every "
                        "combination of its values use brian_cg.sweep.grid(**params)")
    if isinstance(params, (str, bytes)) or not hasattr(params, "__iter__"):
        raise TypeError(f"params must be a list of dicts or a grid, got {params!r}")
    if isinstance(base_seed, bool) or not isinstance(base_seed, (int, np.integer)) \
            or base_seed < 0:
        raise ValueError(f"The sweep's seed must be a non-negative integer, got {base_seed!r}")
    points = []
    for index, p in enumerate(params):
        if not isinstance(p, Mapping):
            raise TypeError(f"Point {index} of params is not a dict: {p!r}")
        bad = [k for k in p if not isinstance(k, str)]
        if bad:
            raise TypeError(f"The parameter names of point {index} must be strings, got {bad[0]!r}")
        p = dict(p)
        seed = (_explicit_seed(p["seed"], index) if "seed" in p
                else derived_seed(int(base_seed), index))
        points.append(Point(index, p, seed, point_key(p, seed)))
    return points


def grid_of(params):
    """The `Grid` the points come from, or None."""
    return params if isinstance(params, Grid) else None


def check_signature(fn, points):
    """Raise TypeError, before anything runs, when ``fn`` cannot take a point's parameters."""
    if not callable(fn):
        raise TypeError(f"fn must be a callable, got {fn!r}")
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return
    seen = set()
    for point in points:
        names = tuple(sorted(point.params))
        if names in seen:
            continue
        seen.add(names)
        try:
            signature.bind(**point.params)
        except TypeError as exc:
            raise TypeError(f"{_name(fn)}{signature} cannot be called with the parameters of "
                            f"point {point.index} ({', '.join(names) or 'none'}): {exc}") from None


def _name(fn):
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)
