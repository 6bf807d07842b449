"""Consent: what is read, why, how long it is kept. Only an explicit yes goes on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout

from ui.screens.base import Screen


class ConsentScreen(Screen):
    answered = Signal(bool)

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.body = self.label()
        self.layout_.addWidget(self.body, 1)
        row = QHBoxLayout()
        self.no_button = self.button("secondary")
        self.no_button.setObjectName("consentNo")
        self.yes_button = self.button()
        self.yes_button.setObjectName("consentYes")
        self.no_button.clicked.connect(lambda: self.answered.emit(False))
        self.yes_button.clicked.connect(lambda: self.answered.emit(True))
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
