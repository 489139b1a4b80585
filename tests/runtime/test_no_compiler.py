"""Without a C++ compiler the compiled half of the suite is reported as skipped, with the
reason, not silently dropped."""
import subprocess
import sys


def test_compiled_target_is_reported_skipped_without_a_compiler(tmp_path, subprocess_env):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = subprocess_env(PATH=str(empty), CXX="", BRIAN_CG_CACHE=str(tmp_path / "cache"))
    env.pop("BRIAN_CG_TEST_CACHE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/behaviour/test_user_text.py", "-k", "comments_with_backslashes"],
        cwd=env["PYTHONPATH"].split(":")[0], env=env, capture_output=True, text=True,
        timeout=300)
    out = proc.stdout
    assert proc.returncode == 0, out[-3000:] + proc.stderr[-3000:]
    assert "1 passed, 1 skipped" in out
    assert "compiled target not available: no C++ compiler found" in out
