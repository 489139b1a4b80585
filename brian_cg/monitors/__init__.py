"""Monitors: record spikes, state traces and population rates during a run."""
