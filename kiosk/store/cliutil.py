"""Shared by the `kiosk store ...` / `kiosk staff ...` commands: open the store the settings
describe."""

from __future__ import annotations

import argparse

from kiosk.config import Config, ConfigError, load_config
from kiosk.config.files import config_path, read_document
from kiosk.config.validate import build_config
from kiosk.store.opening import open_store_from_config
from kiosk.store.store import Store


def open_from_args(args: argparse.Namespace, *, lenient: bool = False) -> tuple[Config, Store]:
    """Config from --config / $KIOSK_CONFIG, and the store it names (raises ConfigError or
    StoreError with an actionable message).

    `lenient`: problems outside [store] and [kiosk] id do not stop the command (defaults
    stand in for the bad keys), so a technician can still add an account and fix the file
    with `kiosk config set` (e.g. a back-office URL that is not https any more)."""
    if not lenient:
        config = load_config(getattr(args, "config", None))
        return config, open_store_from_config(config)
    path = config_path(getattr(args, "config", None))
    config, problems = build_config(read_document(path))
    blocking = [p for p in problems if p.key.startswith(("store.", "kiosk.id", "staff.kdf"))
                or p.key in ("", "store", "kiosk")]
    if blocking:
        raise ConfigError(blocking, str(path))
    return config, open_store_from_config(config)
