"""``prefs``: user preferences, read with attribute access (``prefs.codegen.target``)."""
import numpy as np

__all__ = ["brian_prefs", "default_float_dtype", "prefs"]

_DEFAULTS = {
    "codegen.target": "auto",
    "codegen.string_expression_target": "numpy",
    "codegen.cpp.threads": 0,
    "codegen.cpp.extra_compile_args": [],
    "codegen.cpp.march_native": True,
    "codegen.cpp.fast_math": False,
    "core.default_float_dtype": np.float64,
    # Brian preferences that scripts read or set; brian_cg keeps them (unused or mapped)
    "codegen.cpp.extra_compile_args_gcc": ["-w", "-O3", "-ffast-math", "-fno-finite-math-only",
                                           "-march=native", "-std=c++11"],
    "codegen.loop_invariant_optimisations": True,
    "devices.cpp_standalone.openmp_threads": 0,
    "core.network.default_schedule": ["start", "groups", "thresholds", "synapses", "resets",
                                      "end"],
    "logging.console_log_level": "INFO",
    "logging.warn_for_unused_objects": True,
    # numpy implementations of user functions get plain values (Brian's preference)
    "codegen.runtime.numpy.discard_units": False,
    # Brian < 2.1 counted the refractory period from the end of the spike's step
    "legacy.refractory_timing": False,
}


class _Node:
    """``prefs``: brian_cg's preferences, read and set with attribute access.

    The ones brian_cg uses: ``codegen.target`` (``'auto'``, ``'numpy'`` or ``'cython'``,
    the compiled C++ target), ``codegen.cpp.threads``, ``codegen.cpp.march_native``,
    ``codegen.cpp.fast_math``, ``codegen.cpp.extra_compile_args``,
    ``core.default_float_dtype``, ``core.network.default_schedule``,
    ``logging.console_log_level`` and ``legacy.refractory_timing``. Other preferences
    of Brian scripts are accepted and kept. ``prefs.reset_to_defaults()`` restores the
    defaults; ``brian_prefs`` is the old name.

    Examples
    --------
    >>> prefs.codegen.cpp.threads
    0
    >>> prefs.codegen.target = 'numpy'
    >>> prefs['codegen.target']
    'numpy'
    """
    def __init__(self, store, prefix):
        object.__setattr__(self, "_store", store)
        object.__setattr__(self, "_prefix", prefix)

    def _key(self, name):
        return f"{self._prefix}.{name}" if self._prefix else name

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        key = self._key(name)
        if key in self._store:
            return self._store[key]
        # an intermediate node, possibly for preferences brian_cg does not use: Brian
        # scripts set e.g. prefs.devices.cpp_standalone.openmp_threads, which is kept
        return _Node(self._store, key)

    def __setattr__(self, name, value):
        key = self._key(name)
        if key not in _DEFAULTS and not any(k.startswith(key + ".") for k in _DEFAULTS):
            import logging

            logging.getLogger("brian_cg.prefs").debug(
                "Preference '%s' is not used by brian_cg; stored anyway", key)
        self._store[key] = value

    def __getitem__(self, key):
        return self._store[key]

    def __setitem__(self, key, value):
        self._store[key] = value

    def reset_to_defaults(self):
        self._store.clear()
        self._store.update(_DEFAULTS)

    def __repr__(self):
        return "\n".join(f"{k} = {v!r}" for k, v in sorted(self._store.items())
                         if k.startswith(self._prefix))


prefs = _Node(dict(_DEFAULTS), "")

brian_prefs = prefs  # the old Brian name


def default_float_dtype():
    """numpy dtype of float state variables (``prefs.core.default_float_dtype``)."""
    import numpy as np

    return np.dtype(prefs["core.default_float_dtype"]).type
