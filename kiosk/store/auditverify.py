"""Verifying one kiosk's audit chain against its key and its anchors.

Walks the chain in seq order and stops at the first entry that is missing, does not link to
the one before, fails its MAC (or legacy hash), or whose note or pseudonym was swapped; then
compares every anchor (head file, store, back office, an exported anchors file) with the entry
it vouches for: an anchor beyond the end of the log means the newest entries were deleted, a
mismatch means a rewrite by someone holding the key file. Whatever the walk cannot prove is
listed in `unproven`, in words a technician can act on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from kiosk.store.anchors import BACKOFFICE, EXTERNAL, HEAD_FILE, STORE, Anchor
from kiosk.store.audit import GENESIS, named_actor, note_digest, row_hash, subject_digest
from kiosk.store.crypto import note_aad
from kiosk.store.errors import StoreError
from kiosk.store.keys import KeyRing
from kiosk.store.models import AuditPrivateRow, AuditRow, SubmissionRow

#: `subject_digest` of a legacy entry whose pseudonym retention removed: its hash cannot be
#: recomputed any more, its links still are
LEGACY_PURGED = "legacy-pseudonym-purged"


@dataclass(frozen=True)
class AuditVerification:
    """`ok` False: tampering shown; `first_broken` is the first bad seq (1-based)."""

    ok: bool
    entries: int
    first_broken: int | None
    reason: str | None
    head: str
    kiosk_id: str = ""
    head_seq: int = 0
    legacy_entries: int = 0
    unnamed_actors: int = 0
    anchors_checked: int = 0
    anchored_seq: int = 0  # newest entry vouched for outside this kiosk (0: none)
    anchored_at: datetime | None = None
    unproven: tuple[str, ...] = ()


def _notes_deleted_unlawfully(session: Session, kiosk_id: str,
                              gone: list[tuple[int, str | None]]) -> int | None:
    """The first entry whose note is gone although nothing may have deleted it: retention and
    erasure delete a note only with its submission's data; a note about no submission is
    never deleted."""
    refs = {ref for _, ref in gone if ref}
    live = set(session.scalars(select(SubmissionRow.reference).where(
        SubmissionRow.kiosk_id == kiosk_id, SubmissionRow.reference.in_(refs),
        SubmissionRow.purged_at.is_(None)))) if refs else set()
    for seq, ref in gone:
        if ref is None or ref in live:
            return seq
    return None


def _adopts(row: AuditRow, legacy: int) -> bool:
    """The first keyed entry after legacy ones must be the kiosk's adoption of exactly that
    many (opening.adopt_legacy): otherwise someone turned keyed entries into "legacy" ones
    and re-hashed them with plain SHA-256."""
    try:
        details = json.loads(row.details)
    except ValueError:
        return False
    return row.event == "store.adopted_legacy" and isinstance(details, dict) and \
        details.get("audit_entries") == legacy


def _note_ok(keys: KeyRing, row: AuditRow, private: AuditPrivateRow) -> bool:
    """The sealed note is the one the entry was written with."""
    assert private.note_sealed is not None
    keyed = row.note_sha256 if row.mac_key_id is not None else private.note_digest
    if keyed is None:  # legacy, never re-encrypted: the hash covers the ciphertext's digest
        return hashlib.sha256(private.note_sealed).hexdigest() == row.note_sha256
    try:
        text = keys.open(private.note_sealed, note_aad(row.reference), private.note_key_id)
    except StoreError:
        return False
    return note_digest(keys, text) == keyed


def _where(a: Anchor, central: bool) -> str:
    when = f" of {a.created_at:%Y-%m-%d %H:%M} UTC" if a.created_at else ""
    return {HEAD_FILE: "this kiosk's audit head file",
            STORE: f"the anchor{when} recorded in the "
                   f"{'central store' if central else 'store'}",
            BACKOFFICE: f"the anchor{when} the back office acknowledged",
            }.get(a.witness, f"the anchor{when} in the anchors file")


def outside(a: Anchor, central: bool) -> bool:
    """Held where the kiosk cannot take it back: an export of the back office's own record,
    or a row of a central store that kiosk roles may only insert. (On a kiosk's own SQLite
    file even the record of what the back office acknowledged is within reach.)"""
    return a.witness == EXTERNAL or (a.witness in (STORE, BACKOFFICE) and central)


def verify(session: Session, keys: KeyRing, kiosk_id: str, *, anchors: Iterable[Anchor] = (),
           central: bool = False, head_file_note: str | None = None) -> AuditVerification:
    anchors = sorted(anchors, key=lambda a: a.seq)
    wanted = {a.seq for a in anchors}
    hashes: dict[int, str] = {}
    prev, expected, count, legacy, unnamed, keyed_seen, fixed = GENESIS, 1, 0, 0, 0, False, 0
    gone: list[tuple[int, str | None]] = []  # entries whose note is no longer there

    def fail(seq: int, reason: str) -> AuditVerification:
        return AuditVerification(False, count, seq, reason, prev, kiosk_id, expected - 1,
                                 legacy, unnamed, 0)

    q = (select(AuditRow, AuditPrivateRow)
         .outerjoin(AuditPrivateRow, and_(AuditPrivateRow.kiosk_id == AuditRow.kiosk_id,
                                          AuditPrivateRow.seq == AuditRow.seq))
         .where(AuditRow.kiosk_id == kiosk_id).order_by(AuditRow.seq)
         .execution_options(yield_per=1000))
    for row, private in session.execute(q):
        count += 1
        if row.seq != expected:
            return fail(expected, f"entry {expected} is missing (next entry is {row.seq})")
        if row.prev_hash != prev:
            return fail(row.seq, f"entry {row.seq} does not chain to entry {row.seq - 1}")
        if row.mac_key_id is None:
            if keyed_seen:
                return fail(row.seq, f"entry {row.seq} has no MAC but follows keyed entries: "
                                     "it was inserted or rewritten")
            legacy += 1
        else:
            if legacy and not keyed_seen and not _adopts(row, legacy):
                return fail(row.seq, f"entries 1 to {legacy} have no MAC and no keyed "
                                     "adoption entry vouches for them: they were rewritten")
            keyed_seen = True
            if row.mac_key_id != keys.audit_key_id:
                return fail(row.seq, f"entry {row.seq} was written with another audit key "
                                     f"({row.mac_key_id}, this kiosk holds "
                                     f"{keys.audit_key_id}): check [store] key_file, or verify "
                                     "on the kiosk that wrote it")
        try:
            details = json.loads(row.details)
        except ValueError:
            details = None
        if row.mac_key_id is None and row.subject_digest == LEGACY_PURGED:
            fixed += 1  # its pseudonym was purged: trust its stored hash, check its links
        elif not isinstance(details, dict) or row_hash(keys, prev, row, details) \
                != row.entry_hash:
            return fail(row.seq, f"entry {row.seq} was altered after it was written")
        if private is not None and private.note_sealed is not None and not _note_ok(
                keys, row, private):
            return fail(row.seq, f"entry {row.seq}'s note was altered after it was written")
        if row.note_sha256 is not None and (private is None or private.note_sealed is None):
            gone.append((row.seq, row.reference))
        if private is not None and private.subject_hmac and private.subject_salt and (
                subject_digest(private.subject_salt, private.subject_hmac)
                != row.subject_digest):
            return fail(row.seq, f"entry {row.seq}'s pseudonym was altered after it was "
                                 "written")
        unnamed += not named_actor(row.actor)
        if row.seq in wanted:
            hashes[row.seq] = row.entry_hash
        prev, expected = row.entry_hash, expected + 1
    head_seq = expected - 1
    deleted = _notes_deleted_unlawfully(session, kiosk_id, gone)
    if deleted is not None:
        return fail(deleted, f"entry {deleted}'s note was deleted, but retention never "
                             "deleted it (its submission still holds its data)")
    if legacy and not keyed_seen:
        return fail(1, f"entries 1 to {legacy} have no MAC and no keyed adoption entry "
                       "vouches for them: they were rewritten")

    good_below = 0  # highest anchored seq that matched
    for a in anchors:
        if a.seq > head_seq:
            return AuditVerification(
                False, count, head_seq + 1,
                f"the log ends at entry {head_seq} but {_where(a, central)} vouches for entry "
                f"{a.seq}: entries {head_seq + 1} to {a.seq} were deleted", prev, kiosk_id,
                head_seq, legacy, unnamed, len(anchors))
        if hashes.get(a.seq) != a.entry_hash:
            lo = good_below + 1
            return AuditVerification(
                False, count, lo,
                f"entry {a.seq} is not the entry {_where(a, central)} vouches for: entries "
                f"{lo} to {a.seq} were rewritten by someone holding this kiosk's key file",
                prev, kiosk_id, head_seq, legacy, unnamed, len(anchors))
        good_below = a.seq

    held = [a for a in anchors if outside(a, central)]
    top = max(held, key=lambda a: (a.seq, a.created_at or datetime.min)) if held else None
    anchored = top.seq if top else 0
    notes: list[str] = []
    if legacy:
        notes.append(f"entries 1 to {legacy} were written before keyed MACs (revision 0003): "
                     "their SHA-256 chain shows edits by someone unaware of it, but anyone "
                     "with database access could have rewritten them before the upgrade")
    if fixed:
        notes.append(f"{fixed} legacy entries had their pseudonym purged: their links are "
                     "checked, their contents cannot be")
    if head_seq > anchored:
        first = anchored + 1
        notes.append(f"entries {first} to {head_seq} are not yet anchored outside this kiosk: "
                     "someone holding this kiosk's key file could rewrite or drop them "
                     "undetected" if anchored else
                     f"no anchor outside this kiosk yet: someone holding this kiosk's key file "
                     f"could rewrite or drop entries 1 to {head_seq} undetected")
    if not central and any(a.witness in (STORE, BACKOFFICE) for a in anchors):
        notes.append("anchors kept in this database (the back office's acknowledgements too) "
                     "are within the kiosk's reach: compare them with the back office's record "
                     "(`verify-audit --anchors FILE`)")
    if head_file_note:
        notes.append(head_file_note)
    if unnamed:
        notes.append(f"{unnamed} entries name a role, not a person (a shared PIN): who acted "
                     "cannot be told from them")
    return AuditVerification(True, count, None, None, prev, kiosk_id, head_seq, legacy,
                             unnamed, len(anchors), anchored,
                             top.created_at if top else None, tuple(notes))
