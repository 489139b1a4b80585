from brian2 import *
import pickle
set_device('cpp_standalone', build_on_run=False, directory='/tmp/exbugs/b16_build')
G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1', name='neuron')
net = Network(G)
net.run(1*ms)
device.build(run=False)
print('ok', len(pickle.dumps(net)))
