"""Imported once by the local pool's fork server, so that each worker starts with the
modules that building and running a model needs already loaded: without this, sympy,
Jinja and the code generators (seconds) are imported again by every worker."""
import importlib

MODULES = ("sympy", "jinja2", "brian_cg.core.magic", "brian_cg.core.network",
           "brian_cg.equations", "brian_cg.integration", "brian_cg.groups.neurongroup",
           "brian_cg.synapses.synapses", "brian_cg.synapses.connect",
           "brian_cg.monitors.spikemonitor", "brian_cg.monitors.statemonitor",
           "brian_cg.monitors.ratemonitor", "brian_cg.codegen.cpp_generator",
           "brian_cg.codegen.numpy_generator", "brian_cg.codegen.templates",
           "brian_cg.runtime.compiler", "brian_cg.runtime.cpp_runtime",
           "brian_cg.runtime.numpy_runtime")

for _name in MODULES:
    try:
        importlib.import_module(_name)
    except ImportError:  # a module renamed or moved: workers import what they need anyway
        pass
