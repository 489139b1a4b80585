"""Vogels & Abbott (2005) conductance-based (COBA) network: 4,000 neurons, 2% connectivity.

Prints the firing rate and writes ``coba_raster.png``. (Brian2's COBA benchmark model.)
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
El = -60*mV
Erev_exc = 0.*mV
Erev_inh = -80.*mV
I = 20.*mvolt

eqs = '''
dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
'''
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='euler')
we = 6./10.   # excitatory synaptic weight (relative to the leak conductance)
wi = 67./10.  # inhibitory synaptic weight
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02)
Ci.connect('i>=3200', p=0.02)
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0
P.gi = 0

s_mon = SpikeMonitor(P)
run(1*second, report='text')
print(f"spikes: {s_mon.num_spikes}")
print(f"mean firing rate: {s_mon.num_spikes / (4000 * second)}")
print(f"wall time (build + run): {time.perf_counter() - start:.2f} s")

try:
    import matplotlib
    matplotlib.use('Agg')
    from brian_cg.plot import plot_raster
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no raster plot written")
else:
    plot_raster(s_mon.i, s_mon.t, markersize=1)
    plt.title('COBA network')
    plt.savefig('coba_raster.png', dpi=120)
    print("raster plot written to coba_raster.png")
