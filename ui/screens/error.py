"""Errors: a plain message and a way forward (try again, call staff, start over)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout

from ui.screens.base import Screen

MESSAGES = {
    "access_denied": QT_TRANSLATE_NOOP("ErrorScreen", "The number did not open your card. Check the 6-digit CAN (the last 6 digits of your ID number) and try again."),
    "card_removed": QT_TRANSLATE_NOOP("ErrorScreen", "The card was moved away from the reader. Place it flat on the reader and keep it still."),
    "card_silent": QT_TRANSLATE_NOOP("ErrorScreen", "The card is not answering. Lift it off the reader, wait a moment, then place it flat on the reader again."),
    "session_lost": QT_TRANSLATE_NOOP("ErrorScreen", "The connection to the card kept dropping. Lift the card, then place it flat on the reader and keep it still."),
    "read_failed": QT_TRANSLATE_NOOP("ErrorScreen", "The card could not be read. Try again; if it happens again, please call staff."),
    "not_genuine": QT_TRANSLATE_NOOP("ErrorScreen", "This card could not be verified. Please go to the counter."),
    "cloned": QT_TRANSLATE_NOOP("ErrorScreen", "This card could not be verified. Please go to the counter."),
    "not_provable": QT_TRANSLATE_NOOP("ErrorScreen", "The kiosk could not confirm this card is genuine. Please go to the counter."),
    "no_identity": QT_TRANSLATE_NOOP("ErrorScreen", "The details on your card could not be read. Please go to the counter."),
    "no_portrait": QT_TRANSLATE_NOOP("ErrorScreen", "The photo on your card could not be read. Please go to the counter."),
    "no_camera": QT_TRANSLATE_NOOP("ErrorScreen", "The camera is not working. Please call staff."),
    "virtual_reader": QT_TRANSLATE_NOOP("ErrorScreen", "This kiosk's card reader is not approved for use. Please call staff."),
    "no_reader": QT_TRANSLATE_NOOP("ErrorScreen", "No card reader is connected. Please call staff."),
    "face_failed": QT_TRANSLATE_NOOP("ErrorScreen", "We could not confirm that the card is yours. Try again, or ask staff to check."),
    "submit_failed": QT_TRANSLATE_NOOP("ErrorScreen", "The form could not be saved. Try again, or call staff."),
    "unsupported": QT_TRANSLATE_NOOP("ErrorScreen", "This card uses a protocol the kiosk does not support. Please go to the counter."),
}


class ErrorScreen(Screen):
    staffRequested = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.message = self.label()
        self.message.setObjectName("errorMessage")
        self.message.setStyleSheet("font-size: 36px;")
        self.detail = self.label("subtitle")
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.detail)
        self.layout_.addStretch(1)
        row = QHBoxLayout()
        self.over_button = self.button("secondary")
        self.staff_button = self.button("secondary")
        self.retry_button = self.button()
        self.retry_button.setObjectName("errorRetry")
        self.over_button.clicked.connect(self.core.session.cancel)
        self.staff_button.clicked.connect(self.staffRequested.emit)
        self.retry_button.clicked.connect(self.core.session.retry)
        row.addWidget(self.over_button)
        row.addWidget(self.staff_button)
        row.addWidget(self.retry_button)
        self.layout_.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Something went wrong"))
        self.over_button.setText(self.tr("Start over"))
        self.staff_button.setText(self.tr("Call staff"))
        self.retry_button.setText(self.tr("Try again"))
        self.enter()

    def enter(self) -> None:
        err = self.core.session.error
        if err is None:
            return
        text = MESSAGES.get(err.code, MESSAGES["read_failed"])
        self.message.setText(self.tr(str(text)))
        # technical detail for staff: step and status word only, never personal data
        self.detail.setText(err.detail)
        self.retry_button.setVisible(err.retry_step is not None)
