"""Frame quality gates: is this frame good enough to compare with the chip portrait?

Each gate yields a `QualityCheck`; a failed one carries a machine reason code that the UI maps
to the Vietnamese and English prompts in REASONS. Gates that need a face are skipped (passed
is None) when there is no single face. Brightness, contrast and sharpness are measured on
the face when there is one, otherwise on the whole frame, so a dark or blurred frame is named
as such even when the detector gives up on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: reason code -> (Vietnamese, English) prompt for the citizen.
REASONS: dict[str, tuple[str, str]] = {
    "no_face": ("Không thấy khuôn mặt. Hãy nhìn vào camera.",
                "No face found. Please look at the camera."),
    "multiple_faces": ("Có nhiều khuôn mặt trong khung hình. Chỉ một người đứng trước camera.",
                       "More than one face in view. Only one person should face the camera."),
    "face_too_small": ("Khuôn mặt quá nhỏ. Hãy lại gần camera hơn.",
                       "Face too small. Please come closer."),
    "face_too_large": ("Khuôn mặt quá gần. Hãy lùi ra xa một chút.",
                       "Face too close. Please move back a little."),
    "blurry": ("Hình ảnh bị mờ. Hãy đứng yên.", "The image is blurred. Please hold still."),
    "too_dark": ("Ảnh quá tối. Cần thêm ánh sáng.", "Too dark. More light is needed."),
    "too_bright": ("Ảnh quá sáng. Tránh ánh sáng chiếu thẳng vào mặt hoặc camera.",
                   "Too bright. Avoid light shining straight at the face or camera."),
    "low_contrast": ("Ảnh thiếu tương phản. Kiểm tra ánh sáng.",
                     "Low contrast. Check the lighting."),
    "pose_not_frontal": ("Hãy nhìn thẳng vào camera.", "Please look straight at the camera."),
}

Box = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class QualityGates:
    """Limits of the gates. Sharpness is the variance of the Laplacian of the grey face scaled
    to SHARPNESS_WIDTH pixels wide, so it does not depend on how far the person stands."""

    min_face_fraction: float = 0.10   # face box width / frame width
    max_face_fraction: float = 0.85
    min_sharpness: float = 30.0
    min_brightness: float = 50.0      # mean grey level, 0-255
    max_brightness: float = 210.0
    min_contrast: float = 20.0        # standard deviation of the grey level
    max_abs_yaw_deg: float = 20.0


SHARPNESS_WIDTH = 128
DEFAULT_GATES = QualityGates()


@dataclass(frozen=True)
class QualityCheck:
    gate: str                  # face_found, one_face, face_size, sharpness, brightness, ...
    passed: bool | None        # None: not evaluated (needs exactly one face)
    value: float | None = None
    reason: str | None = None  # a REASONS key when passed is False

    def message(self, lang: str = "vi") -> str | None:
        if self.reason is None:
            return None
        vi, en = REASONS[self.reason]
        return vi if lang == "vi" else en


@dataclass(frozen=True)
class QualityReport:
    checks: tuple[QualityCheck, ...]

    @property
    def ok(self) -> bool:
        return all(c.passed is True for c in self.checks)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Reason codes of the failed gates, in gate order (the first is the one to show)."""
        return tuple(c.reason for c in self.checks if c.passed is False and c.reason)

    def messages(self, lang: str = "vi") -> tuple[str, ...]:
        return tuple(REASONS[r][0 if lang == "vi" else 1] for r in self.reasons)

    def value(self, gate: str) -> float | None:
        for c in self.checks:
            if c.gate == gate:
                return c.value
        return None


def _region(gray: np.ndarray, box: Box | None) -> np.ndarray:
    if box is None:
        return gray
    h, w = gray.shape
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3])
    if x1 - x0 < 8 or y1 - y0 < 8:
        return gray
    return gray[y0:y1, x0:x1]


def sharpness(gray_region: np.ndarray) -> float:
    """Variance of the Laplacian at a fixed width (higher is sharper)."""
    h, w = gray_region.shape
    scale = SHARPNESS_WIDTH / w
    resized = cv2.resize(gray_region, (SHARPNESS_WIDTH, max(8, round(h * scale))),
                         interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    return float(cv2.Laplacian(resized, cv2.CV_64F).var())


def assess(gray: np.ndarray, boxes: list[Box] | tuple[Box, ...], yaw_deg: float | None,
           gates: QualityGates = DEFAULT_GATES) -> QualityReport:
    """Run every gate on a grey frame with its detected face boxes and the single face's yaw."""
    n = len(boxes)
    single = boxes[0] if n == 1 else None
    checks = [
        QualityCheck("face_found", n > 0, float(n), None if n > 0 else "no_face"),
        QualityCheck("one_face", n == 1 if n > 0 else None, float(n),
                     "multiple_faces" if n > 1 else None),
    ]
    if single is not None:
        frac = (single[2] - single[0]) / gray.shape[1]
        reason = ("face_too_small" if frac < gates.min_face_fraction else
                  "face_too_large" if frac > gates.max_face_fraction else None)
        checks.append(QualityCheck("face_size", reason is None, round(frac, 4), reason))
    else:
        checks.append(QualityCheck("face_size", None))
    region = _region(gray, single)
    sharp = sharpness(region)
    checks.append(QualityCheck("sharpness", sharp >= gates.min_sharpness, round(sharp, 1),
                               None if sharp >= gates.min_sharpness else "blurry"))
    mean, std = float(region.mean()), float(region.std())
    reason = ("too_dark" if mean < gates.min_brightness else
              "too_bright" if mean > gates.max_brightness else None)
    checks.append(QualityCheck("brightness", reason is None, round(mean, 1), reason))
    checks.append(QualityCheck("contrast", std >= gates.min_contrast, round(std, 1),
                               None if std >= gates.min_contrast else "low_contrast"))
    if single is not None and yaw_deg is not None:
        ok = abs(yaw_deg) <= gates.max_abs_yaw_deg
        checks.append(QualityCheck("pose", ok, round(yaw_deg, 1),
                                   None if ok else "pose_not_frontal"))
    else:
        checks.append(QualityCheck("pose", None))
    return QualityReport(tuple(checks))
