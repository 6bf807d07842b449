"""One citizen's data on request: find it, export it (JSON), erase it.

Law 91/2025/QH15 gives the data subject the right to know, see, obtain and have deleted
their data (Art. 4) and says when data is deleted (Art. 14: on request, purpose done, period
over); Decree 356/2025/ND-CP sets the procedure and time limits (acknowledge within 2 working
days). The kiosk finds a person only
through the keyed pseudonym of their ID number (`subject_hmac`), so the technician types the
number and the kiosk compares pseudonyms; the number itself is never stored.

Every person of a form is found: the declarant through the submission's pseudonym, the other
parties of a two-person form (a spouse, a parent, the deceased) through theirs
(kiosk/store/parties.py). An export for another party holds what describes them (their
fields of the form, their verdict, face result and override), not the declarant's data.
Erasure for anyone on a form erases the whole form on this kiosk: a two-person form is one
record of a joint act, whose purpose (delivery, a reprint) a copy with one person cut out
cannot serve, so data minimisation leaves nothing to keep (docs/security.md "Data
protection": why, and what the declarant is told). Such a submission is purged with reason
"party_request", and an audit entry with the declarant's pseudonym says so, so that a later
request of the declarant's shows what became of their form.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
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
from kiosk.store.parties import DECLARANT, party_form, party_roles
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
    #: of `references`, forms where the person was another party (a spouse, a parent): the
    #: whole form went, the declarant's data with it (module docstring)
    as_party: tuple[str, ...] = ()
    #: of `as_party`, forms the back office never received: the declarant's application
    #: ends here; tell them (their receipt bears the reference) to apply again
    not_delivered: tuple[str, ...] = ()


def _mine(store: Store, pseudonym: str, party_ids: Iterable[int] = ()):  # noqa: ANN202
    """The SQL condition for the person's submissions: as declarant, or as another party."""
    ids = list(party_ids)
    who = SubmissionRow.subject_hmac == pseudonym
    return and_(SubmissionRow.kiosk_id == store.kiosk_id,
                or_(who, SubmissionRow.id.in_(ids)) if ids else who)


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
    #: reference -> the person's role on that form: "declarant", or the party ("spouse")
    roles: dict[str, str] = field(default_factory=dict)


def find(store: Store, id_number: str) -> Findings:
    """What this kiosk holds about the person: their submissions' metadata (as declarant
    or as another party of the form), and how many audit entries still carry their
    pseudonym. Nothing is decrypted, nothing audited."""
    pseudonym = store.keys.subject_hmac(id_number)
    with store.transaction() as s:
        parties = party_roles(s, store.kiosk_id, pseudonym)
        rows = list(s.scalars(select(SubmissionRow).where(
            _mine(store, pseudonym, parties)).order_by(SubmissionRow.id)))
        roles = {r.reference: _role(r, pseudonym, parties) for r in rows}
        return Findings(tuple(Submission.from_row(r) for r in rows),
                        len(_entry_seqs(store, s, pseudonym)), roles)


def _role(row: SubmissionRow, pseudonym: str, parties: dict[int, str]) -> str:
    return DECLARANT if row.subject_hmac == pseudonym else parties[row.id]


def export(store: Store, id_number: str, *, actor: str) -> dict[str, Any]:
    """Everything this kiosk holds about the person, decrypted, as one JSON document (for
    the person, handed over in person). The export itself is audited."""
    pseudonym = store.keys.subject_hmac(id_number)
    keys = store.keys
    with store.transaction() as s:
        parties = party_roles(s, store.kiosk_id, pseudonym)
        subs = list(s.scalars(select(SubmissionRow).where(_mine(store, pseudonym, parties))
                              .order_by(SubmissionRow.id)))
        out_subs = []
        for sub in subs:
            role = _role(sub, pseudonym, parties)
            item: dict[str, Any] = {
                "reference": sub.reference, "service_code": sub.service_code, "role": role,
                "status": sub.status, "training": sub.training,
                "created_at": sub.created_at.isoformat(),
                "delivered_at": sub.delivered_at.isoformat() if sub.delivered_at else None,
                "form": None, "case": None, "documents": 0, "consent": None}
            form = case = None
            if sub.form_sealed is not None:
                form = json.loads(keys.open(
                    sub.form_sealed, form_aad(sub.reference, sub.service_code), sub.key_id))
            if sub.case_sealed is not None:
                case = casefile.parse(keys.open(sub.case_sealed, case_aad(sub.reference),
                                                sub.key_id))
            item["form"], item["case"] = _their_part(role, form, case)
            item["documents"] = len(list(s.scalars(select(DocumentRow.id).where(
                DocumentRow.submission_id == sub.id))))
            if role != DECLARANT:  # another party's own consent to their card's read
                item["consent"] = _party_consent(case, role)
            elif sub.consent_id is not None and (c := s.get(ConsentRow, sub.consent_id)):
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


def _party_entry(case: dict[str, Any] | None, role: str) -> dict[str, Any] | None:
    """The sealed case's entry of the party with this role (None: no case, no such party)."""
    return next((p for p in (case or {}).get("parties", ()) if p.get("role") == role), None)


def _party_consent(case: dict[str, Any] | None, role: str) -> dict[str, Any] | None:
    """The consent a party gave to the read of their card (sealed in the case), or None
    (their number was typed, or the form predates party consent)."""
    entry = _party_entry(case, role)
    consent = entry.get("consent") if entry else None
    if not consent:
        return None
    return {k: consent.get(k) for k in ("text_version", "purpose", "language", "given_at")}


def _their_part(role: str, form: dict[str, Any] | None, case: dict[str, Any] | None
                ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The form and case as the person may have them: the declarant, who filed it, the
    whole form and their own case (not the other parties' verdicts and face results);
    another party, their fields and their own verdict, face result and override."""
    if role == DECLARANT:
        return form, None if case is None else {k: v for k, v in case.items()
                                                if k != "parties"}
    entry = _party_entry(case, role)
    fields = entry.get("fields", ()) if entry else ()
    own = None if case is None else {
        "role": role, "verdict": entry and entry.get("verdict"),
        "face": entry and entry.get("face"), "override": entry and entry.get("override"),
        "training": case.get("training")}
    return (None if form is None else party_form(form, fields)), own


def erase(store: Store, id_number: str, *, actor: str, retention_days: int,
          erase_pseudonyms: bool = False) -> Erasure:
    """Delete the person's submissions' personal data now (see the module docstring for
    what stays and why). `retention_days`: [store] audit_pseudonym_days."""
    if not id_number.strip():
        raise StoreError("an ID number is required")
    pseudonym = store.keys.subject_hmac(id_number)
    with store.transaction() as s:
        now = store.now()
        parties = party_roles(s, store.kiosk_id, pseudonym)
        rows = s.execute(select(SubmissionRow.id, SubmissionRow.reference,
                                SubmissionRow.status, SubmissionRow.delivered_at,
                                SubmissionRow.subject_hmac)
                         .where(_mine(store, pseudonym, parties),
                                SubmissionRow.purged_at.is_(None))
                         .order_by(SubmissionRow.id)).all()
        refs = tuple(r.reference for r in rows)
        delivered = tuple(r.reference for r in rows if r.status == DELIVERED
                          or r.delivered_at is not None)
        own = [r for r in rows if r.subject_hmac == pseudonym]
        others = [r for r in rows if r.subject_hmac != pseudonym]
        paths = erase_submissions(s, store.kiosk_id, [r.id for r in own], now,
                                  "subject_request")
        paths += erase_submissions(s, store.kiosk_id, [r.id for r in others], now,
                                   "party_request")
        for r in others:  # the declarant's own record of what became of their form
            store._append(s, now, "submission.erased", actor, r.reference, r.subject_hmac,
                          {"reason": "party_request", "role": parties[r.id],
                           "delivered": r.reference in delivered})
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
                       "as_party": len(others), "pseudonyms_erased": erased})
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
    as_party = tuple(r.reference for r in others)
    return Erasure(refs, delivered, len(seqs) + 1, kept_until, erased, files, as_party,
                   tuple(ref for ref in as_party if ref not in delivered))
