"""kiosk/store/keys.py and rotation.py: every encrypted row names its key; rotation
re-encrypts in batches and resumes after a kill; old key files keep working."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.store import KeyFileError, open_store
from kiosk.store.documents import attach_pdf, pdf
from kiosk.store.keys import HEADER_V1, key_id_of, load_keyring, load_or_create_key
from kiosk.store.models import AuditPrivateRow, DocumentRow, SubmissionRow
from kiosk.store.rotation import rotate
from tests.kiosk.store.conftest import FORM

REPO = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("rotate_child.py")
PDF = b"%PDF-1.7\n" + b"x" * 100


def test_a_version_1_key_file_keeps_its_key_id_and_pseudonyms(tmp_path):
    master = bytes(range(32))
    path = tmp_path / "old.key"
    path.write_bytes(HEADER_V1 + master.hex().encode() + b"\n")
    path.chmod(0o600)
    ring = load_keyring(path)
    assert (ring.version, ring.key_id, ring.key_ids) == (1, key_id_of(master),
                                                         (key_id_of(master),))
    import hashlib
    import hmac

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    subject = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"kiosk.store.subject-hmac.v1").derive(master)
    assert ring.subject_hmac("001099012345") == hmac.new(
        subject, b"001099012345", hashlib.sha256).hexdigest()
    assert "0001020304" not in repr(ring)


def test_a_new_key_file_is_version_2_private_and_damage_is_named(tmp_path):
    path = tmp_path / "k" / "store.key"
    ring = load_or_create_key(path)
    assert ring.version == 2 and oct(path.stat().st_mode & 0o777) == "0o600"
    assert load_or_create_key(path).key_id == ring.key_id
    path.write_bytes(path.read_bytes().replace(b'"state": "current"', b'"state": "x"'))
    with pytest.raises(KeyFileError, match="is damaged; restore it from the key backup"):
        load_keyring(path)


def _fill(store, n: int) -> list[str]:
    refs = []
    for i in range(n):
        sub = store.submit("svc", {**FORM, "n": i}, actor="staff:nv01",
                           subject=f"00109901234{i % 10}", verdict={"status": "genuine"})
        store.audit("face.override", actor="staff:nv01", reference=sub.reference,
                    note=f"ghi chú {i}")
        attach_pdf(store, sub.reference, PDF)
        refs.append(sub.reference)
    return refs


def _key_ids(store) -> set[str]:
    with store.transaction() as s:
        return (set(s.scalars(select(SubmissionRow.key_id)))
                | set(s.scalars(select(DocumentRow.key_id)))
                | set(s.scalars(select(AuditPrivateRow.note_key_id).where(
                    AuditPrivateRow.note_key_id.is_not(None)))))


def test_rotation_resumes_after_a_kill_and_leaves_only_the_new_key(store_url, key_file, clock):
    store = open_store(store_url, key_file=key_file, clock=clock)
    refs = _fill(store, 5)
    old = store.keys.key_id
    assert _key_ids(store) == {old}
    store.close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.run([sys.executable, str(CHILD), store_url, str(key_file), "2", "2"],
                           env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert child.stdout.splitlines() == ["batch 1 2", "batch 2 2"]
    ring = load_keyring(key_file)
    assert [k.key_id for k in ring.retiring] == [old] and ring.key_id != old
    store = open_store(store_url, key_file=key_file, clock=clock)  # mid-rotation: both keys
    try:
        assert len(_key_ids(store)) == 2
        assert store.get(refs[4])["n"] == 4  # still readable under the retiring key
        new_sub = store.submit("svc", FORM, actor="staff:nv01")
        report = rotate(store, batch=4, actor="technician:kt01")
        assert (report.resumed, report.finished, report.new_key_id) == (True, True,
                                                                        ring.key_id)
        assert report.rows == 5 * 3 - 4  # 5 submissions, 5 PDFs, 5 notes; 4 done before
        assert load_keyring(key_file).key_ids == (ring.key_id,)
        assert _key_ids(store) == {ring.key_id}
        assert [store.get(r)["n"] for r in refs] == [0, 1, 2, 3, 4]
        assert store.case(refs[0])["verdict"] == {"status": "genuine"}
        assert pdf(store, refs[3]) == PDF
        notes = [e for e in store.audit_entries(event="face.override")]
        assert [store.audit_note(e.seq) for e in notes] == [f"ghi chú {i}" for i in range(5)]
        assert store.get(new_sub.reference) == FORM
        assert store.verify_audit().ok  # re-encrypted notes keep their digest
        events = [(e.event, e.actor) for e in store.audit_entries()
                  if e.event.startswith("store.key")]
        assert events == [("store.key_rotation_started", "technician:kt01"),
                          ("store.key_rotated", "technician:kt01")]
    finally:
        store.close()


def test_a_store_opened_before_rotation_picks_up_the_new_key(store_url, key_file, clock):
    app = open_store(store_url, key_file=key_file, clock=clock)  # the app, running
    tech = open_store(store_url, key_file=key_file, clock=clock)  # a technician's command
    try:
        app.submit("svc", FORM, actor="staff:nv01")
        report = rotate(tech, batch=10, actor="technician:kt01")
        assert report.finished
        later = app.submit("svc", FORM, actor="staff:nv01")  # sealed with the new key
        assert app.keys.key_id == report.new_key_id
        with app.transaction() as s:
            assert s.scalar(select(SubmissionRow.key_id).where(
                SubmissionRow.reference == later.reference)) == report.new_key_id
    finally:
        app.close()
        tech.close()
