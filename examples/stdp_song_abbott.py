"""Spike-timing dependent plasticity (Song, Miller & Abbott 2000).

1,000 Poisson inputs drive one neuron through plastic synapses; the weights become
bimodal (most near 0 or near gmax). ``python stdp_song_abbott.py [seconds]`` (default 100,
as in Brian2's example). Prints the weight histogram and writes ``stdp_weights.png``.
"""
import sys

from brian_cg import *

duration = float(sys.argv[1]) if len(sys.argv) > 1 else 100.0
seed(2000)
N = 1000
taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
F = 15*Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax

eqs_neurons = '''
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''

poisson_input = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
S = Synapses(poisson_input, neurons,
             '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''',
             )
S.connect()
S.w = 'rand() * gmax'
mon = StateMonitor(S, 'w', record=[0, 1])
s_mon = SpikeMonitor(neurons)

run(duration*second, report='text')

w = S.w[:] / gmax
counts, edges = np.histogram(w, bins=10, range=(0, 1))
print("weight histogram (w/gmax, 10 bins):", counts.tolist())
print(f"fraction of weights below 0.1 gmax: {np.mean(w < 0.1):.2f}, "
      f"above 0.9 gmax: {np.mean(w > 0.9):.2f}")
print(f"output spikes: {s_mon.num_spikes}")

try:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no figure written")
else:
    fig, axes = plt.subplots(2, 1, figsize=(6, 6))
    axes[0].hist(w, 20)
    axes[0].set_xlabel('Weight / gmax')
    axes[1].plot(mon.t/second, mon.w.T/gmax)
    axes[1].set_xlabel('Time (s)')
    axes[1].set_ylabel('Weight / gmax')
    fig.tight_layout()
    fig.savefig('stdp_weights.png', dpi=100)
    print("figure written to stdp_weights.png")
