"""CUBA, COBA or STDP networks with 80 synapses per neuron; prints the time split (JSON).

Arguments: model (cuba|coba|stdp) N target [device]. ``BENCH_PKG``: brian_cg or brian2.
Times: ``build`` (groups and synapse objects), ``connect``, ``compile`` (first 0.1 ms run:
code generation and compilation), ``loop`` (1 s of simulated time, or 10 s for STDP).
For Brian2's cpp_standalone, ``compile`` + ``loop`` come from its build, and ``loop`` is
the run time Brian2 measured inside the standalone binary.
"""
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

pkg = os.environ.get("BENCH_PKG", "brian_cg")
globals().update(star_import(pkg))
model, N, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
standalone = len(sys.argv) > 4 and sys.argv[4] == "cpp_standalone"
if standalone:
    set_device("cpp_standalone", directory=tempfile.mkdtemp(), build_on_run=False)  # noqa: F821
else:
    prefs.codegen.target = target  # noqa: F821
seed(1)  # noqa: F821
t0 = time.perf_counter()
p = 80.0 / N
if model in ("cuba", "coba"):
    taum, taue, taui = 20*ms, 5*ms, 10*ms  # noqa: F821
    Vt, Vr = -50*mV, -60*mV  # noqa: F821
    if model == "cuba":
        El = -49*mV  # noqa: F821
        eqs = '''dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
                 dge/dt = -ge/taue : volt
                 dgi/dt = -gi/taui : volt'''
        we, wi, method = (60*0.27/10)*mV, (-20*4.5/10)*mV, 'exact'  # noqa: F821
    else:
        El, Ee, Ei, I = -60*mV, 0*mV, -80*mV, 20*mV  # noqa: F821
        eqs = '''dv/dt  = (ge*(Ee-v)+gi*(Ei-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
                 dge/dt = -ge/taue : 1
                 dgi/dt = -gi/taui : 1'''
        we, wi, method = 6./10., 67./10., 'euler'
    P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms,  # noqa: F821
                    method=method)
    P.v = 'Vr + rand() * (Vt - Vr)'
    Ce = Synapses(P, P, on_pre='ge += we')  # noqa: F821
    Ci = Synapses(P, P, on_pre='gi += wi')  # noqa: F821
    objects = [P, Ce, Ci]
    duration = 1*second  # noqa: F821
    t1 = time.perf_counter()
    Ce.connect(f'i<{int(0.8 * N)}', p=p)
    Ci.connect(f'i>={int(0.8 * N)}', p=p)
    n_syn = len(Ce) + len(Ci) if not standalone else -1
else:  # Song, Miller & Abbott STDP: N Poisson inputs onto one neuron
    taum, taupre, taupost, taue = 10*ms, 20*ms, 20*ms, 5*ms  # noqa: F821
    Ee, vt, vr, El = 0*mV, -54*mV, -60*mV, -74*mV  # noqa: F821
    gmax, dApre = .01, .01
    dApost = -dApre * taupre / taupost * 1.05 * gmax
    dApre *= gmax
    inp = PoissonGroup(N, rates=15*Hz)  # noqa: F821
    neuron = NeuronGroup(1, '''dv/dt = (ge * (Ee-v) + El - v) / taum : volt
                               dge/dt = -ge / taue : 1''', threshold='v>vt',  # noqa: F821
                         reset='v = vr', method='euler')
    S = Synapses(inp, neuron, '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',  # noqa: F821
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''')
    objects = [inp, neuron, S]
    duration = 10*second  # noqa: F821
    t1 = time.perf_counter()
    S.connect()
    S.w = 'rand() * gmax'
    n_syn = len(S) if not standalone else -1
t2 = time.perf_counter()
net = Network(objects)  # noqa: F821
if standalone:
    net.run(duration)
    device.build(run=True, compile=True)  # noqa: F821
    t3 = time.perf_counter()
    loop = float(device._last_run_time)  # noqa: F821
    result = {"build": t1 - t0, "connect": None, "compile": t3 - t2 - loop, "loop": loop}
else:
    net.run(0.1*ms)  # noqa: F821
    t3 = time.perf_counter()
    net.run(duration)
    t4 = time.perf_counter()
    result = {"build": t1 - t0, "connect": t2 - t1, "compile": t3 - t2, "loop": t4 - t3}
result.update(synapses=n_syn)
print(json.dumps(result))
