"""Technician screens: readers, camera, trust store, health and settings.

Each tab shows what the matching `kiosk diag` / `kiosk trust` / `kiosk config` command reports
(kiosk.core calls the same functions), so a technician sees on the kiosk what they would see in
a terminal. Nothing here shows citizen data.

The screen belongs to the technician who logged in (a named login, kiosk.logins). Settings
change only through kiosk.accounts.settings.change_setting under that login: a security
setting needs a technician account (not the training login), and every change is audited
with its old and new value, or not made. "Confirm" vouches for settings edited by hand
(confirm_settings). Changes take effect when the kiosk restarts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from kiosk.accounts import StaffLogin
from kiosk.store import StoreError
from ui.screens.base import Screen
from ui.widgets.keyboard import VietnameseKeyboard
from ui.workers import run_in_pool

TABS = ("readers", "camera", "trust", "health", "settings")


def setting_keys() -> list[str]:
    """Every scalar setting, dotted (reader profiles are calibrated, not typed)."""
    import dataclasses

    from kiosk.config.schema import sections

    return [f"{name}.{f.name}" for name, cls in sections().items()
            for f in dataclasses.fields(cls) if f.name != "profiles"]


class TechnicianScreen(Screen):
    loggedOut = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.login: StaffLogin | None = None
        self.who = self.label("subtitle")
        self.who.setObjectName("technicianWho")
        self.layout_.addWidget(self.who)
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

        self.editor = QWidget()
        self.editor.setObjectName("settingEditor")
        edit_row = QGridLayout(self.editor)
        edit_row.setContentsMargins(0, 0, 0, 0)
        self.key = QComboBox()
        self.key.setObjectName("settingKey")
        self.key.addItems(setting_keys())
        self.key.setStyleSheet("font-size: 24px; min-height: 64px;")
        self.value = QLineEdit()
        self.value.setObjectName("settingValue")
        self.value.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.value.installEventFilter(self)
        self.apply_button = self.button()
        self.apply_button.setObjectName("settingApply")
        self.apply_button.clicked.connect(self._apply)
        self.confirm_button = self.button("secondary")
        self.confirm_button.setObjectName("settingConfirm")
        self.confirm_button.clicked.connect(self._confirm)
        edit_row.addWidget(self.key, 0, 0)
        edit_row.addWidget(self.value, 0, 1)
        edit_row.addWidget(self.apply_button, 1, 0)
        edit_row.addWidget(self.confirm_button, 1, 1)
        self.layout_.addWidget(self.editor)
        self.keyboard = VietnameseKeyboard()
        self.keyboard.target = self.value
        self.keyboard.toggle_case()
        self.keyboard.setVisible(False)
        self.keyboard.done.connect(lambda: self.keyboard.setVisible(False))
        self.layout_.addWidget(self.keyboard)
        self.message = self.label("error")
        self.message.setObjectName("technicianMessage")
        self.layout_.addWidget(self.message)

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
        self.value.setPlaceholderText(self.tr("New value"))
        self.apply_button.setText(self.tr("Change"))
        self.confirm_button.setText(self.tr("Confirm all"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.logout_button.setText(self.tr("Log out"))
        if self.login is not None:
            self.who.setText(self.tr("Logged in: %1").replace("%1", self.login.staff_id))

    def open(self, login: StaffLogin) -> None:
        """The screen is now this technician's (kiosk.logins)."""
        self.login = login
        self.message.clear()
        self.retranslate()

    def log_out(self) -> None:
        self.login = None
        self.who.setText("")
        self.value.setText("")
        self.message.clear()
        for text in self.texts.values():  # the next login sees only its own reports
            text.clear()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.value and event.type() == event.Type.MouseButtonPress:
            self.keyboard.setVisible(True)
        return False

    def enter(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        name = TABS[self.tabs.currentIndex()]
        self.editor.setVisible(name == "settings")
        self.texts[name].setPlainText(self.tr("Working..."))
        if self._job is not None:
            self._job.cancel()
        self._job = run_in_pool(lambda _p, _c: self.core.technician_report(name),
                                on_result=lambda text: self._show(name, text),
                                on_error=lambda exc: self._show(name, f"{type(exc).__name__}: {exc}"))

    def _show(self, name: str, text: str) -> None:
        self._job = None
        self.texts[name].setPlainText(text)

    # --- settings, through the technician's own login ------------------------------------
    def _apply(self) -> None:
        key, value, login = self.key.currentText(), self.value.text().strip(), self.login
        if login is None:
            return
        from kiosk.accounts.settings import change_setting

        def work(_p, _c):
            return change_setting(key, value, store=self.core.store(), by=login,
                                  path=self.core.config_path)

        self.message.setText(self.tr("Working..."))
        run_in_pool(work, on_result=self._changed, on_error=self._refused)

    def _changed(self, change) -> None:  # noqa: ANN001 - kiosk.accounts.settings.SettingChange
        self.value.setText("")
        self.message.setText(self.tr("%1: %2 → %3 (audited; takes effect when the kiosk "
                                     "restarts)").replace("%1", change.key)
                             .replace("%2", repr(change.old)).replace("%3", repr(change.new)))
        self.refresh()

    def _confirm(self) -> None:
        login = self.login
        if login is None:
            return
        from kiosk.accounts.settings import confirm_settings

        run_in_pool(lambda _p, _c: confirm_settings(self.core.config, store=self.core.store(),
                                                    by=login),
                    on_result=lambda changes: self.message.setText(
                        self.tr("%1 setting(s) confirmed").replace("%1", str(len(changes)))),
                    on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        from kiosk.config import ConfigError

        if isinstance(exc, (StoreError, ConfigError)):
            self.message.setText(str(exc))
        else:
            self.message.setText(type(exc).__name__)
