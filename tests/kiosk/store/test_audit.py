"""kiosk/store/audit.py, auditverify.py, anchors.py: a keyed chain per kiosk, anchored, that
shows an edited, deleted, inserted or truncated entry at the exact seq, and says what it
cannot prove.

The attacks of issue 16 are here: rewrite-and-rehash (with the project's own hash function),
delete-last, delete-middle; and what an attacker holding the key file can and cannot do."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import delete, select, update

from kiosk.store import AuditDetailsError, open_store
from kiosk.store.anchors import HeadFile
from kiosk.store.audit import GENESIS, canonical, entry_hash, keyed_hash
from kiosk.store.models import AuditAnchorRow, AuditPrivateRow, AuditRow
from tests.kiosk.store.conftest import T0


def _fill(store, n: int = 5) -> None:
    for i in range(n):
        store.audit("face.override", actor="staff:nv01", details={"reason": f"case {i}"})


def _rows(store) -> list[AuditRow]:
    with store.transaction() as s:
        return list(s.scalars(select(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id)
                              .order_by(AuditRow.seq)))


def test_entries_chain_by_hmac_of_previous_hash_and_canonical_json(store):
    e1 = store.audit("login.ok", actor="staff:nv01")
    e2 = store.audit("face.override", actor="staff:nv01", reference="abcd-efgh",
                     details={"reason": "kính", "score": 0.41})
    body = {"v": 2, "kiosk": store.kiosk_id, "seq": 1,
            "created_at": "2026-03-02T03:00:00.000000Z", "event": "login.ok",
            "actor": "staff:nv01", "reference": None, "subject_digest": None, "details": {},
            "note_sha256": None}
    assert e1.entry_hash == store.keys.audit_mac(bytes.fromhex(GENESIS) + canonical(body))
    assert e1.entry_hash != hashlib.sha256(bytes.fromhex(GENESIS) + canonical(body)).hexdigest()
    assert canonical({"b": 1, "a": "kính"}) == '{"a":"kính","b":1}'.encode()
    assert (e2.seq, e2.reference, e2.created_at) == (2, "ABCD-EFGH", T0)
    v = store.verify_audit()
    assert (v.ok, v.entries, v.first_broken, v.head) == (True, 2, None, e2.entry_hash)
    assert [r.mac_key_id for r in _rows(store)] == [store.keys.audit_key_id] * 2


def test_rewrite_and_rehash_without_the_key_is_detected(store):
    """The attack on main: delete a face.override row, renumber and recompute every hash
    with the project's own `entry_hash`: main said "intact"."""
    for i in range(5):
        store.audit("face.override" if i == 2 else "login.ok", actor="staff:nv01")
    with store.transaction() as s:
        s.execute(delete(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id,
                                         AuditRow.seq == 3))
        prev = GENESIS
        for row in s.scalars(select(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id)
                             .order_by(AuditRow.seq)).all():
            seq = row.seq if row.seq < 3 else row.seq - 1
            row.seq, row.prev_hash = seq, prev
            row.entry_hash = entry_hash(prev, seq=seq, created_at=row.created_at,
                                        event=row.event, actor=row.actor,
                                        reference=row.reference, subject_hmac=None,
                                        details=json.loads(row.details))
            s.flush()
            prev = row.entry_hash
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (False, 1, "entry 1 was altered after it "
                                                           "was written")


def test_rewrite_as_legacy_entries_is_detected(store):
    """The same attack, dressed up: mark every row as a legacy (unkeyed) entry and chain them
    with SHA-256, as entries written before revision 0003 are."""
    _fill(store, 4)
    with store.transaction() as s:
        s.execute(delete(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id,
                                         AuditRow.seq == 4))
        prev = GENESIS
        for row in s.scalars(select(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id)
                             .order_by(AuditRow.seq)).all():
            row.mac_key_id, row.prev_hash = None, prev
            row.entry_hash = entry_hash(prev, seq=row.seq, created_at=row.created_at,
                                        event=row.event, actor=row.actor,
                                        reference=row.reference, subject_hmac=None,
                                        details=json.loads(row.details))
            prev = row.entry_hash
    store.head_file.path.unlink()  # and the attacker got rid of the kiosk's head file
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (
        False, 1, "entries 1 to 3 have no MAC and no keyed adoption entry vouches for them: "
                  "they were rewritten")


def test_delete_last_is_detected_by_the_head_file(store):
    """The attack on main: deleting the newest entry left a valid, shorter chain."""
    _fill(store)
    with store.transaction() as s:
        s.execute(delete(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id,
                                         AuditRow.seq == 5))
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.entries) == (False, 5, 4)
    assert v.reason == ("the log ends at entry 4 but this kiosk's audit head file vouches "
                        "for entry 5: entries 5 to 5 were deleted")


def test_delete_last_is_detected_by_an_anchor_when_the_head_file_is_gone(store, tmp_path):
    _fill(store)
    a = store.anchor("interval")
    assert (a.seq, a.witness) == (5, "store")
    store.head_file.path.unlink()
    with store.transaction() as s:
        s.execute(delete(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id,
                                         AuditRow.seq >= 4))
    v = store.verify_audit()
    assert (v.ok, v.first_broken) == (False, 4)
    assert v.reason == ("the log ends at entry 3 but the anchor of 2026-03-02 03:00 UTC "
                        f"recorded in the {'central store' if store.central else 'store'} "
                        "vouches for entry 5: entries 4 to 5 were deleted")
    # an insider who also deletes the anchor row is caught by the back office's record
    with store.transaction() as s:
        s.execute(delete(AuditAnchorRow))
    exported = tmp_path / "anchors.jsonl"
    exported.write_text(json.dumps(a.to_json()) + "\n")
    v = store.verify_audit(anchors_file=exported)
    assert (v.ok, v.first_broken) == (False, 4)
    assert v.reason.endswith("in the anchors file vouches for entry 5: entries 4 to 5 were "
                             "deleted")


def test_delete_middle_is_detected(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(delete(AuditRow).where(AuditRow.kiosk_id == store.kiosk_id,
                                         AuditRow.seq == 3))
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (False, 3, "entry 3 is missing (next entry "
                                                           "is 4)")


def test_an_altered_entry_is_reported_by_its_seq(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(update(AuditRow).where(AuditRow.seq == 3)
                  .values(details='{"reason":"nothing to see"}'))
    v = store.verify_audit()
    assert (v.ok, v.entries, v.first_broken) == (False, 3, 3)
    assert v.reason == "entry 3 was altered after it was written"


def test_an_inserted_entry_is_reported(store):
    _fill(store, 3)
    [*_, last] = _rows(store)
    with store.transaction() as s:
        s.add(AuditRow(kiosk_id=store.kiosk_id, seq=4, created_at=T0, event="login.ok",
                       actor="staff:nv09", details="{}", prev_hash=last.entry_hash,
                       entry_hash="ab" * 32, mac_key_id=store.keys.audit_key_id))
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (False, 4, "entry 4 was altered after it "
                                                           "was written")


def test_a_reordered_chain_is_reported(store):
    _fill(store)
    with store.transaction() as s:
        s.execute(update(AuditRow).where(AuditRow.seq == 5).values(seq=50))
        s.execute(update(AuditRow).where(AuditRow.seq == 4).values(seq=5))
        s.execute(update(AuditRow).where(AuditRow.seq == 50).values(seq=4))
    v = store.verify_audit()
    assert (v.first_broken, v.reason) == (4, "entry 4 does not chain to entry 3")


def test_a_key_holder_can_rewrite_only_what_no_anchor_covers(store, tmp_path):
    """Someone holding the key file can re-MAC a rewritten chain; an anchor held by the back
    office shows it, up to the anchored entry. Entries after it are what cannot be proven."""
    _fill(store, 6)
    rows = _rows(store)
    held = tmp_path / "bo-anchors.jsonl"
    held.write_text(json.dumps({"kiosk_id": store.kiosk_id, "seq": 4,
                                "entry_hash": rows[3].entry_hash}) + "\n")
    v = store.verify_audit(anchors_file=held)
    assert (v.ok, v.anchored_seq) == (True, 4)
    assert "entries 5 to 6 are not yet anchored outside this kiosk: someone holding this " \
           "kiosk's key file could rewrite or drop them undetected" in v.unproven
    keys = store.keys
    with store.transaction() as s:  # rewrite entry 3's details and re-MAC everything after
        prev = rows[1].entry_hash
        for row in s.scalars(select(AuditRow).where(AuditRow.seq >= 3)
                             .order_by(AuditRow.seq)).all():
            if row.seq == 3:
                row.details = canonical({"reason": "rewritten"}).decode()
            row.prev_hash = prev
            row.entry_hash = keyed_hash(
                keys, prev, kiosk_id=row.kiosk_id, seq=row.seq, created_at=row.created_at,
                event=row.event, actor=row.actor, reference=row.reference,
                subject_digest=None, details=json.loads(row.details), note_sha256=None)
            prev = row.entry_hash
    store.head_file.path.unlink()
    v = store.verify_audit(anchors_file=held)
    assert (v.ok, v.first_broken) == (False, 1)
    assert v.reason == ("entry 4 is not the entry the anchor in the anchors file vouches for: "
                        "entries 1 to 4 were rewritten by someone holding this kiosk's key "
                        "file")


def test_verify_says_what_it_cannot_prove(store):
    _fill(store, 3)
    store.audit("login.ok", actor="staff")  # a shared role PIN: names nobody
    v = store.verify_audit()
    assert v.ok and v.anchored_seq == 0
    assert v.unproven[0] == ("no anchor outside this kiosk yet: someone holding this kiosk's "
                             "key file could rewrite or drop entries 1 to 4 undetected")
    assert v.unproven[-1] == ("1 entries name a role, not a person (a shared PIN): who acted "
                              "cannot be told from them")
    store.anchor()
    v = store.verify_audit()
    if store.central:  # PostgreSQL: kiosk roles cannot take an anchor back
        assert v.anchored_seq == 4
    else:
        assert v.anchored_seq == 0 and (
            "anchors kept in this database (the back office's acknowledgements too) are "
            "within the kiosk's reach: compare them with the back office's record "
            "(`verify-audit --anchors FILE`)") in v.unproven


def test_the_head_file_is_macd_and_refused_when_edited(store):
    _fill(store, 2)
    doc = json.loads(store.head_file.path.read_text())
    [(name, entry)] = doc.items()
    entry["seq"] = 1
    store.head_file.path.write_text(json.dumps(doc))
    v = store.verify_audit()
    assert v.ok
    assert any(n.startswith(f"the audit head file {store.head_file.path} was altered") for n
               in v.unproven)
    assert name.startswith(f"{store.kiosk_id} ")


def test_another_audit_key_is_named(store_url, tmp_path, clock):
    a = open_store(store_url, key_file=tmp_path / "a.key", clock=clock)
    a.audit("login.ok", actor="staff:nv01")
    a.close()
    b = open_store(store_url, key_file=tmp_path / "b.key", clock=clock)
    try:
        v = b.verify_audit()
        assert (v.ok, v.first_broken) == (False, 1)
        assert v.reason.startswith("entry 1 was written with another audit key (")
    finally:
        b.close()


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


@pytest.mark.parametrize("actor", ["staff:001099012345", "nobody:x", "staff:", "Staff:nv01"])
def test_actors_must_be_a_role_and_a_staff_code(store, actor):
    with pytest.raises(AuditDetailsError, match=r"must be 'role:id' \(a staff code, not an ID"):
        store.audit("login.ok", actor=actor)


def test_notes_and_pseudonyms_are_sealed_apart_and_covered_by_the_chain(store):
    e = store.audit("face.override", actor="staff:nv01", reference="abcd-efgh",
                    note="Bà Nguyễn Thị Lan đeo kính dày", details={"score": 0.52},
                    subject="001099012345")
    assert e.has_note and store.audit_note(e.seq) == "Bà Nguyễn Thị Lan đeo kính dày"
    assert store.audit_note(99) is None
    assert store.audit_entries(subject="001099012345") == [e]
    with store.transaction() as s:
        row = s.scalars(select(AuditRow).where(AuditRow.seq == 1)).one()
        private = s.scalars(select(AuditPrivateRow)).one()
        assert row.subject_hmac is None and row.subject_digest is not None
        assert "Lan" not in row.details and b"Lan" not in private.note_sealed
        assert private.subject_hmac == store.keys.subject_hmac("001099012345")
        # a ciphertext sealed with the right key, but not the note the entry was written with
        private.note_sealed = store.keys.seal("Ông Trần Văn B".encode(),
                                              b"kiosk.audit.note.v1\x00ABCD-EFGH")
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (
        False, 1, "entry 1's note was altered after it was written")


def test_a_nulled_override_note_is_detected(store):
    """The attack on main: nulling an override's note went unnoticed (retention does the same
    legitimately, but only with the submission's data)."""
    sub = store.submit("svc", {}, actor="staff:1")
    e = store.audit("face.override", actor="staff:nv01", reference=sub.reference,
                    note="đã đối chiếu hộ chiếu")
    store.audit("config.changed", actor="technician:kt01", note="old/new values")
    with store.transaction() as s:
        original = s.scalar(select(AuditPrivateRow.note_sealed).where(
            AuditPrivateRow.seq == e.seq))
        s.execute(update(AuditPrivateRow).where(AuditPrivateRow.seq == e.seq)
                  .values(note_sealed=None))
    v = store.verify_audit()
    assert (v.ok, v.first_broken, v.reason) == (
        False, 2, "entry 2's note was deleted, but retention never deleted it (its "
                  "submission still holds its data)")
    with store.transaction() as s:  # put it back; delete the note about no submission
        s.execute(update(AuditPrivateRow).where(AuditPrivateRow.seq == e.seq)
                  .values(note_sealed=original))
        s.execute(delete(AuditPrivateRow).where(AuditPrivateRow.seq == 3))
    v = store.verify_audit()
    assert (v.ok, v.first_broken) == (False, 3)


def test_a_swapped_pseudonym_is_detected(store):
    store.audit("submission.viewed", actor="staff:nv01", subject="001099012345")
    with store.transaction() as s:
        s.execute(update(AuditPrivateRow).values(
            subject_hmac=store.keys.subject_hmac("079088000111")))
    v = store.verify_audit()
    assert (v.first_broken, v.reason) == (1, "entry 1's pseudonym was altered after it was "
                                             "written")


def test_purged_notes_and_pseudonyms_leave_the_chain_valid(store, clock):
    sub = store.submit("svc", {}, actor="staff:1", subject="001099012345")
    store.audit("face.override", actor="staff:nv01", reference=sub.reference, note="ghi chú")
    store.audit("face.override", actor="staff:nv01", reference="ZZZZ-ZZZZ", note="giữ lại",
                subject="079088000111")
    store.anchor("interval")
    clock.advance(days=91)
    report = store.purge(after_delivery_days=30, undelivered_days=90, audit_pseudonym_days=60)
    assert (report.purged_ids, report.pseudonyms) == ((sub.id,), 2)
    assert store.audit_note(2) is None and store.audit_note(3) == "giữ lại"
    assert store.audit_entries(subject="079088000111") == []
    assert [e.subject_hmac for e in store.audit_entries()][:3] == [None, None, None]
    assert store.verify_audit().ok
    with store.transaction() as s:  # anchors stay; the purge left one of the chain head
        anchors = list(s.execute(select(AuditAnchorRow.reason, AuditAnchorRow.seq)
                                 .order_by(AuditAnchorRow.id)))
    assert [tuple(a) for a in anchors] == [("interval", 3), ("purge", 5)]


def test_the_head_file_is_per_chain(store_url, tmp_path, clock):
    """One key file used with two databases: each chain has its own head."""
    key = tmp_path / "k.key"
    a = open_store(store_url, key_file=key, clock=clock)
    a.audit("login.ok", actor="staff:nv01")
    a.close()
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    b = open_store(other, key_file=key, clock=clock, kiosk_id=a.kiosk_id)
    try:
        v = b.verify_audit()  # empty chain: nothing vouched for, nothing missing here...
        assert v.ok and v.unproven == (
            "this kiosk's head file also knows 1 other chain(s) of this kiosk (up to entry "
            "1): if this database should hold one, it was emptied or replaced",)
        b.audit("login.ok", actor="staff:nv02")
        assert b.verify_audit().ok
        assert len(json.loads(HeadFile.beside(key).path.read_text())) == 2
    finally:
        b.close()


def test_a_head_file_that_cannot_be_written_does_not_fail_a_committed_write(store, caplog):
    store.audit("login.ok", actor="staff:nv01")
    store.head_file.path.unlink()
    store.head_file.path.mkdir()  # now a folder: replacing it fails
    try:
        e = store.audit("login.ok", actor="staff:nv02")
        assert e.seq == 2 and [x.seq for x in store.audit_entries()] == [1, 2]
        assert "the audit head file could not be updated (IsADirectoryError)" in caplog.text
    finally:
        store.head_file.path.rmdir()
