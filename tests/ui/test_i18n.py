"""Translations (Qt Linguist) and layout: every string translated, catalogues current, both
languages shown, every screen fits portrait 1080x1920 and landscape 1920x1080."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
I18N = REPO / "ui" / "i18n"
BIN = REPO / ".venv" / "bin"


def _messages(ts: Path) -> dict[str, tuple[str, str | None]]:
    out = {}
    for m in ET.parse(ts).iter("message"):
        t = m.find("translation")
        out[m.findtext("source")] = (t.text or "", t.get("type"))
    return out


def test_every_vietnamese_string_is_translated():
    msgs = _messages(I18N / "kiosk_vi.ts")
    assert len(msgs) > 80
    unfinished = [s for s, (text, kind) in msgs.items() if not text or kind == "unfinished"]
    assert unfinished == []


def test_catalogues_hold_every_string_in_the_sources_and_qm_files_are_current(tmp_path):
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    assert set(_messages(fresh)) == set(_messages(I18N / "kiosk_vi.ts")), \
        "UI strings changed: run scripts/i18n"
    for lang in ("vi", "en"):
        qm = tmp_path / f"{lang}.qm"
        subprocess.run([str(BIN / "pyside6-lrelease"), str(I18N / f"kiosk_{lang}.ts"), "-qm",
                        str(qm)], check=True, capture_output=True)
        assert qm.read_bytes() == (I18N / f"kiosk_{lang}.qm").read_bytes(), \
            "compiled catalogue is stale: run scripts/i18n"


@pytest.fixture
def plain_core(qapp, kiosk_config):
    from kiosk.config import load_config
    from kiosk.core import KioskCore

    core = KioskCore(load_config())
    yield core
    core.shutdown()


def test_switching_language_retranslates_the_screens(plain_core, qtbot):
    from ui import i18n
    from ui.screens.consent import ConsentScreen

    screen = ConsentScreen(plain_core)
    qtbot.addWidget(screen)
    i18n.install("vi")
    screen.retranslate()
    assert screen.title.text() == "Cho phép đọc thẻ căn cước của bạn?"
    assert screen.yes_button.text() == "Tôi đồng ý"
    assert "xóa sau 30 ngày kể từ khi cơ quan nhận được" in screen.body.text()
    i18n.install("en")
    screen.retranslate()
    assert screen.title.text() == "May we read your ID card?"
    assert screen.yes_button.text() == "I agree"


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_screen_fits_portrait_and_landscape(plain_core, qtbot, monkeypatch, size, language):
    from PySide6.QtWidgets import QPushButton

    from ui import i18n
    from ui.main_window import KioskWindow
    from ui.theme import STYLESHEET

    qtbot_app = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance()
    qtbot_app.setStyleSheet(STYLESHEET)  # the real sizes: large type, touch-sized buttons
    monkeypatch.setattr(plain_core.reading.readers, "watch", lambda *a: None)
    plain_core.training = True  # the training banner takes height too
    window = KioskWindow(plain_core, kiosk_mode=False)
    qtbot.addWidget(window)
    i18n.install(language)
    plain_core.session.language = language
    for screen in window.screens:
        screen.retranslate()
    window.resize(*size)
    window.show()
    qtbot.wait(1)
    whole = window.minimumSizeHint()
    assert whole.width() <= size[0] and whole.height() <= size[1], whole
    assert window.size().toTuple() == size
    for screen in window.screens:
        window.stack.setCurrentWidget(screen)
        qtbot.wait(1)
        hint = screen.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], (type(screen).__name__, hint)
        for button in screen.findChildren(QPushButton):
            if button.isVisibleTo(screen) and button.text():
                needed = button.fontMetrics().horizontalAdvance(button.text())
                assert needed <= button.width(), (type(screen).__name__, button.text())
