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
