"""Where the trust store lives: --trust-dir, else $KIOSK_TRUST_DIR, else the [trust] dir
setting, else <user data dir>/trust (platformdirs), so a technician's import on one account
is what the kiosk app on that account uses."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import platformdirs

APP_NAME = "chip-id-kiosk"
ENV_VAR = "KIOSK_TRUST_DIR"


def default_trust_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "trust"


def trust_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    configured = _configured_dir()
    return Path(configured) if configured else default_trust_dir()


def _configured_dir() -> str:
    """The [trust] dir setting, if the settings file sets one (a broken file is ignored here;
    `kiosk config show` reports it)."""
    try:
        from kiosk.config import load_config
        from kiosk.config.files import config_path

        return load_config(config_path()).trust.dir
    except Exception:  # noqa: BLE001 - settings problems must not hide the trust store
        return ""


def add_trust_dir_argument(parser: argparse.ArgumentParser) -> None:
    """The `--trust-dir DIR` flag shared by every `kiosk trust` command."""
    parser.add_argument("--trust-dir", metavar="DIR", default=None,
                        help=f"trust store folder (default: ${ENV_VAR}, the [trust] dir "
                        f"setting, or {default_trust_dir()})")
