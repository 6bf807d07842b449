"""icao/chip has no import cycle (issue 13), counting every import: module level, inside
functions and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from pathlib import Path

import icao.chip

PACKAGE = Path(icao.chip.__file__).parent


def _graph() -> dict[str, set[str]]:
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = {}
    for name in modules:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("icao.chip."):
                    edges.add(node.module.split(".")[2])
                elif node.module == "icao.chip":
                    edges |= {a.name for a in node.names if a.name in modules} or {"__init__"}
            elif isinstance(node, ast.Import):
                edges |= {a.name.split(".")[2] for a in node.names
                          if a.name.startswith("icao.chip.")}
        graph[name] = edges & modules
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_no_module_of_icao_chip_imports_the_package_back():
    graph = _graph()
    assert {"card", "hostile", "lds_build", "options"} <= set(graph)
    assert "__init__" not in set().union(*graph.values())


def test_icao_chip_has_no_import_cycle():
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
