"""Accounts are tested on the store fixtures (SQLite and PostgreSQL), with a cheap Argon2id
cost so the suite stays fast; the real cost is measured by `kiosk staff kdf`."""

from __future__ import annotations

import pytest

from kiosk.config import KdfParams
from tests.kiosk.store.conftest import clock, key_file, make_store, store, store_url  # noqa: F401

CHEAP = KdfParams(memory_kib=1024, iterations=1)


@pytest.fixture
def accounts(store):  # noqa: F811 - the imported fixture
    from kiosk.accounts import Accounts

    return Accounts(store, kdf=CHEAP)
