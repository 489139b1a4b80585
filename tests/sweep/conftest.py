import glob
import os

import pytest

from brian_cg.runtime.compiler import compiler_works

HAVE_COMPILER = compiler_works()[0]


def libraries(cache):
    """The compiled libraries in a cache folder."""
    return sorted(glob.glob(os.path.join(str(cache), "cpp", "*.so")))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The 20 points of the LIF sweep run one by one in this process, in a fresh compile
    cache: (grid, values, compiles per point, libraries the cache holds afterwards)."""
    from sweep_models import lif

    import brian_cg
    from brian_cg import prefs, seed, start_scope
    from brian_cg.runtime import compiler, cpp_connect
    from brian_cg.synapses import connect as connect_module

    cache = tmp_path_factory.mktemp("reference-cache")
    old = os.environ.get("BRIAN_CG_CACHE")
    os.environ["BRIAN_CG_CACHE"] = str(cache)
    compiler.forget_loaded()
    # as in a new process: compiled connect kernels and plans are remembered apart from
    # forget_loaded()'s
    cpp_connect._kernels.clear()
    connect_module._plans.clear()
    points = brian_cg.sweep.grid(model=["lif", "adaptive"], tau_ms=[10, 20], seed=range(5))
    values, compiles = [], []
    try:
        for p in points:
            prefs.reset_to_defaults()
            prefs.codegen.target = "cython" if HAVE_COMPILER else "numpy"
            start_scope()
            seed(p["seed"])
            before = compiler.COMPILE_COUNT["n"]
            values.append(lif(**p))
            compiles.append(compiler.COMPILE_COUNT["n"] - before)
    finally:
        if old is None:
            os.environ.pop("BRIAN_CG_CACHE")
        else:
            os.environ["BRIAN_CG_CACHE"] = old
        compiler.forget_loaded()
        cpp_connect._kernels.clear()
        connect_module._plans.clear()
        prefs.reset_to_defaults()
    return points, values, compiles, libraries(cache)
