from brian2 import *
G = NeuronGroup(1, 'v : 1', threshold='True', reset='')
S = Synapses(G, G, 'w : 1', on_pre='''v += 10
                                    w = v_post''')
S.connect()
run(defaultclock.dt)
print(S.w[:], G.v[:])
