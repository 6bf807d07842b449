"""Large text and high contrast: the citizen's two switches, the same on every screen.

`appearance()` is the app's one `AppearanceState`: setting it re-styles the whole application
(ui.theme.stylesheet) and tells every `AppearanceToggles` to show the new state. Each screen
carries a pair of toggles in the same place, the top right of its header (ui/screens/base.py);
the choice lasts for the session and `reset()` (called when the session is wiped) puts the
defaults back for the next citizen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from ui.theme import Appearance, stylesheet


class AppearanceState(QObject):
    changed = Signal(object)  # Appearance

    def __init__(self) -> None:
        super().__init__()
        self.current = Appearance()

    def set(self, *, large: bool | None = None, contrast: bool | None = None) -> None:
        new = Appearance(self.current.large if large is None else large,
                         self.current.contrast if contrast is None else contrast)
        if new == self.current:
            return
        self.current = new
        self.apply()
        self.changed.emit(new)

    def reset(self) -> None:
        self.set(large=False, contrast=False)

    def apply(self) -> None:
        """Set the stylesheet of the current appearance on the application."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(stylesheet(self.current))


_state: AppearanceState | None = None


def appearance() -> AppearanceState:
    """The application's appearance (created on first use, on the UI thread)."""
    global _state
    if _state is None:
        _state = AppearanceState()
    return _state


class AppearanceToggles(QWidget):
    """Two checkable buttons: "A+ Large text" and "◐ High contrast"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.large_button = self._toggle("largeText")
        self.contrast_button = self._toggle("highContrast")
        self.large_button.toggled.connect(lambda on: appearance().set(large=on))
        self.contrast_button.toggled.connect(lambda on: appearance().set(contrast=on))
        row.addWidget(self.large_button)
        row.addWidget(self.contrast_button)
        state = appearance()
        state.changed.connect(self._show)
        self._show(state.current)
        self.retranslate()

    def _toggle(self, name: str) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setProperty("role", "toggle")
        b.setCheckable(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return b

    def _show(self, current: Appearance) -> None:
        for button, on in ((self.large_button, current.large),
                           (self.contrast_button, current.contrast)):
            if button.isChecked() != on:
                button.blockSignals(True)
                button.setChecked(on)
                button.blockSignals(False)

    def retranslate(self) -> None:
        self.large_button.setText("A+  " + self.tr("Large text"))
        self.contrast_button.setText("◐  " + self.tr("High contrast"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
