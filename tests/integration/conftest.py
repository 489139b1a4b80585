"""Lets these tests import ``brian_cg.integration`` even while the rest of the
package (edited in parallel) fails to import: the integration package only needs
``brian_cg.errors`` and sympy."""
import os
import sys
import types

try:
    import brian_cg  # noqa: F401
except Exception:  # pragma: no cover - only while other packages are broken
    for _name in [m for m in sys.modules if m == "brian_cg" or m.startswith("brian_cg.")]:
        del sys.modules[_name]
    _pkg = types.ModuleType("brian_cg")
    _pkg.__path__ = [os.path.join(os.path.dirname(__file__), "..", "..", "brian_cg")]
    sys.modules["brian_cg"] = _pkg


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_scope():
    """These tests only use brian_cg.integration: no scope or clock to reset."""
    yield
