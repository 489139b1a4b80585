from brian2 import *
N_synapses = 3
G = NeuronGroup(5, 'v : 1'); H = NeuronGroup(5, 'v : 1')
S = Synapses(G, H)
S.connect(j='i if i < N_synapses')
print('ok', S.i[:], S.j[:])
