from brian2 import *
from brian2.core.functions import timestep
print('ok', timestep(1.25*ms, 0.1*ms))
