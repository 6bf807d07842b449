"""Consent: what is read, why, how long it is kept. Only an explicit yes goes on, and the
yes is recorded first (kiosk.records.Records.record_consent: which text, in which language,
for what, when), on a worker thread; the submission then carries the consent's id. If the
kiosk cannot record it, nothing is read and the citizen is told to ask staff."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout

from kiosk.session import Step
from ui.screens.base import Screen
from ui.workers import Job, run_in_pool


class ConsentScreen(Screen):
    #: (given, the recorded consent's id or None); a yes is emitted once it is recorded
    answered = Signal(bool, object)

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self._job: Job | None = None
        self.body = self.label()
        self.layout_.addWidget(self.body, 1)
        self.message = self.label("error")
        self.message.setObjectName("consentMessage")
        self.layout_.addWidget(self.message)
        row = QHBoxLayout()
        self.no_button = self.button("secondary")
        self.no_button.setObjectName("consentNo")
        self.yes_button = self.button()
        self.yes_button.setObjectName("consentYes")
        self.no_button.clicked.connect(self._decline)
        self.yes_button.clicked.connect(self._agree)
        row.addWidget(self.no_button)
        row.addWidget(self.yes_button)
        self.layout_.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        days = self.core.retention_days()
        self.title.setText(self.tr("May we read your ID card?"))
        paragraphs = [
            self.tr("What we read from the chip: ID number, full name, date of birth, sex, "
                    "nationality, ethnicity, religion, place of origin, residence, parents' and "
                    "spouse's names, issue and expiry dates, and your photo."),
            self.tr("Why: to fill in the form of the service you choose, and to check with the "
                    "camera that the card is yours. Ethnicity, religion and your photo are "
                    "sensitive personal data."),
            self.tr("How long: everything on this kiosk is erased when you remove your card or "
                    "leave. A submitted form is kept encrypted and deleted %1 days after it "
                    "reaches the office.").replace("%1", str(days)),
            self.tr("Nothing is read unless you tap \"I agree\"."),
        ]
        self.body.setText("\n\n".join(paragraphs))
        self.yes_button.setText(self.tr("I agree"))
        self.no_button.setText(self.tr("I do not agree"))

    def enter(self) -> None:
        self.message.clear()
        self._busy(False)

    def shown_text(self) -> str:
        """The consent text exactly as shown (its digest is the recorded version)."""
        return f"{self.title.text()}\n\n{self.body.text()}"

    def _agree(self) -> None:
        if self._job is not None:
            return
        self._busy(True)
        self.message.clear()
        language, text = self.core.session.language, self.shown_text()
        self._job = run_in_pool(
            lambda _p, _c: self.core.records.record_consent(language=language, text=text),
            on_result=self._recorded, on_error=self._failed)

    def _recorded(self, consent) -> None:  # noqa: ANN001 - kiosk.store.Consent
        self._job = None
        self._busy(False)
        if self.core.session.step is Step.CONSENT:  # not wiped meanwhile
            self.answered.emit(True, consent.id)

    def _failed(self, _exc: BaseException) -> None:
        self._job = None
        self._busy(False)
        self.message.setText(self.tr("Your consent could not be recorded just now, so nothing "
                                     "will be read. Please ask the staff at the counter."))

    def _decline(self) -> None:
        self.wipe()
        self.answered.emit(False, None)

    def _busy(self, busy: bool) -> None:
        self.yes_button.setEnabled(not busy)
        self.no_button.setEnabled(not busy)

    def wipe(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._busy(False)
        self.message.clear()
