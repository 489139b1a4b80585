from brian2 import *
set_device('cpp_standalone', build_on_run=False, directory='/tmp/exbugs/b13_build')
G = NeuronGroup(1, '''dv/dt = (2 - v)/tau : 1
                      tau : second (constant)''', threshold='v>1', reset='v=0', method='exact')
M = SpikeMonitor(G)
run(100*ms)
device.build(run=False)
for tau in [5*ms, 10*ms]:
    device.run(run_args={G.tau: tau})
    print('ok', tau, M.num_spikes)
