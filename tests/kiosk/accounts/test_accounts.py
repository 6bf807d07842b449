"""kiosk/accounts: named accounts, PINs, lockout kept in the store, audit names the person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.accounts import AccountError, Accounts, LoginRefused, StaffLogin
from kiosk.config import PinError
from kiosk.store.models import StaffAccountRow
from tests.kiosk.accounts.conftest import CHEAP
from tests.kiosk.store.conftest import T0


def _tech(accounts) -> StaffLogin:
    accounts.add("kt01", "technician", "482913", by=None)
    return accounts.login("kt01", "482913", role="technician")


def test_the_first_technician_bootstraps_then_only_technicians_add(accounts, store):
    assert accounts.needs_bootstrap()
    with pytest.raises(AccountError, match="only a technician can add accounts"):
        accounts.add("nv01", "staff", "739164", by=None)
    tech = _tech(accounts)
    assert not accounts.needs_bootstrap()
    with pytest.raises(AccountError, match="only a technician can add accounts"):
        accounts.add("kt02", "technician", "739164", by=None)  # no second bootstrap
    nv = accounts.add("nv01", "staff", "739164", by=tech)
    assert (nv.staff_id, nv.role, nv.enabled, nv.created_by) == (
        "nv01", "staff", True, "technician:kt01")
    staff = accounts.login("nv01", "739164")
    with pytest.raises(AccountError, match="staff:nv01 is not an enabled technician"):
        accounts.add("nv02", "staff", "739164", by=staff)
    assert [(e.event, e.actor, e.details) for e in store.audit_entries()
            if e.event.startswith("staff.")] == [
        ("staff.added", "system:bootstrap", {"staff_id": "kt01", "role": "technician"}),
        ("staff.added", "technician:kt01", {"staff_id": "nv01", "role": "staff"})]


@pytest.mark.parametrize("pin", ["1234", "123456", "000000", "121212", "147258"])
def test_weak_pins_are_refused(accounts, pin):
    """The attack: 4-digit PINs were accepted, and hashed at 38 ms per guess."""
    with pytest.raises(PinError):
        accounts.add("kt01", "technician", pin, by=None)
    assert accounts.list() == []


def test_every_audit_entry_names_the_person(accounts, store):
    tech = _tech(accounts)
    accounts.add("nv07", "staff", "739164", by=tech)
    login = accounts.login("nv07", "739164")
    assert login.actor == "staff:nv07"
    store.audit("face.override", actor=login.actor, reference="ABCD-EFGH", note="kính")
    v = store.verify_audit()
    assert v.ok and v.unnamed_actors == 0
    assert [(e.event, e.actor) for e in store.audit_entries()][-2:] == [
        ("login.ok", "staff:nv07"), ("face.override", "staff:nv07")]


def test_lockout_after_five_wrong_pins_survives_a_restart(make_store, clock):
    store = make_store()
    accounts = Accounts(store, kdf=CHEAP)
    tech = _tech(accounts)
    accounts.add("nv01", "staff", "739164", by=tech)
    for _ in range(4):
        with pytest.raises(LoginRefused) as info:
            accounts.login("nv01", "739165")
        assert info.value.locked_for_s == 0
    with pytest.raises(LoginRefused) as info:
        accounts.login("nv01", "739165")
    assert info.value.locked_for_s == pytest.approx(300)
    store.close()
    again = Accounts(make_store(), kdf=CHEAP)  # the app restarted: still locked
    clock.advance(seconds=100)
    with pytest.raises(LoginRefused) as info:
        again.login("nv01", "739164")  # even the right PIN
    assert str(info.value).startswith("this account is locked") and \
        info.value.locked_for_s == pytest.approx(200)
    clock.advance(seconds=201)
    assert again.login("nv01", "739164").staff_id == "nv01"
    events = [(e.event, e.details.get("why")) for e in again.store.audit_entries()
              if e.event.startswith("login.")]
    assert events[-7:] == [("login.failed", "wrong_pin")] * 5 + [
        ("login.failed", "locked"), ("login.ok", None)]


def test_failures_spread_over_more_than_the_window_do_not_lock(accounts, store, clock):
    tech = _tech(accounts)
    accounts.add("nv01", "staff", "739164", by=tech)
    for _ in range(8):
        with pytest.raises(LoginRefused) as info:
            accounts.login("nv01", "000001")
        assert info.value.locked_for_s == 0
        clock.advance(seconds=100)  # 3 in any 5 minutes


def test_unknown_ids_disabled_accounts_and_roles(accounts, store):
    tech = _tech(accounts)
    accounts.add("nv01", "staff", "739164", by=tech)
    for who, pin, role, message in [
            ("nobody", "739164", None, "wrong staff ID or PIN"),
            ("001099012345", "739164", None, "wrong staff ID or PIN"),
            ("nv01", "739164", "technician", "this account cannot open the technician area")]:
        with pytest.raises(LoginRefused, match=message):
            accounts.login(who, pin, role=role)
    accounts.disable("nv01", by=tech)
    with pytest.raises(LoginRefused, match="this account is disabled"):
        accounts.login("nv01", "739164")
    failed = [e.details for e in store.audit_entries() if e.event == "login.failed"]
    assert failed == [{"staff_id": "nobody", "why": "unknown_id"},
                      {"staff_id": None, "why": "unknown_id"},  # an ID number: not kept
                      {"staff_id": "nv01", "why": "role"},
                      {"staff_id": "nv01", "why": "disabled"}]


def test_the_last_technician_cannot_be_disabled_and_ids_are_never_reused(accounts):
    tech = _tech(accounts)
    with pytest.raises(AccountError, match="last enabled technician"):
        accounts.disable("kt01", by=tech)
    accounts.add("kt02", "technician", "739164", by=tech)
    assert not accounts.disable("kt01", by=tech).enabled
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("kt01", "technician", "591736", by=accounts.login("kt02", "739164"))
    with pytest.raises(AccountError, match="never an ID card number"):
        accounts.add("079088000111", "staff", "591736", by=accounts.login("kt02", "739164"))


def test_a_cheaper_hash_is_upgraded_at_the_next_login(store):
    cheap = Accounts(store, kdf=CHEAP)
    tech = _tech(cheap)
    cheap.add("nv01", "staff", "739164", by=tech)
    from kiosk.config import KdfParams

    stronger = Accounts(store, kdf=KdfParams(memory_kib=2048, iterations=2))
    stronger.login("nv01", "739164")
    with store.transaction() as s:
        h = s.scalars(select(StaffAccountRow.pin_hash).where(
            StaffAccountRow.staff_id == "nv01")).one()
    assert h.startswith("$argon2id$v=19$m=2048,t=2,p=1$")
    assert stronger.login("nv01", "739164").at == T0 + timedelta(0)


def test_a_technician_login_authorizes_changes_for_15_minutes_and_only_the_latest(accounts,
                                                                                   clock):
    tech = _tech(accounts)
    clock.advance(minutes=14)
    accounts.add("nv01", "staff", "739164", by=tech)
    clock.advance(minutes=2)
    with pytest.raises(AccountError, match="the login of technician:kt01 is no longer valid"):
        accounts.add("nv02", "staff", "739164", by=tech)
    again = accounts.login("kt01", "482913")
    accounts.add("nv02", "staff", "739164", by=again)
    forged = StaffLogin("kt01", "technician", again.at - timedelta(seconds=1))
    with pytest.raises(AccountError, match="no longer valid"):
        accounts.disable("nv02", by=forged)
