"""Shared helpers of the benchmarks: the Brian2 virtualenv and running a script in a process.

Brian2 2.11 needs Python >= 3.12 here; its virtualenv is made by ``ensure_brian2()`` with
pyenv's 3.13 when available (``BRIAN2_PYTHON`` overrides the interpreter) and is never a
dependency of brian_cg.
"""
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.environ.get("BRIAN2_VENV", os.path.join(HERE, ".brian2-venv"))


def _base_python():
    if os.environ.get("BRIAN2_PYTHON"):
        return os.environ["BRIAN2_PYTHON"]
    if shutil.which("pyenv"):
        prefix = subprocess.run(["pyenv", "prefix", "3.13.0"], capture_output=True, text=True)
        if prefix.returncode == 0:
            return os.path.join(prefix.stdout.strip(), "bin", "python3")
    return shutil.which("python3.13") or shutil.which("python3.12")


def ensure_brian2():
    """Path of a Python with brian2 installed, or None when it cannot be made."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.exists(python):
        ok = subprocess.run([python, "-c", "import brian2"], capture_output=True).returncode == 0
        if ok:
            return python
    base = _base_python()
    if base is None:
        print("# no Python >= 3.12 found for Brian2 2.11: Brian2 columns skipped")
        return None
    subprocess.run([base, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "brian2", "cython"], check=True)
    return python


def run_script(python, script, *args, env=None, cwd=None):
    """Run ``script`` in a fresh process; returns (wall seconds, parsed JSON of its last line)."""
    full_env = dict(os.environ, **(env or {}))
    start = time.perf_counter()
    proc = subprocess.run([python, os.path.join(HERE, script), *map(str, args)],
                          capture_output=True, text=True, env=full_env, cwd=cwd or HERE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{proc.stderr[-3000:]}")
    last = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    return wall, (json.loads(last[-1]) if last else {})


def star_import(package):
    """``from package import *`` as a dict (for scripts shared by brian_cg and Brian2)."""
    import importlib

    module = importlib.import_module(package)
    names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
    return {n: getattr(module, n) for n in names if hasattr(module, n)}


def this_python():
    return sys.executable
