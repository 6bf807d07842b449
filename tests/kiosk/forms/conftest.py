"""Forms fixtures: the fictional sample people shipped with the package, read as identities."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kiosk.identity import Identity, identity_from_json

EXAMPLES = Path(__file__).resolve().parents[3] / "kiosk" / "forms" / "examples"
TODAY = date(2026, 1, 15)
KIOSK = {"agency": "Ủy ban nhân dân phường Hoàn Kiếm", "place": "Hà Nội"}


def load(name: str):
    return json.loads((EXAMPLES / name).read_text("utf-8"))


@pytest.fixture(scope="session")
def woman() -> Identity:
    return identity_from_json(load("identity.json"))


@pytest.fixture(scope="session")
def man() -> Identity:
    return identity_from_json(load("identity_second.json"))
