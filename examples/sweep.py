"""A parameter sweep: the CUBA network's firing rate over its excitatory and inhibitory
weights, three seeds each, run in parallel with ``sweep``; a heat map of the mean rate
is written to ``sweep_rates.png``.

``sweep`` runs ``cuba_rate`` at every point of the grid on a pool of worker processes (one
per core) that share one compile cache: the model compiles once. To run the same sweep on a
Dask cluster, pass ``client=Client('tcp://scheduler:8786')``; to keep each point's result on
disk as it finishes (and skip what is done when the script is run again), ``out='folder'``.
"""
import time

from brian_cg import *


def cuba_rate(we, wi, seed):
    """Mean firing rate of the CUBA network (Vogels & Abbott 2005, 4,000 neurons) for the
    synaptic weights ``we`` and ``wi``; ``sweep`` has called ``seed(seed)`` already."""
    taum, taue, taui = 20*ms, 5*ms, 10*ms
    Vt, Vr, El = -50*mV, -60*mV, -49*mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms,
                    method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<3200', p=0.02)
    Ci.connect('i>=3200', p=0.02)
    M = SpikeMonitor(P)
    duration = 500*ms
    run(duration)
    return {'rate': M.num_spikes / (4000 * duration)}


if __name__ == '__main__':
    points = sweep.grid(we=[1.0, 1.4, 1.8, 2.2]*mV, wi=[-13.5, -9, -4.5, 0]*mV, seed=range(3))
    start = time.perf_counter()
    results = sweep(cuba_rate, points)
    print(f"{len(results)} points in {time.perf_counter() - start:.1f} s; "
          f"{len(results.failed)} failed")
    rates = results.to_numpy('rate')      # shape (4, 4, 3): we x wi x seed, in Hz
    mean_rate = rates.mean(axis=2)
    print("mean firing rate (Hz), rows: we, columns: wi")
    print(np.round(np.asarray(mean_rate / Hz), 1))

    try:
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no heat map written")
    else:
        we_values = [float(w / mV) for w in points.axes['we']]
        wi_values = [float(w / mV) for w in points.axes['wi']]
        plt.figure(figsize=(5, 4))
        plt.imshow(np.asarray(mean_rate / Hz), origin='lower', aspect='auto', cmap='viridis',
                   norm=matplotlib.colors.LogNorm(),  # rates from a few Hz to > 100 Hz
                   extent=[-0.5, len(wi_values) - 0.5, -0.5, len(we_values) - 0.5])
        plt.xticks(range(len(wi_values)), [f'{w:g}' for w in wi_values])
        plt.yticks(range(len(we_values)), [f'{w:g}' for w in we_values])
        plt.xlabel('wi (mV)')
        plt.ylabel('we (mV)')
        plt.colorbar(label='mean firing rate (Hz, 3 seeds)')
        plt.title('CUBA: firing rate over the synaptic weights')
        plt.tight_layout()
        plt.savefig('sweep_rates.png', dpi=120)
        print("heat map written to sweep_rates.png")
