"""PIN entry for staff and technicians, with lockout after repeated failures.

The PIN hashes live in the config (never plain PINs); checking and lockout are in
kiosk.core (`check_pin`), so the rule holds whatever screen asks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from ui.screens.base import Screen
from ui.widgets.keypad import Keypad


class LoginScreen(Screen):
    loggedIn = Signal(str)  # role
    cancelled = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.role = "staff"
        self.keypad = Keypad(6)
        self.keypad.setObjectName("pinKeypad")
        self.keypad.display.setStyleSheet("font-size: 48px; letter-spacing: 6px;")
        self.keypad.submitted.connect(self._submit)
        self.message = self.label("error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.keypad, 1)
        self.layout_.addWidget(self.message)
        self.back_button = self.button("secondary")
        self.back_button.clicked.connect(self.cancelled.emit)
        self.layout_.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff PIN") if self.role == "staff" else self.tr("Technician PIN"))
        self.back_button.setText(self.tr("Back"))

    def ask(self, role: str) -> None:
        self.role = role
        self.keypad.clear()
        self.message.clear()
        self.retranslate()

    def _submit(self, pin: str) -> None:
        result = self.core.check_pin(self.role, pin)
        self.keypad.clear()
        if result.ok:
            self.loggedIn.emit(self.role)
        elif result.locked_for_s:
            self.message.setText(self.tr("Too many wrong PINs. Try again in %1 s.")
                                 .replace("%1", str(int(result.locked_for_s))))
        else:
            self.message.setText(self.tr("Wrong PIN"))

    def wipe(self) -> None:
        self.keypad.clear()
