"""Shared test setup: a fresh cache per session, a fresh scope for every test, the targets to
run on (the compiled one reported as skipped, with the reason, where no compiler works), long
tests."""
import atexit
import os
import shutil
import tempfile

import pytest


def _session_cache():
    """A fresh, empty cache for this test session (set before brian_cg touches a cache): a
    warm cache of the user's could hide a broken integrator or template. Set
    BRIAN_CG_TEST_CACHE to a directory to keep a cache between sessions instead."""
    kept = os.environ.get("BRIAN_CG_TEST_CACHE")
    if kept:
        os.environ["BRIAN_CG_CACHE"] = kept
        return kept
    path = tempfile.mkdtemp(prefix="brian_cg-test-cache-")
    os.environ["BRIAN_CG_CACHE"] = path
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


SESSION_CACHE = _session_cache()


def pytest_addoption(parser):
    parser.addoption("--runlong", action="store_true", help="also run tests marked 'long'")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runlong"):
        return
    skip = pytest.mark.skip(reason="long test: give --runlong")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_scope():
    """Every test starts with a new scope, default preferences and dt = 0.1 ms."""
    from brian_cg import defaultclock, ms, prefs, start_scope

    prefs.reset_to_defaults()
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield


def _targets():
    from brian_cg.runtime.compiler import compiler_works

    works, reason = compiler_works()
    if works:
        return ["numpy", "cython"]
    return ["numpy", pytest.param("cython", marks=pytest.mark.skip(
        reason=f"compiled target not available: {reason}"))]


#: The code generation targets the behavioural suite runs on (those usable here).
TARGETS = _targets()


@pytest.fixture(params=TARGETS)
def target(request):
    """Run the whole test on one target (``prefs.codegen.target``)."""
    from brian_cg import prefs

    prefs.codegen.target = request.param
    return request.param
