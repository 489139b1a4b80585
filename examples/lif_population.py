"""A population of noisy leaky integrate-and-fire neurons (the core pipeline's demo).

Each neuron relaxes towards v0 = 1.2 with time constant tau and fires at v > 1;
noise of amplitude sigma (a per-neuron constant) makes them desynchronise. Prints
the firing figures and writes ``lif_population.png`` (raster, traces, rate).
"""
import time

from brian_cg import *

seed(2026)
start = time.perf_counter()
tau = 10 * ms
v0 = 1.2
eqs = '''
dv/dt = (v0 - v)/tau + sigma*xi*tau**-0.5 : 1 (unless refractory)
sigma : 1 (constant)
'''
G = NeuronGroup(100, eqs, threshold='v > 1', reset='v = 0', refractory=5 * ms, method='euler')
G.v = 'rand()'
G.sigma = 'i * 0.2 / N'   # noise grows with the neuron index
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=[0, 99])
rate = PopulationRateMonitor(G)
run(200 * ms, report='text')
elapsed = time.perf_counter() - start

# Without noise the interspike interval is refractory + tau*log(v0/(v0 - 1)).
isi_theory = 5 * ms + tau * log(v0 / (v0 - 1))
print(f"spikes: {spikes.num_spikes}")
print(f"mean rate: {spikes.num_spikes / (100 * 200 * ms)}")
print(f"neuron 0 (no noise): {spikes.count[0]} spikes, expected {int(200 * ms / isi_theory)}")
print(f"neuron 0 first spike at {spikes.spike_trains()[0][0]}, "
      f"theory {tau * log(v0 / (v0 - 1))}")
print(f"population rate, mean over the run: {mean(rate.rate)}")
print(f"wall time including build: {elapsed:.2f} s")

try:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no figure written")
else:
    fig, axes = plt.subplots(3, 1, figsize=(7, 8), sharex=True)
    axes[0].plot(spikes.t / ms, spikes.i, '.k', ms=2)
    axes[0].set_ylabel('neuron index')
    for k, idx in enumerate(trace.record):
        axes[1].plot(trace.t / ms, trace.v[k], label=f'neuron {idx}')
    axes[1].set_ylabel('v')
    axes[1].legend(loc='upper right')
    axes[2].plot(rate.t / ms, rate.smooth_rate(width=2 * ms) / Hz)
    axes[2].set_ylabel('rate (Hz)')
    axes[2].set_xlabel('time (ms)')
    fig.tight_layout()
    fig.savefig('lif_population.png', dpi=100)
    print("figure written to lif_population.png")
