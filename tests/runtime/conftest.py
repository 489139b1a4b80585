import os
import pathlib

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


@pytest.fixture
def subprocess_env():
    """``subprocess_env(**extra)``: the environment for a fresh Python process that imports
    this checkout's brian_cg."""
    return _subprocess_env


def _subprocess_env(**extra):
    root = str(pathlib.Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=root + (os.pathsep + path if path else ""), **extra)
