"""Staff and technician login: a staff ID and a PIN, on the touch screen alone.

The ID (a staff code such as `nv01`: letters and digits) is typed on the on-screen keyboard,
the PIN (6 to 12 digits, shown as dots) on the keypad. The check runs on a worker thread
(Argon2id costs ~0.3 s) through kiosk.logins: named accounts in the store, lockout kept in
the store, every attempt audited; a training kiosk also knows the built-in login `training`
/ `000000`. A refusal is said in words (wrong ID or PIN, locked for how long, disabled, not a
technician); the screen never says whether an ID exists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.accounts import LoginRefused, StaffLogin
from kiosk.store import StoreError
from ui.screens.base import Screen
from ui.widgets.keyboard import VietnameseKeyboard
from ui.widgets.keypad import Keypad
from ui.workers import Job, run_in_pool

PIN_MIN, PIN_MAX = 6, 12  # kiosk.config.pinpolicy


class PinPad(Keypad):
    """The digit keypad for a PIN of PIN_MIN to PIN_MAX digits, shown as dots."""

    def __init__(self, parent=None):
        super().__init__(PIN_MAX, parent)

    def press(self, key: str) -> None:
        if key == "OK":
            if len(self.value()) >= PIN_MIN:
                self.submitted.emit(self.value())
            return
        super().press(key)

    def _refresh(self) -> None:
        n = len(self.value())
        self.display.setText(" ".join("●" * n) if n else "_ _ _ _ _ _")
        self.buttons["OK"].setEnabled(n >= PIN_MIN)


class LoginScreen(Screen):
    loggedIn = Signal(object)  # kiosk.accounts.StaffLogin
    cancelled = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.role = "staff"
        self._job: Job | None = None
        # first the ID on the keyboard, then (its OK) the PIN on the keypad: one at a time,
        # so the screen fits 1920x1080 and 1080x1920 alike; a tap on the ID goes back to it
        row = QHBoxLayout()
        self.id_label = QLabel()
        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("staffId")
        self.staff_id.setMaxLength(32)
        self.staff_id.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.staff_id.installEventFilter(self)
        row.addWidget(self.id_label)
        row.addWidget(self.staff_id, 1)
        self.layout_.addLayout(row)
        self.pages = QStackedWidget()
        self.keyboard = VietnameseKeyboard()
        self.keyboard.target = self.staff_id
        self.keyboard.toggle_case()  # staff codes are lower case (nv01)
        self.keyboard.done.connect(self._id_done)
        pin_page = QWidget()
        pin_column = QVBoxLayout(pin_page)
        pin_column.setContentsMargins(0, 0, 0, 0)
        self.pin_label = QLabel()
        pin_column.addWidget(self.pin_label)
        self.keypad = PinPad()
        self.keypad.setObjectName("pinKeypad")
        self.keypad.display.setStyleSheet("font-size: 48px; letter-spacing: 6px;")
        self.keypad.submitted.connect(self._submit)
        pin_column.addWidget(self.keypad, 1, Qt.AlignmentFlag.AlignHCenter)
        self.pages.addWidget(self.keyboard)
        self.pages.addWidget(pin_page)
        self.layout_.addWidget(self.pages, 1)
        self.message = self.label("error")
        self.message.setObjectName("loginMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.message)
        self.back_button = self.button("secondary")
        self.back_button.clicked.connect(self._back)
        self.layout_.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff login") if self.role == "staff"
                           else self.tr("Technician login"))
        self.id_label.setText(self.tr("Staff ID"))
        self.staff_id.setPlaceholderText(self.tr("e.g. nv01"))
        self.pin_label.setText(self.tr("PIN (6 to 12 digits)"))
        self.back_button.setText(self.tr("Back"))

    def ask(self, role: str) -> None:
        self.role = role
        self._cancel()
        self.staff_id.setText("")
        self.keypad.clear()
        self.message.clear()
        self.pages.setCurrentWidget(self.keyboard)
        self.retranslate()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.staff_id and event.type() == event.Type.MouseButtonPress:
            self.pages.setCurrentWidget(self.keyboard)
        return False

    def _id_done(self) -> None:
        if not self.staff_id.text().strip():
            self.message.setText(self.tr("Type your staff ID first"))
            return
        self.message.clear()
        self.pages.setCurrentIndex(1)

    @property
    def asking_pin(self) -> bool:
        return self.pages.currentIndex() == 1

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _submit(self, pin: str) -> None:
        staff_id = self.staff_id.text().strip().lower()
        self.keypad.clear()
        if not staff_id:
            self.message.setText(self.tr("Type your staff ID first"))
            return
        self._cancel()
        self.keypad.setEnabled(False)
        self.message.setText(self.tr("Checking..."))
        role = self.role
        self._job = run_in_pool(
            lambda _p, _c: self.core.logins.login(staff_id, pin, role=role),
            on_result=self._accepted, on_error=self._refused)

    def _accepted(self, login: StaffLogin) -> None:
        self._job = None
        self.keypad.setEnabled(True)
        self.message.clear()
        self.staff_id.setText("")
        self.loggedIn.emit(login)

    def _refused(self, exc: BaseException) -> None:
        self._job = None
        self.keypad.setEnabled(True)
        self.message.setText(self.refusal_text(exc))

    def refusal_text(self, exc: BaseException) -> str:
        if isinstance(exc, LoginRefused):
            if exc.locked_for_s > 0:
                minutes = max(1, -(-int(exc.locked_for_s) // 60))
                return self.tr("Too many wrong PINs: this account is locked. Try again in %1 "
                               "min.").replace("%1", str(minutes))
            if exc.why == "disabled":
                return self.tr("This account is disabled. Ask a technician.")
            if exc.why == "role":
                return self.tr("This account cannot open the technician area.")
            return self.tr("Wrong staff ID or PIN.")
        if isinstance(exc, StoreError):
            return self.tr("The kiosk's database cannot be reached. Call a technician.")
        return self.tr("The login could not be checked. Call a technician.")

    def _back(self) -> None:
        self._cancel()
        self.cancelled.emit()

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.keypad.setEnabled(True)

    def wipe(self) -> None:
        self.staff_id.setText("")
        self.keypad.clear()
        self.pages.setCurrentWidget(self.keyboard)
