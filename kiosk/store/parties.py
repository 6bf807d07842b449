"""The other people of a form (a spouse, a parent, the deceased): each one a data subject.

A two-person form holds the data of every person on it, and Law 91/2025/QH15 gives each of
them the rights of access and erasure (Art. 4), not only the declarant who filed it. So the
store indexes every person's ID number, as a keyed pseudonym like the declarant's
(`submissions.subject_hmac`), in `submission_parties` (one row per other party: its role and
pseudonym; cleared with the submission's personal data), and `kiosk store subject` finds,
exports and erases through it (kiosk/store/subject.py).

What each party's row cannot say in clear (which form fields describe the person: for a
marriage, "woman_*" or "man_*", which would tell the person's sex) and what travels with the
form (the party's chip verdict, face result, a staff override) go in the sealed case, under
"parties" (kiosk/store/casefile.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.casefile import Consent, Override, plain
from kiosk.store.errors import StoreError
from kiosk.store.models import SubmissionPartyRow

_ROLE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
DECLARANT = "declarant"


@dataclass(frozen=True)
class Party:
    """Another person of the form, as Store.submit takes it.

    `role`: the service's party ("spouse", "mother", "deceased"); `subject`: their ID number
    (read from their card or typed), kept only as a keyed pseudonym; `fields`: the ids of
    the form fields that describe them (what an export for them shows); `verdict`, `face`,
    `override`: their chip verdict, face result and a staff override of their face check,
    sealed in the case and delivered with the form (the override is audited as
    "face.override" under its author, with their pseudonym). `consent_id`: their own consent
    to the read of their card (Store.record_consent), sealed and delivered beside the
    declarant's."""

    role: str
    subject: str | None = field(default=None, repr=False)
    fields: tuple[str, ...] = ()
    verdict: Mapping[str, Any] | None = field(default=None, repr=False)
    face: Mapping[str, Any] | None = field(default=None, repr=False)
    override: Override | None = None
    consent_id: int | None = None

    def checked(self, declarant: str | None) -> Party:
        if not _ROLE.match(self.role) or self.role == DECLARANT:
            raise StoreError(f"a party's role must be a service's party name (1 to 32 "
                             f"lower-case letters, digits or '_', not {DECLARANT!r})")
        if any(not isinstance(f, str) or not f or len(f) > 64 for f in self.fields):
            raise StoreError("a party's fields are form field ids (1 to 64 characters)")
        subject = self.subject.strip() if self.subject else None
        if subject and declarant and subject == declarant.strip():
            subject = None  # the declarant is this party ("that's me"): indexed once
        override = self.override.checked() if self.override is not None else None
        return Party(self.role, subject or None, tuple(self.fields), self.verdict, self.face,
                     override, self.consent_id)


def check_parties(parties: Sequence[Party], declarant: str | None) -> tuple[Party, ...]:
    out = tuple(p.checked(declarant) for p in parties)
    roles = [p.role for p in out]
    if len(set(roles)) != len(roles):
        raise StoreError("each party of a form is given once")
    return out


def case_entry(party: Party, consent: Consent | None = None) -> dict[str, Any]:
    """The party as the sealed case holds it (`consent`: theirs, as recorded)."""
    return {"role": party.role, "fields": list(party.fields),
            "consent": None if consent is None else consent.to_json(),
            "verdict": plain("party verdict", party.verdict),
            "face": plain("party face result", party.face),
            "override": None if party.override is None else {
                "by": party.override.by, "reason": party.override.reason}}


def delivered_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What the back office receives of a party (the field ids stay on the kiosk: the form
    itself says which fields are whose)."""
    return {k: entry.get(k) for k in ("role", "verdict", "face", "override", "consent")}


def party_roles(s: Session, kiosk_id: str, pseudonym: str) -> dict[int, str]:
    """submission id -> the role of the person with this pseudonym, where another party."""
    rows = s.execute(select(SubmissionPartyRow.submission_id, SubmissionPartyRow.role).where(
        SubmissionPartyRow.kiosk_id == kiosk_id, SubmissionPartyRow.subject_hmac == pseudonym))
    return {sid: role for sid, role in rows}


def party_form(form: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """Of a form (the back-office JSON, schema kiosk.form-draft v1), what describes one
    party: the service and the party's own fields, nothing of the other people on it."""
    wanted = set(fields)
    return {"schema": form.get("schema"), "schema_version": form.get("schema_version"),
            "service": form.get("service"), "created": form.get("created"),
            "fields": [f for f in form.get("fields", ()) if isinstance(f, Mapping)
                       and f.get("id") in wanted]}
