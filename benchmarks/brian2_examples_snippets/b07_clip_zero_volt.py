from brian2 import *
G = NeuronGroup(2, 'v : volt', threshold='True', reset='v = clip(v + 1*mV, 0*volt, 5*mV)')
run(0.3*ms)
print('ok', G.v[:])
