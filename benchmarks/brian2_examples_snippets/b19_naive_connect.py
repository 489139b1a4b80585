from brian2 import *
import time
def naive(N):
    G = NeuronGroup(N, 'v:1', threshold='v>1', name='G')
    S = Synapses(G, G, on_pre='v += 1', name='S')
    S.connect(p='exp(-0.1*(i-j)**2)')
    return len(S)
naive(10)
for N, r in [(100, 10), (1000, 3), (5000, 1)]:
    t0 = time.time()
    for _ in range(r): n = naive(N)
    print(N, n, 'per call %.3f s' % ((time.time()-t0)/r))
