"""4,000 LIF neurons, 1 s at dt = 0.1 ms; prints the time of the simulation loop.

``BENCH_PKG`` is brian_cg or brian2, ``BENCH_TARGET`` the code generation target. The
loop time is the second of two runs (the first, 1 ms long, builds the code objects), so
it holds the per-step work and Python overhead only.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

globals().update(star_import(os.environ.get("BENCH_PKG", "brian_cg")))
TARGET = os.environ.get("BENCH_TARGET", "numpy")
standalone = TARGET == "cpp_standalone"  # Brian2 only: loop time read from the device
if standalone:
    import tempfile

    set_device("cpp_standalone", directory=tempfile.mkdtemp(), build_on_run=False)  # noqa: F821
else:
    prefs.codegen.target = TARGET  # noqa: F821
seed(1)  # noqa: F821
N = 4000
tau = 10*ms  # noqa: F821
eqs = '''
dv/dt = (v0 - v)/tau : volt (unless refractory)
v0 : volt
'''
G = NeuronGroup(N, eqs, threshold='v > -50*mV', reset='v = -70*mV',  # noqa: F821
                refractory=5*ms, method='exact')  # noqa: F821
G.v = '-70*mV + rand()*20*mV'
G.v0 = '-60*mV + 20*mV*i/N'
M = SpikeMonitor(G)  # noqa: F821
if standalone:
    run(1*second)  # noqa: F821
    device.build(run=True, compile=True)  # noqa: F821
    loop = float(device._last_run_time)  # noqa: F821
else:
    net = Network(G, M)  # noqa: F821
    net.run(1*ms)  # noqa: F821
    start = time.perf_counter()
    net.run(1*second)  # noqa: F821
    loop = time.perf_counter() - start
print(json.dumps({"loop_s": loop, "spikes": int(M.num_spikes)}))
