"""Shared test setup: a fresh scope for every test, the targets to run on, long tests."""
import pytest


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

    return ["numpy", "cython"] if compiler_works()[0] else ["numpy"]


#: The code generation targets the behavioural suite runs on (those usable here).
TARGETS = _targets()


@pytest.fixture(params=TARGETS)
def target(request):
    """Run the whole test on one target (``prefs.codegen.target``)."""
    from brian_cg import prefs

    prefs.codegen.target = request.param
    return request.param
