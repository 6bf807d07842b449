"""The documentation says what is true: every test it names exists (so a renamed or deleted
test cannot leave a control claimed but unproved: docs/security.md names one per control),
every `kiosk ...` command it shows exists with the flags it shows, the README's command table
lists every command, every command is documented under docs/, and every picture the README
shows exists."""

from __future__ import annotations

import argparse
import ast
import re
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = sorted([REPO / "README.md", REPO / "packaging" / "README.md",
               REPO / "docs" / "screenshots" / "README.md",
               *(REPO / "docs").glob("*.md"), *(REPO / "docs" / "cli").glob("*.md")])
_TEST_REF = re.compile(r"(tests/[\w/]+\.py)((?:::\w+)*)")
_CODE_SPAN = re.compile(r"`(kiosk(?: [^`]*)?)`")
_FLAG = re.compile(r"(?<![\w-])(--?[a-zA-Z][\w-]*)")
_WORD = re.compile(r"[a-z][a-z0-9-]*$")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _names_in(source: Path) -> set[str]:
    tree = ast.parse(_text(source))
    return {n.name for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def test_every_test_a_doc_names_exists():
    named: set[tuple[str, str, str]] = set()
    for doc in DOCS:
        for path, names in _TEST_REF.findall(_text(doc)):
            named.add((doc.relative_to(REPO).as_posix(), path, names))
    assert len([n for n in named if n[0] == "docs/security.md" and n[2]]) > 100
    missing = []
    for doc, path, names in sorted(named):
        source = REPO / path
        if not source.is_file():
            missing.append(f"{doc}: {path}")
            continue
        defined = _names_in(source)
        missing += [f"{doc}: {path}::{name}" for name in names.split("::")[1:]
                    if name not in defined]
    assert missing == []


@cache
def _parser() -> argparse.ArgumentParser:
    from kiosk.cli import build_parser

    return build_parser(None)  # every command, with its arguments


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public accessor for these
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _commands() -> list[tuple[str, ...]]:
    from kiosk.cli import _module_names, command_words

    return [command_words(name) for name in _module_names()]


def _command_spans(text: str) -> list[str]:
    """`kiosk ...` in code spans, and lines of fenced blocks that start with it ($ allowed)."""
    spans, fenced = [], False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
        elif fenced:
            found = re.match(r"\s*(?:\$ )?(kiosk(?:\s.*)?)$", line)
            if found:
                spans.append(found.group(1).split("#")[0])
        else:
            spans += _CODE_SPAN.findall(line)
    return spans


def _problem(span: str) -> str | None:
    """What is wrong with one shown command line: unknown words, or flags it does not take."""
    parser, words = _parser(), []
    for token in span.split()[1:]:
        if not _WORD.match(token):
            break
        words.append(token)
    for word in words:
        choices = _subcommands(parser)
        if word not in choices:
            break
        parser = choices[word]
    if _subcommands(parser) and len(words) > len(parser.prog.split()) - 1:
        return f"no command `{' '.join(words)}`"
    if _subcommands(parser):
        return None  # a group named alone (`kiosk diag ...`)
    taken = {o for action in parser._actions for o in action.option_strings}
    wrong = sorted(set(_FLAG.findall(span)) - taken)
    return f"`{parser.prog}` has no {', '.join(wrong)}" if wrong else None


def test_every_command_a_doc_shows_exists_with_the_flags_it_shows():
    wrong = []
    for doc in DOCS:
        for span in _command_spans(_text(doc)):
            problem = _problem(span)
            if problem:
                wrong.append(f"{doc.relative_to(REPO)}: `{span}`: {problem}")
    assert wrong == []


@pytest.mark.parametrize("span,problem", [
    ("kiosk read --can 123456 --bogus", "`kiosk read` has no --bogus"),
    ("kiosk store nothing", "no command `store nothing`"),
    ("kiosk frobnicate", "no command `frobnicate`"),
    ("kiosk diag card --can N --wait 5", None),
    ("kiosk trust", None),
])
def test_the_command_check_finds_a_wrong_flag_and_a_wrong_word(span, problem):
    assert _problem(span) == problem


def test_the_readme_table_lists_every_command_and_docs_document_each():
    readme = _text(REPO / "README.md")
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `kiosk"))
    documented = "\n".join(_text(doc) for doc in DOCS if doc.parent.name in ("docs", "cli"))
    missing_row, undocumented = [], []
    for words in _commands():
        shown = re.compile(rf"kiosk {re.escape(' '.join(words))}(?![\w-])")
        if not shown.search(table):
            missing_row.append(" ".join(words))
        if not shown.search(documented):
            undocumented.append(" ".join(words))
    assert (missing_row, undocumented) == ([], [])


def test_every_picture_the_readme_shows_exists():
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", _text(REPO / "README.md"))
    assert len(pictures) >= 16
    assert [p for p in pictures if not (REPO / p).is_file()] == []
