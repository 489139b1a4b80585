from brian2 import *
seed(1)
G = NeuronGroup(1000, '''dv/dt = (-v + noise)/(10*ms) : 1
                        noise = 2*sqrt(1*ms)*xi_pop : 1''', method='euler')
run(100*ms)
print('ok', np.std(G.v[:]))
