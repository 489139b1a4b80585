"""A CUBA network (4,000 neurons) swept over its synaptic weights and seeds, three ways.

``python cuba_sweep.py MODE POINTS DURATION_MS WORKERS`` (``BENCH_PKG``: brian_cg or brian2);
prints JSON on its last line: ``wall`` (seconds, from the start of the sweep to the last
result), ``rates`` (the mean rate of each point), ``cpu`` (the CPU seconds of each point),
``pid`` (the process that ran it) and ``cpu_main`` (CPU seconds of this process in all).

Modes: ``one`` runs the points one after the other in this process; ``sweep`` runs them with
``brian_cg.sweep(workers=WORKERS)``; ``mp`` is the way Brian2's documentation shows
(examples/multiprocessing/01_using_cython.py): ``multiprocessing.Pool(WORKERS).map`` of a
function that builds and runs the model, with the runtime (Cython) target.
"""
import json
import os
import sys
import time

PKG = os.environ.get("BENCH_PKG", "brian_cg")
if PKG == "brian2":
    import brian2  # noqa: F401 - at the top, as Brian2's example: forked workers inherit it


def points(n, duration_ms):
    """``n`` points: 4 excitatory x 4 inhibitory weight scales x seeds (64 = 4 x 4 x 4)."""
    scales = [0.8, 0.9, 1.0, 1.1]
    out = [{"we_scale": a, "wi_scale": b, "seed": s, "duration_ms": duration_ms}
           for s in range(max(1, n // 16) + 1) for a in scales for b in scales]
    return sorted(out[:n], key=lambda p: (p["we_scale"], p["wi_scale"], p["seed"]))


def cuba(we_scale, wi_scale, seed, duration_ms):
    """(mean firing rate in Hz, CPU seconds, pid) of Brian's CUBA example with scaled weights."""
    cpu = time.process_time()
    if PKG == "brian2":
        import brian2 as b
        b.prefs.codegen.target = "cython"
        b.start_scope()
    else:
        import brian_cg as b
    b.seed(seed)
    ms, mV = b.ms, b.mV
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms  # noqa: F841 - the equations read them
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV  # noqa: F841
    we = we_scale * (60 * 0.27 / 10) * mV  # noqa: F841
    wi = wi_scale * (-20 * 4.5 / 10) * mV  # noqa: F841
    eqs = """dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
             dge/dt = -ge/taue : volt
             dgi/dt = -gi/taui : volt"""
    P = b.NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                      method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    Ce = b.Synapses(P, P, on_pre="ge += we")
    Ci = b.Synapses(P, P, on_pre="gi += wi")
    Ce.connect("i<3200", p=0.02)
    Ci.connect("i>=3200", p=0.02)
    M = b.SpikeMonitor(P)
    b.run(duration_ms * ms)
    rate = M.num_spikes / (4000 * duration_ms / 1000)
    return float(rate), time.process_time() - cpu, os.getpid()


def main():
    mode, n, duration, workers = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), \
        int(sys.argv[4])
    params = points(n, duration)
    start = time.perf_counter()
    if mode == "one":
        if PKG == "brian_cg":
            import brian_cg
            rates = []
            for p in params:
                brian_cg.start_scope()
                rates.append(cuba(**p))
        else:
            rates = [cuba(**p) for p in params]
    elif mode == "sweep":
        import brian_cg
        results = brian_cg.sweep(cuba, params, workers=workers, progress=False)
        results.raise_failures()
        rates = results.values
        assert all(r.compiles == 0 for r in results)  # the cache is warm: nothing compiles
    else:
        import multiprocessing
        with multiprocessing.Pool(workers) as pool:
            rates = pool.starmap(cuba, [(p["we_scale"], p["wi_scale"], p["seed"],
                                         p["duration_ms"]) for p in params])
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "points": len(params), "rates": [r[0] for r in rates],
                      "cpu": [r[1] for r in rates], "pid": [r[2] for r in rates],
                      "cpu_main": time.process_time()}))


if __name__ == "__main__":
    main()
