"""The examples gallery: one page per script of ``examples/``, with its text, its code,
what it prints and the figures it makes.

At ``builder-inited`` each script runs in a fresh directory (``run_example.py``, Agg
backend, two at a time); its output and PNG files are cached under
``docs/_build/gallery_cache/<key>`` where the key hashes the script and brian_cg's
sources, so a rebuild reruns only what changed. Pages are written to ``docs/gallery/``
(generated, not committed). A script that fails is a build warning (an error with -W).
``BRIAN_CG_GALLERY=off`` writes the pages without running anything.
"""
import ast
import concurrent.futures
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT_S = 600


def _sources_digest(root):
    digest = hashlib.sha256()
    for path in sorted(glob.glob(os.path.join(root, "brian_cg", "**", "*"), recursive=True)):
        if os.path.isfile(path) and not path.endswith((".pyc", ".pyo")):
            digest.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()


def _split_docstring(script):
    with open(script, encoding="utf-8") as handle:
        text = handle.read()
    doc = ast.get_docstring(ast.parse(text)) or os.path.basename(script)
    title, _, body = doc.partition("\n")
    return title.strip().rstrip("."), body.strip()


def _run(script, cache_root, brian_digest, root):
    """Run ``script`` unless cached; return (cache folder, seconds, error or None)."""
    with open(script, "rb") as handle:
        key = hashlib.sha256(handle.read() + brian_digest.encode()).hexdigest()[:20]
    name = os.path.splitext(os.path.basename(script))[0]
    folder = os.path.join(cache_root, f"{name}-{key}")
    if os.path.exists(os.path.join(folder, "ok")):
        with open(os.path.join(folder, "ok")) as handle:
            return folder, float(handle.read() or 0), None
    for stale in glob.glob(os.path.join(cache_root, f"{name}-*")):
        shutil.rmtree(stale, ignore_errors=True)
    workdir = tempfile.mkdtemp(prefix=f"gallery-{name}-")
    env = dict(os.environ, MPLBACKEND="Agg",
               PYTHONPATH=os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, os.path.join(HERE, "run_example.py"), script],
                              cwd=workdir, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        shutil.rmtree(workdir, ignore_errors=True)
        return folder, TIMEOUT_S, f"ran past {TIMEOUT_S} s"
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        return folder, seconds, f"exit status {proc.returncode}:\n{proc.stderr[-3000:]}"
    os.makedirs(folder, exist_ok=True)
    for png in sorted(glob.glob(os.path.join(workdir, "*.png"))):
        shutil.copy(png, folder)
    with open(os.path.join(folder, "stdout.txt"), "w") as handle:
        handle.write(proc.stdout)
    with open(os.path.join(folder, "ok"), "w") as handle:
        handle.write(f"{seconds:.1f}")
    shutil.rmtree(workdir, ignore_errors=True)
    return folder, seconds, None


def _page(name, title, body, result, image_dir):
    lines = [f"# {title}", "", body, "",
             f"Run it from the repository's root: `python3 examples/{name}.py`.", ""]
    images = []
    if result is not None:
        folder, seconds, _ = result
        os.makedirs(image_dir, exist_ok=True)
        for png in sorted(glob.glob(os.path.join(folder, "*.png"))):
            shutil.copy(png, image_dir)
            images.append(os.path.basename(png))
        with open(os.path.join(folder, "stdout.txt")) as handle:
            output = handle.read().rstrip()
        for png in images:
            lines += [f"```{{image}} images/{name}/{png}", f":alt: {png}", "```", ""]
        lines += [f"What it printed (the whole script, build included, took {seconds:.0f} s "
                  "when this page was built):", "", "```text", output or "(nothing)", "```",
                  ""]
    lines += ["## The script", "", f"```{{literalinclude}} ../../examples/{name}.py",
              ":language: python", "```", ""]
    return "\n".join(lines), images


def generate(app):
    src = app.srcdir
    root = os.path.dirname(os.path.abspath(src))
    scripts = sorted(glob.glob(os.path.join(root, "examples", "*.py")))
    out_dir = os.path.join(src, "gallery")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    results = {}
    if os.environ.get("BRIAN_CG_GALLERY", "on").lower() != "off":
        cache_root = os.path.join(src, "_build", "gallery_cache")
        os.makedirs(cache_root, exist_ok=True)
        digest = _sources_digest(root)
        workers = min(2, os.cpu_count() or 1)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {script: pool.submit(_run, script, cache_root, digest, root)
                       for script in scripts}
        for script, future in futures.items():
            folder, seconds, error = future.result()
            if error:
                logger.warning(f"gallery: examples/{os.path.basename(script)} failed ({error})")
            elif not glob.glob(os.path.join(folder, "*.png")):
                logger.warning(f"gallery: examples/{os.path.basename(script)} made no figure")
            else:
                results[script] = (folder, seconds, None)
                logger.info(f"gallery: {os.path.basename(script)} ({seconds:.1f} s)")
    index = ["# Examples", "",
             "Each example is a script in the repository's `examples/` folder. The pages show "
             "the script, what it printed and the figures it made when this documentation "
             "was built (every script is run by the build, with matplotlib's Agg backend).",
             "", "```{toctree}", ":hidden:", ""]
    entries = []
    for script in scripts:
        name = os.path.splitext(os.path.basename(script))[0]
        title, body = _split_docstring(script)
        text, images = _page(name, title, body, results.get(script),
                             os.path.join(out_dir, "images", name))
        with open(os.path.join(out_dir, name + ".md"), "w", encoding="utf-8") as handle:
            handle.write(text)
        index.append(name)
        entries += [f"## [{title}]({name}.md)", "", body.split("\n\n")[0], ""]
        if images:
            entries += [f"```{{image}} images/{name}/{images[0]}", ":width: 360px",
                        f":target: {name}.html", f":alt: {title}", "```", ""]
    index += ["```", ""] + entries
    with open(os.path.join(out_dir, "index.md"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(index))


def setup(app):
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
