"""A database written by the previous version (revision 0002, one v1 key file, one SHA-256
chain) upgrades: its rows are adopted by the kiosk that holds their key, its chain goes on
keyed, its notes and pseudonyms keep working through retention and key rotation."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text

from kiosk.store import open_store
from kiosk.store.crypto import form_aad, note_aad
from kiosk.store.engine import make_engine
from kiosk.store.keys import HEADER_V1, load_keyring
from kiosk.store.migrate import alembic_config, current_revision
from kiosk.store.rotation import rotate
from tests.kiosk.store.conftest import FORM

WHEN = datetime(2026, 1, 5, 2, 30, tzinfo=UTC)


def _legacy_database(url: str, key_file) -> tuple[str, str]:
    """Revision 0002 with one submission, its 'created' entry (with a pseudonym) and an
    override note, as the previous version wrote them."""
    master = bytes(range(1, 33))
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_bytes(HEADER_V1 + master.hex().encode() + b"\n")
    key_file.chmod(0o600)
    keys = load_keyring(key_file)
    from kiosk.store.audit import GENESIS, entry_hash

    ref = "K7M2-9QXP"
    sealed = keys.seal(json.dumps(FORM, ensure_ascii=False, sort_keys=True).encode(),
                       form_aad(ref, "svc"))
    note = keys.seal("đeo kính dày".encode(), note_aad(ref))
    pseudonym = keys.subject_hmac("001099012345")
    h1 = entry_hash(GENESIS, seq=1, created_at=WHEN, event="submission.created",
                    actor="staff:1", reference=ref, subject_hmac=pseudonym,
                    details={"service_code": "svc"})
    note_sha = hashlib.sha256(note).hexdigest()
    h2 = entry_hash(h1, seq=2, created_at=WHEN, event="face.override", actor="staff",
                    reference=ref, subject_hmac=None, details={}, note_sha256=note_sha)
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        t = WHEN.replace(tzinfo=None)
        conn.execute(text(
            "INSERT INTO submissions (id, reference, service_code, status, created_at, "
            "updated_at, key_id, form_sealed) VALUES (1, :r, 'svc', 'pending', :t, :t, :k, "
            ":f)"), {"r": ref, "t": t, "k": keys.key_id, "f": sealed})
        conn.execute(text(
            "INSERT INTO outbox (submission_id, idempotency_key, state, attempts, "
            "next_attempt_at) VALUES (1, 'key-1', 'pending', 0, :t)"), {"t": t})
        for seq, event, actor, subj, details, nsha, nsealed, prev, h in (
                (1, "submission.created", "staff:1", pseudonym, '{"service_code":"svc"}',
                 None, None, GENESIS, h1),
                (2, "face.override", "staff", None, "{}", note_sha, note, h1, h2)):
            conn.execute(text(
                "INSERT INTO audit_log (seq, created_at, event, actor, reference, "
                "subject_hmac, details, note_sha256, note_sealed, prev_hash, entry_hash) "
                "VALUES (:s, :t, :e, :a, :r, :sh, :d, :ns, :n, :p, :h)"),
                {"s": seq, "t": t, "e": event, "a": actor, "r": ref, "sh": subj,
                 "d": details, "ns": nsha, "n": nsealed, "p": prev, "h": h})
    engine.dispose()
    return ref, pseudonym


def test_a_0002_database_is_adopted_and_keeps_working(store_url, key_file):
    ref, pseudonym = _legacy_database(store_url, key_file)
    clock = [WHEN + timedelta(days=1)]
    store = open_store(store_url, key_file=key_file, clock=lambda: clock[0])
    try:
        assert current_revision(store.engine) == "0004"
        assert store.get(ref) == FORM  # adopted: this kiosk holds its key
        assert [s.kiosk_id for s in store.list_submissions()] == [store.kiosk_id]
        entries = store.audit_entries()
        assert [(e.seq, e.event, e.keyed) for e in entries] == [
            (1, "submission.created", False), (2, "face.override", False),
            (3, "store.adopted_legacy", True)]
        assert entries[0].subject_hmac == pseudonym
        assert store.audit_note(2) == "đeo kính dày"
        v = store.verify_audit()
        assert (v.ok, v.legacy_entries, v.unnamed_actors) == (True, 2, 1)
        # legacy pseudonyms go with retention; the legacy chain still verifies its links
        clock[0] += timedelta(days=200)
        assert store.purge(after_delivery_days=30, undelivered_days=3650,
                           audit_pseudonym_days=180).pseudonyms == 1
        assert store.audit_entries()[0].subject_hmac is None
        v = store.verify_audit()
        assert v.ok and "1 legacy entries had their pseudonym purged: their links are " \
                        "checked, their contents cannot be" in v.unproven
        # rotation re-encrypts the legacy note; its legacy digest is checked first
        report = rotate(store, batch=1, actor="technician:kt01")
        assert report.finished and load_keyring(key_file).version == 2
        assert store.audit_note(2) == "đeo kính dày" and store.get(ref) == FORM
        assert store.verify_audit().ok
    finally:
        store.close()


def test_a_0003_database_upgrades_and_then_indexes_every_party(store_url, key_file):
    """A store written at revision 0003 (declarant pseudonyms only) opens at 0004: its
    forms are still found by their declarant, and new two-person forms by every party."""
    from kiosk.store import Party, subject
    from kiosk.store.keys import load_or_create_key
    from kiosk.store.store import Store

    engine = make_engine(store_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    key_file.parent.mkdir(parents=True, exist_ok=True)
    kiosk = engine.url.username if engine.dialect.name == "postgresql" else "local"
    old = Store(engine, load_or_create_key(key_file), key_file=key_file, kiosk_id=kiosk)
    before = old.submit("dang-ky-ket-hon", FORM, actor="citizen", subject="001099012345")
    engine.dispose()
    store = open_store(store_url, key_file=key_file)
    try:
        assert current_revision(store.engine) == "0004"
        after = store.submit("dang-ky-ket-hon", FORM, actor="citizen", subject="001099012345",
                             parties=[Party("spouse", "079088000111")])
        assert subject.find(store, "001099012345").roles == {
            before.reference: "declarant", after.reference: "declarant"}
        assert subject.find(store, "079088000111").roles == {after.reference: "spouse"}
        assert store.verify_audit().ok
    finally:
        store.close()
