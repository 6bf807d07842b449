"""kiosk.diag.common.store_for: a check uses the app's store as it is, or opens the settings'
store for itself and closes it, even when the check fails."""

from __future__ import annotations

import pytest

from kiosk.diag.common import store_for
from kiosk.soak import soak_config
from kiosk.store import Store


def test_a_check_opens_the_settings_store_and_closes_it_even_on_failure(tmp_path,
                                                                         monkeypatch):
    closed: list[Store] = []
    monkeypatch.setattr(Store, "close", lambda self: closed.append(self))
    config = soak_config(tmp_path)
    with store_for(config) as store:
        assert store.outbox_stats().pending == 0  # a real store on the settings' file
    assert closed == [store]
    with pytest.raises(RuntimeError), store_for(config) as again:
        raise RuntimeError("the check failed")
    assert closed == [store, again]


def test_a_check_leaves_the_apps_store_open(tmp_path, monkeypatch):
    closed: list[Store] = []
    monkeypatch.setattr(Store, "close", lambda self: closed.append(self))
    app_store = object()
    with store_for(soak_config(tmp_path), app_store) as store:
        assert store is app_store
    assert closed == []
