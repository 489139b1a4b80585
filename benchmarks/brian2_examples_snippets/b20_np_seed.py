from brian2 import *
prefs.codegen.target = 'numpy'
def sim():
    np.random.seed(12347)
    G = NeuronGroup(1, 'dX/dt = X*0.1*xi*second**.5/second : 1', method='heun', dt=1*ms)
    G.X = 1
    net = Network(G); net.run(10*ms)
    return G.X[0]
a, b = sim(), sim()
np.random.seed(12347)
print(a == b, np.random.randn(3)[:1])
