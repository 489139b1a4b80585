from brian2 import *
G = NeuronGroup(1, 'v : 1')
mon = StateMonitor(G, 'v', record=True)
mon.add_attribute('run_time')
mon.run_time = 1.5
print('ok', mon.run_time)
