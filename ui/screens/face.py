"""Face check: the chip portrait beside the live camera, an oval guide and live hints.

The match and the liveness challenge are work the session asks for (kiosk.work.CheckFace);
the window runs it and the session passes the worker's prompts on (SessionBridge
.faceHintChanged -> `set_hint`): the quality gates' reasons (come closer, more light, look
straight; kiosk.face.quality) and the challenge's prompts. Each prompt sets the words under the
camera and the oval guide over it (yellow: adjust, white: keep going, green: done; an arrow for
a head turn). The chip portrait is shown cropped to the face (ui/widgets/portrait_view.py).
This screen only paints; it starts no work of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

from kiosk.face.quality import REASONS
from kiosk.face.station import prompt
from ui.screens.base import Screen
from ui.widgets.camera_view import CameraView
from ui.widgets.portrait_view import PortraitView

#: The guide for each prompt code that is not a quality reason (those are all "adjust").
GUIDES: dict[str, tuple[str, str | None]] = {
    "look_straight": ("neutral", None),
    "matching": ("neutral", None),
    "turn_left": ("neutral", "left"),
    "turn_right": ("neutral", "right"),
    "ok": ("good", None),
    "passed": ("good", None),
    "failed": ("adjust", None),
}


def guide_for(code: str) -> tuple[str, str | None]:
    """The oval's state and arrow for a face-check prompt code."""
    if code in REASONS:
        return "adjust", None
    return GUIDES.get(code, ("neutral", None))


class FaceScreen(Screen):
    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        # side by side in landscape, the camera above the portrait in portrait (set_portrait)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        left = QVBoxLayout()
        self.portrait_caption = self.label("subtitle")
        self.portrait = PortraitView()
        self.portrait.setObjectName("chipPortrait")
        left.addWidget(self.portrait_caption)
        left.addWidget(self.portrait, 1)
        right = QVBoxLayout()
        self.camera_caption = self.label("subtitle")
        self.camera = CameraView()
        self.camera.setObjectName("faceCamera")
        right.addWidget(self.camera_caption)
        right.addWidget(self.camera, 1)
        self.body.addLayout(left, 2)
        self.body.addLayout(right, 3)
        self.layout_.addLayout(self.body, 1)
        self.hint = self.label("hint")
        self.hint.setObjectName("faceHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.hint)
        self.cancel_button = self.button("secondary")
        self.cancel_button.clicked.connect(self.core.session.cancel)
        self.layout_.addWidget(self.cancel_button)
        self.code: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Let us check it is you"))
        self.portrait_caption.setText(self.tr("Photo on your card"))
        self.camera_caption.setText(self.tr("Put your face in the oval"))
        self.cancel_button.setText(self.tr("Start over"))
        if self.code is not None:
            self.set_hint(self.code)

    def set_portrait(self, portrait: bool) -> None:
        direction = (QBoxLayout.Direction.BottomToTop if portrait
                     else QBoxLayout.Direction.LeftToRight)
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            self.layout_.activate()
            self.updateGeometry()

    def enter(self) -> None:
        self.portrait.set_portrait(self.core.session.personal.portrait_png)
        camera = self.core.camera()
        if camera is None:
            self.camera.set_guide(None)
            self.code = None
            self.hint.setText(self.tr("No camera: please call staff"))
            return
        self.camera.start(camera.latest)
        self.set_hint(self.core.session.face_hint or "look_straight")

    def leave(self) -> None:
        self.camera.stop()

    def wipe(self) -> None:
        self.portrait.clear()
        self.camera.clear()
        self.hint.clear()
        self.code = None

    def set_hint(self, code: str) -> None:
        """Show the prompt for `code`: words from kiosk.face's bilingual tables (one wording for
        CLI, UI and docs) and the oval guide's colour and arrow."""
        self.code = code
        self.hint.setText(prompt(code, self.core.session.language))
        state, arrow = guide_for(code)
        self.camera.set_guide(state, arrow)
