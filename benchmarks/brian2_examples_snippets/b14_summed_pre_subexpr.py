from brian2 import *
G = NeuronGroup(3, '''dv/dt = -v/(10*ms) : 1
                      F = 2*v : 1
                      I : 1''')
G.v = [1, 2, 3]
S = Synapses(G, G, '''w : 1
                      I_post = w*F_pre : 1 (summed)''')
S.connect()
S.w = 1
run(0.1*ms)
print('ok', G.I[:])
