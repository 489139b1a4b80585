from brian2 import *
import numpy as np
a = np.ones(100000)*second       # a temporary array of >= 32768 elements
b = np.zeros((400, 400)).flatten()*mV
print(type(a).__name__, get_dimensions(a), type(b).__name__, get_dimensions(b))
print(type(np.ones(32767)*second).__name__, type(np.ones(32768)*second).__name__)
