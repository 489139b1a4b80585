from brian2 import *
P = NeuronGroup(4, '''dx/dt = -x/(100*ms) : 1
                      label : integer (constant)
                      tot : 1''', threshold='False')
P.x = [1, 2, 3, 4]; P.label = [0, 0, 1, 1]
Sum = NeuronGroup(2, 's : 1')
S1 = Synapses(P, Sum, 's_post = x_pre : 1 (summed)'); S1.connect(j='label_pre')
S2 = Synapses(Sum, P, '''w : 1 (constant)
                         tot_post = w*s_pre : 1 (summed)'''); S2.connect()
S2.w = 1; S2.w['i == label_post'] = 2
C = Synapses(P, P, on_pre='x_pre += 1', delay=0.5*ms); C.connect(j='i')
M = StateMonitor(P, ['tot', 'x'], record=True)
run(0.3*ms)
print(M.tot[:, :3]); print(Sum.s[:])
