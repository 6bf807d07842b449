"""The audit side of `Store`: writing entries, reading them, anchoring and verifying the chain.

A mixin so that store.py keeps to submissions; it relies on the store's `transaction()`,
`keys`, `kiosk_id`, `now()`, `central` and `head_file`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from kiosk.store import anchors as anchor_log
from kiosk.store import audit as audit_log
from kiosk.store.anchors import STORE, Anchor, HeadFile
from kiosk.store.auditverify import AuditVerification, verify
from kiosk.store.crypto import note_aad
from kiosk.store.errors import StoreError
from kiosk.store.keys import KeyRing
from kiosk.store.models import AuditPrivateRow, AuditRow
from kiosk.store.reference import normalize_reference


class AuditMixin:
    kiosk_id: str
    central: bool
    head_file: HeadFile | None

    # provided by Store
    @property
    def keys(self) -> KeyRing:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def now(self) -> datetime:
        raise NotImplementedError

    def _append(self, s: Session, now: datetime, event: str, actor: str,
                reference: str | None, pseudonym: str | None,
                details: dict[str, Any] | None, note: str | None = None,
                ) -> audit_log.AuditEntry:
        """One entry in the caller's transaction; `note` is sealed with the current key."""
        keys = self.keys
        sealed = key_id = digest = None
        if note is not None:
            text = note.encode("utf-8")
            sealed, key_id = keys.seal(text, note_aad(reference)), keys.key_id
            digest = audit_log.note_digest(keys, text)
        return audit_log.append(s, keys=keys, kiosk_id=self.kiosk_id, now=now, event=event,
                                actor=actor, reference=reference, subject_hmac=pseudonym,
                                details=details, note_sealed=sealed, note_key_id=key_id,
                                note_digest=digest)

    def audit(self, event: str, *, actor: str, reference: str | None = None,
              details: dict[str, Any] | None = None, subject: str | None = None,
              note: str | None = None) -> audit_log.AuditEntry:
        """Record who did what (e.g. event="face.override", actor="staff:nv01",
        reference=..., note="customer wears thick glasses").

        `actor` names the person: "staff:ID" / "technician:ID" from their account
        (kiosk.accounts), "citizen", or "system:PART". `details`: small non-personal values,
        stored in clear for reporting. `note`: free text that may mention a person, stored
        encrypted (and purged with the submission). `subject`: a person's identifier, stored
        only as a keyed pseudonym (purged after [store] audit_pseudonym_days).
        """
        ref = normalize_reference(reference) if reference else None
        pseudonym = self.keys.subject_hmac(subject) if subject else None
        with self.transaction() as s:
            return self._append(s, self.now(), event, actor, ref, pseudonym, details, note)

    def audit_note(self, seq: int) -> str | None:
        """The decrypted note of audit entry `seq` (None: no note, or purged)."""
        with self.transaction() as s:
            found = s.execute(select(AuditRow.reference, AuditPrivateRow).join(
                AuditPrivateRow, and_(AuditPrivateRow.kiosk_id == AuditRow.kiosk_id,
                                      AuditPrivateRow.seq == AuditRow.seq))
                .where(AuditRow.kiosk_id == self.kiosk_id, AuditRow.seq == seq)).first()
            if found is None or found[1].note_sealed is None:
                return None
            ref, sealed, key_id = found[0], found[1].note_sealed, found[1].note_key_id
        return self.keys.open(sealed, note_aad(ref), key_id).decode("utf-8")

    def audit_entries(self, *, reference: str | None = None, subject: str | None = None,
                      event: str | None = None) -> list[audit_log.AuditEntry]:
        return list(self._entries(reference=reference, subject=subject, event=event))

    def _entries(self, *, reference: str | None = None, subject: str | None = None,
                 event: str | None = None) -> Iterator[audit_log.AuditEntry]:
        q = (select(AuditRow, AuditPrivateRow)
             .outerjoin(AuditPrivateRow, and_(AuditPrivateRow.kiosk_id == AuditRow.kiosk_id,
                                              AuditPrivateRow.seq == AuditRow.seq))
             .where(AuditRow.kiosk_id == self.kiosk_id).order_by(AuditRow.seq))
        if reference:
            q = q.where(AuditRow.reference == normalize_reference(reference))
        if event:
            q = q.where(AuditRow.event == event)
        if subject:
            h = self.keys.subject_hmac(subject)
            q = q.where((AuditPrivateRow.subject_hmac == h) | (AuditRow.subject_hmac == h))
        with self.transaction() as s:
            rows = s.execute(q).all()
        for row, private in rows:
            yield audit_log.to_entry(row, private)

    # --- anchors and verification ---------------------------------------------------------

    def audit_head(self) -> Anchor:
        """The newest entry of this kiosk's chain, as an anchor to hand to a witness."""
        with self.transaction() as s:
            seq, h = audit_log.head(s, self.kiosk_id)
        return Anchor(self.kiosk_id, seq, h, self.now(), "head", STORE)

    def anchor(self, reason: str = "manual", *, witness: str = STORE,
               head: Anchor | None = None) -> Anchor | None:
        """Record the chain head (or `head`, e.g. the one a back office acknowledged) in
        audit_anchors. None when the chain is empty."""
        with self.transaction() as s:
            if head is None:
                seq, h = audit_log.head(s, self.kiosk_id)
            else:
                seq, h = head.seq, head.entry_hash
            if seq == 0:
                return None
            a = Anchor(self.kiosk_id, seq, h, self.now(), reason, witness)
            anchor_log.record(s, a)
        return a

    def last_anchor(self) -> Anchor | None:
        with self.transaction() as s:
            return anchor_log.latest(s, self.kiosk_id)

    def verify_audit(self, *, anchors_file: str | Path | None = None,
                     anchors: Iterable[Anchor] = ()) -> AuditVerification:
        """Check this kiosk's chain, its anchors and its head file; see auditverify."""
        extra = list(anchors)
        if anchors_file is not None:
            extra += anchor_log.load_file(Path(anchors_file), self.kiosk_id)
        keys = self.keys
        with self.transaction() as s:
            first = s.scalar(select(AuditRow.entry_hash).where(
                AuditRow.kiosk_id == self.kiosk_id, AuditRow.seq == 1))
            found = anchor_log.stored(s, self.kiosk_id) + extra
            note = None
            others = self.head_file.other_chains(self.kiosk_id, first) \
                if self.head_file is not None else []
            if others:
                note = (f"this kiosk's head file also knows {len(others)} other chain(s) of "
                        f"this kiosk (up to entry {max(others)}): if this database should hold "
                        "one, it was emptied or replaced")
            if self.head_file is not None and first is not None:
                try:
                    head = self.head_file.read(keys, self.kiosk_id, first)
                except StoreError as exc:
                    note = f"{exc}: dropping the newest entries is visible only up to the " \
                           "last anchor"
                    head = None
                if head is not None:
                    found.append(head)
                elif note is None and not others:
                    note = (f"this kiosk has no head file for this chain ({self.head_file.path}"
                            "): dropping the newest entries is visible only up to the last "
                            "anchor")
            return verify(s, keys, self.kiosk_id, anchors=found, central=self.central,
                          head_file_note=note)
