"""The modules of brian_cg.units import one another one way only (no cycle), including
imports inside functions: dimensions <- quantity <- unit <- unitdefs <- registry."""
import ast
import os

import brian_cg.units

UNITS_DIR = os.path.dirname(brian_cg.units.__file__)


def _imports():
    graph = {}
    for fname in os.listdir(UNITS_DIR):
        if not fname.endswith(".py") or fname == "__init__.py":
            continue
        tree = ast.parse(open(os.path.join(UNITS_DIR, fname)).read())
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    targets.add(node.module.split(".")[0])
                else:
                    targets.update(a.name for a in node.names)
        graph[fname[:-3]] = targets
    return graph


def test_units_modules_have_no_import_cycle():
    graph = _imports()
    state = {}

    def visit(module, path):
        assert state.get(module) != "open", f"import cycle: {' -> '.join(path + [module])}"
        if state.get(module) == "done":
            return
        state[module] = "open"
        for target in graph.get(module, ()):
            visit(target, path + [module])
        state[module] = "done"

    for module in graph:
        visit(module, [])


def test_quantity_needs_neither_units_nor_their_registry():
    graph = _imports()
    assert graph["quantity"] <= {"dimensions"}
    assert graph["unit"] <= {"dimensions", "quantity"}
    assert "registry" not in graph["unitdefs"]
