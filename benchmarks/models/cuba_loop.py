"""CUBA (Vogels & Abbott 2005) or COBA network, N neurons (default 4,000), 80 synapses per
neuron, 1 s at dt = 0.1 ms; prints the time of the simulation loop.

``BENCH_PKG`` is brian_cg or brian2, ``BENCH_TARGET`` the code generation target
(``cpp_standalone`` for Brian2's standalone device: its loop time is the 'run' entry of its
profiling-free timer, read from the device), ``BENCH_MODEL`` 'cuba' or 'coba', ``BENCH_N``
the number of neurons. The loop time is that of the second of two runs (the first, 1 ms
long, builds everything), so it holds the per-step work and overhead only.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

PKG = os.environ.get("BENCH_PKG", "brian_cg")
globals().update(star_import(PKG))
TARGET = os.environ.get("BENCH_TARGET", "cython")
MODEL = os.environ.get("BENCH_MODEL", "cuba")
N = int(os.environ.get("BENCH_N", "4000"))
standalone = TARGET == "cpp_standalone"
if standalone:
    import tempfile

    set_device("cpp_standalone", directory=tempfile.mkdtemp(), build_on_run=False)  # noqa: F821
else:
    prefs.codegen.target = TARGET  # noqa: F821
seed(2005)  # noqa: F821
p = 80.0 / N
if MODEL == "cuba":
    taum, taue, taui = 20*ms, 5*ms, 10*ms  # noqa: F821
    Vt, Vr, El = -50*mV, -60*mV, -49*mV  # noqa: F821
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms,  # noqa: F821
                    method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    we = (60*0.27/10)*mV  # noqa: F821
    wi = (-20*4.5/10)*mV  # noqa: F821
    Ce = Synapses(P, P, on_pre='ge += we')  # noqa: F821
    Ci = Synapses(P, P, on_pre='gi += wi')  # noqa: F821
else:
    area = 20000*umetre**2  # noqa: F821
    Cm = (1*ufarad*cm**-2) * area  # noqa: F821
    gl = (5e-5*siemens*cm**-2) * area  # noqa: F821
    El, EK, ENa, VT = -60*mV, -90*mV, 50*mV, -63*mV  # noqa: F821
    taum, taue, taui = 20*ms, 5*ms, 10*ms  # noqa: F821
    Ee, Ei = 0*mV, -80*mV  # noqa: F821
    we, wi = 6*nS, 67*nS  # noqa: F821
    Vt, Vr = -50*mV, -60*mV  # noqa: F821
    eqs = '''
    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v))/Cm : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms,  # noqa: F821
                    method='euler')
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    Ce = Synapses(P, P, on_pre='ge += we')  # noqa: F821
    Ci = Synapses(P, P, on_pre='gi += wi')  # noqa: F821
Ce.connect('i<int(0.8*N_pre)', p=p)
Ci.connect('i>=int(0.8*N_pre)', p=p)
M = SpikeMonitor(P)  # noqa: F821
if standalone:
    run(1*second, profile=False)  # noqa: F821
    device.build(run=True, compile=True)  # noqa: F821
    loop = float(device._last_run_time)
    spikes = int(M.num_spikes)
else:
    net = Network(P, Ce, Ci, M)  # noqa: F821
    net.run(1*ms)  # noqa: F821
    start = time.perf_counter()
    net.run(1*second)  # noqa: F821
    loop = time.perf_counter() - start
    spikes = int(M.num_spikes)
print(json.dumps({"loop_s": loop, "spikes": spikes, "synapses": int(len(Ce) + len(Ci))}))
