"""Adapt the plain-Python session (kiosk.session) to Qt signals for the window and screens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.session import Session, Step
from kiosk.session.base import SessionCore


class SessionBridge(QObject):
    """Re-emits the session's notifications as Qt signals (always on the UI thread)."""

    stepChanged = Signal(object)  # Step
    workDue = Signal()  # session.due holds the work to run now (kiosk.work)
    progressChanged = Signal(str, int, int)  # the read: stage, bytes done, bytes total
    faceHintChanged = Signal(str)  # the face check's prompt code
    wiped = Signal(object)  # WipeReason
    draftChanged = Signal()
    partyChanged = Signal()  # the party choice's notice, or the card already read left

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._unsubscribe = session.subscribe(self._on_event)

    def _on_event(self, session: SessionCore, what: str) -> None:
        if what == "step":
            self.stepChanged.emit(session.step)
        elif what == "work":
            self.workDue.emit()
        elif what == "progress":
            if session.progress:
                self.progressChanged.emit(*session.progress)
            if session.face_hint:
                self.faceHintChanged.emit(session.face_hint)
        elif what == "wiped":
            self.wiped.emit(session.last_wipe)
        elif what == "draft":
            self.draftChanged.emit()
        elif what == "party":
            self.partyChanged.emit()

    @property
    def step(self) -> Step:
        return self.session.step
