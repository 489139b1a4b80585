"""One ``connect`` call of a given form on N x N neurons, after a warm-up call of the same
form (compiled code cached); prints its time and the number of synapses (JSON).

``BENCH_PKG`` is brian_cg or brian2; arguments: form N target. Forms: gaussian
(p='exp(-0.1*(i-j)**2)'), condition ('abs(i-j) < 10 and i != j'), limited and divided (the
generator forms of Brian2's efficient_gaussian_connectivity example).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

globals().update(star_import(os.environ.get("BENCH_PKG", "brian_cg")))
if "BrianLogger" in globals():
    BrianLogger.log_level_error()  # noqa: F821
form, N = sys.argv[1], int(sys.argv[2])
prefs.codegen.target = sys.argv[3] if len(sys.argv) > 3 else "numpy"  # noqa: F821
w = 9
pmax = exp(-0.1*w**2)  # noqa: F821
FORMS = {
    "gaussian": [dict(p='exp(-0.1*(i-j)**2)')],
    "condition": [dict(condition='abs(i-j) < 10 and i != j')],
    "limited": [dict(j='k for k in range(i-w, i+w) if rand()<exp(-0.1*(i-j)**2)',
                     skip_if_invalid=True)],
    "divided": [dict(j='k for k in range(i-w, i+w) if rand()<exp(-0.1*(i-j)**2)',
                     skip_if_invalid=True),
                dict(j='k for k in sample(0, i-w, p=pmax) if rand()<exp(-0.1*(i-j)**2)/pmax',
                     skip_if_invalid=True),
                dict(j='k for k in sample(i+w, N_post, p=pmax) if rand()<exp(-0.1*(i-j)**2)'
                       '/pmax', skip_if_invalid=True)],
}


def run(n):
    G = NeuronGroup(n, 'v:1', threshold='v>1')  # noqa: F821
    S = Synapses(G, G, on_pre='v += 1')  # noqa: F821
    start = time.perf_counter()
    for kwds in FORMS[form]:
        S.connect(**kwds)
    return time.perf_counter() - start, len(S)


run(20)  # warm-up: code generated (and compiled) once
elapsed, synapses = run(N)
print(json.dumps({"connect_s": elapsed, "synapses": int(synapses)}))
