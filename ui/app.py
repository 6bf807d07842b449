"""Start the kiosk app: QApplication, style, translations, the core, the window."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)


def run(*, demo: bool = False, windowed: bool = False, role: str = "citizen",
        config_path: str | None = None, screenshot_dir: str | None = None,
        quit_after_s: float | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.core import KioskCore
    from ui import i18n, printing
    from ui.main_window import KioskWindow
    from ui.theme import STYLESHEET

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("chip-id-kiosk")
    app.setStyleSheet(STYLESHEET)
    core = KioskCore.create(config_path=config_path, demo=demo, paint=printing.paint,
                            printers=printing.printers)
    i18n.install(core.session.language)
    if core.demo_access is not None and not screenshot_dir:
        # a newcomer watching the demo needs the number to type (the banner shows it too)
        from kiosk.logins import TRAINING_ID, TRAINING_PIN

        print(f"demo: the emulated ID card is in the virtual reader; its CAN is "
              f"{core.demo_access.can} (also on the yellow banner); staff and technician log "
              f"in as {TRAINING_ID}, PIN {TRAINING_PIN}. Close the window to stop.", flush=True)
    kiosk_mode = not windowed and core.config.kiosk.fullscreen
    window = KioskWindow(core, kiosk_mode=kiosk_mode, role=role)
    if kiosk_mode:
        app.installEventFilter(window)
        # the full screen even where no window manager honours showFullScreen (Xvfb, kiosk X)
        window.setGeometry(app.primaryScreen().geometry())
        window.showFullScreen()
    else:
        window.resize(1280, 900)
        window.show()
    if screenshot_dir:
        from ui.screenshots import tour

        QTimer.singleShot(300, lambda: tour(window, screenshot_dir, app.quit))
    if quit_after_s:
        core.allow_quit = True
        QTimer.singleShot(int(quit_after_s * 1000), app.quit)
    if os.environ.get("KIOSK_BENCH_START"):
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        core.shutdown()
