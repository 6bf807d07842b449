"""One person's case on the staff panel: the chip portrait beside the camera frame the match
was decided on, the face score on its scale with where the threshold came from, each check
in plain words (the technical ids, and the session's error detail, behind "Details"), and
the identity fields. The words come from kiosk.staff_panel; whose case it is, from
kiosk.staff_parties (ui/screens/staff.py chooses)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk import staff_panel as words
from kiosk.face.threshold import ThresholdInForce
from kiosk.staff_parties import PartyPanel
from ui.screens.staff_parts import ScoreBar, frame_pixmap, png_pixmap
from ui.widgets.camera_view import CameraView

if TYPE_CHECKING:
    from kiosk.face.station import LiveCamera

#: the kiosk's shared camera (KioskCore.camera): None when there is none
CameraSource = Callable[[], "LiveCamera | None"]
_CHECK_COLOURS = {"passed": words.TONES["ok"], "failed": words.TONES["stop"],
                  "not_possible": words.TONES["warn"]}


def _label(style: str, name: str = "") -> QLabel:
    lab = QLabel()
    lab.setWordWrap(True)
    lab.setStyleSheet(style)
    if name:
        lab.setObjectName(name)
    return lab


class CaseView(QWidget):
    """Pictures and score | checks and details | identity: side by side in landscape,
    stacked in portrait."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pictures = (210, 280)
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.middle.setContentsMargins(0, 0, 0, 0)
        self.portrait = QLabel()
        self.portrait.setObjectName("staffPortrait")
        self.captured = QLabel()
        self.captured.setObjectName("staffCaptured")
        self.camera = CameraView()
        for w in (self.portrait, self.captured):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setStyleSheet("background: #eceff4;")
        self.portrait_caption = _label("font-size: 20px; color: #3b3b3b;")
        self.frame_caption = _label("font-size: 20px; color: #3b3b3b;")
        for caption in (self.portrait_caption, self.frame_caption):
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            # one line, as wide as it needs: wrapped under a fixed-size picture, Qt gave the
            # label one line's height and the second line ran over the picture
            caption.setWordWrap(False)
        chip_side, camera_side, pictures = QVBoxLayout(), QVBoxLayout(), QHBoxLayout()
        for w in (self.portrait, self.portrait_caption):
            chip_side.addWidget(w)
        for w in (self.captured, self.camera, self.frame_caption):
            camera_side.addWidget(w)
        pictures.addLayout(chip_side)
        pictures.addLayout(camera_side)
        self.score = ScoreBar()
        self.score_caption = _label("font-size: 22px;", "staffScoreCaption")
        self.threshold_origin = _label("font-size: 20px; color: #3b3b3b;",
                                       "staffThresholdOrigin")
        self.liveness = _label("font-size: 22px;")
        faces = QVBoxLayout()
        faces.addLayout(pictures)
        for w in (self.score, self.score_caption, self.threshold_origin, self.liveness):
            faces.addWidget(w)
        faces.addStretch(1)
        self.middle.addLayout(faces, 3)

        checks = QVBoxLayout()
        self.checks = QListWidget()
        self.checks.setObjectName("staffChecks")
        self.checks.setStyleSheet("QListWidget { font-size: 22px; } "
                                  "QListWidget::item { min-height: 34px; padding: 4px; }")
        self.checks.setWordWrap(True)
        self.details_button = QPushButton()
        self.details_button.setObjectName("staffDetailsToggle")
        self.details_button.setProperty("role", "secondary")
        self.details_button.setProperty("compact", True)
        self.details_button.setCheckable(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("staffDetails")
        self.details.setReadOnly(True)
        self.details.setStyleSheet("font-family: monospace; font-size: 16px;")
        self.details.setVisible(False)
        self.details_button.toggled.connect(self.details.setVisible)
        checks.addWidget(self.checks, 3)
        checks.addWidget(self.details, 2)
        checks.addWidget(self.details_button)
        self.middle.addLayout(checks, 3)
        # the identity fields: a card holds up to ~20, some long (addresses); a table scrolls
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("staffIdentity")
        self.fields.horizontalHeader().setVisible(False)
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setWordWrap(True)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setStyleSheet("font-size: 20px;")
        self.middle.addWidget(self.fields, 3)
        self.captured.setVisible(False)

    def retranslate(self) -> None:
        self.portrait_caption.setText(self.tr("Photo on the chip"))
        self.frame_caption.setText(self.tr("Camera at the face check"))
        self.details_button.setText(self.tr("Details"))

    def set_portrait(self, portrait: bool) -> None:
        self.middle.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                 else QBoxLayout.Direction.LeftToRight)
        self.pictures = (360, 480) if portrait else (210, 280)
        for w in (self.portrait, self.captured, self.camera):
            w.setFixedSize(*self.pictures)

    def show_case(self, panel: PartyPanel, language: str, *, camera: CameraSource,
                  in_force: ThresholdInForce | None, why: str, error: str) -> None:
        """`camera`: the kiosk's shared camera, asked for only when the live view is shown;
        `in_force`: the face threshold in force (None: why not in `why`); `error`: the
        session's error line for Details."""
        self.show_pictures(panel, camera)
        scale = words.face_scale(panel.face, in_force) if in_force is not None else None
        self.score.set_scale(scale)
        self.score.setVisible(scale is not None)
        i = 0 if language == "vi" else 1
        self.score_caption.setText(scale.caption[i] if scale else "")
        self.threshold_origin.setText(scale.origin[i] if scale else "")
        self.threshold_origin.setVisible(scale is not None)
        self.liveness.setText(words.liveness_words(panel.face, language))
        self.liveness.setVisible(panel.face is not None)
        self.checks.clear()
        for line in words.check_lines(panel.read, language):
            item = QListWidgetItem(f"{line.mark} {line.text}")
            item.setForeground(QColor(_CHECK_COLOURS.get(line.status, words.TONES["info"])))
            self.checks.addItem(item)
        details = [error] if error else []
        details += words.detail_lines(panel.read, panel.face)
        if panel.face is not None:
            details.append(words.threshold_detail(in_force, panel.face) if in_force
                           else f"threshold unavailable ({why})")
        self.details.setPlainText("\n".join(details))
        lines = words.identity_lines(panel.identity, language)
        if panel.typed_id:
            lines = [*lines, (self.tr("ID number (typed)"), panel.typed_id)]
        self.fields.setRowCount(len(lines))
        for row, (label, value) in enumerate(lines):
            self.fields.setItem(row, 0, QTableWidgetItem(label))
            self.fields.setItem(row, 1, QTableWidgetItem(value))
        self.fields.resizeColumnToContents(0)
        self.fields.resizeRowsToContents()

    def show_pictures(self, panel: PartyPanel, camera: CameraSource) -> None:
        w, h = self.pictures
        png = panel.read.portrait_png if panel.read is not None else None
        if png:
            self.portrait.setPixmap(png_pixmap(png, w, h))
        else:
            self.portrait.clear()
        frame = panel.face.frame if panel.face is not None else None
        live = frame is None and panel.current  # the camera sees only who is there now
        # hide first, then show: both at once would make the window grow (it never shrinks)
        (self.camera if not live else self.captured).setVisible(False)
        (self.captured if not live else self.camera).setVisible(True)
        if frame is not None and panel.face is not None:
            self.camera.stop()
            self.captured.setPixmap(frame_pixmap(frame, panel.face.face_box, w, h))
        else:
            self.captured.clear()
            live_camera = camera() if live else None
            if live_camera is not None:
                self.camera.start(live_camera.latest)
            else:
                self.camera.stop()

    def clear(self) -> None:
        self.portrait.clear()
        self.captured.clear()
        self.camera.clear()
        self.checks.clear()
        self.details.setPlainText("")
        self.score.set_scale(None)
        self.score_caption.clear()
        self.threshold_origin.clear()
        self.liveness.clear()
        self.fields.setRowCount(0)
