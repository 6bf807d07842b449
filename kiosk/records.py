"""The kiosk's storage and accountability calls, in one place: the submission with its
outbox entry, the audit entries (logins, face overrides), today's list for staff, delivery to
the back office in the background, and printing.

Every call the app makes to kiosk.store goes through here, so the store's interface (issue 16:
named staff accounts, audit chains) is wired in one module:

    records.submit(work: kiosk.work.Submit) -> reference   (blocking: run in a worker)
    records.audit(event, actor=..., reference=, subject=, note=)
    records.todays() -> [(time, reference, service, status)]
    records.print_form(draft) -> (ok, where)
"""

from __future__ import annotations

import logging

from kiosk.config import Config
from kiosk.forms import FormDraft, print_pdf, render_pdf, to_json
from kiosk.forms.printing import PaintPages
from kiosk.store import AuditDetailsError, Store, StoreError, open_store
from kiosk.store.outbox import BackgroundDelivery
from kiosk.work import Submit

log = logging.getLogger(__name__)


class Records:
    def __init__(self, config: Config, *, training: bool, paint: PaintPages | None = None):
        """`paint`: the UI's Qt page painter (ui/printing.py); None prints with `lp`."""
        self.config = config
        self.training = training
        self.paint = paint
        self._store: Store | None = None
        self._delivery: BackgroundDelivery | None = None

    def store(self) -> Store:
        """The submission store, opened on first use (raises StoreError when it cannot)."""
        if self._store is None:
            s = self.config.store
            self._store = open_store(s.url or None, key_file=s.key_file or None)
        return self._store

    def submit(self, work: Submit) -> str:
        """Blocking: save the form (encrypted) with its outbox entry; returns the reference.
        A face override goes to the audit log with the reason sealed as a note."""
        submission = self.store().submit(work.service_code, to_json(work.draft),
                                         actor=work.actor, subject=work.subject)
        if work.override_reason:
            # the reason is free text that may name someone: stored as an encrypted note
            self.audit("face.override", actor="staff", reference=submission.reference,
                       note=work.override_reason, subject=work.subject)
        for other in work.overrides:  # another person of a two-person form (issue 17)
            self.audit("face.override", actor="staff", reference=submission.reference,
                       note=other.reason, subject=other.subject)
        if work.print_copy:
            self.print_form(work.draft)
        return submission.reference

    def audit(self, event: str, *, actor: str, reference: str | None = None,
              subject: str | None = None, note: str | None = None) -> None:
        try:
            self.store().audit(event, actor=actor, reference=reference, subject=subject,
                               note=note)
        except AuditDetailsError:
            raise  # a programming error (personal data in clear details): never hide it
        except StoreError:  # the database is down: the kiosk goes on, diag health reports it
            log.warning("audit entry %s could not be written", event)

    def todays(self) -> list[tuple[str, str, str, str]]:
        try:
            rows = self.store().list_today()
        except StoreError:
            return []
        return [(r.created_at.strftime("%H:%M"), r.reference, r.service_code, r.status)
                for r in rows]

    def print_form(self, draft: FormDraft) -> tuple[bool, str]:
        """Print per [printing]; (True, where it went) or (False, why not) for staff."""
        p = self.config.printing
        try:
            where = print_pdf(render_pdf(draft), printer=p.printer, pdf_dir=p.pdf_dir or None,
                              paint=self.paint)
        except Exception as exc:  # noqa: BLE001 - report to staff, never crash
            return False, type(exc).__name__
        return True, where

    def start_delivery(self) -> None:
        """Deliver confirmed forms to the back office in the background (none in training
        mode or without a back-office URL: they wait in the outbox)."""
        if self.training:
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
