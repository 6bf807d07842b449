"""Technician screens: readers, camera, trust store, health and settings.

Each tab shows what the matching `kiosk diag` / `kiosk trust` / `kiosk config` command reports
(kiosk.core calls the same functions), so a technician sees on the kiosk what they would see in
a terminal. Nothing here shows citizen data.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QTabWidget

from ui.screens.base import Screen
from ui.workers import run_in_pool

TABS = ("readers", "camera", "trust", "health", "settings")


class TechnicianScreen(Screen):
    loggedOut = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("techTabs")
        self.tabs.setStyleSheet("QTabBar::tab { min-height: 64px; min-width: 180px; font-size: 24px; }")
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in TABS:
            text = QPlainTextEdit()
            text.setReadOnly(True)
            text.setObjectName(f"tech_{name}")
            text.setStyleSheet("font-family: monospace; font-size: 20px;")
            self.texts[name] = text
            self.tabs.addTab(text, name)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.layout_.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.refresh_button = self.button()
        self.refresh_button.clicked.connect(self.refresh)
        self.logout_button = self.button("secondary")
        self.logout_button.clicked.connect(self.loggedOut.emit)
        row.addWidget(self.logout_button)
        row.addWidget(self.refresh_button)
        self.layout_.addLayout(row)
        self._job = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Technician"))
        names = [self.tr("Readers"), self.tr("Camera"), self.tr("Trust store"), self.tr("Health"),
                 self.tr("Settings")]
        for i, n in enumerate(names):
            self.tabs.setTabText(i, n)
        self.refresh_button.setText(self.tr("Refresh"))
        self.logout_button.setText(self.tr("Log out"))

    def enter(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        name = TABS[self.tabs.currentIndex()]
        self.texts[name].setPlainText(self.tr("Working..."))
        if self._job is not None:
            self._job.cancel()
        self._job = run_in_pool(lambda _p, _c: self.core.technician_report(name),
                                on_result=lambda text: self._show(name, text),
                                on_error=lambda exc: self._show(name, f"{type(exc).__name__}: {exc}"))

    def _show(self, name: str, text: str) -> None:
        self._job = None
        self.texts[name].setPlainText(text)
