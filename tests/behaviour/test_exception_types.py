"""Refusals raise Brian2's exception class (brian_cg's own classes subclass it)."""
import pytest

from brian_cg import (BrianObjectException, Network, NeuronGroup, StateMonitor, Synapses, ms,
                      run)


def test_network_refusals_use_brian_classes():
    G = NeuronGroup(1, "v : 1", name="known")
    net = Network(G)
    with pytest.raises(KeyError):
        net.remove(NeuronGroup(1, "v : 1"))  # not in the network
    with pytest.raises(KeyError):
        net["unknown"]
    with pytest.raises(TypeError):
        net[0]  # objects are found by name
    assert net["known"] is G
    net.run(0.1 * ms)
    with pytest.raises(ValueError, match="profile=True"):
        net.profiling_info  # no profiled run yet
    net.run(0.1 * ms, profile=True)
    assert [name for name, _ in net.profiling_info]


def test_state_monitor_index_refusals(target):
    G = NeuronGroup(3, "v : 1")
    M = StateMonitor(G, "v", record=[0, 2])
    run(0.2 * ms)
    for item in ("v", 1.5, ["a"]):
        with pytest.raises(TypeError):
            M[item]
    with pytest.raises(IndexError):
        M[1]  # not recorded
    assert M[2].v.shape == (2,)


def test_non_boolean_index_condition():
    G = NeuronGroup(3, "v : 1")
    with pytest.raises(BrianObjectException):  # as Brian
        G.v["v + 1"]
    with pytest.raises(ValueError):  # as before
        G.v["v + 1"]


def test_summed_variable_of_an_unknown_target_variable():
    G = NeuronGroup(3, "v : 1")
    with pytest.raises(ValueError, match="x"):
        Synapses(G, G, "x_post = 1 : 1 (summed)")
