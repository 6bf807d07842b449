"""Pieces of the staff panel: the large verdict banner, one tab per person of a two-person
form, the face score scale with its threshold, and pictures (the chip portrait, the frame
the match was decided on)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff_panel import TONES, FaceScale, PanelVerdict
from kiosk.staff_parties import PartyPanel
from ui.widgets.camera_view import bgr_to_qimage


class VerdictBanner(QFrame):
    """Colour + icon + words in both languages (the current one first, larger): readable
    from 2 m, and never colour alone."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffVerdict")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 20, 8)
        row.setSpacing(4)
        self.icon = QLabel()
        self.icon.setObjectName("staffVerdictIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setFixedWidth(110)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("staffVerdictTitle")
        self.title.setWordWrap(True)
        self.second = QLabel()
        self.second.setObjectName("staffVerdictSecond")
        self.second.setWordWrap(True)
        self.because = QLabel()
        self.because.setObjectName("staffVerdictBecause")
        self.because.setWordWrap(True)
        for w in (self.title, self.second, self.because):
            texts.addWidget(w)
        row.addWidget(self.icon)
        row.addLayout(texts, 1)
        self.verdict: PanelVerdict | None = None

    def show_verdict(self, verdict: PanelVerdict, language: str) -> None:
        self.verdict = verdict
        first, other = (0, 1) if language == "vi" else (1, 0)
        self.setStyleSheet(
            f"QFrame#staffVerdict {{ background: {verdict.colour}; border-radius: 16px; }}"
            "QFrame#staffVerdict QLabel { color: white; }"
            "QLabel#staffVerdictIcon { font-size: 72px; font-weight: 700; }"
            "QLabel#staffVerdictTitle { font-size: 44px; font-weight: 800; }"
            "QLabel#staffVerdictSecond { font-size: 26px; font-weight: 600; }"
            "QLabel#staffVerdictBecause { font-size: 24px; }")
        self.icon.setText(verdict.icon)
        self.title.setText(verdict.title[first])
        self.second.setText(verdict.title[other])
        lines = [verdict.because[first]]
        if verdict.policy is not None:
            lines.append(verdict.policy[first])
        self.because.setText("\n".join(lines))

    def clear(self) -> None:
        self.verdict = None
        for w in (self.icon, self.title, self.second, self.because):
            w.setText("")


class PartyTabs(QWidget):
    """One tab per person of a two-person form (the verdict's icon and the role's name, in
    the verdict's colour); hidden for a one-person form. `chosen(role)` on a tap."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffParties")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}

    def set_parties(self, panels: list[PartyPanel], selected: str, language: str) -> None:
        for b in self.buttons.values():
            self.group.removeButton(b)
            self.row.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        for panel in panels:
            b = QPushButton(panel.tab(language))
            b.setObjectName(f"staffParty_{panel.role}")
            b.setCheckable(True)
            b.setChecked(panel.role == selected)
            b.setProperty("compact", True)
            b.setStyleSheet(f"QPushButton {{ color: {panel.verdict.colour}; font-weight: 700; }}"
                            f"QPushButton:checked {{ background: {panel.verdict.colour}; "
                            "color: white; }")
            b.clicked.connect(lambda _=False, role=panel.role: self.chosen.emit(role))
            self.group.addButton(b)
            self.row.addWidget(b)
            self.buttons[panel.role] = b
        self.setVisible(len(panels) > 1)


class ScoreBar(QWidget):
    """The face distance on a bar from 0 to `scale.top`: green up to the threshold (a match),
    red beyond; a black tick at the threshold and a marker at the score."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffScore")
        self.setMinimumHeight(44)
        self.scale: FaceScale | None = None

    def set_scale(self, scale: FaceScale | None) -> None:
        self.scale = scale
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        s = self.scale
        if s is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width() - 20, 24.0
        x0, y0 = 10.0, 12.0  # the threshold's mark reaches 10 px above and below the bar
        # positions from kiosk.face.threshold.score_scale: one source for where the mark sits
        cut = x0 + w * s.scale.threshold_position
        p.fillRect(QRectF(x0, y0, cut - x0, h), QColor(TONES["ok"]))
        p.fillRect(QRectF(cut, y0, x0 + w - cut, h), QColor(TONES["stop"]))
        p.setPen(QPen(QColor("#111111"), 4))
        p.drawLine(int(cut), int(y0 - 10), int(cut), int(y0 + h + 10))
        if s.scale.distance_position is not None:
            x = x0 + w * s.scale.distance_position
            p.setPen(QPen(QColor("#111111"), 2))
            p.setBrush(QColor("white"))
            p.drawEllipse(QRectF(x - 13, y0 - 1, 26, 26))
            font = QFont(p.font())
            font.setPixelSize(16)
            font.setBold(True)
            p.setFont(font)
            p.drawText(QRectF(x - 13, y0 - 1, 26, 26), Qt.AlignmentFlag.AlignCenter,
                       "✔" if s.within else "✘")


def png_pixmap(data: bytes, width: int, height: int) -> QPixmap:
    return QPixmap.fromImage(QImage.fromData(data)).scaled(
        width, height, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation)


def face_crop(frame: np.ndarray, box: tuple[int, int, int, int] | None) -> np.ndarray:
    """The face region of a camera frame, framed like an ID portrait (3:4, the face about
    half the height), so it compares with the chip photo at a glance."""
    if box is None:
        return frame
    h, w = frame.shape[:2]
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    ch = min(h, max(1.0, (bottom - top) * 2.0))
    cw = min(w, ch * 3 / 4)
    x0 = int(max(0, min(w - cw, cx - cw / 2)))
    y0 = int(max(0, min(h - ch, cy - ch * 0.45)))
    return frame[y0:y0 + int(ch), x0:x0 + int(cw)]


def frame_pixmap(frame: np.ndarray, box: tuple[int, int, int, int] | None, width: int,
                 height: int) -> QPixmap:
    image = bgr_to_qimage(np.ascontiguousarray(face_crop(frame, box)))
    return QPixmap.fromImage(image).scaled(
        width, height, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation)
