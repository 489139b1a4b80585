"""Brian's monitor API: string-condition indexing, dtype, single steps, pathway variables,
binned and smoothed rates, ``get_states`` (reference values from Brian2 2.11)."""
import numpy as np
import pytest

from brian_cg import (Hz, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor,
                      Synapses, ms, run)


def _ramp10():
    return NeuronGroup(10, "dv/dt = (i + 1)/(10*ms) : 1", threshold="v > 1", reset="v = 0",
                       method="euler")


def test_string_condition_indexing(target):
    G = _ramp10()
    mon = StateMonitor(G, "v", record=[1, 3])
    sm = SpikeMonitor(G, variables="v")
    run(5 * ms)
    # Brian2 2.11 on the same script
    np.testing.assert_allclose(sm.t["i < 5"] / ms, [1.9, 2.4, 3.3, 3.9, 4.9, 4.9], atol=1e-9)
    np.testing.assert_array_equal(sm.i["i < 5"], [4, 3, 2, 4, 1, 3])
    np.testing.assert_allclose(sm.t["t > 4*ms"] / ms, [4.3, 4.4, 4.7, 4.9, 4.9], atol=1e-9)
    np.testing.assert_allclose(sm.v["i == 9"], [1.1] * 4, atol=1e-12)
    np.testing.assert_allclose(sm.t_["i == 2"], [3.3e-3], atol=1e-12)
    threshold = 2 * ms
    np.testing.assert_allclose(sm.t["t < threshold"] / ms, [1.0, 1.1, 1.2, 1.4, 1.6, 1.9],
                               atol=1e-9)  # external names, as in any condition
    np.testing.assert_allclose(mon.t["t < 0.3*ms"] / ms, [0, 0.1, 0.2], atol=1e-12)
    with pytest.raises(KeyError):
        mon.t["i == 1"]  # a StateMonitor records no 'i' (Brian raises KeyError too)
    # plain indexing and arithmetic still work on the views
    assert sm.i[0] == 9 and float(sm.t[0] / ms) == pytest.approx(1.0)
    np.testing.assert_allclose(np.asarray(mon.t_)[:3], [0, 1e-4, 2e-4])


def test_get_states_includes_N(target):
    G = _ramp10()
    mon = StateMonitor(G, "v", record=[1, 3])
    sm = SpikeMonitor(G, variables="v")
    pm = PopulationRateMonitor(G)
    run(5 * ms)
    s = sm.get_states()
    assert set(s) == {"t", "i", "v", "count", "N"}
    assert s["N"] == 22 and s["N"].dtype == np.int32 and int(sm.N) == 22
    np.testing.assert_array_equal(s["count"], [0, 1, 1, 2, 2, 2, 3, 3, 4, 4])
    m = mon.get_states()
    assert set(m) == {"t", "N", "v"} and m["N"] == 50
    # stored layout, as Brian: one row per step (the transpose of mon.v)
    assert m["v"].shape == (50, 2)
    np.testing.assert_allclose(m["v"][1], [0.02, 0.04])
    p = pm.get_states(units=False)
    assert set(p) == {"t", "rate", "N"} and p["N"] == 50
    assert p["rate"][-1] == pytest.approx(2000.0)  # neurons 1 and 3 at 4.9 ms: 2/(10*0.1 ms)


def test_statemonitor_dtype(target):
    G = NeuronGroup(2, "dv/dt = (i + 1)/(5*ms) : 1\nn : integer", method="euler")
    mon = StateMonitor(G, ["v", "n"], record=True, dtype={"v": np.float32})
    mon32 = StateMonitor(G, "v", record=True, dtype=np.float32)
    run(1 * ms)
    assert mon.v.dtype == np.float32 and mon.n.dtype == G.n[:].dtype
    expected = np.outer([1, 2], np.arange(10)) * (1e-4 / 5e-3)
    np.testing.assert_array_equal(mon.v, expected.astype(np.float32))
    np.testing.assert_array_equal(mon32.v, mon.v)
    with pytest.raises(TypeError, match="Cannot use dtype 'int32' for variable 'v'"):
        StateMonitor(G, "v", record=True, dtype=np.int32)
    with pytest.raises(TypeError, match="Cannot use dtype 'bool' for variable 'v'"):
        StateMonitor(G, "v", record=True, dtype={"v": bool})


def test_record_single_timestep(target):
    G = NeuronGroup(1, "dv/dt = -v/(5*ms) : 1", method="euler")
    G.v = 1
    mon = StateMonitor(G, "v", record=True)
    with pytest.raises(TypeError, match="after the network has been run once"):
        mon.record_single_timestep()
    run(0.5 * ms)
    np.testing.assert_allclose(mon.v[0], 0.98 ** np.arange(5), rtol=1e-12)
    mon.record_single_timestep()
    np.testing.assert_allclose(mon.t / ms, [0, 0.1, 0.2, 0.3, 0.4, 0.5], atol=1e-12)
    np.testing.assert_allclose(mon.v[0], 0.98 ** np.arange(6), rtol=1e-12)
    assert mon.v[0, -1] == G.v[0]
    run(0.2 * ms)  # recording goes on after the extra step
    np.testing.assert_allclose(mon.t / ms, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.6], atol=1e-12)


def test_statemonitor_of_pathway_delay(target):
    G = _ramp10()
    S = Synapses(G, G, "w : 1", on_pre="v_post += 0*w")
    S.connect(i=[0, 1, 2], j=[1, 2, 3])
    S.delay = "j*ms"
    dm = StateMonitor(S.pre, "delay", record=True)
    one = StateMonitor(S.pre, "delay", record=2)
    run(2.5 * ms)
    assert dm.delay.shape == (3, 25)
    np.testing.assert_allclose(dm.delay / ms, np.repeat([[1.0], [2.0], [3.0]], 25, axis=1))
    np.testing.assert_allclose(one.delay[0] / ms, [3.0] * 25)
    assert set(dm.get_states()) == {"t", "N", "delay"}


def _ramp3():
    G = NeuronGroup(3, "dv/dt = (i + 1)/(1*ms) : 1", threshold="v > 1", reset="v -= 1",
                    method="euler")
    G.v = 0.005
    return G


def test_binned_rates(target):
    G = _ramp3()
    M = SpikeMonitor(G)
    R = PopulationRateMonitor(G)
    run(3 * ms)
    bins, rates = M.binned_rate(1 * ms)
    np.testing.assert_allclose(bins / ms, [0, 1, 2], atol=1e-12)
    np.testing.assert_allclose(rates / Hz, [[1000] * 3, [2000] * 3, [3000] * 3])
    bins, rates = R.binned_rate(0.5 * ms)
    np.testing.assert_allclose(bins / ms, [0, 0.5, 1, 1.5, 2, 2.5], atol=1e-12)
    np.testing.assert_allclose(rates / Hz, [4000 / 3, 8000 / 3] * 3)
    with pytest.raises(ValueError, match="multiple of dt"):
        R.binned_rate(0.25 * ms)
    run(0.5 * ms)  # an incomplete last bin is left out (Brian raises IndexError there)
    bins, rates = M.binned_rate(1 * ms)
    assert rates.shape == (3, 3)


def test_smooth_rates(target):
    G = _ramp3()
    M = SpikeMonitor(G)
    R = PopulationRateMonitor(G)
    run(3 * ms)
    flat = M.smooth_rate("flat", 0.3 * ms) / Hz
    assert flat.shape == (3, 30)
    c = 10000 / 3
    np.testing.assert_allclose(flat[:, :12], [[0] * 8 + [c] * 3 + [0],
                                              [0] * 3 + [c] * 3 + [0] * 2 + [c] * 3 + [0],
                                              [0] * 2 + [c] * 9 + [0]])
    gauss = M.smooth_rate("gaussian", 0.1 * ms) / Hz
    np.testing.assert_allclose(gauss[0, 6:12], [0, 544.8868454964294, 2442.013420032333,
                                                4026.199468942474, 2442.013420032333,
                                                544.8868454964294], rtol=1e-12)
    # a width of 0.6 ms at dt = 0.1 ms: 2*round(3) + 1 = 7 steps, as Brian
    np.testing.assert_allclose(R.smooth_rate("flat", 0.6 * ms)[:8] / Hz,
                               [476.1904761904762, 952.3809523809524, 952.3809523809524,
                                1428.5714285714287, 1428.5714285714287, 1428.5714285714287,
                                2857.142857142857, 2380.9523809523807], rtol=1e-12)
    with pytest.raises(TypeError, match="Need a width"):
        M.smooth_rate("flat")
    with pytest.raises(TypeError, match="odd number"):
        R.smooth_rate(np.ones(4))
