"""Objects cross process boundaries: a model built (and run) here is pickled, run in a worker
process, and its monitors come back, on every target (issue 20, part 11)."""
import multiprocessing
import pickle

import numpy as np
import pytest


def _model(target, tau_ms):
    from brian_cg import (
        Network,
        NeuronGroup,
        PoissonGroup,
        SpikeMonitor,
        StateMonitor,
        Synapses,
        TimedArray,
        ms,
        prefs,
        seed,
    )

    prefs.codegen.target = target
    seed(11)
    drive = TimedArray([1.2, 1.6, 1.4], dt=4 * ms)
    G = NeuronGroup(20, "dv/dt = (drive(t) - v)/tau : 1", threshold="v > 1", reset="v = 0",
                    method="exact", namespace={"tau": tau_ms * ms, "drive": drive})
    G.v = "rand()"
    P = PoissonGroup(10, 200 * ms ** -1 / 1000)
    S = Synapses(P, G, "w : 1", on_pre="v += w", delay=1 * ms)
    S.connect(p=0.5)
    S.w = 0.1
    M = SpikeMonitor(G)
    V = StateMonitor(G, "v", record=[0, 3])
    return Network(G, P, S, M, V), M, V


def _run_pickled(payload):
    """In the worker: unpickle a network (built, maybe run, in the parent), run it on."""
    from brian_cg import ms

    net, M, V = pickle.loads(payload)
    net.run(10 * ms)
    return M.i[:], M.t_[:], V.v[:]


def _build_and_run_here(target):
    from brian_cg import ms, start_scope

    start_scope()
    net, M, V = _model(target, 7)
    net.run(5 * ms)
    return net, M, V


@pytest.mark.skipif(multiprocessing.get_start_method(allow_none=True) not in (None, "fork"),
                    reason="needs the fork start method")
def test_a_run_network_pickles_and_runs_on_in_a_worker(target):
    from brian_cg import ms

    net, M, V = _build_and_run_here(target)
    payload = pickle.dumps((net, M, V))
    net.run(10 * ms)  # the reference: the same network run on in this process
    expected = (M.i[:], M.t_[:], V.v[:])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        got = pool.map(_run_pickled, [payload])[0]
    assert len(expected[0]) > 10
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)


def _simulate_in_worker(args):
    """The usual pattern: the worker builds a model, runs it, returns its monitor."""
    target, tau_ms = args
    from brian_cg import ms, start_scope

    start_scope()
    net, M, _ = _model(target, tau_ms)
    net.run(8 * ms)
    return M


@pytest.mark.skipif(multiprocessing.get_start_method(allow_none=True) not in (None, "fork"),
                    reason="needs the fork start method")
def test_monitors_come_back_from_worker_processes(target):
    with multiprocessing.get_context("fork").Pool(2) as pool:
        monitors = pool.map(_simulate_in_worker, [(target, 5), (target, 9)])
    for monitor, tau in zip(monitors, (5, 9)):
        here = _simulate_in_worker((target, tau))
        np.testing.assert_array_equal(monitor.i[:], here.i[:])
        np.testing.assert_array_equal(monitor.t[:], here.t[:])
    assert monitors[0].num_spikes != monitors[1].num_spikes
