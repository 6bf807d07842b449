"""Anchors: a kiosk's audit chain head, vouched for somewhere the log's rows are not.

A keyed chain shows any edit by someone without the key file, but not the newest entries
being dropped (the shorter chain is valid), nor a rewrite by someone holding the key file.
Anchors close both gaps up to the anchored entry:

- the head file beside the key file (`<key file>.audit-head`), advanced after every commit
  that appends an entry: a database restored, truncated or edited by someone without the
  kiosk's files no longer matches it;
- `audit_anchors` in the store, at a fixed interval and at every delivery: on a central
  PostgreSQL store kiosk roles may only INSERT there (pgroles.py), so the kiosk itself cannot
  take an anchor back;
- the back office: every delivered submission carries the head, and interval anchors are
  POSTed too (outbox.py); a record the back office acknowledged is kept as witness
  "backoffice", and the back office's own list can be given to `verify-audit --anchors`.

Entries after the newest anchor held outside the kiosk are what verification cannot prove.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.audit import canonical
from kiosk.store.errors import StoreError
from kiosk.store.keys import KeyRing
from kiosk.store.models import AuditAnchorRow

STORE, BACKOFFICE, HEAD_FILE, EXTERNAL = "store", "backoffice", "head file", "external"


@dataclass(frozen=True)
class Anchor:
    """`entry_hash` is what entry `seq` of `kiosk_id`'s chain must be."""

    kiosk_id: str
    seq: int
    entry_hash: str
    created_at: datetime | None
    reason: str
    witness: str

    def to_json(self) -> dict:
        return {"kiosk_id": self.kiosk_id, "seq": self.seq, "entry_hash": self.entry_hash,
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "reason": self.reason}


def record(session: Session, anchor: Anchor) -> None:
    session.add(AuditAnchorRow(kiosk_id=anchor.kiosk_id, seq=anchor.seq,
                               entry_hash=anchor.entry_hash, created_at=anchor.created_at,
                               reason=anchor.reason, witness=anchor.witness))


def stored(session: Session, kiosk_id: str) -> list[Anchor]:
    rows = session.scalars(select(AuditAnchorRow).where(AuditAnchorRow.kiosk_id == kiosk_id)
                           .order_by(AuditAnchorRow.seq, AuditAnchorRow.id))
    return [Anchor(r.kiosk_id, r.seq, r.entry_hash, r.created_at, r.reason, r.witness)
            for r in rows]


def latest(session: Session, kiosk_id: str) -> Anchor | None:
    r = session.scalars(select(AuditAnchorRow).where(AuditAnchorRow.kiosk_id == kiosk_id)
                        .order_by(AuditAnchorRow.created_at.desc(), AuditAnchorRow.id.desc())
                        .limit(1)).first()
    return None if r is None else Anchor(r.kiosk_id, r.seq, r.entry_hash, r.created_at,
                                         r.reason, r.witness)


def load_file(path: Path, kiosk_id: str) -> list[Anchor]:
    """Anchors exported by the back office: one JSON object per line (or a JSON list) with
    kiosk_id, seq, entry_hash and optionally created_at; other kiosks' lines are skipped."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read the anchors file {path} ({exc.strerror})") from None
    try:
        docs = json.loads(raw) if raw.lstrip().startswith("[") else [
            json.loads(line) for line in raw.splitlines() if line.strip()]
        out = []
        for d in docs:
            if d.get("kiosk_id", kiosk_id) != kiosk_id:
                continue
            when = datetime.fromisoformat(d["created_at"]) if d.get("created_at") else None
            out.append(Anchor(kiosk_id, int(d["seq"]), str(d["entry_hash"]), when,
                              str(d.get("reason", "external")), EXTERNAL))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreError(f"{path} is not an anchors file (JSON lines with kiosk_id, seq, "
                         "entry_hash)") from None
    return out


class HeadFile:
    """`{"KIOSK CHAIN": {seq, entry_hash, mac}}`, 0600, MACed with the audit key, only ever
    moved forward (under an flock, so the app and a CLI command can both append). CHAIN is the
    hash of the chain's first entry, so a kiosk moved to another database (its chain starts
    again) is not mistaken for a truncated one."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def beside(cls, key_file: Path) -> HeadFile:
        key_file = Path(key_file)
        return cls(key_file.with_name(key_file.name + ".audit-head"))

    @staticmethod
    def _mac(keys: KeyRing, name: str, seq: int, entry_hash: str) -> str:
        return keys.audit_mac(b"kiosk.audit.head.v1" + canonical(
            {"chain": name, "seq": seq, "entry_hash": entry_hash}))

    def _read_all(self) -> dict:
        try:
            doc = json.loads(self.path.read_text(encoding="ascii"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            raise StoreError(f"the audit head file {self.path} is damaged") from None
        if not isinstance(doc, dict):
            raise StoreError(f"the audit head file {self.path} is damaged")
        return doc

    def read(self, keys: KeyRing, kiosk_id: str, first_hash: str) -> Anchor | None:
        """The head this kiosk last wrote in the chain that starts with `first_hash`;
        StoreError when the file was altered."""
        name = f"{kiosk_id} {first_hash}"
        entry = self._read_all().get(name)
        if entry is None:
            return None
        try:
            seq, h, mac = int(entry["seq"]), str(entry["entry_hash"]), str(entry["mac"])
        except (KeyError, TypeError, ValueError):
            raise StoreError(f"the audit head file {self.path} is damaged") from None
        if mac != self._mac(keys, name, seq, h):
            raise StoreError(f"the audit head file {self.path} was altered (its MAC does not "
                             "match)")
        return Anchor(kiosk_id, seq, h, None, "head", HEAD_FILE)

    def other_chains(self, kiosk_id: str, first_hash: str | None) -> list[int]:
        """Heads (seq) of this kiosk's other chains the file knows: a database that should
        hold one of them was emptied or replaced (or the kiosk moved to a new store)."""
        try:
            doc = self._read_all()
        except StoreError:
            return []
        return [int(v.get("seq", 0)) for k, v in doc.items()
                if k.startswith(f"{kiosk_id} ") and k != f"{kiosk_id} {first_hash}"
                and isinstance(v, dict)]

    def advance(self, keys: KeyRing, heads: Iterable[tuple[str, str, int, str]]) -> None:
        """`heads`: (kiosk_id, first entry's hash, seq, entry_hash) after a commit."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = os.open(self.path.with_name(self.path.name + ".lock"),
                       os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                doc = self._read_all()
            except StoreError:
                doc = {}  # damaged: start again (verify-audit reports the gap it leaves)
            changed = False
            for kiosk_id, first, seq, h in heads:
                name = f"{kiosk_id} {first}"
                old = doc.get(name) or {}
                if int(old.get("seq", 0)) < seq:
                    doc[name] = {"seq": seq, "entry_hash": h,
                                 "mac": self._mac(keys, name, seq, h)}
                    changed = True
            if changed:
                tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                try:
                    os.write(fd, json.dumps(doc, sort_keys=True).encode("ascii"))
                    os.fsync(fd)
                finally:
                    os.close(fd)
                os.replace(tmp, self.path)
        finally:
            os.close(lock)
