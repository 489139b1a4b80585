from brian2 import *
print('ok', matplotlib.__name__, mpl.__name__)
