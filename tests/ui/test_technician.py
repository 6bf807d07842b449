"""The technician screen, offscreen, on a production core: what one technician saw is gone
when they log out, so the next person to log in sees only their own reports."""

from __future__ import annotations

from tests.ui.test_staff import TECH_PIN, core  # noqa: F401 - the fixture with kt01


def test_log_out_clears_every_report(core, qtbot):  # noqa: F811 - the fixture
    from ui.screens.technician import TechnicianScreen

    screen = TechnicianScreen(core)
    qtbot.addWidget(screen)
    screen.open(core.logins.login("kt01", TECH_PIN, role="technician"))
    screen.tabs.setCurrentIndex(3)  # health: a report built on a worker
    qtbot.waitUntil(lambda: screen._job is None, timeout=10000)
    assert screen.texts["health"].toPlainText() not in ("", "Working...")
    screen.log_out()
    assert [name for name, text in screen.texts.items() if text.toPlainText()] == []
