"""The package rules of docs/architecture.md, checked on the source with `ast`.

- Arrows one way: ui -> kiosk -> icao, kiosk -> nfc; icao and nfc import nothing of ours.
  kiosk/ imports no ui and no PySide6 (the kiosk core runs without Qt).
- kiosk/cli is the top of the command line: nothing else imports it (but `python -m kiosk`).
- No import cycle among our modules, counting every import: module level, inside functions
  and under TYPE_CHECKING. A module that imports a package imports its __init__.
- No file in kiosk/ over 400 lines; the composition root (kiosk/core.py) under 300.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("icao", "nfc", "kiosk", "ui")
#: Who may import whom (the first word of the module name).
ALLOWED = {"icao": {"icao"}, "nfc": {"nfc"}, "kiosk": {"kiosk", "icao", "nfc"},
           "ui": {"ui", "kiosk", "icao", "nfc"}}

def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, the module named) of every import in the file, relative ones resolved."""
    name = _name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}" if base else alias.name


def _ours(imported: str) -> str | None:
    """The module of ours that `imported` names (a submodule, or the package whose
    __init__ holds the name), or None for a library."""
    modules = _modules()
    while imported and imported not in modules:
        imported = imported.rpartition(".")[0]
    return imported or None


@cache
def _graph() -> dict[str, frozenset[str]]:
    graph = {}
    for name, path in _modules().items():
        edges = {_ours(imported) for _line, imported in _imports(path)}
        graph[name] = frozenset(e for e in edges if e is not None and e != name)
    return graph


def _cycles(graph: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_arrows_point_one_way():
    wrong = []
    for name, path in _modules().items():
        allowed = ALLOWED[name.split(".")[0]]
        for line, imported in _imports(path):
            root = imported.split(".")[0]
            if root in PACKAGES and root not in allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert wrong == []


def test_kiosk_imports_no_qt_and_no_ui():
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {imported}"
             for name, path in _modules().items() if name.split(".")[0] == "kiosk"
             for line, imported in _imports(path)
             if imported.split(".")[0] in ("ui", "PySide6", "shiboken6")]
    assert wrong == []


def test_nothing_outside_kiosk_cli_imports_it():
    wrong = [f"{path.relative_to(ROOT)}:{line}"
             for name, path in _modules().items()
             if not (name == "kiosk.cli" or name.startswith("kiosk.cli."))
             and name != "kiosk.__main__"  # `python -m kiosk` is the command line itself
             for line, imported in _imports(path)
             if imported == "kiosk.cli" or imported.startswith("kiosk.cli.")]
    assert wrong == []


def test_no_import_cycle():
    assert _cycles(_graph()) == []


def test_files_in_kiosk_stay_small():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in sorted((ROOT / "kiosk").rglob("*.py"))}
    assert {p: n for p, n in sizes.items() if n > 400} == {}
    assert sizes["kiosk/core.py"] < 300


def test_the_checks_see_what_they_check():
    """The finders work: a cycle is found, relative imports resolve, a package is a module."""
    assert _cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}),
                    "d": frozenset({"a"})}) == [frozenset({"a", "b", "c"})]
    graph = _graph()
    assert "kiosk.session.machine" in graph["kiosk.session"]  # a package's own imports
    assert "kiosk.reading" in graph["kiosk.core"]  # `from kiosk.reading import X`
    assert "kiosk.work" in graph["kiosk.session.machine"]
    assert "kiosk.reading" in graph["kiosk.session.state"]  # under TYPE_CHECKING
    assert len(_modules()) > 250
