"""The layout of ``search/``: every concern in one named package, no import cycle, and each
layer importing only from the layers below it (file -> intake -> models -> index; request ->
form -> query -> backend -> page). Reads the source with ``ast``; nothing is imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SEARCH = Path(__file__).resolve().parent.parent / "search"

# What may sit in search/ itself: Django's own files.
TOP_LEVEL = {"__init__", "models", "admin", "apps", "urls"}

# Where a module belongs, by its dotted name (the longest prefix wins).
PLACES = {
    "search.quotes": "core",
    "search.text": "core",
    "search.query": "core",
    "search.models": "models",
    "search.engine": "engine",
    "search.index": "index",
    "search.intake": "intake",
    "search.pages": "pages",
    "search.templatetags": "pages",
    "search.outputs": "outputs",
    # readers' accounts, saved searches, alerts and the search log: above the pages
    "search.following": "following",
    # Django's own: they wire the layers together, so they may import any of them.
    "search": "django",
    "search.admin": "django",
    "search.apps": "django",
    "search.urls": "django",
    "search.management": "django",
    "search.migrations": "django",
}
# What each layer may import from search/, besides itself.
BELOW = {
    "core": set(),
    "models": {"core"},
    "engine": {"core"},
    "index": {"core", "models", "engine"},
    "intake": {"core", "models", "engine", "index"},
    "pages": {"core", "models", "engine"},
    "outputs": {"core", "models", "engine", "pages"},
    "following": {"core", "models", "engine", "index", "pages", "outputs"},
    "django": {"core", "models", "engine", "index", "intake", "pages", "outputs", "following"},
}
# The pure cores stay free of the web framework and the index libraries.
NOT_IN_CORE = ("django", "whoosh", "psycopg", "ninja")


def module_name(path: Path) -> str:
    parts = path.relative_to(SEARCH.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SEARCH.rglob("*.py"))}


def place(module: str) -> str | None:
    if module == "search":
        return PLACES["search"]
    for prefix in sorted(PLACES, key=len, reverse=True):
        if prefix != "search" and (module == prefix or module.startswith(prefix + ".")):
            return PLACES[prefix]
    return None


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str, *, module_level: bool) -> list[tuple[str, int]]:
    """(imported module, line) for every import in ``module``, TYPE_CHECKING blocks left out;
    with ``module_level``, only those run when the module is imported (not in functions)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, int]] = []

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and is_type_checking(node):
                visit(node.orelse)
                continue
            if module_level and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(node, ast.Import):
                found.extend((alias.name, node.lineno) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:  # ``from search.pages import views`` names a module
                    submodule = f"{source}.{alias.name}"
                    found.append((submodule if submodule in MODULES else source, node.lineno))
            visit(ast.iter_child_nodes(node))

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def search_module(name: str) -> str | None:
    """The module of search/ that an imported name is, or lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(SEARCH.parent)}:{line}"


def test_no_module_sits_in_search_outside_a_package_but_djangos_own():
    loose = sorted(
        str(p.relative_to(SEARCH.parent)) for p in SEARCH.glob("*.py") if p.stem not in TOP_LEVEL
    )
    assert not loose, f"put these in the package of their concern: {', '.join(loose)}"


def test_every_module_has_a_place_in_a_layer():
    unplaced = sorted(where(m, 1) for m in MODULES if place(m) is None)
    assert not unplaced, f"no layer holds these (add their package to PLACES): {unplaced}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_from_the_layers_below_it(module):
    layer = place(module)
    if layer is None:
        pytest.fail(f"{where(module, 1)} is in no layer")
    wrong = []
    for name, line in imports(module, module_level=False):
        if layer == "core" and name.split(".")[0] in NOT_IN_CORE:
            wrong.append(f"{where(module, line)} imports {name}: a pure core imports no {name}")
        target = search_module(name) if name.split(".")[0] == "search" else None
        if target is None or target == "search":
            continue
        other = place(target)
        if other != layer and other not in BELOW[layer]:
            wrong.append(
                f"{where(module, line)} imports {target}: the {layer} layer may import only "
                f"from {', '.join(sorted(BELOW[layer])) or 'itself'}, and {target} is {other}"
            )
    assert not wrong, "\n".join(wrong)


def cycles() -> list[list[str]]:
    """The import cycles among search's modules (module-level imports), each as a path."""
    graph = {
        m: {t for t in (search_module(n) for n, _ in imports(m, module_level=True)) if t} - {m}
        for m in MODULES
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strongly_connect(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                strongly_connect(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(cycle_in(sorted(group), graph))

    for node in sorted(graph):
        if node not in index:
            strongly_connect(node)
    return found


def cycle_in(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One path from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for other in sorted(graph[node] & members):
            if other == start:
                return paths[node] + [start]
            if other not in paths:
                paths[other] = paths[node] + [other]
                queue.append(other)
    return group


def test_search_has_no_import_cycle():
    found = cycles()
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)
