"""Warnings Brian logs (same conditions and texts as Brian2 2.11)."""
import gc
import logging

import numpy as np
import pytest

from brian_cg import (Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor,
                      Synapses, ms, prefs, run, second)


@pytest.fixture
def warnings_logged():
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno == logging.WARNING:
                records.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("brian_cg")
    logger.addHandler(handler)
    from brian_cg.core import logger as cg_logger

    cg_logger._said.clear()
    yield records
    logger.removeHandler(handler)


def _make_unused(suffix=""):
    NeuronGroup(1, "v : 1", name="dropped_group" + suffix)
    G = NeuronGroup(2, "v : 1", name="kept_group" + suffix)
    StateMonitor(G, "v", record=True, name="dropped_monitor" + suffix)
    SpikeGeneratorGroup(1, [0], [1] * ms, name="dropped_generator" + suffix)
    G[:1]  # a subgroup
    return G


def test_unused_objects(warnings_logged):
    G = _make_unused()
    gc.collect()
    unused = [m for m in warnings_logged if "never included in a network" in m]
    assert len(unused) == 1
    assert unused[0].startswith(
        "The object 'dropped_group' is getting deleted, but was never included in a network. "
        "This probably means that you did not store the object reference in a variable, or "
        "that the variable was not used to construct the network.\nThe object was created "
        "here (most recent call only):\n  File '")
    assert "test_warnings.py', line" in unused[0] and "in _make_unused" in unused[0]
    run(0.1 * ms)  # G has now been run: no warning when it goes
    del G
    gc.collect()
    assert len([m for m in warnings_logged if "never included" in m]) == 1
    prefs.logging.warn_for_unused_objects = False
    _make_unused("_2")
    gc.collect()
    assert len([m for m in warnings_logged if "never included" in m]) == 1


def test_name_in_two_namespaces(warnings_logged):
    tau = 20 * ms
    G = NeuronGroup(1, "dv/dt = -v/tau : 1", namespace={"tau": 10 * ms}, method="exact")
    G.v = 1
    net = Network(G)
    net.run(1 * ms, namespace={"tau": tau})
    assert G.v[0] == pytest.approx(np.exp(-0.1), rel=1e-12)  # the group's namespace wins
    conflicts = [m for m in warnings_logged if "refers to different objects" in m]
    assert conflicts == [
        'The name "tau" refers to different objects in different namespaces used for '
        'resolving names in the context of group "neurongroup". Will use the object from the '
        "group-specific namespace with the value 10. * msecond, but the name also refers to "
        "a variable in the run namespace with value '20. * msecond'."]
    net.run(1 * ms, namespace={"tau": tau})
    assert len([m for m in warnings_logged if "refers to different" in m]) == 1  # once


def test_units_come_first(warnings_logged):
    H = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", method="exact")
    H.v = 1
    Network(H).run(1 * ms, namespace={"ms": 2 * second})  # Brian uses the unit
    assert H.v[0] == pytest.approx(np.exp(-0.1), rel=1e-12)
    assert any('The name "ms" refers to different objects' in m and "units namespace" in m
               for m in warnings_logged)


def test_threshold_without_reset_or_refractory(warnings_logged):
    NeuronGroup(1, "v : 1", threshold="v > 1", name="no_reset")
    NeuronGroup(1, "v : 1", threshold="v > 1", reset="", name="empty_reset")
    NeuronGroup(1, "v : 1", threshold="v > 1", refractory=1 * ms, name="refractory_only")
    NeuronGroup(1, "v : 1", threshold="rand() < 0.1", name="random_threshold")
    relevant = [m for m in warnings_logged if "sets a threshold" in m]
    assert relevant == [
        "The NeuronGroup 'no_reset' sets a threshold but neither a reset condition nor a "
        "refractory condition has been set. Did you forget either of those? If this was "
        "intended, set the reset argument to an empty string in order to avoid this warning."]


def test_spike_generator_period_too_long(warnings_logged, target):
    G = SpikeGeneratorGroup(1, [0, 0], [1, 2] * ms, period=1e6 * second)
    M = SpikeMonitor(G)
    run(5 * ms)
    np.testing.assert_allclose(M.t / ms, [1, 2])
    assert [m for m in warnings_logged if "Periods longer" in m] == [
        "Periods longer than 2147483647 timesteps (=214.7483647 ks) are not supported, the "
        "period will therefore be considered infinite. Set the period to 0*second to avoid "
        "this warning."]


def test_synapses_on_another_dt(warnings_logged, target):
    G = NeuronGroup(1, "v : 1", threshold="True", reset="")
    H = NeuronGroup(1, "v : 1")
    S = Synapses(G, H, on_pre="v_post += 1", dt=0.2 * ms)
    S.connect()
    S.delay = 0.25 * ms
    run(1 * ms)
    messages = [m for m in warnings_logged if "will run on the clock" in m]
    assert len(messages) == 1
    assert messages[0].startswith(
        "Note that the synaptic pathway 'synapses_pre' will run on the clock of the group "
        "'neurongroup' using a dt of ")
    assert "'synapses', and 'neurongroup_1' use the same dt." in messages[0]
    # spikes at 0, 0.1, ..., 0.9 ms, delayed by 0.3 ms (0.25 ms rounded to the source's dt)
    assert H.v[0] == 7
