"""The audit log: who did what, when; one keyed hash chain per kiosk so that tampering shows.

Entry n of a kiosk's chain carries

    entry_hash(n) = HMAC-SHA256(audit key, entry_hash(n-1) || canonical JSON of entry n)

with a zero hash before entry 1 (RFC 2104 HMAC; the chain is RFC 6962's append-only log
without the tree). The audit key is derived from the kiosk secret in the kiosk's key file,
outside the database: whoever edits, deletes, inserts or reorders rows cannot recompute the
chain without that file. What a keyed chain alone cannot show (the newest entries removed, or
a rewrite by someone holding the key file) is covered by anchors (anchors.py): the chain head
vouched for outside the log, by the head file beside the key, the central store and the back
office. `auditverify.verify` checks all of it and says what it cannot prove.

The chain covers digests, never personal data: the citizen's pseudonym (a keyed HMAC of the
ID number) is committed as SHA-256(random salt || pseudonym) and the note (free text that may
name someone, sealed with a data key) as a keyed digest of its text. Both live in
audit_private, which retention and erasure delete; the chain still verifies.

Entries written before revision 0003 (legacy) chain with plain SHA-256 and are checked as such.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.store.errors import AuditDetailsError
from kiosk.store.keys import KeyRing
from kiosk.store.models import AuditPrivateRow, AuditRow

GENESIS = "0" * 64
_DETAIL_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_EVENT = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
#: who acted: "staff:ID", "technician:ID", "system:PART", or "citizen" (named by the entry's
#: pseudonym). Bare "staff" / "technician" (a shared role PIN) are accepted from older callers
#: but name nobody: `named_actor` is False for them and verify-audit counts them.
_ACTOR = re.compile(r"^(citizen|staff|technician|system)(:[A-Za-z0-9._@-]{1,64})?$")
_ID_LIKE = re.compile(r"\d{9,}")  # CMND (9) and CCCD (12) numbers, phone numbers
#: key ids (16 hex digits, comma-separated) in *_key_id(s) details are not personal data,
#: whatever digits they happen to hold
_KEY_IDS = re.compile(r"^[0-9a-f]{16}(,[0-9a-f]{16})*$")
_MAX_TEXT = 500


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    created_at: datetime
    event: str
    actor: str
    reference: str | None
    subject_hmac: str | None  # None: no subject, or its pseudonym was purged
    details: dict[str, Any]
    entry_hash: str
    has_note: bool = False
    kiosk_id: str = ""
    keyed: bool = True  # False: a legacy SHA-256 entry


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def named_actor(actor: str) -> bool:
    return actor == "citizen" or ":" in actor


def entry_hash(prev_hash: str, *, seq: int, created_at: datetime, event: str, actor: str,
               reference: str | None, subject_hmac: str | None,
               details: dict[str, Any], note_sha256: str | None = None) -> str:
    """The legacy (pre-0003) unkeyed hash: kept to verify entries written by older versions."""
    body = {"seq": seq, "created_at": _ts(created_at), "event": event, "actor": actor,
            "reference": reference, "subject_hmac": subject_hmac, "details": details}
    if note_sha256 is not None:  # absent, not null, so entries without notes keep their hash
        body["note_sha256"] = note_sha256
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical(body)).hexdigest()


def keyed_hash(keys: KeyRing, prev_hash: str, *, kiosk_id: str, seq: int,
               created_at: datetime, event: str, actor: str, reference: str | None,
               subject_digest: str | None, details: dict[str, Any],
               note_sha256: str | None) -> str:
    body = {"v": 2, "kiosk": kiosk_id, "seq": seq, "created_at": _ts(created_at),
            "event": event, "actor": actor, "reference": reference,
            "subject_digest": subject_digest, "details": details, "note_sha256": note_sha256}
    return keys.audit_mac(bytes.fromhex(prev_hash) + canonical(body))


def row_hash(keys: KeyRing, prev: str, row: AuditRow, details: dict[str, Any]) -> str:
    """What `row.entry_hash` must be, from its own columns and the previous hash."""
    if row.mac_key_id is None:
        return entry_hash(prev, seq=row.seq, created_at=row.created_at, event=row.event,
                          actor=row.actor, reference=row.reference,
                          subject_hmac=row.subject_hmac, details=details,
                          note_sha256=row.note_sha256)
    return keyed_hash(keys, prev, kiosk_id=row.kiosk_id, seq=row.seq,
                      created_at=row.created_at, event=row.event, actor=row.actor,
                      reference=row.reference, subject_digest=row.subject_digest,
                      details=details, note_sha256=row.note_sha256)


def note_digest(keys: KeyRing, note: bytes) -> str:
    """What the chain covers of a note: keyed, of the plain text, so re-encrypting the note
    (key rotation) keeps it, and guessing short notes from it needs the key file."""
    return keys.audit_mac(b"kiosk.audit.note.v2\x00" + note)


def subject_digest(salt: str, subject_hmac: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + subject_hmac.encode("ascii")).hexdigest()


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
            if _ID_LIKE.search(value) and not (key.endswith(("key_id", "key_ids"))
                                               and _KEY_IDS.match(value)):
                raise AuditDetailsError(
                    f"audit detail {key!r} looks like it holds an ID or phone number; audit "
                    "entries must not contain personal data (pass it as subject= instead)")
    canonical(details)  # rejects NaN/inf
    return dict(details)


def check_actor(actor: str) -> str:
    if not actor or _ID_LIKE.search(actor) or not _ACTOR.match(actor):
        raise AuditDetailsError("the audit actor must be 'role:id' (a staff code, not an ID "
                                "number) with role staff, technician, system or citizen, at "
                                "most 64 characters after the colon")
    return actor


def lock_chain(session: Session, kiosk_id: str) -> None:
    """Serialise appends to one kiosk's chain (SQLite: BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        key = (0x6175 << 32) + zlib.crc32(kiosk_id.encode("utf-8"))
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def head(session: Session, kiosk_id: str) -> tuple[int, str]:
    """(seq, entry_hash) of the kiosk's newest entry; (0, GENESIS) for an empty chain."""
    last = session.execute(
        select(AuditRow.seq, AuditRow.entry_hash).where(AuditRow.kiosk_id == kiosk_id)
        .order_by(AuditRow.seq.desc()).limit(1)).first()
    return (last[0], last[1]) if last else (0, GENESIS)


def append(session: Session, *, keys: KeyRing, kiosk_id: str, now: datetime, event: str,
           actor: str, reference: str | None, subject_hmac: str | None,
           details: dict[str, Any] | None, note_sealed: bytes | None = None,
           note_key_id: str | None = None, note_digest: str | None = None) -> AuditEntry:
    """Add an entry in the caller's transaction (so the entry commits with the change it
    records, or not at all). A note comes sealed, with its key id and its digest
    (`note_digest(keys, text)`)."""
    if not _EVENT.match(event):
        raise AuditDetailsError("audit event names are short lower-case words, e.g. "
                                "'face.override'")
    check_actor(actor)
    clean = check_details(details)
    lock_chain(session, kiosk_id)
    last_seq, prev = head(session, kiosk_id)
    seq = last_seq + 1
    salt = secrets.token_hex(16) if subject_hmac else None
    digest = subject_digest(salt, subject_hmac) if salt and subject_hmac else None
    if (note_sealed is None) != (note_digest is None):
        raise AuditDetailsError("a sealed note needs its digest (audit.note_digest)")
    note_sha = note_digest
    h = keyed_hash(keys, prev, kiosk_id=kiosk_id, seq=seq, created_at=now, event=event,
                   actor=actor, reference=reference, subject_digest=digest, details=clean,
                   note_sha256=note_sha)
    session.add(AuditRow(kiosk_id=kiosk_id, seq=seq, created_at=now, event=event, actor=actor,
                         reference=reference, subject_digest=digest,
                         details=canonical(clean).decode("utf-8"), note_sha256=note_sha,
                         prev_hash=prev, entry_hash=h, mac_key_id=keys.audit_key_id))
    if subject_hmac or note_sealed is not None:
        session.add(AuditPrivateRow(kiosk_id=kiosk_id, seq=seq, subject_salt=salt,
                                    subject_hmac=subject_hmac, note_key_id=note_key_id,
                                    note_sealed=note_sealed, created_at=now))
    first = h if seq == 1 else session.scalar(select(AuditRow.entry_hash).where(
        AuditRow.kiosk_id == kiosk_id, AuditRow.seq == 1))
    heads = session.info.setdefault("audit_heads", {})
    heads[kiosk_id] = (first or GENESIS, seq, h)  # the store advances the head file after
    # the commit (anchors.HeadFile)
    return AuditEntry(seq, now, event, actor, reference, subject_hmac, clean, h,
                      note_sealed is not None, kiosk_id, True)


def to_entry(row: AuditRow, private: AuditPrivateRow | None) -> AuditEntry:
    subject = row.subject_hmac if row.mac_key_id is None else (
        private.subject_hmac if private is not None else None)
    return AuditEntry(row.seq, row.created_at, row.event, row.actor, row.reference, subject,
                      json.loads(row.details), row.entry_hash,
                      private is not None and private.note_sealed is not None, row.kiosk_id,
                      row.mac_key_id is not None)
