"""Groups of neurons (and, later, synapses): state, state access and their operations."""
