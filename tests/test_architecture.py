"""The package rules of docs/architecture.md, checked on the source with `ast`.

- Arrows one way: ui -> kiosk -> icao, kiosk -> nfc; icao and nfc import nothing of ours.
  kiosk/ imports no ui and no PySide6 (the kiosk core runs without Qt).
- kiosk/cli is the top of the command line: nothing else imports it (but `python -m kiosk`).
- No import cycle among our modules, counting every import: module level, inside functions
  and under TYPE_CHECKING. A module that imports a package imports its __init__.
- No file in kiosk/ over 400 lines; the composition root (kiosk/core.py) under 300.
- An import inside a function says why it is there (a comment on it or just above its block,
  or the module's docstring saying what is imported inside and why); `kiosk/cli` commands keep
  theirs in `run` / `add_arguments` by the package's rule (kiosk/cli/__init__.py).
"""

from __future__ import annotations

import ast
import re
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


#: Functions whose imports say nothing yet, left for their owners (kiosk/cli and ui/ were being
#: edited concurrently; kiosk/diag and kiosk/trust need each import's start-up cost measured):
#: the list may only shrink; a new unexplained import fails, and so does a fixed one left here.
UNEXPLAINED = frozenset({
    "kiosk/cli/__init__.py::main", "kiosk/cli/capture_command.py::run_capture",
    "kiosk/cli/cmd_bench_apdu.py::_bench", "kiosk/cli/cmd_bench_apdu.py::_with_self_card",
    "kiosk/cli/cmd_bench_forms.py::measure", "kiosk/cli/cmd_bench_read.py::_bench",
    "kiosk/cli/cmd_bench_read.py::_measure", "kiosk/cli/cmd_bench_read.py::_summary",
    "kiosk/cli/cmd_chip.py::_compute", "kiosk/cli/cmd_chip.py::_flag_at_fault",
    "kiosk/cli/cmd_chip.py::_person", "kiosk/cli/cmd_chip.py::build_chip",
    "kiosk/cli/cmd_diag_readers.py::_describe", "kiosk/cli/cmd_face_verify.py::_error",
    "kiosk/cli/cmd_forms_fill.py::_parties", "kiosk/cli/cmd_read.py::_key",
    "kiosk/cli/cmd_read.py::_pick_reader", "kiosk/cli/cmd_read.py::save",
    "kiosk/cli/read_report.py::read_payload", "kiosk/cli/read_report.py::render_text",
    "kiosk/cli/startup.py::with_emulated_chip", "kiosk/cli/trust_import.py::run_import",
    "kiosk/diag/accountability.py::check_delivery", "kiosk/diag/accountability.py::check_settings",
    "kiosk/diag/calibrate.py::apply", "kiosk/diag/calibrate.py::calibrate",
    "kiosk/diag/calibrate.py::default_read", "kiosk/diag/camera.py::check_camera",
    "kiosk/diag/camera.py::save_snapshot", "kiosk/diag/health.py::check_camera",
    "kiosk/diag/health.py::check_database", "kiosk/diag/health.py::check_disk",
    "kiosk/diag/health.py::check_health", "kiosk/diag/health.py::check_pcsc",
    "kiosk/diag/health.py::check_trust", "kiosk/diag/profiles.py::default_setup",
    "kiosk/diag/profiles.py::read_options", "kiosk/diag/tabs.py::_policy",
    "kiosk/diag/tabs.py::camera_text", "kiosk/diag/tabs.py::health_text",
    "kiosk/diag/tabs.py::read", "kiosk/diag/tabs.py::readers_text",
    "kiosk/diag/tabs.py::settings_text", "kiosk/diag/tabs.py::trust_text",
    "kiosk/diag/trace.py::write_trace", "kiosk/trust/__init__.py::load_trust_store",
    "kiosk/trust/location.py::_configured_dir", "ui/app.py::run", "ui/bench.py::measure_preview",
    "ui/screens/technician.py::_apply", "ui/screens/technician.py::_confirm",
    "ui/screens/technician.py::_refused", "ui/screens/technician.py::setting_keys",
    "ui/widgets/portrait_view.py::find_face", "ui/workers.py::wait_for_jobs",
})
_IMPORT_LINE = re.compile(r"^\s*(from\s+\S+\s+import\b|import\s)")
_DOCSTRING_SAYS = re.compile(r"imported inside|load on first use", re.IGNORECASE)


def _unexplained_imports(path: Path, root: Path = ROOT) -> set[str]:
    """`path::function` for each function with an import that no comment explains."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    if _DOCSTRING_SAYS.search(ast.get_docstring(tree) or ""):
        return set()
    lines = source.splitlines()
    rel = str(path.relative_to(root))
    found = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if rel.startswith("kiosk/cli/") and fn.name in ("run", "add_arguments"):
            continue
        for node in (n for stmt in fn.body for n in ast.walk(stmt)):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            said = any("#" in lines[i] for i in range(node.lineno - 1, node.end_lineno or 0))
            i = node.lineno - 2
            while not said and i >= fn.lineno:  # up through the import block above it
                text = lines[i].strip()
                said = text.startswith("#")
                if text and not (_IMPORT_LINE.match(lines[i]) or text.endswith(",")
                                 or text == ")"):
                    break
                i -= 1
            if not said:
                found.add(f"{rel}::{fn.name}")
    return found


def test_imports_inside_functions_say_why():
    found = set().union(*(_unexplained_imports(p) for p in _modules().values()))
    assert sorted(found - UNEXPLAINED) == []  # say why (start-up, an optional library), or
    assert sorted(UNEXPLAINED - found) == []  # move it to the top; then drop it from the list


def test_an_unexplained_import_is_seen(tmp_path):
    (tmp_path / "m.py").write_text(
        "def bare():\n    import json\n\n    return json\n\n\n"
        "def said():\n    # json is slow to import (not really)\n    import json\n"
        "    from os import (\n        path,\n    )\n\n    return json, path\n\n\n"
        "def inline():\n    import json  # why, here\n\n    return json\n")
    assert _unexplained_imports(tmp_path / "m.py", tmp_path) == {"m.py::bare"}
    (tmp_path / "d.py").write_text('"""Pillow is imported inside the functions: start-up."""\n'
                                   "def f():\n    import json\n")
    assert _unexplained_imports(tmp_path / "d.py", tmp_path) == set()
