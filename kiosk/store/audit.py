"""The audit log: who did what, when, as a hash chain so that tampering shows.

Each entry's hash is SHA-256(previous entry's hash || canonical JSON of the entry) with a
zero hash before the first entry (the construction of RFC 6962's append-only log, without the
tree). Changing, deleting, inserting or reordering a row breaks the chain at that row, and
`verify_chain` names the first broken entry by its sequence number (1-based).

What it cannot show: removal of the newest entries (a truncated tail is a valid shorter
chain). Export the head hash (`kiosk store verify-audit --json`, field `head`) to a second
place if that matters.

No personal data in clear: reference numbers, event names, the actor (role:id), a keyed HMAC
of a subject identifier, and small details that are checked for ID-number-like values. Free
text that may name someone goes in the note, sealed with the store key; the chain covers the
note's SHA-256, so retention can delete the note without breaking the chain.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.store.errors import AuditDetailsError
from kiosk.store.models import AuditRow

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 0x61756469  # serialises appends from many kiosks on one PostgreSQL store
_DETAIL_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_EVENT = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_ID_LIKE = re.compile(r"\d{9,}")  # CMND (9) and CCCD (12) numbers, phone numbers
_MAX_TEXT = 500


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    created_at: datetime
    event: str
    actor: str
    reference: str | None
    subject_hmac: str | None
    details: dict[str, Any]
    entry_hash: str
    has_note: bool = False


@dataclass(frozen=True)
class AuditVerification:
    """`ok` is False when the chain is broken; `first_broken` is that entry's seq."""

    ok: bool
    entries: int
    first_broken: int | None
    reason: str | None
    head: str


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(prev_hash: str, *, seq: int, created_at: datetime, event: str, actor: str,
               reference: str | None, subject_hmac: str | None,
               details: dict[str, Any], note_sha256: str | None = None) -> str:
    body = {"seq": seq, "created_at": _ts(created_at), "event": event, "actor": actor,
            "reference": reference, "subject_hmac": subject_hmac, "details": details}
    if note_sha256 is not None:  # absent, not null, so entries without notes keep their hash
        body["note_sha256"] = note_sha256
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical(body)).hexdigest()


def check_details(details: dict[str, Any] | None) -> dict[str, Any]:
    """Plain, small, non-personal values only; refuses ID-number-like text."""
    if details is None:
        return {}
    if not isinstance(details, dict):
        raise AuditDetailsError("audit details must be a dict of plain values")
    for key, value in details.items():
        if not isinstance(key, str) or not _DETAIL_KEY.match(key):
            raise AuditDetailsError("audit detail keys must be short lower-case names")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise AuditDetailsError(f"audit detail {key!r} must be text, a number or a bool")
        if isinstance(value, str):
            if len(value) > _MAX_TEXT:
                raise AuditDetailsError(f"audit detail {key!r} is longer than {_MAX_TEXT} "
                                        "characters")
            if _ID_LIKE.search(value):
                raise AuditDetailsError(
                    f"audit detail {key!r} looks like it holds an ID or phone number; audit "
                    "entries must not contain personal data (pass it as subject= instead)")
    canonical(details)  # rejects NaN/inf
    return dict(details)


def append(session: Session, *, now: datetime, event: str, actor: str,
           reference: str | None, subject_hmac: str | None,
           details: dict[str, Any] | None, note_sealed: bytes | None = None) -> AuditEntry:
    """Add an entry in the caller's transaction (so the entry commits with the change it
    records, or not at all)."""
    if not _EVENT.match(event):
        raise AuditDetailsError("audit event names are short lower-case words, e.g. "
                                "'face.override'")
    if not actor or len(actor) > 128 or _ID_LIKE.search(actor):
        raise AuditDetailsError("the audit actor must be 'role:id' (a staff code, not an ID "
                                "number), at most 128 characters")
    clean = check_details(details)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    last = session.execute(
        select(AuditRow.seq, AuditRow.entry_hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    note_sha = hashlib.sha256(note_sealed).hexdigest() if note_sealed is not None else None
    h = entry_hash(prev, seq=seq, created_at=now, event=event, actor=actor,
                   reference=reference, subject_hmac=subject_hmac, details=clean,
                   note_sha256=note_sha)
    session.add(AuditRow(seq=seq, created_at=now, event=event, actor=actor, reference=reference,
                         subject_hmac=subject_hmac, details=canonical(clean).decode("utf-8"),
                         note_sha256=note_sha, note_sealed=note_sealed,
                         prev_hash=prev, entry_hash=h))
    return AuditEntry(seq, now, event, actor, reference, subject_hmac, clean, h,
                      note_sealed is not None)


def verify_chain(rows: Iterable[AuditRow]) -> AuditVerification:
    """Walk the log in seq order; stop at the first entry that does not chain."""
    prev, expected, count = GENESIS, 1, 0
    for row in rows:
        count += 1
        if row.seq != expected:
            return AuditVerification(False, count, expected,
                                     f"entry {expected} is missing (next entry is {row.seq})",
                                     prev)
        try:
            details = json.loads(row.details)
        except ValueError:
            details = None
        if row.prev_hash != prev:
            return AuditVerification(False, count, row.seq,
                                     f"entry {row.seq} does not chain to entry {row.seq - 1}",
                                     prev)
        want = None if not isinstance(details, dict) else entry_hash(
            prev, seq=row.seq, created_at=row.created_at, event=row.event, actor=row.actor,
            reference=row.reference, subject_hmac=row.subject_hmac, details=details,
            note_sha256=row.note_sha256)
        if want != row.entry_hash:
            return AuditVerification(False, count, row.seq,
                                     f"entry {row.seq} was altered after it was written", prev)
        if row.note_sealed is not None and (
                hashlib.sha256(row.note_sealed).hexdigest() != row.note_sha256):
            return AuditVerification(False, count, row.seq,
                                     f"entry {row.seq}'s note was altered after it was written",
                                     prev)
        prev, expected = row.entry_hash, expected + 1
    return AuditVerification(True, count, None, None, prev)


def to_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(row.seq, row.created_at, row.event, row.actor, row.reference,
                      row.subject_hmac, json.loads(row.details), row.entry_hash,
                      row.note_sealed is not None)
