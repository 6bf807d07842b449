"""An on-screen keyboard that types Vietnamese into the focused line edit.

Letters, digits and punctuation type as on any keyboard; the mark row reshapes the last letter
(ă â ê ô ơ ư đ) and puts one of the five tones on the right vowel of the word being typed
(rules in kiosk.vietnamese). Keys never take focus, so the field keeps its cursor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QGridLayout, QLineEdit, QPushButton, QWidget

from kiosk.vietnamese import apply_shape, apply_tone

ROWS = [
    list("1234567890"),
    list("QWERTYUIOP"),
    list("ASDFGHJKL/"),
    list("ZXCVBNM,.-"),
]
MARKS = [
    ("ă", ("shape", "breve")), ("â ê ô", ("shape", "circumflex")), ("ơ ư", ("shape", "horn")),
    ("đ", ("shape", "stroke")), ("´", ("tone", "sac")), ("`", ("tone", "huyen")),
    ("̉ ?", ("tone", "hoi")), ("~", ("tone", "nga")), ("·", ("tone", "nang")),
    ("⊘", ("tone", None)),
]


class VietnameseKeyboard(QWidget):
    """Types into `target` (or the focused QLineEdit when no target is set)."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.upper = True
        grid = QGridLayout(self)
        grid.setSpacing(4)
        self.letter_buttons: list[QPushButton] = []
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                b = self._key(ch, lambda _=False, ch=ch: self.type_text(ch if self.upper else ch.lower()))
                grid.addWidget(b, r, c)
                if ch.isalpha():
                    self.letter_buttons.append(b)
        for c, (label, (kind, arg)) in enumerate(MARKS):
            b = self._key(label, lambda _=False, k=kind, a=arg: self.mark(k, a))
            b.setProperty("role", "kbmark")  # outlined: marks, not letters (ui.theme)
            grid.addWidget(b, 4, c)
        shift = self._key("⇧", lambda: self.toggle_case())
        space = self._key("␣", lambda: self.type_text(" "))
        back = self._key("⌫", self.backspace)
        ok = self._key("OK", self.done.emit)
        grid.addWidget(shift, 5, 0, 1, 2)
        grid.addWidget(space, 5, 2, 1, 5)
        grid.addWidget(back, 5, 7, 1, 1)
        grid.addWidget(ok, 5, 8, 1, 2)

    def _key(self, label: str, slot) -> QPushButton:
        b = QPushButton(label)
        b.setProperty("role", "kbkey")  # 10 keys a row must fit a 1080 px portrait screen
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(slot)
        return b

    def _edit(self) -> QLineEdit | None:
        if self.target is not None:
            return self.target
        w = QApplication.focusWidget()
        return w if isinstance(w, QLineEdit) and not w.isReadOnly() else None

    def type_text(self, text: str) -> None:
        edit = self._edit()
        if edit is not None:
            edit.insert(text)

    def backspace(self) -> None:
        edit = self._edit()
        if edit is not None:
            edit.backspace()

    def toggle_case(self) -> None:
        self.upper = not self.upper
        for b in self.letter_buttons:
            b.setText(b.text().upper() if self.upper else b.text().lower())

    def mark(self, kind: str, arg: str | None) -> None:
        """Apply a shape or tone to the text before the cursor."""
        edit = self._edit()
        if edit is None:
            return
        pos = edit.cursorPosition()
        before, after = edit.text()[:pos], edit.text()[pos:]
        if kind == "shape":
            if arg is None:
                return
            new_before = apply_shape(before, arg)
        else:
            new_before = apply_tone(before, arg)
        edit.setText(new_before + after)
        edit.setCursorPosition(len(new_before))
