"""Sphinx configuration of brian_cg's documentation.

Builds offline: no intersphinx, no remote images. ``python3 -m pip install -e ".[docs]"``
then ``sphinx-build -W -b html docs docs/_build/html``. The examples gallery
(``_ext/gallery.py``) runs each script of ``examples/`` once and caches its figures in
``docs/_build/gallery_cache`` (``BRIAN_CG_GALLERY=off`` skips running them).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)  # document this checkout's brian_cg, installed or not
sys.path.insert(0, os.path.join(HERE, "_ext"))
os.environ.setdefault("MPLBACKEND", "Agg")

import brian_cg  # noqa: E402

project = "brian_cg"
author = "the brian_cg developers"
copyright = "2026, the brian_cg developers"
version = release = brian_cg.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "matplotlib.sphinxext.plot_directive",
    "gallery",
    "optional_pages",
    "api_reference",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path = []

# MyST: $...$ maths, ::: fences, heading anchors for links inside the design notes
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# API reference: numpy-style docstrings, members in source order, no imports of pylab
autodoc_member_order = "bysource"
autodoc_typehints = "none"
autodoc_default_options = {"members": True, "show-inheritance": False}
autosummary_generate = False
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False

# figures of the guide: ```{plot} blocks run at build time (tests/test_docs.py runs them too)
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_rcparams = {"figure.figsize": (7, 4.5)}

html_theme = "furo"
html_title = f"brian_cg {release}"
html_static_path = []
html_show_sourcelink = False
