"""Face check: the chip photo beside the live camera, quality hints and the head-turn challenge.

The match and the liveness challenge are work the session asks for (kiosk.work.CheckFace);
the window runs it and the session passes the worker's prompts on (SessionBridge
.faceHintChanged -> `set_hint`). This screen only paints the preview, the chip photo and the
hint, so the preview stays smooth while matching runs, and it starts no work of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk.face.station import prompt
from ui.screens.base import Screen
from ui.widgets.camera_view import CameraView


class FaceScreen(Screen):
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
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Let us check it is you"))
        self.portrait_caption.setText(self.tr("Photo on the chip"))
        self.camera_caption.setText(self.tr("Camera"))
        self.cancel_button.setText(self.tr("Start over"))

    def enter(self) -> None:
        portrait = self.core.session.personal.portrait_png
        if portrait is not None:
            self.portrait.setPixmap(QPixmap.fromImage(QImage.fromData(portrait)).scaled(
                240, 320, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        camera = self.core.camera()
        if camera is None:
            self.hint.setText(self.tr("No camera: please call staff"))
            return
        self.camera.start(camera.latest)
        self.set_hint("look_straight")

    def leave(self) -> None:
        self.camera.stop()

    def wipe(self) -> None:
        self.portrait.clear()
        self.camera.clear()
        self.hint.clear()

    def set_hint(self, code: str) -> None:
        # prompts come from kiosk.face's bilingual tables (one wording for CLI, UI and docs)
        self.hint.setText(prompt(code, self.core.session.language))
