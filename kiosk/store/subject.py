"""One citizen's data on request: find it, export it (JSON), erase it.

Law 91/2025/QH15 gives the data subject the right to know, see, obtain and have deleted
their data (Art. 4) and says when data is deleted (Art. 14: on request, purpose done, period
over); Decree 356/2025/ND-CP sets the procedure and time limits (acknowledge within 2 working
days). The kiosk finds a person only
through the keyed pseudonym of their ID number (`subject_hmac`), so the technician types the
number and the kiosk compares pseudonyms; the number itself is never stored.

Erasure deletes the forms, cases, PDFs (files too), outbox rows and audit notes of that
person's submissions on this kiosk. The audit log keeps its entries (who did what, when, to
which reference) and, until [store] audit_pseudonym_days, their pseudonym: the record of who
processed personal data must stay complete and tamper-evident for the controller's own
accountability, and the pseudonym is what lets a later request or complaint about the same
person be answered; it is a keyed hash that only this kiosk's key file can link to a number,
and retention deletes it on schedule (or at once with `erase_pseudonyms`). Copies already
delivered to the back office are the back office's to erase: the report lists them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from kiosk.store import casefile
from kiosk.store.crypto import case_aad, form_aad
from kiosk.store.errors import StoreError
from kiosk.store.models import (
    DELIVERED,
    AuditPrivateRow,
    AuditRow,
    ConsentRow,
    DocumentRow,
    SubmissionRow,
)
from kiosk.store.retention import erase_submissions, purge_pseudonyms
from kiosk.store.store import Store
from kiosk.store.submissions import Submission


@dataclass(frozen=True)
class Erasure:
    references: tuple[str, ...]  # submissions whose personal data was deleted now
    delivered: tuple[str, ...]  # of those, already at the back office: ask it to erase too
    audit_entries: int  # entries about this person the audit log keeps
    pseudonyms_kept_until: datetime | None  # when retention deletes their pseudonym
    pseudonyms_erased: int
    files: int


def _mine(store: Store, pseudonym: str):  # noqa: ANN202 - a SQL condition
    return and_(SubmissionRow.kiosk_id == store.kiosk_id,
                SubmissionRow.subject_hmac == pseudonym)


def _entry_seqs(store: Store, s, pseudonym: str) -> list[int]:  # noqa: ANN001 - Session
    return list(s.scalars(
        select(AuditRow.seq).outerjoin(AuditPrivateRow, and_(
            AuditPrivateRow.kiosk_id == AuditRow.kiosk_id,
            AuditPrivateRow.seq == AuditRow.seq))
        .where(AuditRow.kiosk_id == store.kiosk_id,
               or_(AuditPrivateRow.subject_hmac == pseudonym,
                   AuditRow.subject_hmac == pseudonym)).order_by(AuditRow.seq)))


@dataclass(frozen=True)
class Findings:
    submissions: tuple[Submission, ...]
    audit_entries: int


def find(store: Store, id_number: str) -> Findings:
    """What this kiosk holds about the person: their submissions' metadata, and how many
    audit entries still carry their pseudonym. Nothing is decrypted, nothing audited."""
    pseudonym = store.keys.subject_hmac(id_number)
    with store.transaction() as s:
        subs = tuple(Submission.from_row(r) for r in s.scalars(
            select(SubmissionRow).where(_mine(store, pseudonym)).order_by(SubmissionRow.id)))
        return Findings(subs, len(_entry_seqs(store, s, pseudonym)))


def export(store: Store, id_number: str, *, actor: str) -> dict[str, Any]:
    """Everything this kiosk holds about the person, decrypted, as one JSON document (for
    the person, handed over in person). The export itself is audited."""
    pseudonym = store.keys.subject_hmac(id_number)
    keys = store.keys
    with store.transaction() as s:
        subs = list(s.scalars(select(SubmissionRow).where(_mine(store, pseudonym))
                              .order_by(SubmissionRow.id)))
        out_subs = []
        for sub in subs:
            item: dict[str, Any] = {
                "reference": sub.reference, "service_code": sub.service_code,
                "status": sub.status, "training": sub.training,
                "created_at": sub.created_at.isoformat(),
                "delivered_at": sub.delivered_at.isoformat() if sub.delivered_at else None,
                "form": None, "case": None, "documents": 0, "consent": None}
            if sub.form_sealed is not None:
                item["form"] = json.loads(keys.open(
                    sub.form_sealed, form_aad(sub.reference, sub.service_code), sub.key_id))
            if sub.case_sealed is not None:
                item["case"] = casefile.parse(keys.open(sub.case_sealed,
                                                        case_aad(sub.reference), sub.key_id))
            item["documents"] = len(list(s.scalars(select(DocumentRow.id).where(
                DocumentRow.submission_id == sub.id))))
            if sub.consent_id is not None and (c := s.get(ConsentRow, sub.consent_id)):
                item["consent"] = {"text_version": c.text_version, "purpose": c.purpose,
                                   "language": c.language, "given_at": c.given_at.isoformat()}
            out_subs.append(item)
        seqs = _entry_seqs(store, s, pseudonym)
        entries = [{"seq": r.seq, "created_at": r.created_at.isoformat(), "event": r.event,
                    "actor": r.actor, "reference": r.reference,
                    "details": json.loads(r.details)}
                   for r in s.scalars(select(AuditRow).where(
                       AuditRow.kiosk_id == store.kiosk_id, AuditRow.seq.in_(seqs))
                       .order_by(AuditRow.seq))]
        store._append(s, store.now(), "subject.exported", actor, None, pseudonym,
                      {"submissions": len(out_subs), "audit_entries": len(entries)})
    return {"kiosk_id": store.kiosk_id, "exported_at": store.now().isoformat(),
            "submissions": out_subs, "audit_entries": entries}


def erase(store: Store, id_number: str, *, actor: str, retention_days: int,
          erase_pseudonyms: bool = False) -> Erasure:
    """Delete the person's submissions' personal data now (see the module docstring for
    what stays and why). `retention_days`: [store] audit_pseudonym_days."""
    if not id_number.strip():
        raise StoreError("an ID number is required")
    pseudonym = store.keys.subject_hmac(id_number)
    with store.transaction() as s:
        now = store.now()
        rows = s.execute(select(SubmissionRow.id, SubmissionRow.reference,
                                SubmissionRow.status, SubmissionRow.delivered_at)
                         .where(_mine(store, pseudonym), SubmissionRow.purged_at.is_(None))
                         .order_by(SubmissionRow.id)).all()
        refs = tuple(r.reference for r in rows)
        delivered = tuple(r.reference for r in rows if r.status == DELIVERED
                          or r.delivered_at is not None)
        paths = erase_submissions(s, store.kiosk_id, [r.id for r in rows], now,
                                  "subject_request")
        seqs = _entry_seqs(store, s, pseudonym)
        erased = purge_pseudonyms(s, store.kiosk_id, seqs=seqs) if erase_pseudonyms else 0
        oldest = s.scalar(select(AuditPrivateRow.created_at).where(
            AuditPrivateRow.kiosk_id == store.kiosk_id,
            AuditPrivateRow.seq.in_(seqs), AuditPrivateRow.subject_hmac.is_not(None))
            .order_by(AuditPrivateRow.created_at.desc()).limit(1))
        # the erasure is itself recorded about the person, so that it can be shown later
        store._append(s, now, "subject.erased", actor, None,
                      None if erase_pseudonyms else pseudonym,
                      {"submissions": len(refs), "already_delivered": len(delivered),
                       "pseudonyms_erased": erased})
    files = 0
    for p in paths:
        try:
            os.unlink(p)
            files += 1
        except FileNotFoundError:
            pass
    store.anchor("erasure")
    kept_until = None if erase_pseudonyms else (
        (max(oldest, now) if oldest else now) + timedelta(days=retention_days))
    return Erasure(refs, delivered, len(seqs) + 1, kept_until, erased, files)
