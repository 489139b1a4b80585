"""The core issue's example script; ``BENCH_PKG`` is brian_cg or brian2 (numpy target)."""
import json
import os
import sys
import time

start = time.perf_counter()
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

globals().update(star_import(os.environ.get("BENCH_PKG", "brian_cg")))
prefs.codegen.target = "numpy"  # noqa: F821
tau = 10*ms  # noqa: F821
v0 = 1.2
eqs = '''
dv/dt = (v0 - v)/tau + sigma*xi*tau**-0.5 : 1 (unless refractory)
sigma : 1 (constant)
'''
G = NeuronGroup(100, eqs, threshold='v > 1', reset='v = 0', refractory=5*ms,  # noqa: F821
                method='euler')
G.v = 'rand()'
G.sigma = 0.1
spikes = SpikeMonitor(G)  # noqa: F821
trace = StateMonitor(G, 'v', record=[0, 1])  # noqa: F821
rate = PopulationRateMonitor(G)  # noqa: F821
run(200*ms)  # noqa: F821
print(json.dumps({"spikes": int(spikes.num_spikes), "script_s": time.perf_counter() - start}))
