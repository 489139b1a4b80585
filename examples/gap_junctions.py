"""Neurons coupled by gap junctions (a summed synaptic variable) synchronise.

As Brian2's ``examples/synapses/gapjunctions.py``: writes ``gap_junctions.png``.
"""
from brian_cg import *

n = 10
v0 = 1.05
tau = 10*ms

eqs = '''
dv/dt = (v0 - v + Igap) / tau : 1
Igap : 1 # gap junction current
'''
neurons = NeuronGroup(n, eqs, threshold='v > 1', reset='v = 0', method='exact')
neurons.v = 'i * 1.0 / (n-1)'
trace = StateMonitor(neurons, 'v', record=[0, 5])
spikes = SpikeMonitor(neurons)

S = Synapses(neurons, neurons, '''
             w : 1 # gap junction conductance
             Igap_post = w * (v_pre - v_post) : 1 (summed)
             ''')
S.connect()
S.w = .02

run(500*ms)
first = [spikes.spike_trains()[k][0] for k in range(n)]
last = [spikes.spike_trains()[k][-1] for k in range(n)]
print(f"spread of the first spike times: {max(first) - min(first)}")
print(f"spread of the last spike times:  {max(last) - min(last)}")

try:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no figure written")
else:
    plt.plot(trace.t/ms, trace[0].v, label='neuron 0')
    plt.plot(trace.t/ms, trace[5].v, label='neuron 5')
    plt.xlabel('Time (ms)')
    plt.ylabel('v')
    plt.legend()
    plt.savefig('gap_junctions.png', dpi=100)
    print("figure written to gap_junctions.png")
