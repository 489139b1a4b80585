"""Connect N x N neurons with fixed probability p; prints time and peak memory (JSON).

``BENCH_PKG`` is brian_cg or brian2; arguments: N p target.
"""
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import star_import  # noqa: E402

globals().update(star_import(os.environ.get("BENCH_PKG", "brian_cg")))
N, p = int(sys.argv[1]), float(sys.argv[2])
prefs.codegen.target = sys.argv[3] if len(sys.argv) > 3 else "numpy"  # noqa: F821
G = NeuronGroup(N, 'v : 1', threshold='v > 1')  # noqa: F821
S = Synapses(G, G, 'w : 1', on_pre='v += w')  # noqa: F821
start = time.perf_counter()
S.connect(p=p)
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"connect_s": elapsed, "synapses": int(len(S)),
                  "peak_rss_gib": peak_kib / 2**20}))
