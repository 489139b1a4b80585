"""Sizes written as integral floats or numpy integers are accepted everywhere a size is, as in
Brian2 (``NeuronGroup(NE/4, ...)``); non-integral values are refused with a clear error."""
import numpy as np
import pytest

from brian_cg import (NeuronGroup, PoissonGroup, PoissonInput, SpikeGeneratorGroup, SpikeMonitor,
                      Synapses, run)
from brian_cg.core.sizes import as_size
from brian_cg.errors import InvalidSizeError
from brian_cg.units import Hz, mV, ms

WHOLE = [8000 / 4, np.float64(3.0), np.int64(3), np.int32(3), np.array(3), np.array(3.0), 3 * mV / mV]
NOT_WHOLE = [2.5, np.float64(2.5), float("nan"), float("inf"), "3", True, np.array([3]), 3 * ms]


@pytest.mark.parametrize("value", WHOLE)
def test_as_size_accepts_whole_numbers(value):
    size = as_size(value, "N")
    assert type(size) is int and size == int(np.asarray(value))


@pytest.mark.parametrize("value", NOT_WHOLE)
def test_as_size_refuses_the_rest(value):
    with pytest.raises(InvalidSizeError, match="N must be a whole number"):
        as_size(value, "N")
    assert issubclass(InvalidSizeError, ValueError) and issubclass(InvalidSizeError, TypeError)


def test_as_size_minimum():
    assert as_size(0, "n", minimum=0) == 0
    with pytest.raises(InvalidSizeError, match="at least 1, got 0"):
        as_size(0.0, "N")


def test_group_sizes_from_float_arithmetic(target):
    NE = 8000
    G = NeuronGroup(NE / 4, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0")
    assert G.N == 2000 and type(G.N) is int and len(G.v) == 2000
    P = PoissonGroup(np.float64(5.0), 100 * Hz)
    assert P.N == 5 and len(P.rates) == 5
    SG = SpikeGeneratorGroup(np.int64(4) * 1.0, [0, 3], [1, 2] * ms)
    assert SG.N == 4
    H = NeuronGroup(np.int32(3), "v : 1")
    inp = PoissonInput(H, "v", 40.0, 1 * Hz, weight=0.0)
    assert inp.N == 40
    S = Synapses(SG, G, "w : 1", on_pre="v += 2")
    S.connect(i=[0, 3], j=[0, 1], n=2.0)
    assert len(S) == 4 and list(S.i[:]) == [0, 0, 3, 3]
    S2 = Synapses(H, H)
    S2.connect(n=np.int64(2))
    assert len(S2) == 18
    mon = SpikeMonitor(G)
    run(3 * ms)
    # two synapses each: neuron 0 gets v = 4 at 1 ms, neuron 1 at 2 ms; the threshold of the
    # next step (thresholds come before synapses) sees it
    assert sorted(zip(mon.i[:], np.round(mon.t[:] / ms, 6))) == [(0, 1.1), (1, 2.1)]


@pytest.mark.parametrize("make", [
    lambda: NeuronGroup(2000.5, "v : 1"),
    lambda: NeuronGroup(0, "v : 1"),
    lambda: NeuronGroup("10", "v : 1"),
    lambda: PoissonGroup(2.5, 10 * Hz),
    lambda: SpikeGeneratorGroup(3.5, [0], [1] * ms),
    lambda: PoissonInput(NeuronGroup(2, "v : 1"), "v", 2.5, 10 * Hz, weight=0.1),
    lambda: PoissonInput(NeuronGroup(2, "v : 1"), "v", 0, 10 * Hz, weight=0.1),
    lambda: Synapses(NeuronGroup(2, "v : 1")).connect(n=1.5),
    lambda: Synapses(NeuronGroup(2, "v : 1")).connect(n=-1),
])
def test_invalid_sizes_are_refused(make):
    with pytest.raises(InvalidSizeError) as info:
        make()
    assert "must be" in str(info.value)
