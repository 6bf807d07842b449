"""Live camera preview: paints the newest frame at the display rate, never waits for one.

Frames come from a grabber thread (kiosk.face camera sources) through a `latest()` callable;
the view only converts and paints, so heavy work (face matching, QR decoding) elsewhere never
slows the preview. `frames_shown` counts paints, for the preview-rate benchmark.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget


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
        self.update()

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
