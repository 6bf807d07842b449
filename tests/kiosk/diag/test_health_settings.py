"""diag health's settings and delivery items (issue 16, kiosk/diag/accountability.py): every
weakened setting is listed, a hand edit shows until a technician confirms it, and delivery
says whether it can work: from the app's own worker, or from the settings."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.accounts import Accounts
from kiosk.accounts.settings import change_setting, confirm_settings
from kiosk.config import KdfParams, load_config
from kiosk.diag.accountability import check_delivery, check_settings
from kiosk.diag.health import check_health
from kiosk.store import open_store_from_config, outbox
from kiosk.store.pacing import DeliveryStatus, StatusBoard

SKIP = ("pcsc", "camera", "printer", "trust", "database", "disk")


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "k.db"}"\n'
                    f'key_file = "{tmp_path / "store.key"}"\n', encoding="utf-8")
    store = open_store_from_config(load_config(str(path)))
    accounts = Accounts(store, kdf=KdfParams(memory_kib=1024, iterations=1))
    accounts.add("kt01", "technician", "482913", by=None)
    yield path, store, accounts
    store.close()


def _items(path, store):
    return {(i.name, i.status): i.reason for i in check_settings(load_config(str(path)), store)}


def test_a_strict_kiosk_has_one_ok_settings_item(setup, monkeypatch):
    path, store, _accounts = setup
    config = load_config(str(path))
    items = check_settings(config, store)
    assert [(i.name, i.status) for i in items] == [
        ("settings", "ok"), ("trust.require_crl", "ok"), ("backoffice.url", "ok")]
    monkeypatch.setattr(outbox, "_current", outbox._NOT_STARTED)
    report = check_health(config, store=store, skip=SKIP)
    assert [i.name for i in report.items] == [
        "settings", "trust.require_crl", "backoffice.url", "delivery"]
    assert report.item("delivery").reason == "no back office configured ([backoffice] url)"
    assert report.ok


def test_weakened_settings_are_listed_and_a_hand_edit_shows_until_confirmed(setup):
    path, store, accounts = setup
    tech = accounts.login("kt01", "482913", role="technician")
    change_setting("face.liveness", "false", store=store, by=tech, path=path)
    items = _items(path, store)
    assert items[("face.liveness", "warn")] == ("the liveness check is off: a photo of the "
                                                "card holder can pass the face check")
    assert not any(k[0] == "face.liveness" and "outside" in v for k, v in items.items())
    with path.open("a", encoding="utf-8") as fh:  # by hand, not through a technician
        fh.write("\n[kiosk]\ntraining_mode = true\n")
    items = _items(path, store)
    assert items[("kiosk.training_mode", "warn")].startswith(
        "kiosk.training_mode was changed outside `kiosk config set` (audited value: False)")
    confirm_settings(load_config(str(path)), store=store, by=tech)
    items = _items(path, store)
    assert [v for k, v in items.items() if "outside" in v] == []
    assert ("kiosk.training_mode", "warn") in items  # still weaker than the default


@pytest.mark.parametrize("status, want", [
    (DeliveryStatus("idle"), "ok"),
    (DeliveryStatus("retrying", last_error="HTTP 503"), "warn"),
    (DeliveryStatus("failing", last_error="StoreUnavailable"), "fail"),
    (DeliveryStatus("misconfigured", "an https:// URL is required"), "fail"),
    (DeliveryStatus("crashed", "RuntimeError"), "fail"),
])
def test_delivery_from_the_apps_worker(setup, monkeypatch, status, want):
    path, store, _accounts = setup
    monkeypatch.setattr(outbox, "_current", StatusBoard(status))
    item = check_delivery(load_config(str(path)), store)
    assert item.status == want
    if want == "fail":
        assert item.reason.startswith(f"delivery is {status.state}: ")


def test_delivery_from_the_settings_outside_the_app(setup, monkeypatch):
    path, store, _accounts = setup
    monkeypatch.setattr(outbox, "_current", outbox._NOT_STARTED)
    base = load_config(str(path))
    bad = dataclasses.replace(base, backoffice=dataclasses.replace(
        base.backoffice, url="https://bo.example.vn/submissions"))
    item = check_delivery(bad, store)
    assert item.status == "fail" and "cannot deliver" in item.reason  # no credentials
    training = dataclasses.replace(bad, kiosk=dataclasses.replace(bad.kiosk,
                                                                  training_mode=True))
    assert check_delivery(training, store).reason == "training mode: nothing is delivered"
    outbox.delivery_disabled("training mode: nothing is delivered")
    assert outbox.delivery_status_here().state == "disabled"
