"""The tables. Clear columns hold only non-personal metadata for reporting; personal data (the
form, the case, notes, PDFs) is only ever in `*_sealed` columns, encrypted (crypto.py), each
row naming the key that sealed it (`key_id`). Pseudonyms (`subject_hmac`) are keyed hashes.

Every row that belongs to one kiosk carries its `kiosk_id`; on a central PostgreSQL store,
row-level security confines each kiosk's database role to its own rows (pgroles.py).

Changing a table means a new Alembic revision in migrations/versions/.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.store.timeutil import UTCDateTime

PENDING, DELIVERED, FAILED, PURGED, TRAINING = "pending", "delivered", "failed", "purged", \
    "training"
STATUSES = (PENDING, DELIVERED, FAILED, PURGED, TRAINING)
KIOSK_ID_LEN = 40


class Base(DeclarativeBase):
    pass


def _kiosk() -> Mapped[str]:
    return mapped_column(String(KIOSK_ID_LEN), nullable=False, server_default="")


class SubmissionRow(Base):
    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_kiosk_status", "kiosk_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = _kiosk()
    reference: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    service_code: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    #: made in training mode: never delivered, whatever the mode later
    training: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    #: who confirmed it ("staff:nv01", "citizen"): shown on the staff screen
    created_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: why the personal data went: "retention", "undelivered", "subject_request"
    purge_reason: Mapped[str | None] = mapped_column(String(24), nullable=True)
    key_id: Mapped[str] = mapped_column(String(16), nullable=False)
    #: AES-GCM nonce || ciphertext || tag of the form JSON; NULL once purged.
    form_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: verdict, face result, override (who, why), consent: sealed with the same key
    case_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: keyed pseudonym of the citizen's ID number (finds one person's data); NULL once purged
    subject_hmac: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    consent_id: Mapped[int | None] = mapped_column(
        ForeignKey("consents.id", ondelete="SET NULL"), nullable=True)


class SubmissionPartyRow(Base):
    """Another person of a submission's form (a spouse, a parent, the deceased): the keyed
    pseudonym of their ID number, so a request of theirs finds the form (parties.py).
    Deleted with the submission's personal data (retention, erasure)."""

    __tablename__ = "submission_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = _kiosk()
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    subject_hmac: Mapped[str] = mapped_column(String(64), nullable=False, index=True)


class OutboxRow(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = _kiosk()
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), unique=True, nullable=False)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    #: a process identity (host, boot, pid, start time, instance), never just a host name
    lease_owner: Mapped[str | None] = mapped_column(String(128), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: HTTP status or exception class only: never a response body (it may echo the form).
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditRow(Base):
    """One audit entry. Entries written by this version are HMAC-chained per kiosk
    (`mac_key_id` set); entries from before revision 0003 are SHA-256-chained (legacy)."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("kiosk_id", "seq", name="uq_audit_log_kiosk_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = _kiosk()
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    event: Mapped[str] = mapped_column(String(64), nullable=False)
    actor: Mapped[str] = mapped_column(String(128), nullable=False)
    reference: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    #: legacy entries only: the pseudonym itself (new entries keep it in audit_private)
    subject_hmac: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: SHA-256(salt || pseudonym): in the chain; unlinkable once the salt is purged
    subject_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    details: Mapped[str] = mapped_column(Text, nullable=False)
    #: digest of the note, in the chain: HMAC(audit key, note) for keyed entries, SHA-256 of
    #: the sealed note for legacy ones; the sealed note itself lives in audit_private
    note_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    entry_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    mac_key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)


class AuditPrivateRow(Base):
    """The deletable, personal part of an audit entry: the pseudonym and the sealed note.
    Retention and erasure delete these rows; the chain covers only their digests."""

    __tablename__ = "audit_private"

    kiosk_id: Mapped[str] = mapped_column(String(KIOSK_ID_LEN), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_salt: Mapped[str | None] = mapped_column(String(32), nullable=True)
    subject_hmac: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    note_key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: legacy entries whose note was re-encrypted (key rotation): the keyed digest of the
    #: note, checked instead of the SHA-256 of the original ciphertext the legacy hash covers
    note_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class AuditAnchorRow(Base):
    """A chain head vouched for outside the log itself. Insert-only: on PostgreSQL kiosk roles
    may INSERT and SELECT their own anchors, never UPDATE or DELETE (pgroles.py)."""

    __tablename__ = "audit_anchors"
    __table_args__ = (Index("ix_audit_anchors_kiosk_seq", "kiosk_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(KIOSK_ID_LEN), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    entry_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: "interval", "delivery", "manual", "purge"
    reason: Mapped[str] = mapped_column(String(16), nullable=False)
    #: "store" (this table), "backoffice" (the back office acknowledged it)
    witness: Mapped[str] = mapped_column(String(16), nullable=False)


class ConsentRow(Base):
    """Consent as given on the consent screen: which text (version), for what, when."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = _kiosk()
    text_version: Mapped[str] = mapped_column(String(64), nullable=False)
    purpose: Mapped[str] = mapped_column(String(64), nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class DocumentRow(Base):
    """A document made from a submission (the printed form's PDF), sealed; purged with it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = _kiosk()
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    key_id: Mapped[str] = mapped_column(String(16), nullable=False)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: a plaintext copy written for a printer that needs a file (0600); deleted with the row
    file_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class StaffAccountRow(Base):
    """A named staff member or technician. The PIN only as an Argon2id hash."""

    __tablename__ = "staff_accounts"

    staff_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    pin_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    failed_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SettingRow(Base):
    """The last audited value of each security-relevant setting, per kiosk: a settings file
    that differs was edited outside `kiosk config set` (kiosk.config.guard)."""

    __tablename__ = "settings_audit"

    kiosk_id: Mapped[str] = mapped_column(String(KIOSK_ID_LEN), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text, nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(128), nullable=False)
