from brian2 import *
from brian2.units.constants import zero_celsius, faraday_constant as F, gas_constant as R
print('ok', zero_celsius, F, R)
