from brian2 import *
from brian2.devices.device import reset_device, reinit_devices
reinit_devices(); reset_device()
print('ok')
