from brian2 import *
G = NeuronGroup(4, 'v : 1')
S = Synapses(G, G, 'w : 1')
S.connect('i != j')
S.w[S.indices[:, 2:4]] = 5
print('ok', S.w[:])
