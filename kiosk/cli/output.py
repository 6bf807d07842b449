"""Helpers shared by command modules: stable JSON output, human tables, and errors.

Every error a command prints starts with `kiosk: error:` and names what is at fault: the flag
(`--date '2026-13-01' is not a date ...`), or the file and, for JSON, the line and column
(`--identity id.json: invalid JSON at line 2, column 7: Expecting value`). `read_json` and
`parse_date` say so for every command; a command raises `CliError` (or returns `fail(...)`)
and `kiosk.cli.main` prints it.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

#: Bumped when a command's JSON changes incompatibly; every JSON document carries it.
JSON_SCHEMA_VERSION = 1


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, bytes (hex), dates and paths to plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.name.startswith("_")}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    return value


def print_json(kind: str, payload: Any, *, stream=None) -> None:
    """Print `{"kind": ..., "version": N, ...payload}` as indented UTF-8 JSON."""
    doc = {"kind": kind, "version": JSON_SCHEMA_VERSION}
    body = to_jsonable(payload)
    if isinstance(body, dict):
        doc.update(body)
    else:
        doc["items"] = body
    out = stream or sys.stdout
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def print_table(rows: list[list[str]], headers: list[str], *, stream=None) -> None:
    out = stream or sys.stdout
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(str(cell)))
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write(fmt.format(*headers) + "\n")
    out.write(fmt.format(*["-" * w for w in widths]) + "\n")
    for row in rows:
        out.write(fmt.format(*[str(c) for c in row]) + "\n")


class CliError(Exception):
    """A command cannot go on: `message` for the person (naming the flag or file at fault)
    and the exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def read_json(path: str, flag: str) -> Any:
    """The JSON document in the file `flag` names. CliError (exit 2) naming the flag and the
    file: missing, a folder, unreadable, not UTF-8 (with the byte), or invalid JSON (with the
    line and column)."""
    where = f"{flag} {path}"
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"{where}: no such file", 2) from None
    except IsADirectoryError:
        raise CliError(f"{where}: is a folder; give a JSON file", 2) from None
    except UnicodeDecodeError as exc:
        raise CliError(f"{where}: not UTF-8 text (byte {exc.start})", 2) from None
    except OSError as exc:
        raise CliError(f"{where}: cannot read it ({exc.strerror})", 2) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{where}: invalid JSON at line {exc.lineno}, column {exc.colno}: "
                       f"{exc.msg}", 2) from None


def parse_date(text: str, flag: str) -> date:
    """An ISO date (YYYY-MM-DD) given to `flag`; CliError (exit 2) naming the flag."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CliError(f"{flag} {text!r} is not a date ({exc}): give YYYY-MM-DD, e.g. "
                       "2026-06-01", 2) from None


def fail(message: str, code: int = 1) -> int:
    """Print an actionable error to stderr and return the exit code."""
    sys.stderr.write(f"kiosk: error: {message}\n")
    return code


def fail_typed(kind: str, error_code: str, message: str, advice: str = "", *,
               as_json: bool, code: int = 1) -> int:
    """A typed error (kiosk.face's, with a machine code and advice): with --json the document
    `kind` ({code, message, advice}) on stdout for the script, else one line on stderr,
    `kiosk: error (CODE): message advice`. Returns the exit code."""
    if as_json:
        print_json(kind, {"code": error_code, "message": message, "advice": advice})
    else:
        sys.stderr.write(f"kiosk: error ({error_code}): {message} {advice}".rstrip() + "\n")
    return code
