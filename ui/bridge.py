"""Adapt the plain-Python session (kiosk.session) to Qt signals for the screens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.session import Session, Step


class SessionBridge(QObject):
    """Re-emits the session's notifications as Qt signals (always on the UI thread)."""

    stepChanged = Signal(object)  # Step
    progressChanged = Signal(str, int, int)
    wiped = Signal(object)  # WipeReason
    draftChanged = Signal()

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._unsubscribe = session.subscribe(self._on_event)

    def _on_event(self, session: Session, what: str) -> None:
        if what == "step":
            self.stepChanged.emit(session.step)
        elif what == "progress" and session.progress:
            self.progressChanged.emit(*session.progress)
        elif what == "wiped":
            self.wiped.emit(session.last_wipe)
        elif what == "draft":
            self.draftChanged.emit()

    @property
    def step(self) -> Step:
        return self.session.step
