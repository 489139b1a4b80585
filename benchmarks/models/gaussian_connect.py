"""Brian2's example ``synapses/efficient_gaussian_connectivity.py`` without the plot: three
ways to connect N neurons with probability exp(-0.1*(i-j)**2), each repeated for N from
100 to 20,000 (many small ``connect`` calls). Prints one JSON line: the mean time per
call of each way and size, and the whole run.

``BENCH_PKG`` is brian_cg or brian2; arguments: target [sizes as N:repeats,...]
(default the example's: 100:300,500:30,1000:30,5000:3,10000:3,20000:3). ``BENCH_UNNAMED=1``
drops the example's explicit names 'G' and 'S' (each call then gets fresh names).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

globals().update(star_import(os.environ.get("BENCH_PKG", "brian_cg")))
if "BrianLogger" in globals():
    BrianLogger.log_level_error()  # noqa: F821 (Brian2 warns about the unused objects)
prefs.codegen.target = sys.argv[1] if len(sys.argv) > 1 else "numpy"  # noqa: F821
SIZES = sys.argv[2] if len(sys.argv) > 2 else "100:300,500:30,1000:30,5000:3,10000:3,20000:3"
if os.environ.get("BENCH_UNNAMED"):
    _NeuronGroup, _Synapses = NeuronGroup, Synapses  # noqa: F821

    def NeuronGroup(*args, name=None, **kwds):
        return _NeuronGroup(*args, **kwds)

    def Synapses(*args, name=None, **kwds):
        return _Synapses(*args, **kwds)


def naive(N):
    G = NeuronGroup(N, 'v:1', threshold='v>1', name='G')  # noqa: F821
    S = Synapses(G, G, on_pre='v += 1', name='S')  # noqa: F821
    S.connect(p='exp(-0.1*(i-j)**2)')


def limited(N, q=0.001):
    G = NeuronGroup(N, 'v:1', threshold='v>1', name='G')  # noqa: F821
    S = Synapses(G, G, on_pre='v += 1', name='S')  # noqa: F821
    w = int(ceil(sqrt(log(q)/-0.1)))  # noqa: F821
    S.connect(j='k for k in range(i-w, i+w) if rand()<exp(-0.1*(i-j)**2)', skip_if_invalid=True)


def divided(N, q=0.001):
    G = NeuronGroup(N, 'v:1', threshold='v>1', name='G')  # noqa: F821
    S = Synapses(G, G, on_pre='v += 1', name='S')  # noqa: F821
    w = int(ceil(sqrt(log(q)/-0.1)))  # noqa: F821
    S.connect(j='k for k in range(i-w, i+w) if rand()<exp(-0.1*(i-j)**2)', skip_if_invalid=True)
    pmax = exp(-0.1*w**2)  # noqa: F821
    S.connect(j='k for k in sample(0, i-w, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax',
              skip_if_invalid=True)
    S.connect(j='k for k in sample(i+w, N_post, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax',
              skip_if_invalid=True)


def repeated_run(f, N, repeats):
    start_time = time.perf_counter()
    for _ in range(repeats):
        f(N)
    return (time.perf_counter() - start_time) / repeats


start = time.perf_counter()
naive(10)
limited(10)
divided(10)
times = {}
for f in (naive, limited, divided):
    for size in SIZES.split(","):
        N, repeats = (int(x) for x in size.split(":"))
        times[f"{f.__name__} {N}"] = repeated_run(f, N, repeats)
print(json.dumps({"times": times, "total_s": time.perf_counter() - start}))
