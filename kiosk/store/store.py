"""The submission store: submissions, their outbox rows and the audit log, in one database.

A submission, its outbox row and its audit entries are written in one transaction, so after a
crash there is either all of them or none. Every public method opens its own short session,
so a `Store` can be shared between the UI's worker threads and the delivery worker (call it
from a worker, not the UI thread: a busy database waits up to the busy timeout).

A store belongs to one kiosk (`kiosk_id`): it reads and writes only that kiosk's rows, with
that kiosk's keys. Opening one: kiosk.store.open_store (opening.py).
"""

from __future__ import annotations

import json
import logging
import secrets
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import audit as audit_log
from kiosk.store import casefile
from kiosk.store.anchors import HeadFile
from kiosk.store.casefile import Consent, Override
from kiosk.store.crypto import case_aad, form_aad
from kiosk.store.errors import NotFound, Purged, StoreError, StoreForbidden, StoreUnavailable
from kiosk.store.keys import KeyRing, file_stamp, load_keyring
from kiosk.store.models import (
    FAILED,
    PENDING,
    TRAINING,
    ConsentRow,
    OutboxRow,
    SubmissionPartyRow,
    SubmissionRow,
)
from kiosk.store.parties import Party, case_entry, check_parties
from kiosk.store.reference import RandomBelow, new_reference, normalize_reference
from kiosk.store.retention import PurgeReport, purge
from kiosk.store.storeaudit import AuditMixin
from kiosk.store.submissions import OutboxStats, Submission
from kiosk.store.timeutil import Clock, utc_now

log = logging.getLogger(__name__)
#: Fault-injection hook for crash tests: called with a step name ("submit.before_commit").
StepHook = Callable[[str], None]
_SERVICE_CODE_MAX = 64


class Store(AuditMixin):
    def __init__(self, engine: Engine, keys: KeyRing, *, clock: Clock = utc_now,
                 randbelow: RandomBelow = secrets.randbelow,
                 on_step: StepHook | None = None, kiosk_id: str = "local",
                 key_file: str | Path | None = None, training: bool = False,
                 central: bool = False) -> None:
        self.engine = engine
        self.kiosk_id = kiosk_id
        self.training = training
        #: True on a central (PostgreSQL) store: anchors recorded here are out of reach
        self.central = central
        self.clock = clock
        self.key_file = Path(key_file) if key_file else None
        self.head_file = HeadFile.beside(self.key_file) if self.key_file else None
        self._keys = keys
        self._key_stamp = file_stamp(self.key_file) if self.key_file else None
        self._randbelow = randbelow
        self._on_step = on_step
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __repr__(self) -> str:  # no URL: it may hold a password
        return (f"Store(backend={self.backend!r}, kiosk_id={self.kiosk_id!r}, "
                f"key_id={self.keys.key_id!r})")

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def keys(self) -> KeyRing:
        """The kiosk's keys, reloaded when the key file changes (`rotate-key` in another
        process), so no process goes on sealing with a key that is being retired."""
        if self.key_file is not None:
            stamp = file_stamp(self.key_file)
            if stamp is not None and stamp != self._key_stamp:
                self._keys, self._key_stamp = load_keyring(self.key_file), stamp
        return self._keys

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in a transaction that commits on success; after the commit, the audit
        head file moves to the newest entry written in it."""
        try:
            with self._sessions() as session:
                with session.begin():
                    yield session
                heads = session.info.pop("audit_heads", None)
        except OperationalError as exc:
            raise StoreUnavailable(
                f"the {self.backend} database is not reachable or busy "
                f"({type(exc.orig).__name__}); check [store] url and that the server runs"
            ) from None
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) in ("42501",):  # insufficient_privilege
                raise StoreForbidden(
                    f"the database role of kiosk {self.kiosk_id!r} may not do this "
                    f"({type(exc.orig).__name__}): kiosk roles cannot change or delete "
                    "audit entries or anchors, nor touch other kiosks' rows") from None
            raise
        if heads and self.head_file is not None:
            try:
                self.head_file.advance(self.keys, [(k, *v) for k, v in heads.items()])
            except OSError as exc:  # committed already: never report a done write as failed
                log.warning("the audit head file could not be updated (%s); verify-audit "
                            "will say so", type(exc).__name__)

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
               subject: str | None = None, training: bool | None = None,
               verdict: Mapping[str, Any] | None = None, face: Mapping[str, Any] | None = None,
               override: Override | None = None, consent_id: int | None = None,
               parties: Sequence[Party] = ()) -> Submission:
        """Store a confirmed form, queue it for delivery and audit it, atomically.

        `subject` (the citizen's ID number) is kept only as keyed pseudonyms (to find one
        person's data on request). `training` None: the store's mode; a training submission
        is marked, gets no outbox row and is never delivered. `verdict`, `face` (plain JSON
        dicts) and `override` (who, why) are sealed with the form and delivered with it; an
        override is also audited as "face.override" under the staff member's name.
        `consent_id`: the consent recorded on the consent screen (record_consent).
        `parties`: the other people of a two-person form (parties.Party: role, ID number,
        their fields, verdict, face result, override, consent), each indexed by their own pseudonym
        so that a request of theirs finds the form, and audited ("submission.party", and
        "face.override" for an override of their face check).
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
        audit_log.check_actor(actor)
        override = override.checked() if override is not None else None
        others = check_parties(parties, subject)
        training = self.training if training is None else bool(training)
        for _ in range(5):
            try:
                return self._insert(service_code, plaintext, actor, subject, training,
                                    verdict, face, override, consent_id, others)
            except IntegrityError:
                continue  # reference collision (1 in ~6.6e11): draw another
        raise StoreError("could not allocate a unique reference number; try again")

    def _insert(self, service_code: str, plaintext: bytes, actor: str, subject: str | None,
                training: bool, verdict: Mapping[str, Any] | None,
                face: Mapping[str, Any] | None, override: Override | None,
                consent_id: int | None, parties: tuple[Party, ...]) -> Submission:
        reference = new_reference(self._randbelow)
        keys = self.keys
        pseudonym = keys.subject_hmac(subject) if subject else None
        with self.transaction() as s:
            now = self.now()
            case = casefile.build(training=training, created_by=actor, verdict=verdict,
                                  face=face, override=override,
                                  consent=self._consent(s, consent_id),
                                  parties=[case_entry(p, self._consent(s, p.consent_id))
                                           for p in parties])
            row = SubmissionRow(
                kiosk_id=self.kiosk_id, reference=reference, service_code=service_code,
                status=TRAINING if training else PENDING, training=training,
                created_by=actor, created_at=now, updated_at=now, key_id=keys.key_id,
                form_sealed=keys.seal(plaintext, form_aad(reference, service_code)),
                case_sealed=keys.seal(case, case_aad(reference)), subject_hmac=pseudonym,
                consent_id=consent_id)
            s.add(row)
            s.flush()
            if not training:
                s.add(OutboxRow(kiosk_id=self.kiosk_id, submission_id=row.id,
                                idempotency_key=str(uuid.uuid4()), state=PENDING,
                                attempts=0, next_attempt_at=now))
            details: dict[str, Any] = {"service_code": service_code}
            if training:
                details["training"] = True
            self._append(s, now, "submission.created", actor, reference, pseudonym, details)
            if override is not None:
                self._append(s, now, "face.override", override.by, reference, pseudonym,
                             {"training": True} if training else None,
                             note=override.reason)
            for p in parties:
                theirs = keys.subject_hmac(p.subject) if p.subject else None
                if theirs is not None:
                    s.add(SubmissionPartyRow(kiosk_id=self.kiosk_id, submission_id=row.id,
                                             role=p.role, subject_hmac=theirs))
                    self._append(s, now, "submission.party", actor, reference, theirs,
                                 {"role": p.role, **({"training": True} if training else {})})
                if p.override is not None:
                    self._append(s, now, "face.override", p.override.by, reference, theirs,
                                 {"role": p.role, **({"training": True} if training else {})},
                                 note=p.override.reason)
            s.flush()
            self.step("submit.before_commit")
            result = Submission.from_row(row)
        self.step("submit.committed")
        return result

    def _consent(self, s: Session, consent_id: int | None) -> Consent | None:
        """The recorded consent of this id (None: none was given, e.g. a typed party)."""
        if consent_id is None:
            return None
        row = s.get(ConsentRow, consent_id)
        if row is None or row.kiosk_id != self.kiosk_id:
            raise StoreError(f"no consent {consent_id} was recorded on this kiosk")
        return Consent(row.id, row.text_version, row.purpose, row.language, row.given_at)

    def record_consent(self, *, text_version: str, purpose: str, language: str = "vi",
                       actor: str = "citizen") -> Consent:
        """The citizen agreed on the consent screen: which text (its version), for what
        purpose (e.g. the service code or "chip-read"), in which language, when. Pass the
        returned id to submit(consent_id=...)."""
        for name, value, limit in (("text_version", text_version, 64),
                                   ("purpose", purpose, 64), ("language", language, 8)):
            if not value or len(value) > limit:
                raise StoreError(f"consent {name} is required (at most {limit} characters)")
        with self.transaction() as s:
            now = self.now()
            row = ConsentRow(kiosk_id=self.kiosk_id, text_version=text_version,
                             purpose=purpose, language=language, given_at=now)
            s.add(row)
            s.flush()
            self._append(s, now, "consent.given", actor, None, None,
                         {"consent_id": row.id, "text_version": text_version,
                          "purpose": purpose, "language": language})
            return Consent(row.id, text_version, purpose, language, now)

    def _row(self, s: Session, reference: str) -> SubmissionRow:
        row = s.scalars(select(SubmissionRow).where(
            SubmissionRow.kiosk_id == self.kiosk_id,
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
                self._append(s, self.now(), "submission.viewed", actor, ref, None, None)
        if sealed is None:
            raise Purged(f"submission {ref} was purged under the retention policy; its form "
                         "no longer exists")
        return json.loads(self.keys.open(sealed, form_aad(ref, service), key_id))

    def case(self, reference: str) -> dict[str, Any]:
        """The verdict, face result, override (who, why) and consent of a submission."""
        with self.transaction() as s:
            row = self._row(s, reference)
            sealed, key_id, ref, purged = (row.case_sealed, row.key_id, row.reference,
                                           row.purged_at)
        if sealed is None and purged is not None:
            raise Purged(f"submission {ref} was purged; its case no longer exists")
        return casefile.parse(None if sealed is None else self.keys.open(
            sealed, case_aad(ref), key_id))

    def list_today(self, *, tz: tzinfo | None = None,
                   training: bool | None = None) -> list[Submission]:
        """Today's submissions (local day of the kiosk, or `tz`), newest first, with their
        delivery state. `training` None: the store's mode (training kiosks list training
        submissions, others real ones)."""
        now = self.now()
        local = now.astimezone(tz) if tz else now.astimezone()
        start = datetime.combine(local.date(), time(0), local.tzinfo).astimezone(UTC)
        return self.list_submissions(since=start, until=start + timedelta(days=1),
                                     training=self.training if training is None else training)

    def list_submissions(self, *, since: datetime | None = None, until: datetime | None = None,
                         status: str | None = None, limit: int = 1000,
                         training: bool | None = None) -> list[Submission]:
        q = (select(SubmissionRow, OutboxRow)
             .outerjoin(OutboxRow, OutboxRow.submission_id == SubmissionRow.id)
             .where(SubmissionRow.kiosk_id == self.kiosk_id)
             .order_by(SubmissionRow.created_at.desc(), SubmissionRow.id.desc()).limit(limit))
        if since is not None:
            q = q.where(SubmissionRow.created_at >= since)
        if until is not None:
            q = q.where(SubmissionRow.created_at < until)
        if status is not None:
            q = q.where(SubmissionRow.status == status)
        if training is not None:
            q = q.where(SubmissionRow.training.is_(training))
        with self.transaction() as s:
            return [Submission.from_row(r, b) for r, b in s.execute(q)]

    def outbox_stats(self) -> OutboxStats:
        with self.transaction() as s:
            pending, oldest = s.execute(
                select(func.count(OutboxRow.id), func.min(SubmissionRow.created_at))
                .join(SubmissionRow, SubmissionRow.id == OutboxRow.submission_id)
                .where(OutboxRow.state == PENDING,
                       SubmissionRow.kiosk_id == self.kiosk_id)).one()
            failed = s.scalar(select(func.count(SubmissionRow.id)).where(
                SubmissionRow.status == FAILED, SubmissionRow.kiosk_id == self.kiosk_id))
        return OutboxStats(int(pending), int(failed or 0), oldest)

    # --- retention -------------------------------------------------------------------------

    def purge(self, *, after_delivery_days: int, undelivered_days: int,
              dry_run: bool = False, actor: str = "system:retention",
              audit_pseudonym_days: int | None = None,
              pdf_dir: str | Path | None = None) -> PurgeReport:
        """Delete personal data past its retention period (retention.py)."""
        return purge(self, after_delivery_days=after_delivery_days,
                     undelivered_days=undelivered_days, dry_run=dry_run, actor=actor,
                     audit_pseudonym_days=audit_pseudonym_days, pdf_dir=pdf_dir)

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["Store"]
