"""A numeric keypad for the 6-digit CAN: big keys, no physical keyboard needed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Keypad(QWidget):
    """Digits, backspace and OK. Emits `submitted(str)` with exactly `length` digits."""

    submitted = Signal(str)
    changed = Signal(str)

    def __init__(self, length: int = 6, parent: QWidget | None = None):
        super().__init__(parent)
        self.length = length
        self._digits = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the screen's margins are enough
        self.display = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.display.setObjectName("keypadDisplay")  # styled by ui.theme
        layout.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setProperty("role", "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        layout.addLayout(grid)
        self._refresh()

    def press(self, key: str) -> None:
        if key == "⌫":
            self._digits = self._digits[:-1]
        elif key == "OK":
            if len(self._digits) == self.length:
                self.submitted.emit(self._digits)
            return
        elif key.isdigit() and len(self._digits) < self.length:
            self._digits += key
        self._refresh()
        self.changed.emit(self._digits)

    def enter(self, digits: str) -> None:
        """Tap each of `digits`, then OK: what a person does (the screenshot tour, the
        tests). OK submits only when the keypad is full, as the button does."""
        for digit in digits:
            self.press(digit)
        self.press("OK")

    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    def value(self) -> str:
        return self._digits

    def _refresh(self) -> None:
        shown = self._digits + "_" * (self.length - len(self._digits))
        self.display.setText(" ".join(shown))
        self.buttons["OK"].setEnabled(len(self._digits) == self.length)
