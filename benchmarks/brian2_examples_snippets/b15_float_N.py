from brian2 import *
NE = 8000; NI = NE/4          # NI is the float 2000.0
G = NeuronGroup(NE+NI, 'v : 1')
print('ok', len(G), len(G[NE:]))
