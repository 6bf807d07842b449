"""Retention: delete personal data on schedule (Decree 13/2023/ND-CP on personal data
protection asks that data be kept no longer than its purpose needs).

A purged submission keeps its clear, non-personal metadata (reference, service, status
"purged", timestamps) for reporting; its encrypted form, its outbox row and the encrypted
notes of audit entries about it are deleted, and each purge is an audit entry. Delivered submissions go `after_delivery_days` after delivery;
undelivered ones (pending or failed) `undelivered_days` after creation, so a dead back office
cannot make the kiosk hoard personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from kiosk.store import audit as audit_log
from kiosk.store.models import (
    DELIVERED,
    FAILED,
    PENDING,
    PURGED,
    AuditRow,
    OutboxRow,
    SubmissionRow,
)
from kiosk.store.store import Store


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    delivered_before: datetime
    created_before: datetime
    delivered_ids: tuple[int, ...]
    undelivered_ids: tuple[int, ...]

    @property
    def purged_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.delivered_ids + self.undelivered_ids))


def purge(store: Store, *, after_delivery_days: int, undelivered_days: int,
          dry_run: bool = False, actor: str = "system:retention") -> PurgeReport:
    if after_delivery_days < 0 or undelivered_days < 1:
        raise ValueError("retention days: after delivery >= 0, undelivered >= 1")
    with store.transaction() as s:
        now = store.now()
        delivered_before = now - timedelta(days=after_delivery_days)
        created_before = now - timedelta(days=undelivered_days)
        delivered = s.execute(select(SubmissionRow.id, SubmissionRow.reference).where(
            SubmissionRow.status == DELIVERED,
            SubmissionRow.delivered_at <= delivered_before).order_by(SubmissionRow.id)).all()
        undelivered = s.execute(select(SubmissionRow.id, SubmissionRow.reference,
                                       SubmissionRow.status).where(
            SubmissionRow.status.in_((PENDING, FAILED)),
            SubmissionRow.created_at <= created_before).order_by(SubmissionRow.id)).all()
        report = PurgeReport(dry_run, delivered_before, created_before,
                             tuple(r.id for r in delivered), tuple(r.id for r in undelivered))
        if dry_run or not report.purged_ids:
            return report
        ids = list(report.purged_ids)
        s.execute(delete(OutboxRow).where(OutboxRow.submission_id.in_(ids)))
        s.execute(update(SubmissionRow).where(SubmissionRow.id.in_(ids)).values(
            form_sealed=None, status=PURGED, purged_at=now, updated_at=now))
        refs = [r.reference for r in delivered] + [r.reference for r in undelivered]
        # notes about these submissions go too; their digests stay, so the chain holds
        s.execute(update(AuditRow).where(AuditRow.reference.in_(refs),
                                         AuditRow.note_sealed.is_not(None))
                  .values(note_sealed=None))
        for r in delivered:
            audit_log.append(s, now=now, event="submission.purged", actor=actor,
                             reference=r.reference, subject_hmac=None,
                             details={"rule": "after_delivery", "days": after_delivery_days})
        for r in undelivered:
            audit_log.append(s, now=now, event="submission.purged_undelivered", actor=actor,
                             reference=r.reference, subject_hmac=None,
                             details={"rule": "undelivered", "days": undelivered_days,
                                      "previous_status": r.status})
    return report
