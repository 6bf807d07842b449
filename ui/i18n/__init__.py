"""Qt Linguist translations: kiosk_vi.ts / kiosk_en.ts, compiled to .qm by scripts/i18n.

Source strings are English; Vietnamese is the default language on the kiosk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

HERE = Path(__file__).resolve().parent
_installed: QTranslator | None = None


def qm_path(language: str) -> Path:
    return HERE / f"kiosk_{language}.qm"


def install(language: str) -> bool:
    """Switch the application's language; returns False when no catalogue exists for it."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    path = qm_path(language)
    if not path.exists():
        return language == "en"  # English is the source language
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
