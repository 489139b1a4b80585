"""The documentation cannot drift from the code.

- Every code snippet of the user guide runs: in each page (``docs/index.md``,
  ``docs/guide/*.md``), the ```` ```python ```` blocks and the code of matplotlib's
  ``.. plot::`` directives (in ```` ```{eval-rst} ```` blocks) are executed in order in one
  namespace, and the ```` ```pycon ```` blocks (``>>>`` sessions) are doctests whose printed
  output must match. Other fences (``bash``, ``text``...) are not run. Each page runs in its
  own process, in an empty working directory, with matplotlib's Agg backend; the numpy
  target by default (quick), the ``'auto'`` target (compiled where a compiler works) with
  ``--runlong``.
- Every public name of ``from brian_cg import *`` beyond the units and numpy's and
  matplotlib's names has a docstring.
"""
import doctest
import inspect
import os
import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
GUIDE_PAGES = ["index.md"] + sorted(
    os.path.join("guide", name) for name in os.listdir(os.path.join(DOCS, "guide"))
    if name.endswith(".md"))

#: a fenced block: its opening fence (3+ backticks), its info string and its text
_FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)


def snippets(text):
    """``(kind, first line number, code)`` of each runnable block of a page, in order."""
    found = []
    for match in _FENCE.finditer(text):
        info = match.group("info").strip()
        kind = info.split()[0] if info else ""
        line = text.count("\n", 0, match.start("body")) + 1
        body = match.group("body")
        if kind == "{eval-rst}" and body.startswith(".. plot::"):
            # matplotlib's plot directive: options, a blank line, then the indented code
            code = re.sub(r"\A\.\. plot::\n(?:[ \t]+:[^\n]*\n)*", "", body)
            found.append(("python", line, textwrap.dedent(code).lstrip("\n")))
        elif kind in ("python", "pycon"):
            found.append((kind, line, body))
    return found


class _RecordingRunner(doctest.DocTestRunner):
    """Keeps (example, output) of each failed example, for ``--update``."""

    def __init__(self, **kwds):
        super().__init__(**kwds)
        self.mismatches = []

    def report_failure(self, out, test, example, got):
        self.mismatches.append((example, got))
        super().report_failure(out, test, example, got)


def run_page(page, target, update=False):
    """Run the snippets of ``page``; raise AssertionError naming the block that failed.

    With ``update``, a doctest whose output differs gets the new output written into the
    page instead (a tool for writing pages: review the diff)."""
    os.environ["MPLBACKEND"] = "Agg"
    import brian_cg

    brian_cg.prefs.codegen.target = target
    if int(np.__version__.split(".")[0]) >= 2:  # scalars print as 20.0, not np.float64(20.0)
        np.set_printoptions(legacy="1.25")
    with open(os.path.join(DOCS, page), encoding="utf-8") as handle:
        blocks = snippets(handle.read())
    namespace = {"__name__": "__main__"}
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = _RecordingRunner(optionflags=flags)
    parser = doctest.DocTestParser()
    for kind, line, code in blocks:
        where = f"{page}, block at line {line}"
        if kind == "python":
            try:
                exec(compile(code, where, "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"{where} raised {exc!r}:\n{code}") from exc
        else:
            test = parser.get_doctest(code, namespace, where, page, line)
            result = runner.run(test, clear_globs=False)
            if result.failed and update:
                _rewrite_outputs(os.path.join(DOCS, page), runner.mismatches)
                runner.mismatches.clear()
            elif result.failed:
                raise AssertionError(f"{where}: {result.failed} doctest example(s) failed "
                                     "(output above)")


def _rewrite_outputs(path, mismatches):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for example, got in mismatches:
        prompt = "".join((">>> " if k == 0 else "... ") + line + "\n"
                         for k, line in enumerate(example.source.rstrip("\n").split("\n")))
        text = text.replace(prompt + example.want, prompt + got, 1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


@pytest.mark.parametrize("target", ["numpy", pytest.param("auto", marks=pytest.mark.long)])
@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_snippets_run(page, target, tmp_path):
    with open(os.path.join(DOCS, page), encoding="utf-8") as handle:
        if ".. plot::" in handle.read():
            pytest.importorskip("matplotlib", reason="the page's figures need matplotlib")
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), page, target],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert proc.returncode == 0, f"{page}:\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}"


def _api_objects():
    """name -> object of every API name (the table behind ``from brian_cg import *`` beyond
    units, numpy and matplotlib)."""
    import brian_cg
    from brian_cg._api import NAME_TO_MODULE

    return {name: getattr(brian_cg, name) for name in sorted(NAME_TO_MODULE)}


def _documented_callable(obj):
    """The class or function whose docstring documents ``obj`` (its class for objects
    such as ``defaultclock`` or ``euler``)."""
    return obj if inspect.isclass(obj) or inspect.isroutine(obj) else type(obj)


def _own_docstring(obj):
    # a class without a docstring would otherwise show its base class's
    target = _documented_callable(obj)
    doc = target.__dict__.get("__doc__") if inspect.isclass(target) else target.__doc__
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def _user_parameters(obj):
    try:
        params = inspect.signature(obj).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.name not in ("self", "level", "args", "kwds")]


def test_every_public_name_has_a_docstring():
    objects = _api_objects()
    objects.pop("all_devices")  # a dict: documented in docs/_ext/api_reference.py
    missing = [name for name, obj in objects.items() if not _own_docstring(obj).strip()]
    assert not missing, f"public names without a docstring: {missing}"


def test_public_classes_and_functions_document_parameters_and_an_example():
    """numpy-style sections: ``Parameters`` where the callable takes any, ``Examples``."""
    problems = []
    for name, obj in _api_objects().items():
        if not (inspect.isclass(obj) or inspect.isroutine(obj)):
            continue
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            continue  # errors: their docstring says when they are raised
        doc = _own_docstring(obj)
        if _user_parameters(obj) and "Parameters\n----------" not in doc:
            problems.append(f"{name}: no Parameters section")
        if "Examples\n--------" not in doc:
            problems.append(f"{name}: no Examples section")
    assert not problems, "\n".join(problems)


def _api_examples():
    seen, found = set(), []
    for name, obj in _api_objects().items():
        target = _documented_callable(obj)
        if target in seen or ">>>" not in _own_docstring(obj):
            continue
        seen.add(target)
        found.append(name)
    return found


@pytest.mark.parametrize("name", _api_examples())
def test_api_docstring_examples_run(name, tmp_path, monkeypatch):
    """The Examples of the API's docstrings are doctests (numpy target, fresh scope)."""
    import brian_cg

    monkeypatch.chdir(tmp_path)
    brian_cg.prefs.codegen.target = "numpy"
    globs = {}
    exec("from brian_cg import *", globs)
    obj = _documented_callable(_api_objects()[name])
    legacy = np.get_printoptions()["legacy"]
    if int(np.__version__.split(".")[0]) >= 2:
        np.set_printoptions(legacy="1.25")
    try:
        test = doctest.DocTestParser().get_doctest(_own_docstring(obj), globs, name, None, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS
                                       | doctest.NORMALIZE_WHITESPACE)
        result = runner.run(test)
    finally:
        np.set_printoptions(legacy=legacy)
    assert result.failed == 0, f"the example of {name}'s docstring failed (output above)"


def test_live_raster_example_runs_headless(tmp_path):
    """The live-plotting example updates its figure during the run, without a display."""
    pytest.importorskip("matplotlib")
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "live_raster.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONPATH=ROOT, MPLBACKEND="Agg"))
    assert proc.returncode == 0, proc.stderr[-4000:]
    # every 25 ms of the 1 s run, plus the final redraw
    assert "41 live updates of the figure, at t = 0 ms, 25 ms, ... 1000 ms" in proc.stdout
    assert (tmp_path / "live_raster.png").stat().st_size > 10000
    assert (tmp_path / "live_raster_at_500ms.png").stat().st_size > 10000


def test_snippet_parser_finds_python_and_pycon_blocks():
    page = textwrap.dedent("""\
        text
        ```python
        x = 1
        ```
        ```bash
        ls
        ```
        ````pycon
        >>> x + 1
        2
        ````
        ```{eval-rst}
        .. plot::
           :include-source: true

           y = 2
        ```
        """)
    assert snippets(page) == [("python", 3, "x = 1\n"), ("pycon", 9, ">>> x + 1\n2\n"),
                              ("python", 13, "y = 2\n")]


if __name__ == "__main__":
    # python tests/test_docs.py PAGE TARGET [--update]
    run_page(sys.argv[1], sys.argv[2], update="--update" in sys.argv[3:])
