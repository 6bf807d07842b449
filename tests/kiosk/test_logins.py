"""kiosk/logins.py: the app's logins are named accounts (lockout in the store, every attempt
audited under the person), plus the built-in training login on training kiosks only."""

from __future__ import annotations

import pytest

from kiosk.accounts import LOCKOUT_AFTER, LOCKOUT_S, Accounts, LoginRefused
from kiosk.config import KdfParams
from kiosk.config.schema import Config, KioskSettings, StoreSettings
from kiosk.logins import TRAINING_ID, TRAINING_PIN, Logins
from kiosk.store import open_store
from tests.kiosk.store.conftest import FakeClock

CHEAP = KdfParams(memory_kib=1024, iterations=1)


@pytest.fixture
def kiosk(tmp_path):
    """make(training) -> (Logins, store, clock) over one SQLite store with nv01 (staff,
    739164), kt01 (technician, 482913) and nv02 (disabled)."""
    clock = FakeClock()
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    store = open_store(url, key_file=tmp_path / "store.key", clock=clock)
    accounts = Accounts(store, kdf=CHEAP)
    accounts.add("kt01", "technician", "482913", by=None)
    tech = accounts.login("kt01", "482913", role="technician")
    accounts.add("nv01", "staff", "739164", by=tech)
    accounts.add("nv02", "staff", "739164", by=tech)
    accounts.disable("nv02", by=tech)

    def make(training: bool) -> Logins:
        config = Config(kiosk=KioskSettings(training_mode=training),
                        store=StoreSettings(url=url, key_file=str(tmp_path / "store.key")))
        return Logins(lambda: store, config, training=training)

    yield make, store, clock
    store.close()


def _refusal(logins, staff_id, pin, role="staff") -> tuple[str, float]:
    with pytest.raises(LoginRefused) as refused:
        logins.login(staff_id, pin, role=role)
    return refused.value.why, refused.value.locked_for_s


def test_a_named_login_and_each_refusal_in_words(kiosk):
    make, store, _clock = kiosk
    logins = make(training=False)
    login = logins.login("NV01 ", "739164", role="staff")  # typed on the kiosk
    assert login.actor == "staff:nv01"
    assert logins.login("kt01", "482913", role="staff").actor == "technician:kt01"
    assert _refusal(logins, "nv01", "000000") == ("wrong", 0.0)
    assert _refusal(logins, "nobody", "739164") == ("wrong", 0.0)
    assert _refusal(logins, "nv02", "739164") == ("disabled", 0.0)
    assert _refusal(logins, "nv01", "739164", role="technician") == ("role", 0.0)
    logins.logout(login)
    events = [(e.event, e.actor, (e.details or {}).get("staff_id"), (e.details or {}).get("why"))
              for e in store.audit_entries()
              if e.event in ("login.ok", "login.failed", "logout")][-7:]
    assert events == [
        ("login.ok", "staff:nv01", None, None), ("login.ok", "technician:kt01", None, None),
        ("login.failed", "system:login", "nv01", "wrong_pin"),
        ("login.failed", "system:login", "nobody", "unknown_id"),
        ("login.failed", "system:login", "nv02", "disabled"),
        ("login.failed", "system:login", "nv01", "role"),
        ("logout", "staff:nv01", None, None)]
    assert store.verify_audit().unnamed_actors == 0


def test_lockout_after_five_wrong_pins_then_the_right_pin_after_the_window(kiosk):
    make, _store, clock = kiosk
    logins = make(training=False)
    for _ in range(LOCKOUT_AFTER - 1):
        assert _refusal(logins, "nv01", "111111") == ("wrong", 0.0)
    why, locked = _refusal(logins, "nv01", "111111")
    assert why == "locked" and locked == pytest.approx(LOCKOUT_S)
    clock.advance(seconds=60)
    why, locked = _refusal(logins, "nv01", "739164")  # the right PIN, but locked
    assert why == "locked" and locked == pytest.approx(LOCKOUT_S - 60)
    clock.advance(seconds=LOCKOUT_S)
    assert logins.login("nv01", "739164", role="staff").actor == "staff:nv01"


def test_the_training_login_exists_only_in_training_mode(kiosk):
    make, store, _clock = kiosk
    training = make(training=True)
    for role in ("staff", "technician"):
        login = training.login(TRAINING_ID, TRAINING_PIN, role=role)
        assert login.actor == f"{role}:training"
    assert _refusal(training, TRAINING_ID, "123456") == ("wrong", 0.0)
    assert training.login("nv01", "739164", role="staff").actor == "staff:nv01"
    ok = [e for e in store.audit_entries() if e.event == "login.ok"][-3:-1]
    assert [(e.actor, e.details) for e in ok] == [
        ("staff:training", {"area": "staff", "training": True}),
        ("technician:training", {"area": "technician", "training": True})]
    real = make(training=False)
    assert _refusal(real, TRAINING_ID, TRAINING_PIN) == ("wrong", 0.0)
    assert _refusal(real, TRAINING_ID, TRAINING_PIN, role="technician") == ("wrong", 0.0)
