"""Kiosk lockdown: no way out of the citizen screens, staff and technician areas behind a PIN
with lockout, and the app brought back after a crash (scripts/supervise, the systemd unit).

The window runs in kiosk mode (`kiosk_mode=True`) with quitting not allowed, as on a production
kiosk, through the real pcscd + vpcd + emulated chip + file camera of tests/ui.

What offscreen Qt can and cannot prove: a real window manager acts on Alt+F4 and Super itself,
before Qt sees the key; what stops it then is `closeEvent` refusing to close (tested here) and
the session having no window-manager shortcuts configured (docs/operations.md). Here we prove
the app itself never acts on these keys, whichever widget has the focus.
"""

from __future__ import annotations

import configparser
import dataclasses
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.session import Step
from tests.ui.conftest import (  # noqa: F401 - fixtures
    FakeClock,
    drive_to_place_card,
    kiosk_config,
    log_in,
    wait_step,
)

REPO = Path(__file__).resolve().parents[2]
STAFF_PIN = "482913"
TECH_PIN = "739164"

#: Key chords a citizen could use to leave a kiosk app (window manager, app shortcuts).
ESCAPE_KEYS = [
    ("Alt+F4", Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ("Ctrl+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+W", Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ("Escape", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ("Super_L", Qt.Key.Key_Super_L, Qt.KeyboardModifier.NoModifier),
    ("Super_R", Qt.Key.Key_Super_R, Qt.KeyboardModifier.NoModifier),
    ("Meta", Qt.Key.Key_Meta, Qt.KeyboardModifier.MetaModifier),
]


class _PopupProbe(QObject):
    """Records every menu or dialog shown anywhere in the application and closes it at once
    (a QScrollBar's context menu runs a nested event loop: it must not hang the test)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.created_file_dialogs = 0
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self.sweep)
        QApplication.instance().installEventFilter(self)
        self._timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if isinstance(obj, QWidget):
            if event.type() == QEvent.Type.Show and (
                    obj.inherits("QMenu") or obj.inherits("QDialog")):
                self.shown.append(obj.metaObject().className())
                QTimer.singleShot(0, obj.close)
            if event.type() == QEvent.Type.Polish and obj.inherits("QFileDialog"):
                self.created_file_dialogs += 1
        return False

    def sweep(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            self.shown.append(popup.metaObject().className())
            popup.close()

    def stop(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)


@pytest.fixture
def probe():
    p = _PopupProbe()
    yield p
    p.stop()


@pytest.fixture
def locked_kiosk(pcscd, qtbot, kiosk_config):  # noqa: F811 - the imported fixture
    """make(role="citizen") -> (core, window, clock): a kiosk-mode window that may not quit,
    with two named accounts in its store: staff nv01 (STAFF_PIN) and technician kt01
    (TECH_PIN)."""
    from kiosk.accounts import Accounts
    from kiosk.config import KdfParams, load_config
    from kiosk.core import KioskCore
    from ui.main_window import KioskWindow

    made = []

    def make(role: str = "citizen"):
        clock = FakeClock()
        core = KioskCore(load_config(), demo=True, clock=clock)
        # a cheap Argon2id cost to create them (the production cost is ~0.3 s a check)
        accounts = Accounts(core.store(), kdf=KdfParams(memory_kib=8192, iterations=1))
        if accounts.needs_bootstrap():
            tech = accounts.add("kt01", "technician", TECH_PIN, by=None)
            by = accounts.login(tech.staff_id, TECH_PIN, role="technician")
            accounts.add("nv01", "staff", STAFF_PIN, by=by)
        core.start_demo()
        core.allow_quit = False  # as a production kiosk (not demo, full screen)
        window = KioskWindow(core, kiosk_mode=True, role=role)
        qtbot.addWidget(window)
        window.resize(1280, 900)
        window.show()
        made.append((core, window))
        return core, window, clock

    yield make
    from nfc.readers import wait_card_present
    from ui.workers import wait_for_jobs

    for core, window in made:
        core.allow_quit = True
        window.close()
        core.shutdown()
    assert wait_for_jobs(30.0), "a background job outlived its test"
    wait_card_present("Virtual PCD 00 00", present=False, timeout=5.0)


def _context_menu_everywhere(window) -> int:
    """Right-click (a real QContextMenuEvent) on every widget of the window; returns how many
    widgets were tried. Menus that open are caught by the `probe` fixture."""
    widgets = [window, *window.findChildren(QWidget)]
    for w in widgets:
        pos = QPoint(2, 2)
        QApplication.sendEvent(w, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                    w.mapToGlobal(pos)))
        QApplication.processEvents()
    return len(widgets)


def test_citizen_flow_in_kiosk_mode_has_no_exit_no_menu_and_no_dialog(locked_kiosk, qtbot, probe):
    core, window, _clock = locked_kiosk()
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.REVIEW, Step.ERROR, timeout_ms=90000)
    assert core.session.step is Step.REVIEW, core.session.error
    edit = window.review.edits["kinh_gui"]
    assert not edit.isReadOnly()

    # every escape chord is swallowed by the window's filter, whichever widget it is sent to
    for name, key, mods in ESCAPE_KEYS:
        for target in (window, edit, window.review.confirm_button):
            assert window.eventFilter(target, QKeyEvent(QEvent.Type.KeyPress, key, mods)), name
            qtbot.keyClick(target, key, mods)
        assert window.isVisible(), name
        assert core.session.step is Step.REVIEW, name
        assert edit.text() == "", name
    # ...and ordinary typing still reaches the field (the filter is not swallowing everything)
    qtbot.keyClicks(edit, "abc")
    assert edit.text() == "abc"
    edit.clear()

    # no context menu on any widget: the review form's fields, scroll bars, buttons
    assert _context_menu_everywhere(window) > 100
    assert probe.shown == []
    # the probe does see a menu when the lockdown is off (so the empty list above means something)
    window.kiosk_mode = False
    try:
        scroll_bar = window.review.form_area.verticalScrollBar()
        pos = QPoint(2, 2)
        QApplication.sendEvent(scroll_bar, QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, pos, scroll_bar.mapToGlobal(pos)))
        QApplication.processEvents()
        assert probe.shown == ["QMenu"]
    finally:
        window.kiosk_mode = True
    probe.shown.clear()

    # finish the flow: still no dialog of any kind, and never a file dialog
    edit.setText("Công an phường Hoàn Kiếm")
    edit.editingFinished.emit()
    window.review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    assert core.session.step is Step.RECEIPT
    window.receipt.done_button.click()
    assert core.session.step is Step.WELCOME
    assert probe.shown == [] and probe.created_file_dialogs == 0


def test_the_ui_has_no_file_dialog_or_desktop_opener():
    """Nothing in ui/ or kiosk/ can open a file chooser or hand a path to the desktop."""
    pattern = re.compile(r"QFileDialog|getOpenFileName|getSaveFileName|getExistingDirectory|"
                         r"QDesktopServices|QPrintDialog|QColorDialog|QFontDialog")
    hits = [f"{p.relative_to(REPO)}:{n}"
            for folder in ("ui", "kiosk") for p in sorted((REPO / folder).rglob("*.py"))
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line)]
    assert hits == []


def test_close_is_refused_in_kiosk_mode_unless_allowed(locked_kiosk, qtbot):
    core, window, _clock = locked_kiosk()
    window.welcome.vi_button.click()
    assert core.session.step is Step.CONSENT
    assert window.close() is False  # what Alt+F4 from a window manager asks for
    assert window.isVisible() and core.session.step is Step.CONSENT
    core.allow_quit = True
    assert window.close() is True
    assert not window.isVisible()


def test_named_staff_login_with_lockout_after_five_failures(locked_kiosk, qtbot, probe):
    from kiosk.accounts import LOCKOUT_AFTER

    core, window, _clock = locked_kiosk()
    window.welcome.staff_button.click()
    assert window.stack.currentWidget() is window.login
    log_in(window, qtbot, "nv01", "000000")  # the training PIN is just a wrong PIN here
    assert window.stack.currentWidget() is window.login
    assert window.login.message.text() == window.login.tr("Wrong staff ID or PIN.")
    for _ in range(LOCKOUT_AFTER - 1):
        log_in(window, qtbot, "nv01", "111111")
    log_in(window, qtbot, "nv01", STAFF_PIN)  # the right PIN, but locked
    assert window.stack.currentWidget() is window.login
    assert window.login.message.text() == window.login.tr(
        "Too many wrong PINs: this account is locked. Try again in %1 min.").replace("%1", "5")
    assert window.login.staff_id.text() == "nv01"  # kept for the next try; the PIN is not
    assert window.login.keypad.value() == ""
    # the lockout is in the store: a restarted kiosk (a new core) is still locked
    from kiosk.accounts import LoginRefused

    with pytest.raises(LoginRefused) as refused:
        core.logins.login("nv01", STAFF_PIN, role="staff")
    assert refused.value.why == "locked" and refused.value.locked_for_s > 290
    failed = [(e.actor, e.details["staff_id"], e.details["why"])
              for e in core.store().audit_entries() if e.event == "login.failed"]
    assert failed == [("system:login", "nv01", "wrong_pin")] * LOCKOUT_AFTER + [
        ("system:login", "nv01", "locked")] * 2
    assert [e.actor for e in core.store().audit_entries() if e.event == "login.ok"] == [
        "technician:kt01"]  # the fixture's, to add nv01
    assert probe.shown == []


def test_technician_area_needs_a_technician_account(locked_kiosk, qtbot):
    core, window, clock = locked_kiosk(role="technician")
    assert window.stack.currentWidget() is window.login
    assert window.login.role == "technician"
    log_in(window, qtbot, "nv01", STAFF_PIN)  # a staff account does not open it
    assert window.stack.currentWidget() is window.login
    assert window.login.message.text() == window.login.tr(
        "This account cannot open the technician area.")
    log_in(window, qtbot, "kt01", TECH_PIN, expect=window.technician)
    assert window.technician.login.actor == "technician:kt01"
    window.technician.logout_button.click()
    assert window.staff_login is None and window.technician.login is None
    qtbot.waitUntil(lambda: [e.actor for e in core.store().audit_entries()
                             if e.event == "logout"] == ["technician:kt01"], timeout=5000)
    # an area left open logs its person out after the idle timeout (60 s here)
    window._ask_pin("technician")
    log_in(window, qtbot, "kt01", TECH_PIN, expect=window.technician)
    window.technician.refresh_button.click()  # a tap: still there
    clock.offset += 50
    qtbot.wait(1100)  # a tick of the idle timer (1 s)
    assert window.stack.currentWidget() is window.technician
    clock.offset += 15
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=3000)
    assert window.staff_login is None and window.role == "citizen"


def test_logins_outside_training_mode(tmp_path):
    """No rig: the core alone. Outside training the built-in training login opens nothing;
    a named account does, and no account can take the ID "training"."""
    from kiosk.accounts import AccountError, Accounts, LoginRefused
    from kiosk.config import KdfParams
    from kiosk.config.schema import KioskSettings
    from kiosk.core import KioskCore
    from kiosk.logins import TRAINING_ID, TRAINING_PIN
    from kiosk.soak import soak_config

    base = soak_config(tmp_path)
    core = KioskCore(dataclasses.replace(base, kiosk=KioskSettings()))
    try:
        assert not core.training
        for role in ("staff", "technician"):
            with pytest.raises(LoginRefused) as refused:
                core.logins.login(TRAINING_ID, TRAINING_PIN, role=role)
            assert refused.value.why == "wrong" and refused.value.locked_for_s == 0
        accounts = Accounts(core.store(), kdf=KdfParams(memory_kib=8192, iterations=1))
        with pytest.raises(AccountError, match="reserved"):
            accounts.add(TRAINING_ID, "technician", TECH_PIN, by=None)
        accounts.add("kt01", "technician", TECH_PIN, by=None)
        login = core.logins.login(" KT01 ", TECH_PIN, role="technician")  # as typed
        assert login.actor == "technician:kt01"
        assert [(e.event, e.actor) for e in core.store().audit_entries()
                if e.event.startswith("login")] == [
            ("login.failed", "system:login"), ("login.failed", "system:login"),
            ("login.ok", "technician:kt01")]
    finally:
        core.shutdown()


# --- the supervisor and the systemd unit -------------------------------------------------

STAND_IN = r"""
import os, signal, sys, time
state = sys.argv[1]
with open(state, "a") as fh:
    fh.write(f"{time.monotonic()} {os.getpid()}\n")
runs = len(open(state).read().splitlines())
print("NGUYEN VAN A 001099012345")  # app output: must not reach the supervisor's log
sys.stdout.flush()
if runs <= 2:
    sys.exit(3)
def bye(*_):
    with open(state + ".term", "w") as fh:
        fh.write("SIGTERM")
    sys.exit(0)
signal.signal(signal.SIGTERM, bye)
open(state + ".up", "w").close()
while True:
    signal.pause()
"""


def _poll(cond, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_supervisor_restarts_a_crashing_app_with_backoff_and_stops_on_sigterm(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(STAND_IN, encoding="utf-8")
    state = tmp_path / "runs"
    log = tmp_path / "supervise.log"
    sup = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "supervise"), "--min-backoff", "0.2",
         "--max-backoff", "5", "--reset-after", "30", "--log", str(log), "--",
         sys.executable, str(script), str(state)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert _poll(lambda: Path(f"{state}.up").exists(), 20), log.read_text()
        starts = [line.split() for line in state.read_text().splitlines()]
        assert len(starts) == 3
        times = [float(t) for t, _pid in starts]
        # backoff 0.2 s then 0.4 s (doubling); each gap also holds a Python start-up
        assert times[1] - times[0] >= 0.2
        assert times[2] - times[1] >= 0.4
        app_pid = int(starts[2][1])
        sup.send_signal(signal.SIGTERM)
        assert sup.wait(10) == 0
    finally:
        if sup.poll() is None:
            sup.kill()
            sup.wait()
    assert Path(f"{state}.term").read_text() == "SIGTERM"  # the app was asked to stop
    with pytest.raises(ProcessLookupError):
        os.kill(app_pid, 0)
    lines = log.read_text(encoding="utf-8").splitlines()
    events = [line.split(": ", 1)[1] for line in lines]
    assert [e.split(" (pid")[0] for e in events if e.startswith("started")] == \
        [f"started {Path(sys.executable).name}"] * 3
    crashes = [e for e in events if "exited with" in e]
    assert len(crashes) == 2
    assert crashes[0].endswith("restart in 0.20 s") and crashes[1].endswith("restart in 0.40 s")
    assert all("code 3" in e for e in crashes)
    assert events[-1] == "stopped"
    everything = log.read_text(encoding="utf-8") + sup.stderr.read().decode()
    assert "NGUYEN" not in everything and "001099012345" not in everything
    assert sup.stdout.read().decode().count("NGUYEN VAN A") == 3  # app output passed through


def test_supervisor_exits_when_the_app_quits_cleanly(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "supervise"), "--", sys.executable, "-c", "pass"],
        capture_output=True, text=True, timeout=20)
    assert result.returncode == 0
    assert "exited normally" in result.stderr and "restart in" not in result.stderr


def test_systemd_unit_restarts_and_confines_the_kiosk():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(REPO / "packaging" / "chip-id-kiosk.service", encoding="utf-8")
    svc = unit["Service"]
    assert svc["Restart"] == "always"
    assert svc["User"] == "kiosk" and svc["Group"] == "kiosk"
    assert "scripts/supervise" in svc["ExecStart"]
    for option in ("NoNewPrivileges", "PrivateTmp", "ProtectHome", "ProtectKernelTunables",
                   "ProtectKernelModules", "ProtectControlGroups", "RestrictSUIDSGID",
                   "LockPersonality", "RestrictRealtime"):
        assert svc[option] == "yes", option
    assert svc["ProtectSystem"] == "strict"
    writable = svc["ReadWritePaths"].split()
    assert "/var/lib/chip-id-kiosk" in writable  # database, key file, trust store
    assert "XDG_DATA_HOME=/var/lib" in svc["Environment"]
    assert svc["UMask"] == "0077"
    assert unit["Install"]["WantedBy"] == "graphical.target"


def test_supervisor_stops_at_once_during_a_backoff(tmp_path):
    log = tmp_path / "supervise.log"
    sup = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "supervise"), "--min-backoff", "600",
         "--max-backoff", "600", "--log", str(log), "--", sys.executable, "-c", "raise SystemExit(1)"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _poll(lambda: log.exists() and "restart in 600.00 s" in log.read_text(), 20)
        t0 = time.monotonic()
        sup.send_signal(signal.SIGTERM)
        assert sup.wait(10) == 0
        assert time.monotonic() - t0 < 5  # not the 600 s backoff
    finally:
        if sup.poll() is None:
            sup.kill()
            sup.wait()
    assert log.read_text().splitlines()[-1].endswith(": stopped")
