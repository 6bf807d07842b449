"""The chip portrait (DG2) as the reference embedding.

DG2 images are small and compressed (JPEG or JPEG 2000, often 240x320 or less, ~15 KB), too
small for the HOG detector's 80-pixel window at the margins and blocky enough to disturb the
landmarks. So the portrait is upscaled (bicubic) until its short side is NORMALISED_SHORT_SIDE,
its grey range is stretched when it is washed out, and detection may upsample once more.
A portrait with no face or several faces is refused, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from kiosk.face.analysis import FaceAnalyzer, FaceGeometry
from kiosk.face.errors import PortraitRejected
from kiosk.face.imageio import decode_image
from kiosk.face.pose import estimate_yaw

NORMALISED_SHORT_SIDE = 480
#: Stretch the levels when the 1st-99th percentile grey range is narrower than this.
MIN_LEVEL_RANGE = 160.0
#: Detection pixel budget: a normalised DG2 image (480x640) is searched at full size; a large
#: photo used as a reference is scaled down first.
DETECT_PIXELS = 1024 * 768


@dataclass(frozen=True, eq=False)
class Portrait:
    """The reference face. The embedding is biometric data: not in the repr."""

    embedding: np.ndarray = field(repr=False)
    face: FaceGeometry            # in normalised-image coordinates
    source_size: tuple[int, int]  # (width, height) as stored on the chip
    scale: float                  # upscaling applied before detection
    levels_stretched: bool


def normalise(bgr: np.ndarray) -> tuple[np.ndarray, float, bool]:
    """Upscale a small portrait and stretch washed-out levels; returns (image, scale, stretched)."""
    h, w = bgr.shape[:2]
    scale = max(1.0, NORMALISED_SHORT_SIDE / min(h, w))
    img = bgr
    if scale > 1.0:
        img = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_CUBIC)
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    lo, hi = np.percentile(gray, (1.0, 99.0))
    stretched = False
    if hi - lo < MIN_LEVEL_RANGE and hi - lo > 8:
        f = 255.0 / (hi - lo)
        img = np.clip((img.astype(np.float32) - lo) * f, 0, 255).astype(np.uint8)
        stretched = True
    return img, scale, stretched


def load_portrait(data: bytes | np.ndarray, analyzer: FaceAnalyzer | None = None) -> Portrait:
    """Decode (JPEG / JPEG 2000 bytes, or a BGR array), normalise, and embed the chip portrait.

    Raises PortraitRejected with code portrait_unreadable, portrait_no_face or
    portrait_many_faces.
    """
    an = analyzer or FaceAnalyzer()
    bgr: np.ndarray | None
    if isinstance(data, np.ndarray):
        bgr = data if data.ndim == 3 else np.asarray(cv2.cvtColor(data, cv2.COLOR_GRAY2BGR))
    else:
        bgr = decode_image(bytes(data))
        if bgr is None:
            raise PortraitRejected(
                "portrait_unreadable", "the chip portrait could not be decoded.",
                advice="The DG2 image is neither JPEG nor JPEG 2000 that Pillow reads; report "
                       "the card type to the technician.")
    src_h, src_w = bgr.shape[:2]
    img, scale, stretched = normalise(bgr)
    rgb = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    boxes = an.detect(rgb, upsample=0, max_pixels=DETECT_PIXELS)
    if not boxes:
        boxes = an.detect(rgb, upsample=1, max_pixels=DETECT_PIXELS)
    if not boxes:
        raise PortraitRejected(
            "portrait_no_face", "no face was found in the chip portrait.",
            advice="Face matching cannot be done with this card; staff must compare the "
                   "citizen with the portrait by eye.")
    if len(boxes) > 1:
        raise PortraitRejected(
            "portrait_many_faces", f"the chip portrait shows {len(boxes)} faces.",
            advice="Face matching cannot be done with this card; staff must compare the "
                   "citizen with the portrait by eye.")
    shape = an.shape(rgb, boxes[0])
    pts = an.points(shape)
    emb = an.embed_shape(rgb, shape)
    face = FaceGeometry(box=boxes[0], landmarks=pts, yaw_deg=estimate_yaw(pts))
    return Portrait(embedding=emb, face=face, source_size=(src_w, src_h), scale=scale,
                    levels_stretched=stretched)
