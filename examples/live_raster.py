"""Live raster: watch a network's spikes while it runs.

A ``network_operation`` called every 25 ms of simulated time reads the ``SpikeMonitor``
and redraws the raster and the population rate, so the figure grows as the simulation
advances. With a window (an interactive matplotlib backend) the figure updates on screen;
headless (the Agg backend, as in the documentation build or on a server) the same code
runs, and the figure is written to ``live_raster_at_500ms.png`` half-way through and to
``live_raster.png`` at the end. The network is a sparse
excitatory-inhibitory network of 500 noisy leaky integrate-and-fire neurons.
"""
import matplotlib
import matplotlib.pyplot as plt

from brian_cg import *

seed(17)
N = 500
N_exc = 400
duration = 1 * second
update_every = 25 * ms

tau = 10 * ms
eqs = '''
dv/dt = (mu - v)/tau + sigma*xi*tau**-0.5 : 1 (unless refractory)
mu : 1 (constant)
sigma : 1 (constant)
'''
neurons = NeuronGroup(N, eqs, threshold='v > 1', reset='v = 0', refractory=2 * ms,
                      method='euler')
neurons.v = 'rand()'
neurons.mu = '0.8 + 0.2*rand()'
neurons.sigma = 0.25
excitatory = Synapses(neurons[:N_exc], neurons, on_pre='v += 0.02', delay=1.5 * ms)
excitatory.connect(p=0.05)
inhibitory = Synapses(neurons[N_exc:], neurons, on_pre='v -= 0.08', delay=1.5 * ms)
inhibitory.connect(p=0.05)
spikes = SpikeMonitor(neurons)

interactive = matplotlib.get_backend().lower() not in ('agg', 'pdf', 'svg', 'ps', 'cairo',
                                                      'template')
if interactive:
    plt.ion()
fig, (raster_ax, rate_ax) = plt.subplots(2, 1, sharex=True, figsize=(8, 5),
                                         gridspec_kw={'height_ratios': [3, 1]})
dots, = raster_ax.plot([], [], '.k', markersize=1)
raster_ax.set(xlim=(0, duration / ms), ylim=(-1, N), ylabel='neuron index')
raster_ax.axhline(N_exc - 0.5, color='tab:red', linewidth=0.5)
rate_line, = rate_ax.plot([], [], color='tab:blue')
rate_ax.set(xlabel='time (ms)', ylabel='rate (Hz)', ylim=(0, 50))
raster_ax.set_title('t = 0 ms')
fig.tight_layout()
updates = []


@network_operation(dt=update_every, when='end')
def update_plot(t):
    """Redraw from what the monitor holds now; ``t`` is the current simulation time."""
    times, indices = spikes.t / ms, spikes.i[:]
    dots.set_data(times, indices)
    bins = np.arange(0, float(t / ms) + 1e-9, 5)
    if len(bins) > 1:
        counts, _ = np.histogram(times, bins)
        rate_line.set_data(bins[:-1] + 2.5, counts / (N * 5 * ms) / Hz)
    raster_ax.set_title(f't = {t / ms:.0f} ms, {spikes.num_spikes} spikes')
    updates.append(float(t / ms))
    if abs(t - duration / 2) < defaultclock.dt / 2:
        fig.savefig('live_raster_at_500ms.png', dpi=100)
    if interactive:
        fig.canvas.draw_idle()
        plt.pause(0.001)  # let the window draw


run(duration)
update_plot(defaultclock.t)  # the last stretch after the final update
print(f"{len(updates)} live updates of the figure, at t = {updates[0]:.0f} ms, "
      f"{updates[1]:.0f} ms, ... {updates[-1]:.0f} ms")
print(f"spikes: {spikes.num_spikes}, mean rate {spikes.num_spikes / (N * duration)}")
fig.savefig('live_raster.png', dpi=100)
print("figure written to live_raster.png")
if interactive:
    plt.ioff()
    plt.show()
