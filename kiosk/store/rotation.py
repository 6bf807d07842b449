"""Key rotation: a new data key, every encrypted row re-encrypted with it, the old key dropped.

Resumable after a kill at any point, because every step is durable and every row names its
key: (1) the key file is replaced atomically by one holding a new current key and the old
one(s) as "retiring" (processes that have the store open reload it on their next use, so
new rows get the new key); (2) rows still under a retiring key are re-encrypted in batches,
each batch one transaction; (3) once no row of this kiosk names a retiring key, the key file
is rewritten without it. Running `rotate-key` again after a kill continues at (2) with the
same new key. The kiosk secret (audit MAC, pseudonyms) does not rotate.

Keep the old key file with the database backups taken before the rotation: they need it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from kiosk.store.audit import note_digest
from kiosk.store.crypto import case_aad, document_aad, form_aad, note_aad
from kiosk.store.errors import StoreError
from kiosk.store.keys import load_keyring, save_keyring
from kiosk.store.models import AuditPrivateRow, AuditRow, DocumentRow, SubmissionRow
from kiosk.store.store import Store


@dataclass(frozen=True)
class RotationReport:
    new_key_id: str
    retired: tuple[str, ...]
    resumed: bool
    rows: int  # rows re-encrypted (or re-labelled) by this run
    batches: int
    finished: bool


def remaining(store: Store, retiring: tuple[str, ...]) -> int:
    k = store.kiosk_id
    with store.transaction() as s:
        return sum(s.scalar(q) or 0 for q in (
            select(func.count()).select_from(SubmissionRow).where(
                SubmissionRow.kiosk_id == k, SubmissionRow.key_id.in_(retiring)),
            select(func.count()).select_from(DocumentRow).where(
                DocumentRow.kiosk_id == k, DocumentRow.key_id.in_(retiring)),
            select(func.count()).select_from(AuditPrivateRow).where(
                AuditPrivateRow.kiosk_id == k, AuditPrivateRow.note_key_id.in_(retiring))))


def _batch(store: Store, retiring: tuple[str, ...], size: int) -> int:
    """Re-encrypt up to `size` rows still under a retiring key, in one transaction."""
    keys = store.keys
    k, new = store.kiosk_id, keys.key_id
    done = 0
    with store.transaction() as s:
        def rows(q):  # noqa: ANN001, ANN202 - a select; PostgreSQL: skip rows others hold
            if store.backend == "postgresql":
                q = q.with_for_update(skip_locked=True)
            return list(s.scalars(q.limit(size - done)))

        for sub in rows(select(SubmissionRow).where(SubmissionRow.kiosk_id == k,
                                                   SubmissionRow.key_id.in_(retiring))):
            if sub.form_sealed is not None:
                aad = form_aad(sub.reference, sub.service_code)
                sub.form_sealed = keys.seal(keys.open(sub.form_sealed, aad, sub.key_id), aad)
            if sub.case_sealed is not None:
                aad = case_aad(sub.reference)
                sub.case_sealed = keys.seal(keys.open(sub.case_sealed, aad, sub.key_id), aad)
            sub.key_id = new
            done += 1
        if done < size:
            for doc in rows(select(DocumentRow).where(DocumentRow.kiosk_id == k,
                                                      DocumentRow.key_id.in_(retiring))):
                if doc.sealed is not None:
                    ref = s.scalar(select(SubmissionRow.reference).where(
                        SubmissionRow.id == doc.submission_id)) or ""
                    aad = document_aad(ref, doc.kind)
                    doc.sealed = keys.seal(keys.open(doc.sealed, aad, doc.key_id), aad)
                doc.key_id = new
                done += 1
        if done < size:
            for p in rows(select(AuditPrivateRow).where(
                    AuditPrivateRow.kiosk_id == k, AuditPrivateRow.note_key_id.in_(retiring))):
                if p.note_sealed is not None:
                    entry = s.scalars(select(AuditRow).where(AuditRow.kiosk_id == k,
                                                             AuditRow.seq == p.seq)).one()
                    aad = note_aad(entry.reference)
                    text = keys.open(p.note_sealed, aad, p.note_key_id)
                    if entry.mac_key_id is None and p.note_digest is None:
                        # legacy: its hash covers the old ciphertext; check it, then keep a
                        # keyed digest of the text to check the new ciphertext against
                        if hashlib.sha256(p.note_sealed).hexdigest() != entry.note_sha256:
                            raise StoreError(f"audit entry {p.seq}'s note was altered; run "
                                             "`kiosk store verify-audit` before rotating")
                        p.note_digest = note_digest(keys, text)
                    p.note_sealed = keys.seal(text, aad)  # keyed digests cover the text
                p.note_key_id = new
                done += 1
    return done


def rotate(store: Store, *, batch: int = 100, actor: str,
           on_batch: Callable[[int], None] | None = None) -> RotationReport:
    """Rotate (or resume rotating) this kiosk's data key. `on_batch(rows)` is called after
    each committed batch (progress, and the kill tests)."""
    if store.key_file is None:
        raise StoreError("this store was opened without a key file path")
    if batch < 1:
        raise StoreError("the batch size must be at least 1")
    ring = load_keyring(store.key_file)
    resumed = bool(ring.retiring)
    if not resumed:
        old = ring.key_id
        ring = ring.rotated()
        save_keyring(store.key_file, ring)
        store.audit("store.key_rotation_started", actor=actor,
                    details={"new_key_id": ring.key_id, "old_key_id": old})
    retiring = tuple(k.key_id for k in ring.retiring)
    total = batches = 0
    while True:
        n = _batch(store, retiring, batch)
        if n == 0:
            break
        total, batches = total + n, batches + 1
        if on_batch is not None:
            on_batch(n)
    finished = remaining(store, retiring) == 0
    if finished:
        save_keyring(store.key_file, load_keyring(store.key_file).without(set(retiring)))
        store.audit("store.key_rotated", actor=actor,
                    details={"new_key_id": ring.key_id,
                             "retired_key_ids": ",".join(retiring), "rows": total})
    return RotationReport(ring.key_id, retiring, resumed, total, batches, finished)
