"""kiosk/store/store.py: submissions, encryption at rest, key file, migrations."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text, update

from kiosk.store import KeyFileError, NotFound, SchemaError, StoreError, open_store
from kiosk.store.keys import load_or_create_key
from kiosk.store.migrate import current_revision, head_revision
from kiosk.store.models import OutboxRow, SubmissionRow
from kiosk.store.reference import ALPHABET, is_reference, new_reference, normalize_reference
from tests.kiosk.store.conftest import FORM, T0


def test_submit_then_get_returns_the_form_and_clear_metadata(store, clock):
    sub = store.submit("dang-ky-khai-sinh", FORM, actor="staff:nv01")
    assert is_reference(sub.reference)
    assert (sub.id, sub.service_code, sub.status) == (1, "dang-ky-khai-sinh", "pending")
    assert sub.created_at == T0 and sub.updated_at == T0
    assert sub.delivered_at is None and sub.purged_at is None
    assert store.get(sub.reference) == FORM
    assert store.get(sub.reference.lower().replace("-", " ")) == FORM
    assert store.submission(sub.reference) == sub
    assert "Nguyễn" not in repr(sub) and "001099012345" not in repr(sub)


def test_submission_outbox_row_and_audit_entry_are_written_together(store):
    sub = store.submit("cap-doi-cccd", FORM, actor="staff:nv01", subject="001099012345")
    with store.transaction() as s:
        box = s.scalars(select(OutboxRow)).one()
    assert box.submission_id == sub.id and box.state == "pending" and box.attempts == 0
    assert len(box.idempotency_key) == 36
    [entry] = store.audit_entries(reference=sub.reference)
    assert (entry.seq, entry.event, entry.actor) == (1, "submission.created", "staff:nv01")
    assert entry.details == {"service_code": "cap-doi-cccd"}
    assert entry.subject_hmac == store.keys.subject_hmac("001099012345")
    assert store.audit_entries(subject="001099012345") == [entry]


def test_unknown_reference_is_not_found(store):
    with pytest.raises(NotFound, match="no submission with reference ABCD-EFGH"):
        store.get("abcd-efgh")


def test_form_that_is_not_json_is_refused_without_echoing_it(store):
    with pytest.raises(StoreError) as info:
        store.submit("x", {"ho_ten": "Nguyễn", "when": datetime.now()}, actor="staff:1")
    assert "Nguyễn" not in str(info.value)
    assert store.list_submissions() == []


def test_list_today_uses_the_kiosk_local_day(store, clock):
    hanoi = timezone(timedelta(hours=7))
    clock.now = datetime(2026, 3, 1, 16, 59, tzinfo=UTC)  # 23:59 on 1 March in Hà Nội
    store.submit("a", {}, actor="staff:1")
    clock.now = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)  # 00:00 on 2 March
    b = store.submit("b", {}, actor="staff:1")
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    c = store.submit("c", {}, actor="staff:1")
    assert [s.id for s in store.list_today(tz=hanoi)] == [c.id, b.id]


def test_references_use_only_unambiguous_characters():
    seq = iter([0, 1, 2, 3, 26, 27, 28, 29])
    assert new_reference(lambda n: next(seq)) == "2345-WXYZ"
    assert not set("01ILOU") & set(ALPHABET)
    assert normalize_reference(" k7m2 9qxp ") == "K7M2-9QXP"


def test_reference_collision_draws_another(store_url, key_file, clock):
    draws = iter([0] * 8 + [0] * 8 + [1] * 8)
    s = open_store(store_url, key_file=key_file, clock=clock)
    s._randbelow = lambda n: next(draws)
    try:
        assert s.submit("a", {}, actor="staff:1").reference == "2222-2222"
        assert s.submit("a", {}, actor="staff:1").reference == "3333-3333"
    finally:
        s.close()


# --- encryption at rest ----------------------------------------------------------------------


def test_database_holds_no_plaintext_personal_data(store, store_url, tmp_path):
    sub = store.submit("dang-ky-thuong-tru", FORM, actor="staff:nv01", subject="001099012345")
    store.audit("face.override", actor="staff:nv01", reference=sub.reference,
                subject="001099012345", details={"reason": "kính dày"},
                note=f"{FORM['ho_ten']} đeo kính dày")
    secrets_ = [FORM["ho_ten"], "001099012345", "Phố Huế"]
    if store.backend == "sqlite":
        store.close()
        blob = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite3*"))
        assert blob.count(sub.reference.encode()) >= 1  # the file is really the database
    else:
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM submissions")).all()
            rows += conn.execute(text("SELECT * FROM audit_log")).all()
            rows += conn.execute(text("SELECT * FROM audit_private")).all()
        blob = repr(rows).encode() + b"".join(
            bytes(c) for r in rows for c in r if isinstance(c, (bytes, memoryview)))
    for secret in secrets_:
        for enc in (secret.encode("utf-8"), secret.encode("utf-16-le")):
            assert enc not in blob


def test_key_file_is_created_0600_and_reused(store, key_file):
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_or_create_key(key_file).key_id == store.keys.key_id


def test_key_file_readable_by_others_is_refused(tmp_path):
    path = tmp_path / "k.key"
    load_or_create_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError, match=r"can be read by other users; run `chmod 600 "):
        load_or_create_key(path)


def test_wrong_or_missing_key_file_stops_the_store_at_open(store_url, key_file, tmp_path,
                                                            clock):
    s = open_store(store_url, key_file=key_file, clock=clock)
    s.submit("a", FORM, actor="staff:1")
    s.close()
    load_or_create_key(tmp_path / "other.key")
    with pytest.raises(KeyFileError) as info:
        open_store(store_url, key_file=tmp_path / "other.key")
    assert str(info.value) == (
        f"the key file {tmp_path / 'other.key'} is not the key this database was written "
        f"with for kiosk {s.kiosk_id!r}; fix [store] key_file (on a central store each kiosk "
        "has its own key file and its own [kiosk] id)")
    missing = tmp_path / "nowhere" / "store.key"
    with pytest.raises(KeyFileError, match="is missing but the database holds encrypted"):
        open_store(store_url, key_file=missing)
    assert not missing.exists()  # no second key was started


def test_rows_written_with_another_key_are_refused_on_read(store, tmp_path):
    sub = store.submit("a", FORM, actor="staff:1")
    with store.transaction() as s:
        s.execute(update(SubmissionRow).values(key_id="0123456789abcdef"))
    with pytest.raises(KeyFileError, match=r"encrypted with a key this kiosk does not hold "
                                           r"\(key 0123456789abcdef\)"):
        store.get(sub.reference)


def test_reading_a_form_as_staff_is_audited(store):
    sub = store.submit("a", FORM, actor="staff:1")
    assert store.get(sub.reference, actor="staff:nv02") == FORM
    assert [(e.event, e.actor) for e in store.audit_entries(reference=sub.reference)] == [
        ("submission.created", "staff:1"), ("submission.viewed", "staff:nv02")]


def test_ciphertext_moved_to_another_row_fails_to_open(store):
    a = store.submit("a", FORM, actor="staff:1")
    b = store.submit("a", {"ho_ten": "Trần Văn B"}, actor="staff:1")
    with store.transaction() as s:
        sealed = s.scalar(select(SubmissionRow.form_sealed).where(SubmissionRow.id == a.id))
        s.execute(update(SubmissionRow).where(SubmissionRow.id == b.id)
                  .values(form_sealed=sealed))
    with pytest.raises(KeyFileError, match="failed its integrity check"):
        store.get(b.reference)


# --- schema ------------------------------------------------------------------------------


def test_migrations_run_on_open_and_are_idempotent(store, store_url, key_file, clock):
    assert current_revision(store.engine) == head_revision() == "0004"
    store.submit("a", {}, actor="staff:1")
    again = open_store(store_url, key_file=key_file, clock=clock)
    try:
        assert len(again.list_submissions()) == 1
    finally:
        again.close()


def test_database_newer_than_the_software_is_refused(store, store_url, key_file):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaError, match=r"revision 9999\) is newer than this kiosk software"):
        open_store(store_url, key_file=key_file)


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}", key_file=tmp_path / "k.key")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    store.close()


def test_default_location_is_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    s = open_store()
    try:
        base = tmp_path / "data" / "chip-id-kiosk"
        assert s.backend == "sqlite"
        assert (base / "kiosk.sqlite3").exists() and (base / "store.key").exists()
        assert stat.S_IMODE((base / "kiosk.sqlite3").stat().st_mode) == 0o600
    finally:
        s.close()


def test_models_and_migrations_describe_the_same_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kiosk.store.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_database_at_revision_0001_is_upgraded_with_its_audit_chain_intact(store_url, key_file):
    from datetime import UTC, datetime

    from alembic import command

    from kiosk.store.audit import GENESIS, entry_hash
    from kiosk.store.engine import make_engine
    from kiosk.store.migrate import alembic_config

    engine = make_engine(store_url)
    when = datetime(2026, 1, 5, 2, 30, tzinfo=UTC)
    h = entry_hash(GENESIS, seq=1, created_at=when, event="login", actor="staff:nv01",
                   reference=None, subject_hmac=None, details={})
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text(
            "INSERT INTO audit_log (seq, created_at, event, actor, details, prev_hash, "
            "entry_hash) VALUES (1, :t, 'login', 'staff:nv01', '{}', :p, :h)"),
            {"t": when.replace(tzinfo=None), "p": GENESIS, "h": h})
    assert current_revision(engine) == "0001"
    engine.dispose()
    s = open_store(store_url, key_file=key_file)
    try:
        assert current_revision(s.engine) == "0004"
        s.audit("face.override", actor="staff:nv01", note="đeo kính")
        v = s.verify_audit()
        # the legacy entry, adopted as the start of this kiosk's chain; the adoption; the
        # override: one chain, SHA-256 then keyed
        assert (v.ok, v.entries, v.legacy_entries) == (True, 3, 1)
        assert [(e.seq, e.event, e.keyed) for e in s.audit_entries()] == [
            (1, "login", False), (2, "store.adopted_legacy", True),
            (3, "face.override", True)]
        assert s.audit_entries()[1].details == {"submissions": 0, "audit_entries": 1}
        assert v.unproven[0].startswith("entries 1 to 1 were written before keyed MACs")
    finally:
        s.close()


def test_a_sqlite_store_refuses_another_kiosk_id(tmp_path):
    from kiosk.store import KioskIdentityError

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    s = open_store(url, key_file=tmp_path / "k.key")
    s.audit("login.ok", actor="staff:nv01")
    s.close()
    with pytest.raises(KioskIdentityError) as info:
        open_store(url, key_file=tmp_path / "k.key", kiosk_id="hn-bd-01")
    assert str(info.value) == (
        "this database belongs to kiosk 'local' but [kiosk] id makes this kiosk 'hn-bd-01': "
        "set [kiosk] id = 'local' (an id is set once; a new id would start a new audit chain "
        "beside the old one)")
    with pytest.raises(KioskIdentityError, match="cannot be a kiosk id"):
        open_store(url, key_file=tmp_path / "k.key", kiosk_id="Quầy 1")
