"""``{brian-cg-api}``: the reference of every name of ``from brian_cg import *`` beyond the
units and numpy's and matplotlib's names (the table ``brian_cg._api.API``), in sections.

Classes and functions go through autodoc; objects (``defaultclock``, ``prefs``, the
integration methods...) are described by their class's docstring. A name of the API that
no section lists is a build warning (an error with -W), so the reference cannot miss one.
"""
import inspect

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: (title, modules of brian_cg._api.API) in the order of the page
SECTIONS = [
    ("Neurons and groups", ["groups.neurongroup", "groups.subgroup", "groups.group",
                            "groups.linked"]),
    ("Synapses", ["synapses.synapses"]),
    ("Inputs", ["inputs.timedarray", "inputs.poissongroup", "inputs.poissoninput",
                "inputs.spikegenerator"]),
    ("Monitors", ["monitors.spikemonitor", "monitors.statemonitor", "monitors.ratemonitor",
                  "monitors.recentstatemonitor"]),
    ("Equations", ["equations"]),
    ("Integration methods", ["integration"]),
    ("Running: networks, scopes and operations", ["core.magic", "core.network", "core.base",
                                                   "core.network_operation",
                                                   "core.profiling"]),
    ("Clocks", ["core.clock"]),
    ("Functions in equations", ["core.functions", "core.namespace"]),
    ("Random numbers", ["rng"]),
    ("Devices", ["devices"]),
    ("Preferences, logging and the cache", ["core.preferences", "core.logger", "cache"]),
    ("Errors", ["errors"]),
]


#: objects whose class's docstring does not describe them (plain containers)
DATA_DOCS = {
    "all_devices": "The devices by name: ``'runtime'`` (the default: code runs from Python) "
                   "and ``'cpp_standalone'`` (Brian2 scripts written for standalone mode run "
                   "unchanged, in runtime mode). See :func:`brian_cg.set_device`.",
}


def _entry(name, obj):
    """RST lines documenting ``brian_cg.<name>``."""
    if inspect.isclass(obj):
        return [f".. autoclass:: brian_cg.{name}", "   :members:", ""]
    if inspect.isroutine(obj):
        return [f".. autofunction:: brian_cg.{name}", ""]
    if name in DATA_DOCS:
        return [f".. py:data:: brian_cg.{name}", "", "   " + DATA_DOCS[name], ""]
    cls = type(obj)
    doc = inspect.getdoc(cls) or ""
    lines = [f".. py:data:: brian_cg.{name}", "",
             f"   An object of class ``{cls.__module__}.{cls.__qualname__}``.", ""]
    lines += ["   " + line if line else "" for line in doc.splitlines()]
    return lines + [""]


class ApiReference(SphinxDirective):
    has_content = False

    def run(self):
        import brian_cg
        from brian_cg._api import API

        listed = set()
        lines = []
        for title, modules in SECTIONS:
            lines += [title, "-" * len(title), ""]
            for module in modules:
                for name in API[module]:
                    listed.add(name)
                    lines += _entry(name, getattr(brian_cg, name))
        for module, names in API.items():
            for name in names:
                if name not in listed:
                    logger.warning(f"API reference: brian_cg.{name} (from {module}) is in no "
                                   f"section of docs/_ext/api_reference.py",
                                   location=self.get_location())
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(StringList(lines, source="brian_cg._api.API"),
                                self.content_offset, container, match_titles=True)
        return container.children


#: members that the network calls, not the user: left out of the reference
INTERNAL_MEMBERS = {"before_run", "after_run", "run_step_functions", "statements",
                    "numpy_implementation", "lookup_indices", "record_single_timestep",
                    "warn_if_unused", "invalidates_magic_network", "add_to_magic_network",
                    "codeobject_options", "extra_bindings", "result_dimensions"}


def _skip_internal(app, what, name, obj, skip, options):
    return True if name in INTERNAL_MEMBERS else None


def setup(app):
    app.add_directive("brian-cg-api", ApiReference)
    app.connect("autodoc-skip-member", _skip_internal)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
