"""Inputs: TimedArray, PoissonGroup, PoissonInput, SpikeGeneratorGroup."""
