"""brian_cg's random numbers: one counter-based generator (Philox4x32-10) for every target.

A number is addressed by ``(seed, object, stream, time step, index)`` (see
``philox.py`` for the exact definition), so the same script draws the same
numbers on every target, in any order of evaluation and thread count.

``seed(n)`` fixes the seed (and numpy's global generator, which some user code
uses). Without a call to ``seed``, every process starts from a fresh random seed,
as in Brian. ``restore()`` of a stored network moves to a new "epoch" (a different
key) unless asked to restore the random state, so a restored run draws new
numbers as Brian's generators would.
"""
import os

import numpy as np

from .philox import (normal, normal_block, object_id, philox4x32, uniform,  # noqa: F401
                     uniform_block)

__all__ = ["seed", "get_seed", "object_number", "get_random_state", "set_random_state",
           "uniform", "normal", "uniform_block", "normal_block", "object_id"]

_state = {"seed": int.from_bytes(os.urandom(4), "little"), "epoch": 0, "first_object": 0}
_EPOCH_STRIDE = 0x9E3779B1  # odd: epochs map to distinct keys for every seed


def seed(seed=None):
    """Set the seed of brian_cg's generator and of numpy's global generator.

    Parameters
    ----------
    seed : int or None
        ``None`` picks a fresh random seed.
    """
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    seed = int(seed)
    if seed < 0:
        raise ValueError(f"The seed must be a non-negative integer, got {seed}")
    _state["seed"] = seed
    _state["epoch"] = 0
    from ..core.base import objects_created

    _state["first_object"] = objects_created()
    np.random.seed(seed % 2**32)


def object_number(creation_index):
    """The key word of an object: its creation order counted from the last ``seed()``.

    Counting from ``seed()`` makes ``seed(n)`` followed by the same model code give the
    same numbers, even within one process where names get ``_1`` suffixes; objects made
    before the ``seed()`` call get numbers from the top of the range, so they never share
    a key with later ones.
    """
    return (creation_index - _state["first_object"]) % 2**32


def get_seed():
    """The 32-bit key word derived from the seed and the current epoch."""
    return (_state["seed"] + _state["epoch"] * _EPOCH_STRIDE) % 2**32


def new_epoch():
    """Move to fresh random numbers (used by ``restore`` without ``restore_random_state``)."""
    _state["epoch"] += 1


def get_random_state():
    return dict(_state), np.random.get_state()


def set_random_state(state):
    own, np_state = state
    _state.update(own)
    np.random.set_state(np_state)
