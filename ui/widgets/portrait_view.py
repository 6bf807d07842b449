"""The chip portrait shown as a portrait: cropped to the face, not the whole photograph.

A DG2 image may be a full photograph (a person at a desk, flags behind); shown whole at the
size of a passport photo, the face is a few millimetres tall. The view finds the one face
(dlib's HOG detector, on a worker thread: no model file, ~20 ms on a DG2-sized image) and
crops to the ISO/IEC 19794-5 token-image geometry around it (`token_crop`). With no face, or
more than one, it shows the image whole: never a guessed crop.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.workers import Job, run_in_pool

Box = tuple[int, int, int, int]  # left, top, right, bottom
Rect = tuple[int, int, int, int]  # x, y, width, height

#: ISO/IEC 19794-5 8.4 (token frontal image): image width W, height W / 0.75, eye centres
#: 0.25 W apart, the eye line 0.6 W from the top, the face centred horizontally.
TOKEN_EYE_DISTANCE = 0.25
TOKEN_EYE_LINE = 0.6
TOKEN_ASPECT = 0.75
#: Where dlib's HOG box puts the eyes: centres about 0.43 of the box width apart, on a line
#: about 0.38 of the box height below its top (the box runs from the brows to the chin).
HOG_EYE_DISTANCE = 0.43
HOG_EYE_LINE = 0.38


def token_crop(width: int, height: int, box: Box) -> Rect:
    """The token-image rectangle around face `box` in a `width` x `height` image, moved (and,
    when larger than the image, shrunk about its centre) to lie inside it."""
    left, top, right, bottom = box
    eye_distance = HOG_EYE_DISTANCE * (right - left)
    w = eye_distance / TOKEN_EYE_DISTANCE
    h = w / TOKEN_ASPECT
    cx = (left + right) / 2
    eye_y = top + HOG_EYE_LINE * (bottom - top)
    x, y = cx - w / 2, eye_y - TOKEN_EYE_LINE * w
    shrink = min(1.0, width / w, height / h)
    if shrink < 1.0:
        cy = y + h / 2
        w, h = w * shrink, h * shrink
        x, y = cx - w / 2, cy - h / 2
    x = min(max(0.0, x), width - w)
    y = min(max(0.0, y), height - h)
    return round(x), round(y), round(w), round(h)


def find_face(image: QImage) -> Box | None:
    """The one face in `image` (None for no face or several). Blocking: call off the UI
    thread. dlib is imported here so the screens load without it."""
    import dlib
    import numpy as np

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = rgb.width(), rgb.height()
    raw = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=rgb.sizeInBytes())
    pixels = np.ascontiguousarray(raw.reshape(h, rgb.bytesPerLine())[:, :w * 3]
                                  .reshape(h, w, 3))
    detector = dlib.get_frontal_face_detector()
    for upsample in (0, 1):  # a small DG2 face may need one upsampling
        rects = detector(pixels, upsample)
        if len(rects) == 1:
            r = rects[0]
            return max(0, r.left()), max(0, r.top()), min(w, r.right()), min(h, r.bottom())
        if len(rects) > 1:
            return None
    return None


class PortraitView(QWidget):
    """Paints the portrait cropped to the face, scaled to fit, with rounded corners."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self.crop: Rect | None = None  # None while looking, or when no single face was found
        self.searching = False
        self._job: Job | None = None

    def set_portrait(self, data: bytes | None) -> None:
        """Show the portrait (PNG/JPEG bytes); the crop follows when the face is found."""
        self.clear()
        if not data:
            return
        image = QImage.fromData(data)
        if image.isNull():
            return
        self._image = image
        self.searching = True
        self._job = run_in_pool(lambda _p, _c: find_face(image), on_result=self._found,
                                on_error=lambda _exc: self._found(None))

    def _found(self, box: Box | None) -> None:
        self._job = None
        self.searching = False
        if self._image is not None and box is not None:
            self.crop = token_crop(self._image.width(), self._image.height(), box)
        self.update()

    def clear(self) -> None:
        """Forget the portrait (it shows a person)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._image = None
        self.crop = None
        self.searching = False
        self.update()

    def has_portrait(self) -> bool:
        return self._image is not None

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        if self._image is None or self.searching:
            return  # a whole photograph flashing before its crop would be worse than nothing
        x, y, w, h = self.crop or (0, 0, self._image.width(), self._image.height())
        source = QRectF(x, y, w, h)
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        target = QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = QPainterPath()
        frame.addRoundedRect(target, 16, 16)
        p.setClipPath(frame)
        p.drawImage(target, self._image, source)
        p.setClipping(False)
        p.setPen(QColor(0, 0, 0, 90))
        p.drawPath(frame)
