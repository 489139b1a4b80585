import pytest

from brian_cg.runtime.compiler import compiler_works

needs_compiler = pytest.mark.skipif(not compiler_works()[0], reason="no working C++ compiler")


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty compile cache for this test (and no libraries remembered in memory)."""
    from brian_cg.runtime import compiler

    monkeypatch.setenv("BRIAN_CG_CACHE", str(tmp_path / "cache"))
    compiler.forget_loaded()
    yield tmp_path / "cache"
    compiler.forget_loaded()
