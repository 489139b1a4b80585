from brian2 import *
print(sum, sum(x for x in [1, 2]))
