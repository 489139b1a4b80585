"""brian_cg's import graph, read from the source with ast (nothing imported): no cycles,
and no import from a lower layer to a higher one (the layers of docs/interfaces.md)."""
import ast
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "brian_cg")
#: Cycles inside these packages are being removed on other branches (issue 9, part 5):
#: until they are merged, such cycles make the cycle test an expected failure.
PENDING = ("brian_cg.units", "brian_cg.equations", "brian_cg.integration")


def _modules():
    mods = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                dotted = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
                mods[dotted.removesuffix(".__init__")] = path
    return mods


def _resolve(module, is_package, level, name):
    if level == 0:
        return name
    parts = module.split(".")
    parts = parts if is_package else parts[:-1]
    parts = parts[:len(parts) - (level - 1)]
    return ".".join(parts + ([name] if name else []))


def import_graph():
    """module -> set of brian_cg modules it imports (anywhere in its source)."""
    mods = _modules()
    edges = {m: set() for m in mods}
    for module, path in mods.items():
        is_package = path.endswith("__init__.py")
        with open(path) as f:
            tree = ast.parse(f.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node.level, node.module or "")
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                while target not in mods and "." in target:
                    target = target.rsplit(".", 1)[0]
                # a package's own __init__ is loaded with any of its modules: not an edge
                if target in mods and target != module and not module.startswith(target + "."):
                    edges[module].add(target)
    return edges


def layers():
    """[(number, [module prefixes])] from the "Layers" section of docs/interfaces.md."""
    with open(os.path.join(ROOT, "docs", "interfaces.md")) as f:
        text = f.read()
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    result = []
    for line in section.splitlines():
        m = re.match(r"^(\d+)\. ", line)
        if m:
            result.append((int(m.group(1)), re.findall(r"`(brian_cg[\w.]*)`", line)))
    return result


def layer_of(module, table):
    best = None
    for number, prefixes in table:
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > len(best[1])):
                best = (number, prefix)
    return best[0] if best else None


def strongly_connected(edges):
    index, low, stack, on, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return result


def test_every_module_has_a_layer():
    table = layers()
    assert [n for n, _ in table] == list(range(1, len(table) + 1)), table
    missing = [m for m in import_graph() if layer_of(m, table) is None]
    assert not missing, f"modules in no layer of docs/interfaces.md: {missing}"


def test_imports_point_to_the_same_or_a_lower_layer():
    table = layers()
    upward = []
    for module, targets in sorted(import_graph().items()):
        for target in sorted(targets):
            if layer_of(target, table) > layer_of(module, table):
                upward.append(f"{module} (layer {layer_of(module, table)}) imports {target} "
                              f"(layer {layer_of(target, table)})")
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    cycles = strongly_connected(import_graph())
    pending = [c for c in cycles
               if any(all(m.startswith(p + ".") or m == p for m in c) for p in PENDING)]
    others = [c for c in cycles if c not in pending]
    assert not others, "import cycles: " + "; ".join(" <-> ".join(c) for c in others)
    if pending:
        pytest.xfail("cycles inside units/equations/integration, removed on other branches: "
                     + "; ".join(" <-> ".join(c) for c in pending))


def test_the_graph_sees_lazy_imports():
    # a cycle made only of imports inside functions is still found (sanity of the reader)
    edges = import_graph()
    assert "brian_cg.runtime.registry" in edges["brian_cg.core.network"]
    assert strongly_connected({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
