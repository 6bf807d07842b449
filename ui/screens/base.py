"""What every screen shares: a header (the title, and the large-text and high-contrast switches
in the same place on every screen), translation on language change, and wiping."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.widgets.appearance import AppearanceToggles

if TYPE_CHECKING:
    from kiosk.core import KioskCore

#: Narrower than this (a portrait screen), the header puts the switches above the title.
NARROW_PX = 1300


class Screen(QWidget):
    """A full-window page of the kiosk.

    `enter()` runs each time the page is shown (fill it from the session), `wipe()` clears
    every widget that may show personal data, `retranslate()` re-sets texts after a language
    switch. Screens render; decisions stay in kiosk.session, and no screen starts the
    session's work (the window runs it).
    """

    def __init__(self, core: KioskCore, parent: QWidget | None = None):
        super().__init__(parent)
        self.core = core
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(48, 40, 48, 40)
        self.layout_.setSpacing(24)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        # the title beside the switches; on a narrow (portrait) screen the switches go above
        # it, so a long title keeps the full width (`fit_header`)
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.setSpacing(24)
        self.header.addWidget(self.title, 1)
        self.toggles = AppearanceToggles()
        self.header.addWidget(self.toggles, 0,
                              Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.layout_.addLayout(self.header)

    def enter(self) -> None:
        """Called when the page becomes visible."""

    def leave(self) -> None:
        """Called when another page replaces this one (stop cameras, timers)."""

    def wipe(self) -> None:
        """Remove personal data from every widget of this page."""

    def retranslate(self) -> None:
        """Set every text again in the current language."""

    def set_portrait(self, portrait: bool) -> None:
        """The kiosk screen is taller than wide (1080x1920 totems): rearrange if needed."""

    def fit_header(self, width: int) -> None:
        """Lay the header out for a window `width` wide (called by the window before it lays
        the pages out, so a page's minimum height is never the other orientation's)."""
        direction = (QBoxLayout.Direction.BottomToTop if width < NARROW_PX
                     else QBoxLayout.Direction.LeftToRight)
        if self.header.direction() != direction:
            self.header.setDirection(direction)

    # helpers -----------------------------------------------------------------------------
    def label(self, role: str | None = None, *, wrap: bool = True) -> QLabel:
        lab = QLabel()
        lab.setWordWrap(wrap)
        if role:
            lab.setProperty("role", role)
        return lab

    def button(self, role: str | None = None) -> QPushButton:
        b = QPushButton()
        if role:
            b.setProperty("role", role)
        b.clicked.connect(self.core.session.touch)
        return b
