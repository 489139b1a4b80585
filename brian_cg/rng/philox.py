"""Philox4x32-10 counter-based random numbers in numpy.

This module is the single definition of brian_cg's random numbers; the C
version in ``brian_cg/templates/common/philox.h`` must give the same bits.

Definition
----------
Generator
    Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as
    easy as 1, 2, 3", SC'11; Random123 ``philox4x32_10``).  Round function on
    the counter words ``(c0, c1, c2, c3)`` and key ``(k0, k1)``::

        hi0:lo0 = 0xD2511F53 * c0        (full 64-bit product)
        hi1:lo1 = 0xCD9E8D57 * c2
        (c0, c1, c2, c3) <- (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)

    10 rounds; between rounds the key is bumped by the Weyl constants,
    ``k0 += 0x9E3779B9``, ``k1 += 0xBB67AE85`` (mod 2**32).  The output is the
    four counter words ``(x0, x1, x2, x3)`` after the 10th round.
Address
    ``key = (seed mod 2**32, object_id)`` and
    ``counter = (index, step mod 2**32, (step >> 32) mod 2**32, stream)``.
    ``object_id`` is the simulation object's creation number counted from
    the last ``seed()`` call (``brian_cg.rng.object_number``), ``stream`` a 32-bit integer chosen by the code generator for
    each call site within an object, ``step`` the non-negative integer time
    step and ``index`` the (32-bit) element index, e.g. the neuron number.
Uniform
    ``u = ((x0 >> 5) * 67108864 + (x1 >> 6)) / 9007199254740992.0``:
    53 random bits, ``u`` in ``[0, 1)``, exactly representable in float64.
Normal
    Box-Muller with ``u1`` from ``(x0, x1)`` and ``u2`` from ``(x2, x3)`` as
    above: ``n = sqrt(-2*log(1 - u1)) * cos(2*pi*u2)``.  The sine half is
    discarded so that every address gives exactly one number on every target.

Notes
-----
Bits are identical on all targets; normals agree to the accuracy of the
platform's ``log``/``cos`` (about 1e-16 relative), since ``1 - u1`` and
``2*pi*u2`` are computed in float64 the same way everywhere.
"""

import functools
import sys
import threading
import zlib

import numpy as np

__all__ = [
    "PHILOX_M0",
    "PHILOX_M1",
    "PHILOX_W0",
    "PHILOX_W1",
    "normal",
    "normal_block",
    "object_id",
    "philox4x32",
    "uniform",
    "uniform_block",
]

PHILOX_M0 = 0xD2511F53
PHILOX_M1 = 0xCD9E8D57
PHILOX_W0 = 0x9E3779B9
PHILOX_W1 = 0xBB67AE85
_ROUNDS = 10
_MASK = 0xFFFFFFFF

_U64 = np.uint64
_U32 = np.uint32
_M0 = _U64(PHILOX_M0)
_M1 = _U64(PHILOX_M1)
_MASK64 = _U64(_MASK)
_TWO53 = 9007199254740992.0
_INV_TWO53 = 1.0 / _TWO53
# 2*pi/2**53 is an exact power-of-two scaling of 2*pi, so k * _TWO_PI_INV_TWO53
# rounds to the same double as (k / 2**53) * (2*pi): one multiply instead of two.
_TWO_PI = 6.283185307179586
_TWO_PI_INV_TWO53 = _TWO_PI / _TWO53
# Position of the low/high 32-bit half inside a uint64 viewed as two uint32s.
_LO, _HI = (0, 1) if sys.byteorder == "little" else (1, 0)

# Blocks larger than this are processed in slices so that the ~8 working
# arrays stay in the L2 cache; the passes over memory dominate otherwise.
_CHUNK = 16384


def object_id(name):
    """Return the 32-bit id of a simulation object, used as key word ``k1``.

    Parameters
    ----------
    name : str
        The object's unique name (e.g. ``'neurongroup'``).

    Returns
    -------
    int
        ``zlib.crc32(name.encode('utf-8'))``, in ``[0, 2**32)``.
    """
    return zlib.crc32(name.encode("utf-8")) & _MASK


def _word(x):
    """A counter/key word as a Python int (scalar) or uint64 array, mod 2**32."""
    if isinstance(x, (int, np.integer)):
        return int(x) & _MASK
    a = np.asarray(x)
    if a.ndim == 0:
        return int(a) & _MASK
    if a.dtype.kind not in "iub":
        raise TypeError(f"Philox words must be integers, got dtype {a.dtype}")
    # Casting a signed array to uint64 wraps two's complement, so & gives mod 2**32.
    return a.astype(_U64) & _MASK64


def _halves(buf):
    """(low, high) uint32 views of a uint64 array, each of the array's shape."""
    v = buf.view(_U32).reshape(buf.shape + (2,))
    return v[..., _LO], v[..., _HI]


@functools.lru_cache(maxsize=4096)
def _key_schedule(k0, k1, ndim):
    """Round keys as uint32 of shape (10, 2, 1, ..., 1), to broadcast against (2,)+shape."""
    ks = [[(k0 + r * PHILOX_W0) & _MASK, (k1 + r * PHILOX_W1) & _MASK] for r in range(_ROUNDS)]
    return np.array(ks, dtype=_U32).reshape((_ROUNDS, 2) + (1,) * ndim)


@functools.lru_cache(maxsize=16)
def _multipliers(ndim):
    return np.array([PHILOX_M0, PHILOX_M1], dtype=_U64).reshape((2,) + (1,) * ndim)


class _State:
    """Philox state for a batch of counters, kept in stacked uint64 buffers.

    ``A`` (shape ``(2,) + shape``) holds ``(c0, c2)`` with zero high halves:
    the only words that are ever multiplied.  ``c1`` and ``c3`` are only XORed,
    so they stay where the previous round's products left them: ``c1`` is the
    low half of ``P[1]`` and ``c3`` the low half of ``P[0]``.  High halves of
    the products are read through uint32 views, so a round is one multiply of
    the stacked pair and two XORs, with no shifts or masks.
    """

    def __init__(self, shape):
        self.shape = shape
        full = (2,) + shape
        # Zeroed once: every later write goes to the low halves only.
        self.A = np.zeros(full, _U64)
        self.A_lo = _halves(self.A)[0]
        # Two product buffers: the new products are written while the old low
        # halves (c1, c3) are still needed.
        self.P = [np.empty(full, _U64), np.empty(full, _U64)]
        self.P_lo = []
        self.P_hi_rev = []
        self.P_lo_rev = []
        for b in self.P:
            lo, hi = _halves(b)
            self.P_lo.append(lo)
            self.P_hi_rev.append(hi[::-1])
            self.P_lo_rev.append(lo[::-1])
        self.cur = 0  # index of the buffer holding the latest products

    def run(self, first_round, k0, k1):
        mult = _multipliers(len(self.shape))
        keys = _key_schedule(k0, k1, len(self.shape))
        A, A_lo = self.A, self.A_lo
        cur = self.cur
        for r in range(first_round, _ROUNDS):
            new = cur ^ 1
            np.multiply(A, mult, out=self.P[new])
            # (c0, c2) <- (hi1 ^ c1 ^ k0, hi0 ^ c3 ^ k1): the reversed views pair
            # product 1 with row 0 and product 0 with row 1.
            np.bitwise_xor(self.P_hi_rev[new], self.P_lo_rev[cur], out=A_lo)
            np.bitwise_xor(A_lo, keys[r], out=A_lo)
            cur = new
        self.cur = cur

    def words(self):
        """The output words (x0, x1, x2, x3) as uint32 views."""
        lo = self.P_lo[self.cur]
        return self.A_lo[0], lo[1], self.A_lo[1], lo[0]

    def combine53(self, rows):
        """Per row ``i`` of ``rows``: the 53-bit integer ``(x >> 5) * 2**26 + (y >> 6)``.

        Row 0 uses ``(x0, x1)``, row 1 uses ``(x2, x3)``.  Writing ``x >> 5``
        into the high half of the product that holds ``y`` in its low half
        turns the whole job into one uint64 shift by 6.  Returns uint64 arrays
        (views into the state, overwritten).
        """
        P = self.P[self.cur]
        hi_rev = self.P_hi_rev[self.cur]
        if rows == 2:
            np.right_shift(self.A_lo, 5, out=hi_rev)
            np.right_shift(P, 6, out=P)
            return P[1], P[0]
        np.right_shift(self.A_lo[0], 5, out=hi_rev[0])
        np.right_shift(P[1], 6, out=P[1])
        return (P[1],)


_cache = threading.local()
_CACHE_SHAPES = 8


def _state(shape):
    """A _State for ``shape``, reused across calls (per thread) when small.

    Allocating and viewing the buffers costs about as much as two rounds for
    100 elements, and the numpy runtime calls with the same shapes every step.
    """
    if int(np.prod(shape)) > 4 * _CHUNK:
        return _State(shape)
    states = getattr(_cache, "states", None)
    if states is None:
        states = _cache.states = {}
    st = states.get(shape)
    if st is None:
        if len(states) >= _CACHE_SHAPES:
            states.pop(next(iter(states)))
        st = states[shape] = _State(shape)
    st.cur = 0
    return st


def _broadcast_rounds(c0, c1, c2, c3, k0, k1, shape, max_rounds):
    """Rounds with plain broadcasting while some counter words are still smaller than ``shape``.

    Address words that do not vary along an axis (step along the index axis,
    index along the step axis) keep their small shape for the first rounds;
    Philox's mixing makes every word full-sized after two or three rounds.
    """
    r = 0
    while r < max_rounds:
        if all(np.shape(c) == shape for c in (c0, c1, c2, c3)):
            break
        p0 = c0 * (_M0 if isinstance(c0, np.ndarray) else PHILOX_M0)
        p1 = c2 * (_M1 if isinstance(c2, np.ndarray) else PHILOX_M1)
        c0, c1, c2, c3 = (
            (p1 >> 32) ^ c1 ^ k0,
            p1 & _MASK,
            (p0 >> 32) ^ c3 ^ k1,
            p0 & _MASK,
        )
        k0 = (k0 + PHILOX_W0) & _MASK
        k1 = (k1 + PHILOX_W1) & _MASK
        r += 1
    return r, (c0, c1, c2, c3)


def _run_general(c0, c1, c2, c3, k0, k1, shape, bcast_rounds=3):
    """Philox on counter words broadcastable to ``shape`` (non-empty); returns a finished _State."""
    r, (b0, b1, b2, b3) = _broadcast_rounds(c0, c1, c2, c3, k0, k1, shape, bcast_rounds)
    st = _state(shape)
    st.A[0] = b0
    st.A[1] = b2
    st.P_lo[st.cur][1] = b1
    st.P_lo[st.cur][0] = b3
    st.run(r, k0, k1)
    return st


def _run_indices(idx, c1, c2, c3, k0, k1):
    """Philox with counter (idx, c1, c2, c3), idx a 1-d int array, c1..c3 Python ints.

    Round 1 is done by hand: only ``c0 * M0`` involves the array, the other
    product is a Python int, which saves two full-size passes.
    """
    st = _state(idx.shape)
    A0 = st.A[0]
    # Counter word c0 = idx mod 2**32 (two's complement wrap for negative values).
    np.bitwise_and(idx, _MASK, out=A0, casting="unsafe")
    P = st.P[1]
    np.multiply(A0, _M0, out=P[0])
    p1 = c2 * PHILOX_M1
    A0[...] = (p1 >> 32) ^ c1 ^ k0
    np.bitwise_xor(_halves(P[0])[1], (c3 ^ k1), out=st.A_lo[1])
    st.P_lo[1][1] = p1 & _MASK
    st.cur = 1
    st.run(1, k0, k1)
    return st


def _philox_int(c0, c1, c2, c3, k0, k1):
    """Scalar Philox4x32-10 in Python ints (reference and 0-d path)."""
    for r in range(_ROUNDS):
        p0 = c0 * PHILOX_M0
        p1 = c2 * PHILOX_M1
        c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & _MASK, (p0 >> 32) ^ c3 ^ k1, p0 & _MASK
        k0 = (k0 + PHILOX_W0) & _MASK
        k1 = (k1 + PHILOX_W1) & _MASK
    return c0, c1, c2, c3


def philox4x32(c0, c1, c2, c3, k0, k1):
    """Philox4x32-10 block function, vectorised.

    Parameters
    ----------
    c0, c1, c2, c3 : int or array_like of int
        Counter words, broadcast against each other; taken modulo 2**32.
    k0, k1 : int or array_like of int
        Key words, taken modulo 2**32; arrays are allowed but slower.

    Returns
    -------
    x0, x1, x2, x3 : numpy.ndarray of uint32
        The four output words, of the broadcast shape of all arguments.

    Examples
    --------
    >>> [hex(int(x)) for x in philox4x32(0, 0, 0, 0, 0, 0)]
    ['0x6627e8d5', '0xe169c58d', '0xbc57ac4c', '0x9b00dbd8']
    """
    words = [_word(x) for x in (c0, c1, c2, c3, k0, k1)]
    if any(isinstance(k, np.ndarray) for k in words[4:]):
        # Rare: array keys go through the generic broadcasting path only.
        return _philox_broadcast(*words)
    shape = np.broadcast_shapes(*(np.shape(w) for w in words[:4]))
    if not shape:
        return tuple(np.array(x, dtype=_U32) for x in _philox_int(*words))
    if 0 in shape:
        return tuple(np.empty(shape, _U32) for _ in range(4))
    st = _run_general(*words, shape)
    return tuple(np.array(x, dtype=_U32) for x in st.words())


def _philox_broadcast(c0, c1, c2, c3, k0, k1):
    """Plain broadcasting version, for array-valued keys."""
    shape = np.broadcast_shapes(*(np.shape(w) for w in (c0, c1, c2, c3, k0, k1)))
    c = [np.broadcast_to(np.asarray(w, dtype=_U64), shape) for w in (c0, c1, c2, c3)]
    k0 = np.broadcast_to(np.asarray(k0, dtype=_U64), shape)
    k1 = np.broadcast_to(np.asarray(k1, dtype=_U64), shape)
    c0, c1, c2, c3 = c
    for r in range(_ROUNDS):
        if r:
            k0 = (k0 + _U64(PHILOX_W0)) & _MASK64
            k1 = (k1 + _U64(PHILOX_W1)) & _MASK64
        p0 = c0 * _M0
        p1 = c2 * _M1
        c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & _MASK64, (p0 >> 32) ^ c3 ^ k1, p0 & _MASK64
    return tuple(np.array(x, dtype=_U32) for x in (c0, c1, c2, c3))


def _check_step(step):
    step = int(step)
    if step < 0:
        raise ValueError(f"Time step must be non-negative, got {step}")
    return step


def _to_uniform(st, out):
    (k,) = st.combine53(1)
    return np.multiply(k, _INV_TWO53, out=out)


def _to_normal(st, out):
    k1, k2 = st.combine53(2)
    # 1 - u1 is exact in float64: (2**53 - k1) / 2**53, never 0, so log is finite.
    np.subtract(_U64(1 << 53), k1, out=k1)
    r = np.multiply(k1, _INV_TWO53, out=out)
    np.log(r, out=r)
    np.multiply(r, -2.0, out=r)
    np.sqrt(r, out=r)
    # The state's A buffer is free now; reuse its row 0 as float64 scratch.
    c = np.multiply(k2, _TWO_PI_INV_TWO53, out=st.A[0].view(np.float64))
    np.cos(c, out=c)
    np.multiply(r, c, out=r)
    return r


def _uniform_of_words(x):
    return ((x[0] >> 5) * 67108864 + (x[1] >> 6)) * _INV_TWO53


def _normal_of_words(x):
    k1 = (x[0] >> 5) * 67108864 + (x[1] >> 6)
    k2 = (x[2] >> 5) * 67108864 + (x[3] >> 6)
    r = np.sqrt(-2.0 * np.log(float((1 << 53) - k1) * _INV_TWO53))
    return r * np.cos(float(k2) * _TWO_PI_INV_TWO53)


# Below this many numbers, ``uniform``/``normal`` compute in Python integers.
_SMALL = 6
_SCALAR = {_to_uniform: _uniform_of_words, _to_normal: _normal_of_words}


def _address(seed, obj_id, stream, step):
    step = _check_step(step)
    return (
        step & _MASK,
        (step >> 32) & _MASK,
        int(stream) & _MASK,
        int(seed) & _MASK,
        int(obj_id) & _MASK,
    )


def _single(seed, obj_id, stream, step, indices, convert):
    s_lo, s_hi, stream, k0, k1 = _address(seed, obj_id, stream, step)
    idx = np.asarray(indices)
    if idx.dtype.kind not in "iu":
        raise TypeError(f"indices must be an integer array, got dtype {idx.dtype}")
    if idx.dtype.itemsize < 8:  # int32 synapse indices: masks to 32 bits need 64-bit ints
        idx = idx.astype(np.int64)
    out = np.empty(idx.shape, np.float64)
    if out.size == 0:
        return out
    if out.size <= _SMALL:
        # a few numbers (e.g. the spikes of one step): Python integers beat ~30 numpy calls
        flat = out.reshape(-1)
        for j, i in enumerate(idx.reshape(-1).tolist()):
            flat[j] = _SCALAR[convert](_philox_int(i & _MASK, s_lo, s_hi, stream, k0, k1))
        return out
    st = _run_indices(idx.reshape(-1), s_lo, s_hi, stream, k0, k1)
    convert(st, out.reshape(-1))
    return out


def uniform(seed, object_id, stream, step, indices):
    """Uniform random numbers in ``[0, 1)`` at one time step.

    Parameters
    ----------
    seed : int
        Global seed; its value modulo 2**32 is key word ``k0``.
    object_id : int
        32-bit id of the simulation object (see :func:`object_id`).
    stream : int
        32-bit id of the call site within the object.
    step : int
        Non-negative integer time step.
    indices : numpy.ndarray of int
        Element indices (counter word ``c0``), taken modulo 2**32.

    Returns
    -------
    numpy.ndarray of float64
        Same shape as ``indices``.
    """
    return _single(seed, object_id, stream, step, indices, _to_uniform)


def normal(seed, object_id, stream, step, indices):
    """Standard normal random numbers at one time step (one Box-Muller cosine).

    Parameters are those of :func:`uniform`.

    Returns
    -------
    numpy.ndarray of float64
        Same shape as ``indices``.
    """
    return _single(seed, object_id, stream, step, indices, _to_normal)


def _block(seed, obj_id, stream, first_step, n_steps, indices, convert):
    first_step = _check_step(first_step)
    n_steps = int(n_steps)
    if n_steps < 0:
        raise ValueError(f"n_steps must be non-negative, got {n_steps}")
    _, _, stream, k0, k1 = _address(seed, obj_id, stream, first_step)
    idx = np.asarray(indices)
    if idx.dtype.kind not in "iu":
        raise TypeError(f"indices must be an integer array, got dtype {idx.dtype}")
    idx = idx.reshape(-1).astype(_U64) & _MASK64
    out_shape = (n_steps,) + np.shape(indices)
    out = np.empty((n_steps, idx.size), np.float64)
    n = idx.size
    if out.size == 0:
        return out.reshape(out_shape)
    steps_per_chunk = max(1, _CHUNK // n)
    idx2 = idx.reshape(1, n)
    for s0 in range(0, n_steps, steps_per_chunk):
        m = min(steps_per_chunk, n_steps - s0)
        first = first_step + s0
        last = first + m - 1
        lo = np.arange(first & _MASK, (first & _MASK) + m, dtype=_U64)
        if first >> 32 == last >> 32:
            hi = (first >> 32) & _MASK
        else:
            # The block straddles a multiple of 2**32 steps: the high word varies.
            st = np.arange(first, last + 1, dtype=_U64)
            lo = st & _MASK64
            hi = ((st >> _U64(32)) & _MASK64).reshape(m, 1)
        st = _run_general(idx2, lo.reshape(m, 1), hi, stream, k0, k1, (m, n), bcast_rounds=2)
        convert(st, out[s0 : s0 + m])
    return out.reshape(out_shape)


def uniform_block(seed, object_id, stream, first_step, n_steps, indices):
    """Uniform numbers for ``n_steps`` consecutive time steps at once.

    Row ``i`` equals ``uniform(seed, object_id, stream, first_step + i, indices)``
    bit for bit; generating a block amortises numpy's per-call overhead.

    Parameters
    ----------
    seed, object_id, stream : int
        As in :func:`uniform`.
    first_step : int
        Time step of the first row (non-negative).
    n_steps : int
        Number of consecutive time steps.
    indices : numpy.ndarray of int
        Element indices.

    Returns
    -------
    numpy.ndarray of float64
        Shape ``(n_steps,) + indices.shape``.
    """
    return _block(seed, object_id, stream, first_step, n_steps, indices, _to_uniform)


def normal_block(seed, object_id, stream, first_step, n_steps, indices):
    """Normal numbers for ``n_steps`` consecutive time steps at once.

    Row ``i`` equals ``normal(seed, object_id, stream, first_step + i, indices)``
    bit for bit.  Parameters and result as in :func:`uniform_block`.
    """
    return _block(seed, object_id, stream, first_step, n_steps, indices, _to_normal)
