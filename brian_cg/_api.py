"""The public API: each name and the module that defines it, loaded on first use.

Keeping this a table lets ``import brian_cg`` stay fast: sympy, Jinja and the
code generators load only when a model is first built.
"""

API = {
    "core.base": ["BrianObject", "start_scope"],
    "core.clock": ["Clock", "EventClock", "defaultclock"],
    "core.functions": ["Function", "implementation", "exprel", "declare_types",
                       "BinomialFunction"],
    "core.network": ["Network"],
    "core.magic": ["run", "store", "restore", "stop", "collect", "magic_network", "MagicNetwork"],
    "core.network_operation": ["network_operation", "NetworkOperation"],
    "core.preferences": ["prefs", "brian_prefs"],
    "core.profiling": ["profiling_summary", "scheduling_summary"],
    "core.logger": ["BrianLogger", "get_logger"],
    "devices": ["get_device", "set_device", "reset_device", "device", "all_devices"],
    "groups.neurongroup": ["NeuronGroup"],
    "groups.subgroup": ["Subgroup"],
    "groups.group": ["Group"],
    "cache": ["clear_cache"],
    "core.namespace": ["get_local_namespace"],
    "groups.linked": ["linked_var"],
    "synapses.synapses": ["Synapses"],
    "inputs.timedarray": ["TimedArray"],
    "inputs.poissongroup": ["PoissonGroup"],
    "inputs.poissoninput": ["PoissonInput"],
    "inputs.spikegenerator": ["SpikeGeneratorGroup"],
    "monitors.spikemonitor": ["SpikeMonitor", "EventMonitor"],
    "monitors.statemonitor": ["StateMonitor"],
    "monitors.ratemonitor": ["PopulationRateMonitor"],
    "monitors.recentstatemonitor": ["RecentStateMonitor"],
    "equations": ["Equations"],
    "integration": ["StateUpdateMethod", "ExplicitStateUpdater", "euler", "rk2", "rk4", "heun",
                    "milstein", "exact", "exponential_euler", "linear", "independent"],
    "rng": ["seed"],
    "errors": ["BrianCGError", "DimensionMismatchError", "EquationError",
               "ExpressionSyntaxError", "UnknownIdentifierError", "UnsupportedEquationsError",
               "UnsupportedEquationsException", "ConstantAssignmentError", "CompilationError",
               "BrianObjectError", "BrianObjectException", "MagicError"],
}

NAME_TO_MODULE = {name: module for module, names in API.items() for name in names}


def load(package, name):
    """Import the module defining ``name`` and return the object."""
    import importlib

    module = importlib.import_module(f"{package}.{NAME_TO_MODULE[name]}")
    return getattr(module, name)
