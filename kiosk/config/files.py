"""Where the settings file lives, reading it, and changing one key safely.

Writes are atomic (temporary file in the same folder, fsync, rename) so a power cut during
`kiosk config set` leaves either the old or the new file, never half of one. tomllib and
tomli_w do not keep comments: the file is data, docs/config.md is the documentation.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from kiosk.config.schema import SECRET, Config, ReaderProfile, field_type, sections
from kiosk.config.validate import (
    ConfigError,
    ConfigProblem,
    ConfigSavedWithProblems,
    _unknown,
    build_config,
    check_scalar,
    dotted,
    validate,
)

APP_NAME = "chip-id-kiosk"
ENV_VAR = "KIOSK_CONFIG"
SECRET_MASK = "<set>"
#: user:password@ in a database or back-office URL (prefer ~/.pgpass to a password here)
_URL_PASSWORD = re.compile(r"(//[^/:@]+):[^/@]*@")


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def user_data_dir() -> Path:
    """Per-user data folder (database, key file, trust store by default)."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The file to use: an explicit path, else $KIOSK_CONFIG, else the per-user default."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_config_path()


def add_config_argument(parser: argparse.ArgumentParser, *, may_create: bool = False) -> None:
    """The `--config FILE` flag shared by every command that reads settings. A file named on
    the command line must exist (`may_create`: the command writes it, `kiosk config set`):
    a mistyped path would otherwise run on the defaults, and `kiosk store verify-audit
    --config TYPO` would call an empty log intact."""
    parser.add_argument("--config", metavar="FILE", default=None,
                        type=str if may_create else existing_settings_file,
                        help=f"settings file (default: ${ENV_VAR} or {default_config_path()})")


def existing_settings_file(value: str) -> str:
    """argparse type of --config: the path, if a file is there."""
    if not Path(value).exists():
        raise argparse.ArgumentTypeError(
            f"{value}: no settings file there; check the path (`kiosk config set --config "
            f"{value} KEY VALUE` creates one)")
    return value


def read_document(path: Path) -> dict[str, Any]:
    """The raw TOML document; a missing file is an empty one (all defaults)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError([ConfigProblem("", f"cannot read the settings file ({exc.strerror})")],
                          str(path)) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigProblem("", f"not a valid TOML file: {exc}")],
                          str(path)) from None


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read and validate the settings; `ConfigError` names every bad key."""
    p = config_path(path)
    if not path and os.environ.get(ENV_VAR) and not p.exists():
        # a deployment names its file (the systemd unit's KIOSK_CONFIG): a typo there must
        # not run the kiosk on the defaults (another store, no back office, no policy)
        raise ConfigError([ConfigProblem("", f"${ENV_VAR} names this file but there is none; "
                                             "correct the variable, or create the file "
                                             "(`kiosk config set KEY VALUE` writes it)")],
                          str(p))
    return validate(read_document(p), str(p))


def to_document(config: Config, *, mask_secrets: bool = True) -> dict[str, Any]:
    """The config as a TOML-ready dict (every key, defaults included)."""
    out: dict[str, Any] = {}
    for name in sections():
        sect = getattr(config, name)
        table: dict[str, Any] = {}
        for f in dataclasses.fields(sect):
            value = getattr(sect, f.name)
            if f.name == "profiles":
                value = {model: dataclasses.asdict(p) for model, p in value.items()}
            elif f.metadata.get(SECRET) and mask_secrets and value:
                value = SECRET_MASK
            elif mask_secrets and f.name == "url" and isinstance(value, str):
                value = _URL_PASSWORD.sub(r"\1:" + SECRET_MASK + "@", value)
            table[f.name] = value
        out[name] = table
    return out


def write_document(path: Path, doc: dict[str, Any]) -> None:
    """Write atomically: temp file, fsync, rename, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = tomli_w.dumps(doc).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".kiosk-", suffix=".toml.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def split_key(key: str) -> list[str]:
    """`reader.profiles.ACS ACR1252.max_read` -> ['reader', 'profiles', 'ACS ACR1252',
    'max_read']: a model name may contain dots or spaces, so everything between
    `profiles` and the last part is the model. Quotes around it are accepted."""
    parts = key.split(".")
    if len(parts) >= 4 and parts[0] == "reader" and parts[1] == "profiles":
        model = ".".join(parts[2:-1]).strip('"')
        return ["reader", "profiles", model, parts[-1]]
    return parts


def parse_text(text: str, kind: type) -> Any:
    """A command-line value as the setting's type; unparseable text stays text, so the
    validator reports it with the usual message."""
    if kind is bool:
        return {"true": True, "false": False}.get(text.strip().lower(), text)
    if kind is int:
        try:
            return int(text)
        except ValueError:
            return text
    if kind is float:
        try:
            return float(text)
        except ValueError:
            return text
    return text


def _resolve(parts: list[str]) -> tuple[type, str]:
    """The class and field a dotted key names, or ConfigError with a did-you-mean."""
    key = dotted(*parts)
    known = sections()
    if parts[:2] == ["reader", "profiles"] and len(parts) < 4:
        raise ConfigError([ConfigProblem(key, "reader.profiles holds one table per reader "
                                              "model; set one value with "
                                              "reader.profiles.MODEL.KEY")])
    cls: type
    if len(parts) == 4 and parts[:2] == ["reader", "profiles"]:
        cls, name = ReaderProfile, parts[3]
        names = [dotted(*parts[:3], f.name) for f in dataclasses.fields(ReaderProfile)]
    elif len(parts) == 2 and parts[0] in known and parts[1] != "profiles":
        cls, name = known[parts[0]], parts[1]
        names = [dotted(parts[0], f.name) for f in dataclasses.fields(cls)
                 if f.name != "profiles"]
    else:
        names = [dotted(s, f.name) for s, c in known.items() for f in dataclasses.fields(c)
                 if f.name != "profiles"]
        raise ConfigError([ConfigProblem(key, _unknown(key, names))])
    if name not in [f.name for f in dataclasses.fields(cls)]:
        raise ConfigError([ConfigProblem(key, _unknown(key, names))])
    return cls, name


def set_value(key: str, value: Any, path: str | os.PathLike[str] | None = None) -> Path:
    """Set one dotted key (type-checked), keeping every other key; returns the file written.

    `value` may be text from the command line; it is parsed as the setting's type. Problems
    elsewhere in the file do not block fixing this key; they are raised after writing.
    """
    p = config_path(path)
    parts = split_key(key)
    cls, name = _resolve(parts)
    full = dotted(*parts)
    if isinstance(value, str):
        value = parse_text(value, field_type(cls, name))
    ok, msg = check_scalar(full, cls, name, value)
    if msg:
        raise ConfigError([ConfigProblem(full, msg)])
    doc = read_document(p)
    _, before = build_config(doc)
    node = doc
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[parts[-1]] = ok
    _, problems = build_config(doc)
    new = [q for q in problems if q not in before]
    if new:  # this change itself breaks a rule between keys (e.g. http:// outside training)
        raise ConfigError(new, str(p))
    write_document(p, doc)
    if problems:
        raise ConfigSavedWithProblems(problems, str(p))
    return p


def save_reader_profile(model: str, profile: ReaderProfile,
                        path: str | os.PathLike[str] | None = None) -> Path:
    """Store a calibrated reader profile (used by `kiosk diag calibrate --apply`)."""
    if not model.strip():
        raise ConfigError([ConfigProblem("reader.profiles", "a reader model name is required")])
    p = config_path(path)
    doc = read_document(p)
    reader = doc.setdefault("reader", {})
    if not isinstance(reader, dict):
        raise ConfigError([ConfigProblem("reader", "[reader] must be a table")], str(p))
    profiles = reader.setdefault("profiles", {})
    profiles[model] = dataclasses.asdict(profile)
    validate(doc, str(p))
    write_document(p, doc)
    return p
