"""Linked variables, RecentStateMonitor, EventMonitor, saving monitors, plotting helpers."""
import numpy as np
import pytest

from brian_cg import (EventMonitor, NeuronGroup, PopulationRateMonitor, RecentStateMonitor,
                      SpikeMonitor, StateMonitor, Synapses, linked_var, ms, mV, run, volt)
from brian_cg.monitors.export import load_monitor


def test_linked_variable_reads_source(target):
    G1 = NeuronGroup(4, "dv/dt = 1/ms : 1", method="euler")
    G2 = NeuronGroup(4, "u = 2*v : 1\nv : 1 (linked)")
    G2.v = linked_var(G1, "v")
    G3 = NeuronGroup(2, "w : 1 (linked)")
    G3.w = linked_var(G1.v, index=[3, 0])
    G1.v = [0, 1, 2, 3]
    M = StateMonitor(G2, "u", record=True)
    run(1 * ms)
    np.testing.assert_allclose(G2.u[:], 2 * np.asarray(G1.v[:]))
    np.testing.assert_allclose(G3.w[:], np.asarray(G1.v[:])[[3, 0]])
    np.testing.assert_allclose(M.u[:, 5], 2 * (np.arange(4) + 0.5), rtol=1e-12)


def test_linked_variable_errors(target):
    G1 = NeuronGroup(4, "v : 1")
    G2 = NeuronGroup(3, "w : 1 (linked)")
    with pytest.raises(ValueError, match="sizes do not match"):
        G2.w = linked_var(G1, "v")
    with pytest.raises(TypeError, match="of 3 elements"):  # Brian: TypeError
        G2.w = linked_var(G1, "v", index=[0, 1])
    G3 = NeuronGroup(4, "w : volt (linked)")
    with pytest.raises(Exception, match="units"):
        G3.w = linked_var(G1, "v")


def test_recent_state_monitor_keeps_last_window(target):
    G = NeuronGroup(2, "dv/dt = 1/ms : 1", method="euler")
    R = RecentStateMonitor(G, "v", record=True, duration=1 * ms)
    run(7 * ms)
    assert R.v.shape == (2, 10) and len(R) == 10
    np.testing.assert_allclose(R.t / ms, 6 + 0.1 * np.arange(10), atol=1e-12)
    np.testing.assert_allclose(R.v[1], 6 + 0.1 * np.arange(10), rtol=1e-9)
    bytes_before = R._recorder.values["v"]._data.nbytes
    run(20 * ms)
    assert R._recorder.values["v"]._data.nbytes == bytes_before  # constant memory


def test_event_monitor_and_run_on_event(target):
    G = NeuronGroup(3, "dv/dt = (i+1)/(10*ms) : 1", events={"half": "v > 0.5"},
                    threshold="v > 1", reset="v = 0", method="euler")
    G.run_on_event("half", "v += 0.1")
    E = EventMonitor(G, "half", variables="v")
    S = SpikeMonitor(G)
    run(4 * ms)
    # neuron 0 never reaches 0.5 in 4 ms; the event adds 0.1 at every step above 0.5
    # Brian2 2.11 (numpy and cython): these counts and times
    assert E.count[:].tolist() == [0, 6, 10]
    assert np.all(E.v > 0.5)
    assert S.count[:].tolist() == [0, 1, 2] and len(E) == E.num_events == 16
    np.testing.assert_allclose(S.t / ms, [2.0, 2.9, 3.8], atol=1e-9)
    np.testing.assert_allclose(E.t[E.i == 2] / ms, [1.6, 1.7, 1.8, 1.9, 2.0, 3.4, 3.5, 3.6, 3.7,
                                                    3.8], atol=1e-9)
    np.testing.assert_allclose(E.t[E.i == 1] / ms, [2.4, 2.5, 2.6, 2.7, 2.8, 2.9], atol=1e-9)


def test_monitors_save_and_load_with_units(target, tmp_path):
    G = NeuronGroup(2, "dv/dt = volt/ms : volt", method="euler", threshold="v > 1*volt",
                    reset="v = 0*volt")
    S = StateMonitor(G, "v", record=True)
    M = SpikeMonitor(G)
    R = PopulationRateMonitor(G)
    run(3 * ms)
    for mon, name in ((S, "s.npz"), (M, "m.npz"), (R, "r.npz")):
        mon.save(str(tmp_path / name))
    s = load_monitor(str(tmp_path / "s.npz"))
    np.testing.assert_array_equal(s["v"] / mV, S.v / mV)
    assert s["v"].dim is volt.dim and s["t"].dim is ms.dim
    m = load_monitor(str(tmp_path / "m.npz"))
    np.testing.assert_array_equal(m["i"], M.i)
    np.testing.assert_array_equal(m["count"], M.count)


def test_plot_helpers_draw_the_data(target):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from brian_cg.plot import brian_plot

    G = NeuronGroup(3, "dv/dt = (i+1)/(5*ms) : 1", threshold="v > 1", reset="v = 0",
                    method="euler")
    M = SpikeMonitor(G)
    S = StateMonitor(G, "v", record=[0, 2])
    syn = Synapses(G, G)
    syn.connect("i != j")
    run(10 * ms)
    fig, axes = plt.subplots(3)
    brian_plot(M, axes=axes[0])
    x, y = axes[0].lines[0].get_data()
    np.testing.assert_allclose(x, M.t / ms)
    np.testing.assert_array_equal(y, M.i)
    brian_plot(S, axes=axes[1])
    assert len(axes[1].lines) == 2
    brian_plot(syn, axes=axes[2])
    assert axes[2].collections[0].get_offsets().shape == (6, 2)
    plt.close(fig)
