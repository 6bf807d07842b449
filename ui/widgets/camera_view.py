"""Live camera preview: paints the newest frame at the display rate, never waits for one.

Frames come from a grabber thread (kiosk.face camera sources) through a `latest()` callable;
the view only converts and paints, so heavy work (face matching, QR decoding) elsewhere never
slows the preview. `frames_shown` counts paints, for the preview-rate benchmark.

For the face check it paints an oval guide over the picture (`set_guide`): where to put the
face, coloured by how the last frame did (white: keep going, yellow: adjust, green: good),
with an arrow for the head-turn prompts; the words are on the face screen.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ui.theme import GUIDE_ADJUST, GUIDE_GOOD, GUIDE_NEUTRAL

GUIDE_COLOURS = {"neutral": GUIDE_NEUTRAL, "adjust": GUIDE_ADJUST, "good": GUIDE_GOOD}
#: The oval's share of the picture's height, and its width to height (a face is about 3:4).
OVAL_HEIGHT, OVAL_ASPECT = 0.78, 0.75


def bgr_to_qimage(frame: np.ndarray) -> QImage:
    """A BGR (OpenCV) or grey array as a QImage that owns its memory."""
    if frame.ndim == 2:
        h, w = frame.shape
        return QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_Grayscale8).copy()
    h, w, _ = frame.shape
    rgb = np.ascontiguousarray(frame[:, :, ::-1])
    return QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888).copy()


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None, *, poll_hz: int = 60):
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self._latest: Callable[[], np.ndarray | None] | None = None
        self._image: QImage | None = None
        self._last_id: int | None = None
        self.overlay_rect: tuple[float, float, float, float] | None = None  # relative x,y,w,h
        self.overlay_ok = False
        self.guide: str | None = None  # None (no oval), "neutral", "adjust" or "good"
        self.guide_arrow: str | None = None  # "left" / "right": turn the head that way
        self.frames_shown = 0
        self._timer = QTimer(self)
        # poll at twice the camera rate so each new frame is painted within ~16 ms of arriving
        self._timer.setInterval(max(1, 1000 // poll_hz))
        self._timer.timeout.connect(self._tick)

    def start(self, latest: Callable[[], np.ndarray | None]) -> None:
        self._latest = latest
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._latest = None

    def clear(self) -> None:
        """Forget the last frame (it shows a person)."""
        self._image = None
        self._last_id = None
        self.overlay_rect = None
        self.guide = self.guide_arrow = None
        self.update()

    def set_guide(self, state: str | None, arrow: str | None = None) -> None:
        """Show the oval guide in `state` (None hides it), with an optional turn arrow."""
        if state is not None and state not in GUIDE_COLOURS:
            raise ValueError(f"unknown guide state {state!r}")
        self.guide, self.guide_arrow = state, arrow
        self.update()

    def oval_rect(self, target: QRectF) -> QRectF:
        """Where the face should be, inside the painted picture `target`."""
        h = target.height() * OVAL_HEIGHT
        w = min(h * OVAL_ASPECT, target.width() * 0.8)
        return QRectF(target.center().x() - w / 2, target.center().y() - h / 2, w, h)

    def _tick(self) -> None:
        if self._latest is None:
            return
        frame = self._latest()
        if frame is None or id(frame) == self._last_id:
            return
        self._last_id = id(frame)
        self._image = bgr_to_qimage(frame)
        self.frames_shown += 1
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#222222"))
        if self._image is None:
            return
        scaled = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - scaled.width()) / 2
        y = (self.height() - scaled.height()) / 2
        target = QRectF(x, y, scaled.width(), scaled.height())
        p.drawImage(target, self._image)
        if self.overlay_rect:
            rx, ry, rw, rh = self.overlay_rect
            pen = QPen(QColor("#1fbf4a" if self.overlay_ok else "#ffcc00"), 5)
            p.setPen(pen)
            p.drawRect(QRectF(x + rx * scaled.width(), y + ry * scaled.height(),
                              rw * scaled.width(), rh * scaled.height()))
        if self.guide is not None:
            self._paint_guide(p, target)

    def _paint_guide(self, p: QPainter, target: QRectF) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        oval = self.oval_rect(target)
        outside = QPainterPath()
        outside.addRect(target)
        hole = QPainterPath()
        hole.addEllipse(oval)
        p.fillPath(outside.subtracted(hole), QColor(0, 0, 0, 120))  # dim all but the oval
        colour = QColor(GUIDE_COLOURS[self.guide or "neutral"])
        p.setPen(QPen(QColor(0, 0, 0, 160), 10))  # a dark halo: the line shows on any picture
        p.drawEllipse(oval)
        p.setPen(QPen(colour, 6))
        p.drawEllipse(oval)
        if self.guide_arrow in ("left", "right"):
            # the citizen faces the screen: their left is the screen's left
            sign = -1 if self.guide_arrow == "left" else 1
            cx = oval.center().x() + sign * (oval.width() / 2 + oval.width() * 0.18)
            cy, size = oval.center().y(), oval.width() * 0.14
            arrow = QPolygonF([QPointF(cx + sign * size, cy), QPointF(cx - sign * size, cy - size),
                               QPointF(cx - sign * size, cy + size)])
            p.setPen(QPen(QColor(0, 0, 0, 160), 4))
            p.setBrush(colour)
            p.drawPolygon(arrow)
