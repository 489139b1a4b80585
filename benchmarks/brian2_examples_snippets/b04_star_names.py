from brian2 import *
print('ok', numpy.arange(3), type(codegen))
