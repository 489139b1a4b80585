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
import zlib

import numpy as np

from .philox import normal, normal_block, object_id, philox4x32, uniform, uniform_block

__all__ = [
    "code_stream_base",
    "get_random_state",
    "get_seed",
    "normal",
    "normal_block",
    "object_id",
    "object_number",
    "seed",
    "set_random_state",
    "stream_base",
    "uniform",
    "uniform_block",
]

_state = {"seed": int.from_bytes(os.urandom(4), "little"), "epoch": 0, "first_object": 0,
          "user_code": 0}
_EPOCH_STRIDE = 0x9E3779B1  # odd: epochs map to distinct keys for every seed


def seed(seed=None):
    """Set the seed of brian_cg's generator and of numpy's global generator.

    After ``seed(n)``, the same script draws the same random numbers on every target
    (see the reproducibility guide).

    Parameters
    ----------
    seed : int or None
        ``None`` picks a fresh random seed.

    Examples
    --------
    >>> seed(42)
    >>> G = NeuronGroup(3, 'v : 1')
    >>> G.v = 'rand()'
    >>> first = G.v[:]
    >>> seed(42)
    >>> H = NeuronGroup(3, 'v : 1')
    >>> H.v = 'rand()'
    >>> array_equal(first, H.v[:])
    True
    """
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    seed = int(seed)
    if seed < 0:
        raise ValueError(f"The seed must be a non-negative integer, got {seed}")
    _state["seed"] = seed
    _state["epoch"] = 0
    from ..core.names import objects_created

    _state["first_object"] = objects_created()
    _state["user_code"] = 0
    np.random.seed(seed % 2**32)


def next_user_code_number():
    """Numbers code run at the user's request (``G.v = 'rand()'``) since the last ``seed()``:
    each gets its own stream, and ``seed(n)`` followed by the same assignments repeats them
    (as Brian's sequential generator does)."""
    _state["user_code"] += 1
    return _state["user_code"] - 1


def object_number(creation_index):
    """The key word of an object: its creation order counted from the last ``seed()``.

    Counting from ``seed()`` makes ``seed(n)`` followed by the same model code give the
    same numbers, even within one process where names get ``_1`` suffixes; objects made
    before the ``seed()`` call get numbers from the top of the range, so they never share
    a key with later ones.
    """
    return (creation_index - _state["first_object"]) % 2**32


def stream_base(code_name):
    """The first of the 65,536 streams of one piece of code: crc32 of its name in the upper
    16 bits (call site k of the code draws from stream ``stream_base + k``)."""
    return (zlib.crc32(code_name.encode()) & 0xFFFF) << 16


def code_stream_base(code_name, owner_name):
    """``stream_base`` of a code object named ``<owner>_<operation>``: named by the operation
    within its object, not by the object's name, so that a re-created model (``name_1``)
    after the same ``seed()`` draws the same numbers."""
    prefix = owner_name + "_"
    return stream_base(code_name[len(prefix):] if code_name.startswith(prefix) else code_name)


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


def uniform_pairs(seed, object_id, stream, rows, cols):
    """Uniform numbers addressed by pairs: counter = (col, row lo, row hi, stream).

    Used where numbers belong to a pair of elements rather than to a time step
    (``connect(p=...)``: row = presynaptic, col = postsynaptic index), so they do not
    depend on how the pairs are enumerated or chunked.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    x0, x1, _, _ = philox4x32(cols, rows & 0xFFFFFFFF, rows >> 32, stream, seed, object_id)
    return ((x0 >> np.uint32(5)).astype(np.float64) * 67108864.0
            + (x1 >> np.uint32(6)).astype(np.float64)) / 9007199254740992.0


def normal_pairs(seed, object_id, stream, rows, cols):
    """Standard normal numbers addressed like ``uniform_pairs`` (Box-Muller, cosine half)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    x0, x1, x2, x3 = philox4x32(cols, rows & 0xFFFFFFFF, rows >> 32, stream, seed, object_id)
    k1 = (x0 >> np.uint32(5)).astype(np.uint64) * np.uint64(67108864) + (x1 >> np.uint32(6))
    k2 = (x2 >> np.uint32(5)).astype(np.uint64) * np.uint64(67108864) + (x3 >> np.uint32(6))
    r = np.sqrt(-2.0 * np.log((np.uint64(1 << 53) - k1) / 9007199254740992.0))
    return r * np.cos(k2 * (6.283185307179586 / 9007199254740992.0))
