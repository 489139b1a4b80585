"""Growable storage that monitors append to every step without reallocating each time.

The number of rows is kept in a one-element int64 array (``counter``), which several
arrays may share (a StateMonitor's times and values): compiled code writes rows in place
into the preallocated ``data`` and advances the counter, with no copy afterwards.
"""
import numpy as np

__all__ = ["ChunkList", "GrowableArray"]


def _as_rows(values, row_shape, count=None):
    """``values`` as rows of ``row_shape``; empty rows (a StateMonitor with record=False)
    cannot tell their number, which ``count`` gives."""
    values = np.asarray(values)
    if int(np.prod(row_shape)) == 0:
        return np.zeros((count or 0,) + tuple(row_shape), dtype=values.dtype)
    return values.reshape((-1,) + tuple(row_shape))


class GrowableArray:
    """Rows appended one at a time into an array that doubles its capacity when full.

    ``counter``: a shared row count (one-element int64 array); when shared, only the
    array that appends last moves it (``append(..., advance=False)`` for the others).
    """

    def __init__(self, row_shape=(), dtype=np.float64, capacity=1024, counter=None):
        self._data = np.zeros((capacity,) + tuple(row_shape), dtype=dtype)
        self.counter = np.zeros(1, dtype=np.int64) if counter is None else counter

    @property
    def n(self):
        return int(self.counter[0])

    @n.setter
    def n(self, value):
        self.counter[0] = value

    @property
    def data(self):
        """The storage rows are written to (valid until the next ``reserve``)."""
        return self._data

    def append(self, row, advance=True):
        n = self.n
        if n == self._data.shape[0]:
            self.reserve(2 * n)
        self._data[n] = row
        if advance:
            self.counter[0] = n + 1

    def extend(self, rows, count=None, advance=True):
        """Append many rows at once (``rows`` is reshaped to rows of this array's shape)."""
        rows = _as_rows(rows, self._data.shape[1:], count)
        n = self.n
        self.reserve(max(n + rows.shape[0], 2 * n))
        self._data[n:n + rows.shape[0]] = rows
        if advance:
            self.counter[0] = n + rows.shape[0]

    def reserve(self, capacity):
        if capacity > self._data.shape[0]:
            n = self.n
            data = np.empty((capacity,) + self._data.shape[1:], dtype=self._data.dtype)
            data[:n] = self._data[:n]
            self._data = data

    @property
    def values(self):
        return self._data[:self.n]

    def truncate(self, n):
        self.n = n

    def state(self):
        return self.values.copy()

    def restore(self, values):
        self.n = 0
        self.reserve(len(values))
        self._data[:len(values)] = values
        self.n = len(values)


class ChunkList:
    """Variable-length chunks (e.g. the spikes of each step), joined lazily on access."""

    def __init__(self, dtype=np.float64):
        self.dtype = dtype
        self._chunks = []
        self._joined = np.zeros(0, dtype=dtype)

    def append(self, chunk):
        self._chunks.append(chunk)

    @property
    def values(self):
        if self._chunks:
            self._joined = np.concatenate([self._joined] + self._chunks).astype(self.dtype, copy=False)
            self._chunks = []
        return self._joined

    def state(self):
        return self.values.copy()

    def restore(self, values):
        self._chunks = []
        self._joined = np.asarray(values, dtype=self.dtype).copy()


class RingArray:
    """The last ``capacity`` rows appended (constant memory); ``values`` oldest first.

    ``counter`` (rows ever appended, one-element int64 array) may be shared, as for
    ``GrowableArray``; row ``k`` lives at ``data[k % capacity]``.
    """

    def __init__(self, row_shape=(), dtype=np.float64, capacity=1, counter=None):
        self._data = np.zeros((max(int(capacity), 1),) + tuple(row_shape), dtype=dtype)
        self.counter = np.zeros(1, dtype=np.int64) if counter is None else counter

    @property
    def _count(self):  # rows ever appended
        return int(self.counter[0])

    @property
    def n(self):
        return min(self._count, self._data.shape[0])

    @property
    def data(self):
        return self._data

    @property
    def capacity(self):
        return self._data.shape[0]

    def append(self, row, advance=True):
        count = self._count
        self._data[count % self._data.shape[0]] = row
        if advance:
            self.counter[0] = count + 1

    def extend(self, rows, count=None, advance=True):
        rows = _as_rows(rows, self._data.shape[1:], count)
        cap = self._data.shape[0]
        start = self._count
        if len(rows) >= cap:
            start += len(rows) - cap
            rows = rows[-cap:]
        for k, row in enumerate(rows):  # at most `capacity` rows
            self._data[(start + k) % cap] = row
        if advance:
            self.counter[0] = start + len(rows)

    def reserve(self, capacity):
        pass

    @property
    def values(self):
        cap = self._data.shape[0]
        if self._count <= cap:
            return self._data[:self._count]
        start = self._count % cap
        return np.concatenate((self._data[start:], self._data[:start]))

    def state(self):
        return self.values.copy(), self._count

    def restore(self, state):
        values, _ = state  # stored oldest first: put back from the start of the ring
        self._data[:len(values)] = values
        self.counter[0] = len(values)
