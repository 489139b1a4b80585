"""Synapses: connectivity, event-driven propagation through spike queues, summed variables."""
