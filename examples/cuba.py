"""Vogels & Abbott (2005) current-based (CUBA) network: 4,000 LIF neurons, 2% connectivity.

The README's demo: prints the mean firing rate and spike count, and writes a raster plot
to ``cuba_raster.png``. (The same benchmark as Brian2's ``examples/CUBA.py``.)
"""
import time

from brian_cg import *

start = time.perf_counter()
seed(2005)
taum = 20*ms
taue = 5*ms
taui = 10*ms
Vt = -50*mV
Vr = -60*mV
El = -49*mV

eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''

P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV
P.gi = 0*mV

we = (60*0.27/10)*mV  # excitatory synaptic weight (voltage)
wi = (-20*4.5/10)*mV  # inhibitory synaptic weight
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02)
Ci.connect('i>=3200', p=0.02)

s_mon = SpikeMonitor(P)
run(1*second, report='text')

print(f"synapses: {len(Ce) + len(Ci)}")
print(f"spikes: {s_mon.num_spikes}")
print(f"mean firing rate: {s_mon.num_spikes / (4000 * second)}")
print(f"wall time (build + run): {time.perf_counter() - start:.2f} s")

try:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from brian_cg.plot import plot_raster
except ImportError:
    print("matplotlib is not installed: no raster plot written")
else:
    plt.figure(figsize=(8, 4))
    plot_raster(s_mon.i, s_mon.t, marker=',', markersize=1)
    plt.title('CUBA network (Vogels & Abbott 2005)')
    plt.tight_layout()
    plt.savefig('cuba_raster.png', dpi=120)
    print("raster plot written to cuba_raster.png")
