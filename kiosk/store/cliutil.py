"""Shared by the `kiosk store ...` commands: open the store the settings describe."""

from __future__ import annotations

import argparse

from kiosk.config import Config, load_config
from kiosk.store.opening import open_store_from_config
from kiosk.store.store import Store


def open_from_args(args: argparse.Namespace) -> tuple[Config, Store]:
    """Config from --config / $KIOSK_CONFIG, and the store it names (raises ConfigError or
    StoreError with an actionable message)."""
    config = load_config(getattr(args, "config", None))
    return config, open_store_from_config(config)
