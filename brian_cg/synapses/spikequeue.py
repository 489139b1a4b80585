"""The spike queue of a synaptic pathway: a ring buffer over delay steps.

Pushing the spikes of a step costs O(spikes x fan-out): synapses are found through a
CSR index of the pathway's source (built when the synapses change), never by scanning
all synapses. Each slot holds the synapse indices due at that step, in push order.
"""
import numpy as np

__all__ = ["SpikeQueue", "build_csr", "synapses_of"]


def build_csr(sources, n_sources):
    """(order, ptr): synapses sorted by source (stable), and row pointers."""
    order = np.argsort(sources, kind="stable").astype(np.int32 if len(sources) < 2**31 else
                                                       np.int64)
    ptr = np.searchsorted(sources[order], np.arange(n_sources + 1)).astype(np.int64)
    return order, ptr


def synapses_of(rows, order, ptr):
    """Synapse indices of the source elements ``rows`` (in order), via the CSR index."""
    starts, stops = ptr[rows], ptr[rows + 1]
    counts = stops - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    # concatenated ranges start..stop without a Python loop
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return order[offsets + np.arange(total)]


class SpikeQueue:
    """Synapse indices waiting for their delay to elapse."""

    def __init__(self):
        self._slots = [[]]
        self._offset = 0
        self._delays = None      # per-synapse delay in steps, or None (homogeneous)
        self._homogeneous = 0
        self._dt = None          # the step the slots count in

    def prepare(self, delay_steps, order, ptr, dt=None):
        """Set delays (int or per-synapse int array) and the CSR index before a run; ``dt``
        (seconds) is the step of the run: when it changed, what is pending moves to the
        step nearest to its due time (half up, as Brian), nothing dropped."""
        self._order, self._ptr = order, ptr
        if np.any(np.asarray(delay_steps) < 0):  # would index outside the ring, on any target
            raise ValueError("Synaptic delays must not be negative")
        if dt is not None:
            if self._dt is not None and dt != self._dt:
                self._reslot(self._dt / dt)
            self._dt = dt
        if np.ndim(delay_steps) == 0:
            self._delays, self._homogeneous = None, int(delay_steps)
            max_delay = int(delay_steps)
        else:
            self._delays = np.asarray(delay_steps, dtype=np.int64)
            max_delay = int(self._delays.max()) if len(self._delays) else 0
        if max_delay + 1 > len(self._slots):
            # keep what is pending, in the order it is due
            pending = self._slots[self._offset:] + self._slots[:self._offset]
            self._slots = pending + [[] for _ in range(max_delay + 1 - len(pending))]
            self._offset = 0

    def _reslot(self, factor):
        n = len(self._slots)
        pending = self._slots[self._offset:] + self._slots[:self._offset]  # due in 0, 1, ...
        due = np.floor(np.arange(n) * factor + 0.5).astype(np.int64)
        slots = [[] for _ in range(int(due[-1]) + 1)]
        for k, parts in enumerate(pending):
            slots[due[k]].extend(parts)  # slots that meet keep their order
        self._slots, self._offset = slots, 0

    def push(self, rows):
        """Queue the synapses of the source elements ``rows`` (relative indices)."""
        if len(rows) == 0:
            return
        syn = synapses_of(rows, self._order, self._ptr)
        if len(syn) == 0:
            return
        n = len(self._slots)
        if self._delays is None:
            self._slots[(self._offset + self._homogeneous) % n].append(syn)
            return
        d = self._delays[syn]
        for delay in np.unique(d):
            self._slots[(self._offset + int(delay)) % n].append(syn[d == delay])

    def pop(self):
        """The synapses due now; advances the queue by one step."""
        slot = self._slots[self._offset]
        self._slots[self._offset] = []
        self._offset = (self._offset + 1) % len(self._slots)
        if not slot:
            return _EMPTY
        return slot[0] if len(slot) == 1 else np.concatenate(slot)

    def state(self):
        return [list(s) for s in self._slots], self._offset, self._dt

    def restore(self, state):
        slots, self._offset = state[:2]
        self._dt = state[2] if len(state) > 2 else self._dt  # files stored before dt was kept
        self._slots = [list(s) for s in slots]


_EMPTY = np.zeros(0, dtype=np.int64)
