"""kiosk/store/audit.py: the hash chain shows tampering at the exact entry."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import delete, select, update

from kiosk.store import AuditDetailsError
from kiosk.store.audit import GENESIS, canonical
from kiosk.store.models import AuditRow
from tests.store.conftest import T0


def _fill(store, n: int = 5) -> None:
    for i in range(n):
        store.audit("face.override", actor="staff:nv01", details={"reason": f"case {i}"})


def test_entries_chain_by_sha256_of_previous_hash_and_canonical_json(store):
    e1 = store.audit("login", actor="staff:nv01")
    e2 = store.audit("face.override", actor="staff:nv01", reference="abcd-efgh",
                     details={"reason": "kính", "score": 0.41})
    body = {"seq": 1, "created_at": "2026-03-02T03:00:00.000000Z", "event": "login",
            "actor": "staff:nv01", "reference": None, "subject_hmac": None, "details": {}}
    assert e1.entry_hash == hashlib.sha256(bytes.fromhex(GENESIS) + canonical(body)).hexdigest()
    assert canonical({"b": 1, "a": "kính"}) == '{"a":"kính","b":1}'.encode()
    assert (e2.seq, e2.reference, e2.created_at) == (2, "ABCD-EFGH", T0)
    v = store.verify_audit()
    assert (v.ok, v.entries, v.first_broken, v.head) == (True, 2, None, e2.entry_hash)


def test_an_altered_entry_is_reported_by_its_index(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(update(AuditRow).where(AuditRow.seq == 3)
                  .values(details='{"reason":"nothing to see"}'))
    v = store.verify_audit()
    assert (v.ok, v.entries, v.first_broken) == (False, 3, 3)
    assert v.reason == "entry 3 was altered after it was written"


def test_an_altered_entry_with_a_recomputed_hash_breaks_the_next_link(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(update(AuditRow).where(AuditRow.seq == 2).values(actor="staff:other",
                                                                   entry_hash="ab" * 32))
    v = store.verify_audit()
    assert (v.first_broken, v.reason) == (2, "entry 2 was altered after it was written")


def test_a_deleted_entry_is_reported(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(delete(AuditRow).where(AuditRow.seq == 4))
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (False, 4, "entry 4 is missing (next entry is 5)")


def test_a_reordered_chain_is_reported(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(update(AuditRow).where(AuditRow.seq == 5).values(seq=50))
        s.execute(update(AuditRow).where(AuditRow.seq == 4).values(seq=5))
        s.execute(update(AuditRow).where(AuditRow.seq == 50).values(seq=4))
    v = store.verify_audit()
    assert (v.first_broken, v.reason) == (4, "entry 4 does not chain to entry 3")


@pytest.mark.parametrize("details, message", [
    ({"reason": "CCCD 001099012345"}, "audit detail 'reason' looks like it holds an ID or "
                                      "phone number"),
    ({"Reason": "x"}, "audit detail keys must be short lower-case names"),
    ({"reason": ["a"]}, "audit detail 'reason' must be text, a number or a bool"),
    ({"reason": "x" * 501}, "audit detail 'reason' is longer than 500 characters"),
])
def test_details_that_may_hold_personal_data_are_refused(store, details, message):
    with pytest.raises(AuditDetailsError) as info:
        store.audit("face.override", actor="staff:nv01", details=details)
    assert str(info.value).startswith(message)
    assert "001099012345" not in str(info.value)
    assert store.verify_audit().entries == 0


def test_an_id_number_as_actor_is_refused(store):
    with pytest.raises(AuditDetailsError, match=r"must be 'role:id' \(a staff code, not an ID"):
        store.audit("login", actor="staff:001099012345")


def test_notes_are_encrypted_readable_and_covered_by_the_chain(store):
    e = store.audit("face.override", actor="staff:nv01", reference="abcd-efgh",
                    note="Bà Nguyễn Thị Lan đeo kính dày", details={"score": 0.52})
    assert e.has_note and store.audit_note(e.seq) == "Bà Nguyễn Thị Lan đeo kính dày"
    assert store.audit_note(99) is None
    with store.transaction() as s:
        row = s.scalars(select(AuditRow).where(AuditRow.seq == 1)).one()
        assert b"Lan" not in row.note_sealed and "Lan" not in row.details
        other = store.keys.seal(b"something else", b"kiosk.audit.note.v1\x00ABCD-EFGH")
        row.note_sealed = other
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (
        False, 1, "entry 1's note was altered after it was written")


def test_purged_notes_leave_the_chain_valid(store, clock):
    sub = store.submit("svc", {}, actor="staff:1")
    store.audit("face.override", actor="staff:nv01", reference=sub.reference, note="ghi chú")
    store.audit("face.override", actor="staff:nv01", reference="ZZZZ-ZZZZ", note="giữ lại")
    clock.advance(days=91)
    assert store.purge(after_delivery_days=30, undelivered_days=90).purged_ids == (sub.id,)
    assert store.audit_note(2) is None and store.audit_note(3) == "giữ lại"
    assert store.verify_audit().ok
