"""Devices: scripts written for Brian's runtime or standalone mode run unchanged."""
import numpy as np
import pytest

from brian_cg import (NeuronGroup, SpikeMonitor, StateMonitor, defaultclock, device, get_device,
                      ms, reset_device, run, set_device)


@pytest.fixture(autouse=True)
def _back_to_runtime():
    yield
    from brian_cg.devices import _previous, all_devices

    for d in all_devices.values():
        d.__init__()
    _previous.clear()
    reset_device("runtime")


def _ramp():
    # neuron i crosses 1 every 10/(i+1) ms (v grows by (i+1)/100 per 0.1 ms step)
    G = NeuronGroup(3, "dv/dt = (i + 1)/(10*ms) : 1", threshold="v > 1", reset="v -= 1",
                    method="euler")
    G.v = 0.005
    return G


def test_runtime_build_is_a_noop():
    assert get_device().name == "runtime"
    assert device.build_options == {} and device.build_on_run is True
    G = _ramp()
    M = SpikeMonitor(G)
    run(10 * ms)
    device.build(directory=None, compile=True, run=True)  # does nothing, as in Brian
    np.testing.assert_array_equal(M.count, [1, 2, 3])


def test_standalone_multi_run_then_build(target):
    set_device("cpp_standalone", build_on_run=False, directory=None, debug=False)
    assert device.name == "cpp_standalone"
    assert device.build_on_run is False
    assert device.build_options == {"directory": None, "debug": False}
    G = _ramp()
    M = SpikeMonitor(G)
    S = StateMonitor(G, "v", record=0)
    run(10 * ms)
    G.v = 0.005  # between runs, as a standalone script may do
    run(10 * ms)
    device.build(directory=None)
    np.testing.assert_array_equal(M.count, [2, 4, 6])
    assert len(S.t) == 200
    np.testing.assert_allclose(S.v[0][[0, 99, 100, 199]], [0.005, 0.995, 0.005, 0.995],
                               atol=1e-12)
    with pytest.raises(RuntimeError, match="already been built and run"):
        device.build(directory=None)


def test_standalone_build_refusals():
    set_device("cpp_standalone")  # build_on_run=True: run() builds, build() must not be called
    with pytest.raises(RuntimeError, match="build_on_run=True"):
        device.build()
    set_device("cpp_standalone", build_on_run=False)
    with pytest.raises(TypeError, match="'project_dir' has been renamed to 'directory'"):
        device.build(project_dir="out")
    with pytest.raises(TypeError, match="Unknown keyword argument 'foo'"):
        device.build(foo=1)
    with pytest.raises(TypeError, match="relative path"):
        device.build(results_directory="/abs")


def test_standalone_reinit_activate_loop(target):
    set_device("cpp_standalone", build_on_run=False)
    counts, ends = [], []
    for rate_scale in (1, 2):
        device.reinit()
        device.activate(build_on_run=False)
        assert defaultclock.dt == 0.1 * ms  # reset by reinit, as in Brian
        G = NeuronGroup(2, "dv/dt = rate_scale*(i + 1)/(10*ms) : 1", threshold="v > 1",
                        reset="v -= 1", method="euler")
        G.v = 0.005
        M = SpikeMonitor(G)
        run(10 * ms)
        device.build(directory=None)
        counts.append(list(M.count))
        ends.append(float(M.t[-1] / ms))
    assert counts == [[1, 2], [2, 4]]
    # the second simulation starts again at t = 0
    np.testing.assert_allclose(ends, [9.9, 9.9], atol=1e-9)


def test_reset_device_restores_previous_options():
    set_device("cpp_standalone", build_on_run=False, directory="a")
    set_device("runtime")
    assert get_device().name == "runtime"
    reset_device()
    assert get_device().name == "cpp_standalone"
    assert device.build_on_run is False and device.build_options == {"directory": "a"}
    reset_device()
    assert get_device().name == "runtime"
