from brian2 import *
factor = NeuronGroup(1, 'G : Hz'); factor.G = 5*Hz
src = SpikeGeneratorGroup(1, [0], [1]*ms)
tgt = NeuronGroup(1, 'v : 1')
S = Synapses(src, tgt, 'G : Hz (linked)', on_pre='v_post += G*ms')
S.connect(i=0, j=0)
S.G = linked_var(factor, 'G')
run(3*ms)
print('ok', tgt.v[:])
