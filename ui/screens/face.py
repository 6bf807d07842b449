"""Face check: the chip photo beside the live camera, quality hints and the head-turn challenge.

The match and the liveness challenge run in a worker (kiosk.core.run_face_check), which reads
frames from the camera grabber itself; this screen only paints the preview and the hints the
worker reports, so the preview stays smooth while matching runs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ui.screens.base import Screen
from ui.widgets.camera_view import CameraView
from ui.workers import run_in_pool


class FaceScreen(Screen):
    finished = Signal(object)  # kiosk.core.FaceOutcome

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.portrait_caption = self.label("subtitle")
        self.portrait = QLabel()
        self.portrait.setObjectName("chipPortrait")
        self.portrait.setMinimumSize(240, 320)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.portrait_caption)
        left.addWidget(self.portrait, 1)
        right = QVBoxLayout()
        self.camera_caption = self.label("subtitle")
        self.camera = CameraView()
        self.camera.setObjectName("faceCamera")
        right.addWidget(self.camera_caption)
        right.addWidget(self.camera, 1)
        row.addLayout(left, 2)
        row.addLayout(right, 3)
        self.layout_.addLayout(row, 1)
        self.hint = self.label()
        self.hint.setObjectName("faceHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("font-size: 40px; font-weight: 700;")
        self.layout_.addWidget(self.hint)
        self.cancel_button = self.button("secondary")
        self.cancel_button.clicked.connect(self.core.session.cancel)
        self.layout_.addWidget(self.cancel_button)
        self._job = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Let us check it is you"))
        self.portrait_caption.setText(self.tr("Photo on the chip"))
        self.camera_caption.setText(self.tr("Camera"))
        self.cancel_button.setText(self.tr("Start over"))

    def enter(self) -> None:
        portrait = self.core.session.personal.portrait
        if portrait is not None:
            self.portrait.setPixmap(QPixmap.fromImage(QImage.fromData(portrait)).scaled(
                240, 320, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        grabber = self.core.camera()
        if grabber is None:
            self.hint.setText(self.tr("No camera: please call staff"))
            return
        self.camera.start(grabber.latest)
        self.set_hint("look_straight")
        self._job = run_in_pool(
            lambda progress, cancelled: self.core.run_face_check(portrait, progress, cancelled),
            on_result=self._done, on_error=self._failed, on_progress=self._progress)

    def leave(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.camera.stop()

    def wipe(self) -> None:
        self.portrait.clear()
        self.camera.clear()
        self.hint.clear()

    def set_hint(self, code: str) -> None:
        # prompts come from kiosk.face's bilingual tables (one wording for CLI, UI and docs)
        self.hint.setText(self.core.face_prompt(code, self.core.session.language))

    def _progress(self, code) -> None:
        self.core.session.touch()
        self.set_hint(str(code))

    def _done(self, outcome) -> None:
        self._job = None
        self.finished.emit(outcome)

    def _failed(self, exc) -> None:
        self._job = None
        self.finished.emit(exc)
