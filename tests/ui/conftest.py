"""Qt kiosk fixtures: a demo core (emulated chip in the real vpcd reader, file camera) and
the window, offscreen. Each test gets its own store, trust store and settings file."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class FakeClock:
    """The session's clock, advanced by the test (idle timeout without waiting 60 s)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset


@pytest.fixture
def kiosk_config(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "[kiosk]\nfullscreen = false\nidle_timeout_s = 60\n\n"
        f'[store]\nurl = "sqlite:///{tmp_path / "kiosk.db"}"\nkey_file = "{tmp_path / "store.key"}"\n\n'
        f'[trust]\ndir = "{tmp_path / "trust"}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KIOSK_CONFIG", str(path))
    return path


@pytest.fixture
def make_kiosk(pcscd, qtbot, kiosk_config) -> Iterator[Callable]:
    """make_kiosk(chip_options=None, camera_image=None) -> (core, window, clock)."""
    from kiosk.config import load_config
    from kiosk.core import KioskCore
    from ui.main_window import KioskWindow

    made = []

    def make(chip_options=None, camera_image: bytes | None = None):
        clock = FakeClock()
        core = KioskCore(load_config(), demo=True, clock=clock)
        core.start_demo(chip_options, camera_image=camera_image)
        window = KioskWindow(core, kiosk_mode=False)
        qtbot.addWidget(window)
        window.resize(1280, 900)
        window.show()
        made.append(core)
        return core, window, clock

    yield make
    from ui.workers import wait_for_jobs

    for core in made:
        core.shutdown()
    assert wait_for_jobs(30.0), "a background job outlived its test"
    # pcscd must see the virtual card gone before the next test inserts its own
    from nfc.readers import wait_card_present

    wait_card_present("Virtual PCD 00 00", present=False, timeout=5.0)


def drive_to_place_card(core, window, qtbot, *, can: str | None = None) -> None:
    """Welcome -> consent -> the first service -> CAN on the keypad."""
    from kiosk.session import Step

    window.welcome.vi_button.click()
    window.consent.yes_button.click()  # recorded in the store first, on a worker
    qtbot.waitUntil(lambda: core.session.step is Step.SERVICE, timeout=10000)
    first = core.list_services()[0].code
    window.service.select(first)
    window.service.next_button.click()
    assert core.session.step is Step.ACCESS_KEY
    window.access.keypad.enter(can or core.demo_access.can)


def wait_step(core, qtbot, *steps, timeout_ms: int = 60000) -> None:
    qtbot.waitUntil(lambda: core.session.step in steps, timeout=timeout_ms)


def log_in(window, qtbot, staff_id: str = "training", pin: str = "000000", *,
           expect=None, timeout_ms: int = 10000) -> None:
    """Type a staff ID on the on-screen keyboard (unless the screen already asks for the PIN:
    the ID is kept after a wrong PIN) and the PIN on the keypad, press OK, and wait for the
    check (a worker) to end: on `expect` (a screen), or with a message."""
    login = window.login
    if not login.asking_pin or login.staff_id.text() != staff_id:
        from PySide6.QtCore import Qt

        def key(label: str):
            return next(b for b in login.keyboard.findChildren(type(login.back_button))
                        if b.text() == label)

        qtbot.mouseClick(login.staff_id, Qt.MouseButton.LeftButton)  # back to the keyboard
        login.staff_id.end(False)
        for _ in login.staff_id.text():
            key("⌫").click()
        for ch in staff_id:
            key(ch).click()
        key("OK").click()
        assert login.asking_pin and login.staff_id.text() == staff_id
    login.keypad.enter(pin)
    if expect is not None:
        qtbot.waitUntil(lambda: window.stack.currentWidget() is expect, timeout=timeout_ms)
    else:
        qtbot.waitUntil(lambda: not login.busy, timeout=timeout_ms)
