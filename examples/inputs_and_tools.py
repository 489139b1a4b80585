"""Inputs and tools in one script: TimedArray, PoissonGroup, PoissonInput,
SpikeGeneratorGroup, network_operation, RecentStateMonitor, store/restore and saving.

Prints what each part produced and writes ``inputs_and_tools.png`` and ``recording.npz``.
"""
from brian_cg import *
from brian_cg.monitors.export import load_monitor
from brian_cg.plot import plot_raster, plot_state

seed(6)
# A 2-D TimedArray: a different current step for each of the 3 neurons
stimulus = TimedArray(np.array([[0.0, 0.5, 1.0], [2.0, 2.5, 3.0]]) * nA, dt=50*ms)
eqs = '''
dv/dt = (-v + R*stimulus(t, i) + ge)/tau : volt
dge/dt = -ge/(5*ms) : volt
'''
R = 10*Mohm
tau = 10*ms
G = NeuronGroup(3, eqs, threshold='v > 15*mV', reset='v = 0*mV', method='euler')

# Poisson background without synapses: 200 inputs at 5 Hz, 0.5 mV each
background = PoissonInput(G, 'ge', N=200, rate=5*Hz, weight=0.5*mV)

# A spike pattern repeating every 20 ms, into neuron 0 through a synapse
pattern = SpikeGeneratorGroup(2, [0, 1, 0], [2, 5, 9]*ms, period=20*ms)
S = Synapses(pattern, G, on_pre='ge += 3*mV')
S.connect(i=[0, 1], j=[0, 0])

poisson = PoissonGroup(50, rates='20*Hz + 10*Hz*sin(2*pi*t/(50*ms))')

@network_operation(dt=25*ms)
def kick(t):
    # every 25 ms, push neuron 2 up by 1 mV (Python inside the loop, at its own dt)
    G.v[2] += 1*mV

spikes = SpikeMonitor(G)
pspikes = SpikeMonitor(poisson)
recent = RecentStateMonitor(G, 'v', record=True, duration=20*ms)
trace = StateMonitor(G, 'v', record=True)

store()
run(100*ms)
first = (spikes.i[:].copy(), spikes.t[:].copy())
restore()
run(100*ms)
print(f"spikes per neuron: {spikes.count[:]}, Poisson group: {pspikes.num_spikes} spikes")
print(f"spikes in the first run: {len(first[0])}; after restore() the second run gives "
      f"{len(spikes.i)} (restore draws new random numbers, as in Brian)")
print(f"RecentStateMonitor keeps {recent.v.shape[1]} steps, from {recent.t[0]} to {recent.t[-1]}")

trace.save('recording.npz')
loaded = load_monitor('recording.npz')
print(f"saved and loaded: v of shape {loaded['v'].shape}, first value {loaded['v'][0][0]}")

try:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no figure written")
else:
    fig, axes = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    plot_state(trace.t, trace.v, axes=axes[0], var_name='v')
    plot_raster(pspikes.i, pspikes.t, axes=axes[1])
    fig.tight_layout()
    fig.savefig('inputs_and_tools.png', dpi=100)
    print("figure written to inputs_and_tools.png")
