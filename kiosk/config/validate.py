"""Turn a parsed TOML document into a `Config`, naming every bad key.

Validation collects every problem instead of stopping at the first, so a technician fixes the
file in one pass. Messages quote the offending value, except for secrets (PIN hashes).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import Any

from kiosk.config.pins import is_pin_hash
from kiosk.config.schema import (
    CHOICES,
    MAX,
    MIN,
    PATTERN,
    SECRET,
    URL,
    Config,
    ReaderProfile,
    ReaderSettings,
    field_type,
    sections,
)
from kiosk.config.urls import url_problem

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class ConfigProblem:
    """One bad key: its dotted name and a message that starts with it."""

    key: str
    message: str


class ConfigError(ValueError):
    """The settings file cannot be used; `problems` names each bad key."""

    def __init__(self, problems: list[ConfigProblem] | tuple[ConfigProblem, ...],
                 source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(where + "; ".join(p.message for p in self.problems))


class ConfigSavedWithProblems(ConfigError):
    """`config set` wrote the key, but other keys in the file are still wrong."""


def dotted(*parts: str) -> str:
    """A TOML dotted key, quoting parts that are not bare keys (reader model names)."""
    return ".".join(p if _BARE.match(p) else '"' + p.replace('"', '\\"') + '"' for p in parts)


def show_value(value: Any) -> str:
    """A value as TOML would spell it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _num(x: float | None) -> str:
    return "any" if x is None else f"{x:g}"


def check_scalar(key: str, cls: type, name: str, value: Any) -> tuple[Any, str | None]:
    """Validate one scalar setting; return (value to use, problem message or None)."""
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    meta = f.metadata
    kind = field_type(cls, name)
    lo, hi, choices = meta.get(MIN), meta.get(MAX), meta.get(CHOICES)
    got = show_value(value)
    if kind is bool:
        if isinstance(value, bool):
            return value, None
        return None, f"{key} must be true or false, got {got}"
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and (lo is None or value >= lo) and (hi is None or value <= hi):
            return value, None
        return None, f"{key} must be a whole number between {_num(lo)} and {_num(hi)}, got {got}"
    if kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and (lo is None or value >= lo) and (hi is None or value <= hi):
            return float(value), None
        return None, f"{key} must be a number between {_num(lo)} and {_num(hi)}, got {got}"
    # strings
    if not isinstance(value, str):
        return None, f"{key} must be a text in quotes, got {got}"
    if choices and value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        return None, f"{key} must be one of {allowed}, got {got}"
    if meta.get(SECRET) and value and not is_pin_hash(value):
        section = key.split(".")[0]
        return None, (f"{key} is not a PIN hash (never put a PIN in the file); shared PINs "
                      f"open nothing: clear it (`kiosk config set {section}.pin_hash ''`) "
                      "and give each person an account (`kiosk staff add`)")
    if meta.get(URL):
        problem = url_problem(value, training=True, key=key)  # http: see cross_problems
        if problem:
            return None, problem
    pattern = meta.get(PATTERN)
    if pattern and not re.match(pattern[0], value):
        return None, f"{key} must be {pattern[1]}, got {got}"
    return value, None


def cross_problems(config: Config) -> list[ConfigProblem]:
    """Rules between keys: plain http:// only in training mode."""
    problems = []
    training = config.kiosk.training_mode
    for name in ("url", "anchor_url"):
        key = f"backoffice.{name}"
        problem = url_problem(getattr(config.backoffice, name), training=training, key=key)
        if problem:
            problems.append(ConfigProblem(key, problem))
    return problems


def _unknown(key: str, candidates: list[str], what: str = "key") -> str:
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown {what} {key}{hint}"


def _build_section(name: str, cls: type, table: Any,
                   problems: list[ConfigProblem]) -> Any:
    if not isinstance(table, dict):
        problems.append(ConfigProblem(name, f"[{name}] must be a table, got {show_value(table)}"))
        return cls()
    values: dict[str, Any] = {}
    fields = [f.name for f in dataclasses.fields(cls)]
    for key, value in table.items():
        full = dotted(name, key)
        if key not in fields:
            problems.append(ConfigProblem(full, _unknown(
                full, [dotted(name, f) for f in fields])))
            continue
        if cls is ReaderSettings and key == "profiles":
            values[key] = _build_profiles(value, problems)
            continue
        ok, msg = check_scalar(full, cls, key, value)
        if msg:
            problems.append(ConfigProblem(full, msg))
        else:
            values[key] = ok
    return cls(**values)


def _build_profiles(table: Any, problems: list[ConfigProblem]) -> dict[str, ReaderProfile]:
    base = "reader.profiles"
    if not isinstance(table, dict):
        problems.append(ConfigProblem(base, f"{base} must be a table of reader models, got "
                                            f"{show_value(table)}"))
        return {}
    out: dict[str, ReaderProfile] = {}
    fields = [f.name for f in dataclasses.fields(ReaderProfile)]
    for model, prof in table.items():
        pkey = dotted("reader", "profiles", model)
        if not isinstance(prof, dict):
            problems.append(ConfigProblem(pkey, f"{pkey} must be a table, got "
                                                f"{show_value(prof)}"))
            continue
        values: dict[str, Any] = {}
        for key, value in prof.items():
            full = dotted("reader", "profiles", model, key)
            if key not in fields:
                problems.append(ConfigProblem(full, _unknown(
                    full, [dotted("reader", "profiles", model, f) for f in fields])))
                continue
            ok, msg = check_scalar(full, ReaderProfile, key, value)
            if msg:
                problems.append(ConfigProblem(full, msg))
            else:
                values[key] = ok
        out[model] = ReaderProfile(**values)
    return out


def build_config(doc: dict[str, Any]) -> tuple[Config, list[ConfigProblem]]:
    """A `Config` from a TOML document plus the problems found (defaults stand in for bad keys)."""
    problems: list[ConfigProblem] = []
    known = sections()
    built: dict[str, Any] = {}
    for name, table in doc.items():
        if name not in known:
            problems.append(ConfigProblem(name, _unknown(
                f"[{name}]", [f"[{s}]" for s in known], "section")))
            continue
        built[name] = _build_section(name, known[name], table, problems)
    config = Config(**built)
    bad = {p.key for p in problems}
    problems += [p for p in cross_problems(config) if p.key not in bad]
    return config, problems


def validate(doc: dict[str, Any], source: str | None = None) -> Config:
    """A `Config`, or `ConfigError` listing every bad key."""
    config, problems = build_config(doc)
    if problems:
        raise ConfigError(problems, source)
    return config
