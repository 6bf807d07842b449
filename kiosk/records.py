"""The kiosk's storage and accountability calls, in one place: consent, the submission with
the case it was accepted on, audit entries, today's list for staff, delivery to the back
office in the background, and printing.

Every call the app makes to kiosk.store goes through here (kiosk.logins for the logins):

    records.store() -> Store          open_store_from_config: [kiosk] id, training mode
    records.record_consent(language=, text=) -> Consent          (on "I agree")
    records.submit(work: kiosk.work.Submit) -> reference   (blocking: run in a worker)
        store.submit(code, form, actor=, subject=, verdict=, face=, override=, consent_id=,
                     parties=[Party(role, id_number, fields, verdict, face, override)])
    records.audit(event, actor=..., reference=, subject=, note=)
    records.todays() -> [Submission]                  (metadata and delivery state only)
    records.delivery_state(reference) -> pending | delivered | failed | training | unknown
    records.print_form(draft, reference=None) -> (ok, where)
    records.reprint(reference, actor=) -> (ok, where)           (audited: document.viewed)

The store writes the `face.override` audit entries itself (the declarant's and each other
party's), under the staff member's name; every person of a two-person form is indexed by
their own pseudonym (a subject request of a spouse finds the form: kiosk/store/parties.py).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import Config
from kiosk.forms import FormDraft, print_pdf, render_pdf, to_json
from kiosk.forms.printing import PaintPages
from kiosk.store import (
    AuditDetailsError,
    Consent,
    Override,
    Party,
    Store,
    StoreError,
    open_store_from_config,
)
from kiosk.store.documents import attach_pdf, write_pdf_file
from kiosk.store.documents import pdf as stored_pdf
from kiosk.store.outbox import BackgroundDelivery, delivery_disabled
from kiosk.work import PartyFacts, Submit

if TYPE_CHECKING:
    from kiosk.face.station import FaceOutcome
    from kiosk.reading import ChipRead
    from kiosk.store import Submission

log = logging.getLogger(__name__)

#: The consent text's edition; the recorded version adds a digest of the exact text shown.
CONSENT_EDITION = "2026.1"
#: What the citizen agrees to on the consent screen (before any service is chosen).
CONSENT_PURPOSE = "chip-read+face-check+form"


def party_consent_purpose(role: str) -> str:
    """What another person of the form agrees to when their card is read ("spouse", ...)."""
    return f"party:{role}:chip-read+face-check"


def consent_version(text: str) -> str:
    """`2026.1+<12 hex>`: the edition and a digest of the text as shown, so the record says
    exactly which words the citizen agreed to, in whichever language."""
    return f"{CONSENT_EDITION}+{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def verdict_facts(read: ChipRead | None, *, require_genuine: bool) -> dict[str, Any] | None:
    """The chip verdict as it travels with the form (no personal data: codes and names)."""
    if read is None:
        return None
    v = read.verdict
    checks = read.verification.checks if read.verification is not None else ()
    return {"status": v.status.value, "code": v.code.value, "files": list(v.files),
            "method": v.method, "check": v.check, "require_genuine": require_genuine,
            "checks": {c.name: c.status.value for c in checks}}


def face_facts(outcome: FaceOutcome | None) -> dict[str, Any] | None:
    """The face result as it travels with the form: decision, score (the distance: lower
    is more alike), threshold, liveness."""
    if outcome is None:
        return None
    m = outcome.match
    return {"decision": m.decision, "score": m.distance, "threshold": m.threshold,
            "target_fmr": m.target_fmr, "threshold_verified": m.threshold_verified,
            "liveness": outcome.liveness, "accepted": outcome.accepted,
            "reason": outcome.reason, "frames_used": m.frames_used}


class Records:
    def __init__(self, config: Config, *, training: bool, paint: PaintPages | None = None,
                 store_kwargs: dict[str, Any] | None = None):
        """`paint`: the UI's Qt page painter (ui/printing.py); None prints with `lp`.
        `store_kwargs`: passed to open_store (tests inject the store's clock)."""
        self.config = config
        self.training = training
        self.paint = paint
        self._store_kwargs = store_kwargs or {}
        self._store: Store | None = None
        self._delivery: BackgroundDelivery | None = None

    @property
    def require_genuine(self) -> bool:
        return bool(self.config.trust.require_genuine) and not self.training

    def store(self) -> Store:
        """The submission store, opened on first use with this kiosk's id and mode (a demo
        kiosk is a training one whatever the file says); StoreError when it cannot."""
        if self._store is None:
            self._store = open_store_from_config(self.config, training=self.training,
                                                 **self._store_kwargs)
        return self._store

    def record_consent(self, *, language: str, text: str,
                       purpose: str = CONSENT_PURPOSE) -> Consent:
        """Blocking: the citizen tapped "I agree" to `text` (as shown, in `language`);
        another person of the form gives their own (`party_consent_purpose`)."""
        return self.store().record_consent(text_version=consent_version(text),
                                           purpose=purpose, language=language)

    def submit(self, work: Submit) -> str:
        """Blocking: save the form (encrypted) with its outbox entry, the chip verdict, the
        face result, the override (the store audits it as face.override under its author)
        and the consent; print a copy if asked. Returns the reference. A form without a
        recorded consent is refused (StoreError): the law asks that consent be provable."""
        if work.consent_id is None:
            raise StoreError("no consent was recorded for this citizen, so nothing is stored "
                             "(record_consent on \"I agree\")")
        unconsented = [p.role for p in work.parties if p.read is not None and p.consent_id is None]
        if unconsented:  # each person whose card was read agreed to it themselves
            raise StoreError(f"no consent was recorded for the card read of the {unconsented[0]}, "
                             "so nothing is stored (record_consent on \"I agree: read my card\")")
        override = None
        if work.override_reason:
            override = Override(work.override_by or "", work.override_reason)
        store = self.store()
        submission = store.submit(
            work.service_code, to_json(work.draft), actor=work.actor, subject=work.subject,
            verdict=verdict_facts(work.read, require_genuine=self.require_genuine),
            face=face_facts(work.face), override=override, consent_id=work.consent_id,
            parties=[self._party(p) for p in work.parties])
        if work.print_copy:
            ok, where = self.print_form(work.draft, reference=submission.reference)
            if not ok:
                log.warning("the copy of a submission was not printed (%s)", where)
        return submission.reference

    def _party(self, p: PartyFacts) -> Party:
        """Another person of the form as the store indexes, seals and delivers them (the
        store audits their face override under its author, with their pseudonym)."""
        override = Override(p.override_by or "", p.override_reason) if p.override_reason \
            else None
        return Party(p.role, p.subject, p.fields,
                     verdict_facts(p.read, require_genuine=self.require_genuine),
                     face_facts(p.face), override, p.consent_id)

    def audit(self, event: str, *, actor: str, reference: str | None = None,
              subject: str | None = None, note: str | None = None) -> None:
        try:
            self.store().audit(event, actor=actor, reference=reference, subject=subject,
                               note=note)
        except AuditDetailsError:
            raise  # a programming error (personal data in clear details): never hide it
        except StoreError:  # the database is down: the kiosk goes on, diag health reports it
            log.warning("audit entry %s could not be written", event)

    def todays(self) -> list[Submission]:
        """Today's submissions of this kiosk's mode, newest first (metadata only)."""
        try:
            return self.store().list_today()
        except StoreError:
            return []

    def delivery_state(self, reference: str) -> str:
        """The submission's delivery state for the receipt: "pending" (saved, in the outbox),
        "delivered", "failed" (staff will send it), "training" (never sent), or "unknown"
        when the store cannot say. Blocking: run in a worker."""
        try:
            return self.store().submission(reference).status
        except StoreError:
            return "unknown"

    def print_form(self, draft: FormDraft, *, reference: str | None = None
                   ) -> tuple[bool, str]:
        """Print per [printing]; (True, where it went) or (False, why not) for staff.

        A printer ("" or a name) gets the PDF from memory; a copy is kept sealed in the
        store for a reprint when the submission exists. printer = "pdf" writes a 0600 file
        that the store deletes with the submission, so it needs the submission: a draft
        not yet submitted is not written to a file."""
        p = self.config.printing
        try:
            pdf = render_pdf(draft)
            if p.printer == "pdf":
                if reference is None:
                    return False, "submit the form first: a PDF file is kept only with its " \
                                  "submission"
                return True, str(write_pdf_file(self.store(), reference, pdf, self._pdf_dir()))
            where = print_pdf(pdf, printer=p.printer, paint=self.paint)
            if reference is not None:
                attach_pdf(self.store(), reference, pdf)
        except Exception as exc:  # noqa: BLE001 - report to staff, never crash
            return False, type(exc).__name__
        return True, where

    def reprint(self, reference: str, *, actor: str) -> tuple[bool, str]:
        """Print the sealed copy of a submission again; opening it is audited under `actor`
        (document.viewed). (False, why) when none is kept or printing fails."""
        p = self.config.printing
        try:
            pdf = stored_pdf(self.store(), reference, actor=actor)
            if p.printer == "pdf":
                return True, str(write_pdf_file(self.store(), reference, pdf, self._pdf_dir()))
            return True, print_pdf(pdf, printer=p.printer, paint=self.paint)
        except StoreError as exc:
            return False, str(exc)
        except Exception as exc:  # noqa: BLE001 - report to staff, never crash
            return False, type(exc).__name__

    def _pdf_dir(self) -> Path:
        if self.config.printing.pdf_dir:
            return Path(self.config.printing.pdf_dir)
        import platformdirs  # only for printer = "pdf" without a folder

        return Path(platformdirs.user_documents_dir()) / "chip-id-kiosk"

    def start_delivery(self) -> None:
        """Deliver confirmed forms to the back office in the background (none in training
        mode or without a back-office URL: they wait in the outbox)."""
        if self.training:
            delivery_disabled("training mode: nothing is delivered")
            return
        try:
            self._delivery = BackgroundDelivery.from_config(self.store(), self.config)
        except StoreError:  # no database: diag health says so; forms still print
            log.warning("outbox delivery not started")
            self._delivery = None
        if self._delivery is not None:
            self._delivery.start()

    def close(self) -> None:
        if self._delivery is not None:
            self._delivery.stop()
            self._delivery = None
        if self._store is not None:
            self._store.close()
            self._store = None
