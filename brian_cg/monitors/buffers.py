"""Growable storage that monitors append to every step without reallocating each time."""
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
    """Rows appended one at a time into an array that doubles its capacity when full."""

    def __init__(self, row_shape=(), dtype=np.float64, capacity=1024):
        self._data = np.zeros((capacity,) + tuple(row_shape), dtype=dtype)
        self.n = 0

    def append(self, row):
        if self.n == self._data.shape[0]:
            self.reserve(2 * self.n)
        self._data[self.n] = row
        self.n += 1

    def extend(self, rows, count=None):
        """Append many rows at once (``rows`` is reshaped to rows of this array's shape)."""
        rows = _as_rows(rows, self._data.shape[1:], count)
        self.reserve(max(self.n + rows.shape[0], 2 * self.n))
        self._data[self.n:self.n + rows.shape[0]] = rows
        self.n += rows.shape[0]

    def reserve(self, capacity):
        if capacity > self._data.shape[0]:
            data = np.zeros((capacity,) + self._data.shape[1:], dtype=self._data.dtype)
            data[:self.n] = self._data[:self.n]
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
    """The last ``capacity`` rows appended (constant memory); ``values`` oldest first."""

    def __init__(self, row_shape=(), dtype=np.float64, capacity=1):
        self._data = np.zeros((max(int(capacity), 1),) + tuple(row_shape), dtype=dtype)
        self._count = 0  # rows ever appended

    @property
    def n(self):
        return min(self._count, self._data.shape[0])

    def append(self, row):
        self._data[self._count % self._data.shape[0]] = row
        self._count += 1

    def extend(self, rows, count=None):
        rows = _as_rows(rows, self._data.shape[1:], count)
        cap = self._data.shape[0]
        if len(rows) >= cap:
            self._count += len(rows) - cap
            rows = rows[-cap:]
        for row in rows:  # at most `capacity` rows
            self.append(row)

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
        self._count = len(values)
