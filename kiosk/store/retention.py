"""Retention: delete personal data on schedule.

Law 91/2025/QH15 on personal data protection (in force 1 January 2026) and Decree
356/2025/ND-CP (which replaced Decree 13/2023) set no number of days: data is kept only as long
as its purpose needs (docs/security.md "Data protection"). The kiosk's purpose ends when the
back office has the form, so:

- delivered submissions go `after_delivery_days` after delivery; undelivered ones (pending,
  failed) `undelivered_days` after creation, so a dead back office cannot make the kiosk hoard
  data; training ones `after_delivery_days` after creation (they are never delivered);
- a purged submission keeps its clear metadata (reference, service, status "purged", times)
  for reporting; its form, case, pseudonyms (the declarant's and the other parties'),
  outbox row, documents (and the PDF files written for a printer) and the notes of audit
  entries about it are deleted;
- audit pseudonyms (keyed HMACs linking entries to a citizen) go `audit_pseudonym_days` after
  their entry was written; the entries and every anchor stay, and the chain still verifies;
- with `pdf_dir`, PDF files an older version wrote there (`form-*.pdf`) go after
  `undelivered_days`.

Each purge is an audit entry and leaves an anchor of the chain head.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kiosk.store.auditverify import LEGACY_PURGED
from kiosk.store.engine import rowcount
from kiosk.store.models import (
    DELIVERED,
    FAILED,
    PENDING,
    PURGED,
    TRAINING,
    AuditPrivateRow,
    AuditRow,
    DocumentRow,
    OutboxRow,
    SubmissionPartyRow,
    SubmissionRow,
)


class RetentionStore(Protocol):
    """What retention needs of kiosk.store.Store (no import: Store calls us)."""

    kiosk_id: str

    def transaction(self) -> AbstractContextManager[Session]: ...
    def now(self) -> datetime: ...
    def _append(self, s: Session, now: datetime, event: str, actor: str,
                reference: str | None, pseudonym: str | None,
                details: dict[str, Any] | None, note: str | None = None) -> Any: ...
    def anchor(self, reason: str = "manual") -> Any: ...


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    delivered_before: datetime
    created_before: datetime
    delivered_ids: tuple[int, ...]
    undelivered_ids: tuple[int, ...]
    training_ids: tuple[int, ...] = ()
    pseudonyms: int = 0  # audit pseudonyms deleted
    files: int = 0  # PDF files deleted

    @property
    def purged_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.delivered_ids + self.undelivered_ids + self.training_ids))


def purge(store: RetentionStore, *, after_delivery_days: int, undelivered_days: int,
          dry_run: bool = False, actor: str = "system:retention",
          audit_pseudonym_days: int | None = None,
          pdf_dir: str | Path | None = None) -> PurgeReport:
    if after_delivery_days < 0 or undelivered_days < 1:
        raise ValueError("retention days: after delivery >= 0, undelivered >= 1")
    if audit_pseudonym_days is not None and audit_pseudonym_days < 1:
        raise ValueError("audit pseudonyms are kept at least 1 day")
    own = SubmissionRow.kiosk_id == store.kiosk_id
    paths: list[str] = []
    with store.transaction() as s:
        now = store.now()
        delivered_before = now - timedelta(days=after_delivery_days)
        created_before = now - timedelta(days=undelivered_days)
        delivered = s.execute(select(SubmissionRow.id, SubmissionRow.reference).where(
            own, SubmissionRow.status == DELIVERED,
            SubmissionRow.delivered_at <= delivered_before).order_by(SubmissionRow.id)).all()
        undelivered = s.execute(select(SubmissionRow.id, SubmissionRow.reference,
                                       SubmissionRow.status).where(
            own, SubmissionRow.status.in_((PENDING, FAILED)),
            SubmissionRow.created_at <= created_before).order_by(SubmissionRow.id)).all()
        training = s.execute(select(SubmissionRow.id, SubmissionRow.reference).where(
            own, SubmissionRow.status == TRAINING,
            SubmissionRow.created_at <= delivered_before).order_by(SubmissionRow.id)).all()
        pseudonym_cut = (now - timedelta(days=audit_pseudonym_days)
                         if audit_pseudonym_days is not None else None)
        report = PurgeReport(dry_run, delivered_before, created_before,
                             tuple(d.id for d in delivered),
                             tuple(u.id for u in undelivered),
                             tuple(t.id for t in training))
        if dry_run:
            return report
        paths = erase_submissions(s, store.kiosk_id, list(report.purged_ids), now,
                                  "retention")
        for d in delivered:
            store._append(s, now, "submission.purged", actor, d.reference, None,
                          {"rule": "after_delivery", "days": after_delivery_days})
        for u in undelivered:
            store._append(s, now, "submission.purged_undelivered", actor, u.reference, None,
                          {"rule": "undelivered", "days": undelivered_days,
                           "previous_status": u.status})
        for t in training:
            store._append(s, now, "submission.purged", actor, t.reference, None,
                          {"rule": "training", "days": after_delivery_days})
        pseudonyms = 0
        if pseudonym_cut is not None:
            pseudonyms = purge_pseudonyms(s, store.kiosk_id, before=pseudonym_cut)
            if pseudonyms:
                store._append(s, now, "audit.pseudonyms_purged", actor, None, None,
                              {"count": pseudonyms, "days": audit_pseudonym_days})
    files = _unlink(paths)
    if pdf_dir is not None:
        files += sweep_pdf_dir(Path(pdf_dir), before=created_before)
    if report.purged_ids or pseudonyms:
        store.anchor("purge")
    return PurgeReport(False, delivered_before, created_before, report.delivered_ids,
                       report.undelivered_ids, report.training_ids, pseudonyms, files)


def erase_submissions(s: Session, kiosk_id: str, ids: list[int], now: datetime,
                      reason: str) -> list[str]:
    """Delete the personal data of these submissions (not their metadata) in the caller's
    transaction; returns the PDF files to unlink once it commits."""
    if not ids:
        return []
    refs = list(s.scalars(select(SubmissionRow.reference).where(SubmissionRow.id.in_(ids))))
    paths = [p for p in s.scalars(select(DocumentRow.file_path).where(
        DocumentRow.submission_id.in_(ids), DocumentRow.file_path.is_not(None))) if p]
    s.execute(delete(DocumentRow).where(DocumentRow.submission_id.in_(ids)))
    s.execute(delete(OutboxRow).where(OutboxRow.submission_id.in_(ids)))
    s.execute(delete(SubmissionPartyRow).where(SubmissionPartyRow.submission_id.in_(ids)))
    s.execute(update(SubmissionRow).where(SubmissionRow.id.in_(ids)).values(
        form_sealed=None, case_sealed=None, subject_hmac=None, status=PURGED, purged_at=now,
        updated_at=now, purge_reason=reason))
    # notes about these submissions go too; their digests stay in the chain, so it holds
    notes = select(AuditRow.seq).where(AuditRow.kiosk_id == kiosk_id,
                                       AuditRow.reference.in_(refs))
    s.execute(update(AuditPrivateRow).where(
        AuditPrivateRow.kiosk_id == kiosk_id, AuditPrivateRow.seq.in_(notes),
        AuditPrivateRow.note_sealed.is_not(None)).values(note_sealed=None, note_key_id=None))
    _drop_empty(s, kiosk_id)
    return paths


def purge_pseudonyms(s: Session, kiosk_id: str, *, before: datetime | None = None,
                     seqs: list[int] | None = None) -> int:
    """Delete audit pseudonyms (by age, or these entries). Legacy entries keep theirs in the
    hashed row: it is removed and the row marked, so verification knows why its hash no
    longer recomputes."""
    cond = [AuditPrivateRow.kiosk_id == kiosk_id, AuditPrivateRow.subject_hmac.is_not(None)]
    legacy = [AuditRow.kiosk_id == kiosk_id, AuditRow.mac_key_id.is_(None),
              AuditRow.subject_hmac.is_not(None)]
    if before is not None:
        cond.append(AuditPrivateRow.created_at <= before)
        legacy.append(AuditRow.created_at <= before)
    if seqs is not None:
        cond.append(AuditPrivateRow.seq.in_(seqs))
        legacy.append(AuditRow.seq.in_(seqs))
    n = rowcount(s.execute(update(AuditPrivateRow).where(*cond).values(
        subject_hmac=None, subject_salt=None)))
    if s.scalar(select(AuditRow.id).where(*legacy).limit(1)) is not None:
        n += rowcount(s.execute(update(AuditRow).where(*legacy).values(
            subject_hmac=None, subject_digest=LEGACY_PURGED)))
    _drop_empty(s, kiosk_id)
    return n


def _drop_empty(s: Session, kiosk_id: str) -> None:
    s.execute(delete(AuditPrivateRow).where(
        AuditPrivateRow.kiosk_id == kiosk_id, AuditPrivateRow.note_sealed.is_(None),
        AuditPrivateRow.subject_hmac.is_(None)))


def _unlink(paths: list[str]) -> int:
    n = 0
    for p in paths:
        try:
            os.unlink(p)
            n += 1
        except FileNotFoundError:
            pass
    return n


def _pdfs(folder: Path) -> Iterator[Path]:
    try:
        yield from (p for p in folder.glob("form-*.pdf") if p.is_file())
    except OSError:
        return


def sweep_pdf_dir(folder: Path, *, before: datetime) -> int:
    """PDFs written to the printer folder by versions that did not record them."""
    cut = before.timestamp()
    return _unlink([str(p) for p in _pdfs(folder) if p.stat().st_mtime <= cut])
