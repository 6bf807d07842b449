"""Receipt: the reference number to keep, then back to the welcome screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from ui.screens.base import Screen


class ReceiptScreen(Screen):
    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.reference = self.label()
        self.reference.setObjectName("receiptReference")
        self.reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference.setStyleSheet("font-size: 72px; font-weight: 800; letter-spacing: 6px;")
        self.body = self.label()
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.reference)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.done_button = self.button()
        self.done_button.setObjectName("receiptDone")
        self.done_button.clicked.connect(self.core.session.finish)
        self.layout_.addWidget(self.done_button)
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.timeout.connect(self._timeout)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your form has been sent"))
        self.body.setText(self.tr("Keep this reference number. Counter staff will call you. "
                                  "Please take your card."))
        self.done_button.setText(self.tr("Done"))

    def enter(self) -> None:
        self.reference.setText(self.core.session.reference or "")
        self._auto.start(int(self.core.session.idle_timeout_s * 1000))

    def leave(self) -> None:
        self._auto.stop()

    def wipe(self) -> None:
        self.reference.clear()

    def _timeout(self) -> None:
        if self.isVisible():
            self.core.session.finish()
