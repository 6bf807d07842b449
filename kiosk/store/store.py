"""The submission store: submissions, their outbox rows and the audit log, in one database.

A submission, its outbox row and its audit entry are written in one transaction, so after a
crash there is either all three or none. Every public method opens its own short session, so a
`Store` can be shared between the UI's worker threads and the delivery worker (call it from a
worker, not the UI thread: a busy database waits up to the busy timeout).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import audit as audit_log
from kiosk.store.crypto import StoreKeys, form_aad, load_or_create_key, note_aad
from kiosk.store.engine import default_sqlite_url, make_engine
from kiosk.store.errors import KeyFileError, NotFound, Purged, StoreError, StoreUnavailable
from kiosk.store.migrate import upgrade
from kiosk.store.models import FAILED, PENDING, AuditRow, OutboxRow, SubmissionRow
from kiosk.store.reference import RandomBelow, new_reference, normalize_reference
from kiosk.store.submissions import OutboxStats, Submission
from kiosk.store.timeutil import Clock, utc_now

#: Fault-injection hook for crash tests: called with a step name ("submit.before_commit").
StepHook = Callable[[str], None]
_SERVICE_CODE_MAX = 64


class Store:
    def __init__(self, engine: Engine, keys: StoreKeys, *, clock: Clock = utc_now,
                 randbelow: RandomBelow = secrets.randbelow,
                 on_step: StepHook | None = None) -> None:
        self.engine = engine
        self.keys = keys
        self.clock = clock
        self._randbelow = randbelow
        self._on_step = on_step
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __repr__(self) -> str:  # no URL: it may hold a password
        return f"Store(backend={self.backend!r}, key_id={self.keys.key_id!r})"

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in a transaction that commits on success (used by outbox/retention)."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise StoreUnavailable(
                f"the {self.backend} database is not reachable or busy "
                f"({type(exc.orig).__name__}); check [store] url and that the server runs"
            ) from None

    def now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the store clock must return aware datetimes")
        return now.astimezone(UTC)

    def step(self, name: str) -> None:
        if self._on_step is not None:
            self._on_step(name)

    # --- submissions -------------------------------------------------------------------

    def submit(self, service_code: str, form: dict[str, Any], *, actor: str,
               subject: str | None = None) -> Submission:
        """Store a confirmed form, queue it for delivery and audit it, atomically.

        `subject` (e.g. the citizen's ID number) is only kept as a keyed HMAC in the audit
        log, so entries about one person can be found without naming them.
        """
        if not service_code or len(service_code) > _SERVICE_CODE_MAX:
            raise StoreError("a service code is required (at most 64 characters)")
        if not isinstance(form, dict):
            raise StoreError("the form must be a dict (the form's JSON object)")
        try:
            plaintext = json.dumps(form, ensure_ascii=False, sort_keys=True,
                                   allow_nan=False).encode("utf-8")
        except (TypeError, ValueError):
            raise StoreError("the form holds a value that is not plain JSON (text, number, "
                             "list, dict); it was not stored") from None
        for _ in range(5):
            try:
                return self._insert(service_code, plaintext, actor, subject)
            except IntegrityError:
                continue  # reference collision (1 in ~6.6e11): draw another
        raise StoreError("could not allocate a unique reference number; try again")

    def _insert(self, service_code: str, plaintext: bytes, actor: str,
                subject: str | None) -> Submission:
        reference = new_reference(self._randbelow)
        with self.transaction() as s:
            now = self.now()
            row = SubmissionRow(
                reference=reference, service_code=service_code, status=PENDING,
                created_at=now, updated_at=now, key_id=self.keys.key_id,
                form_sealed=self.keys.seal(plaintext, form_aad(reference, service_code)))
            s.add(row)
            s.flush()
            s.add(OutboxRow(submission_id=row.id, idempotency_key=str(uuid.uuid4()),
                            state=PENDING, attempts=0, next_attempt_at=now))
            audit_log.append(
                s, now=now, event="submission.created", actor=actor, reference=reference,
                subject_hmac=self.keys.subject_hmac(subject) if subject else None,
                details={"service_code": service_code})
            s.flush()
            self.step("submit.before_commit")
            result = Submission.from_row(row)
        self.step("submit.committed")
        return result

    def _row(self, s: Session, reference: str) -> SubmissionRow:
        row = s.scalars(select(SubmissionRow).where(
            SubmissionRow.reference == normalize_reference(reference))).first()
        if row is None:
            raise NotFound(f"no submission with reference {normalize_reference(reference)}")
        return row

    def submission(self, reference: str) -> Submission:
        with self.transaction() as s:
            return Submission.from_row(self._row(s, reference))

    def get(self, reference: str, *, actor: str | None = None) -> dict[str, Any]:
        """The decrypted form of one submission (personal data: do not log it).

        With `actor` (staff opening a past submission) the read is audited as
        "submission.viewed": who looked at whose data is itself worth recording.
        """
        with self.transaction() as s:
            row = self._row(s, reference)
            sealed, key_id = row.form_sealed, row.key_id
            ref, service = row.reference, row.service_code
            if actor is not None and sealed is not None:
                audit_log.append(s, now=self.now(), event="submission.viewed", actor=actor,
                                 reference=ref, subject_hmac=None, details=None)
        if sealed is None:
            raise Purged(f"submission {ref} was purged under the retention policy; its form "
                         "no longer exists")
        if key_id != self.keys.key_id:
            raise KeyFileError("this submission was encrypted with a different key file; "
                               "check [store] key_file (kiosks sharing a store need the same "
                               "key)")
        return json.loads(self.keys.open(sealed, form_aad(ref, service)))

    def list_today(self, *, tz: tzinfo | None = None) -> list[Submission]:
        """Today's submissions (local day of the kiosk, or `tz`), newest first."""
        now = self.now()
        local = now.astimezone(tz) if tz else now.astimezone()
        start = datetime.combine(local.date(), time(0), local.tzinfo).astimezone(UTC)
        return self.list_submissions(since=start, until=start + timedelta(days=1))

    def list_submissions(self, *, since: datetime | None = None, until: datetime | None = None,
                         status: str | None = None, limit: int = 1000) -> list[Submission]:
        q = select(SubmissionRow).order_by(SubmissionRow.created_at.desc(),
                                           SubmissionRow.id.desc()).limit(limit)
        if since is not None:
            q = q.where(SubmissionRow.created_at >= since)
        if until is not None:
            q = q.where(SubmissionRow.created_at < until)
        if status is not None:
            q = q.where(SubmissionRow.status == status)
        with self.transaction() as s:
            return [Submission.from_row(r) for r in s.scalars(q)]

    def outbox_stats(self) -> OutboxStats:
        with self.transaction() as s:
            pending, oldest = s.execute(
                select(func.count(OutboxRow.id), func.min(SubmissionRow.created_at))
                .join(SubmissionRow, SubmissionRow.id == OutboxRow.submission_id)
                .where(OutboxRow.state == PENDING)).one()
            failed = s.scalar(select(func.count(SubmissionRow.id))
                              .where(SubmissionRow.status == FAILED))
        return OutboxStats(int(pending), int(failed or 0), oldest)

    # --- audit -------------------------------------------------------------------------

    def audit(self, event: str, *, actor: str, reference: str | None = None,
              details: dict[str, Any] | None = None, subject: str | None = None,
              note: str | None = None) -> audit_log.AuditEntry:
        """Record who did what (e.g. event="face.override", actor="staff:nv01",
        reference=..., note="customer wears thick glasses").

        `details`: small non-personal values, stored in clear for reporting. `note`: free text
        that may mention a person, stored encrypted (and purged with the submission).
        `subject`: a person's identifier, stored only as a keyed HMAC.
        """
        ref = normalize_reference(reference) if reference else None
        sealed = None
        if note is not None:
            sealed = self.keys.seal(note.encode("utf-8"), note_aad(ref))
        with self.transaction() as s:
            return audit_log.append(
                s, now=self.now(), event=event, actor=actor, reference=ref,
                subject_hmac=self.keys.subject_hmac(subject) if subject else None,
                details=details, note_sealed=sealed)

    def audit_note(self, seq: int) -> str | None:
        """The decrypted note of audit entry `seq` (None: no note, or purged)."""
        with self.transaction() as s:
            row = s.scalars(select(AuditRow).where(AuditRow.seq == seq)).first()
            if row is None or row.note_sealed is None:
                return None
            sealed, ref = row.note_sealed, row.reference
        return self.keys.open(sealed, note_aad(ref)).decode("utf-8")

    def audit_entries(self, *, reference: str | None = None,
                      subject: str | None = None) -> list[audit_log.AuditEntry]:
        q = select(AuditRow).order_by(AuditRow.seq)
        if reference:
            q = q.where(AuditRow.reference == normalize_reference(reference))
        if subject:
            q = q.where(AuditRow.subject_hmac == self.keys.subject_hmac(subject))
        with self.transaction() as s:
            return [audit_log.to_entry(r) for r in s.scalars(q)]

    def verify_audit(self) -> audit_log.AuditVerification:
        """Check the whole hash chain; reports the first broken entry's seq."""
        with self.transaction() as s:
            rows = s.scalars(select(AuditRow).order_by(AuditRow.seq).execution_options(
                yield_per=1000))
            return audit_log.verify_chain(rows)

    # --- retention and delivery ----------------------------------------------------------

    def purge(self, *, after_delivery_days: int, undelivered_days: int,
              dry_run: bool = False, actor: str = "system:retention"):
        from kiosk.store.retention import purge

        return purge(self, after_delivery_days=after_delivery_days,
                     undelivered_days=undelivered_days, dry_run=dry_run, actor=actor)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, key_file: str | Path | None = None,
               clock: Clock = utc_now, on_step: StepHook | None = None) -> Store:
    """Open (creating and migrating as needed) the store.

    `url` None: SQLite in the per-user data folder; `key_file` None: store.key beside it.
    The key file is created on first use only while the database holds no encrypted form:
    a wrong or lost key path must stop the kiosk, not silently start a second key.
    """
    from kiosk.config.files import user_data_dir

    data = user_data_dir()
    url = url or default_sqlite_url(data)
    key_path = Path(key_file) if key_file else data / "store.key"
    engine = make_engine(url)
    try:
        upgrade(engine)
        in_use = _latest_key_id(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreUnavailable(
            f"cannot open the store database ({type(exc.orig).__name__}); check [store] url "
            "and that the database server is running") from None
    if in_use is not None and not key_path.exists():
        engine.dispose()
        raise KeyFileError(f"the key file {key_path} is missing but the database holds "
                           "encrypted forms; restore the key file from its backup or fix "
                           "[store] key_file")
    keys = load_or_create_key(key_path)
    if in_use is not None and in_use != keys.key_id:
        engine.dispose()
        raise KeyFileError(f"the key file {key_path} is not the key this database was written "
                           "with; fix [store] key_file (kiosks sharing a store need the same "
                           "key file)")
    return Store(engine, keys, clock=clock, on_step=on_step)


def _latest_key_id(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(SubmissionRow.key_id)
                            .where(SubmissionRow.form_sealed.is_not(None))
                            .order_by(SubmissionRow.id.desc()).limit(1)).scalar()


def open_store_from_config(config: Any, **kwargs: Any) -> Store:
    """open_store with the [store] settings of a kiosk.config.Config."""
    return open_store(config.store.url or None, key_file=config.store.key_file or None,
                      **kwargs)


__all__ = ["Store", "open_store", "open_store_from_config"]
