"""Decode images from files or bytes into BGR arrays (OpenCV first, Pillow for JPEG 2000)."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np

from kiosk.face.errors import SourceError

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".jp2", ".j2k", ".jpf", ".tif",
                            ".tiff", ".webp", ".pgm", ".ppm"})


def decode_image(data: bytes) -> np.ndarray | None:
    """Bytes of any still image to a BGR uint8 array, or None when neither decoder reads them.

    Pillow decodes JPEG 2000 (the usual DG2 encoding) even where OpenCV was built without it.
    """
    arr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if arr is not None:
        return arr
    try:
        # Pillow only for what OpenCV cannot decode (JPEG 2000 in most OpenCV builds)
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            rgb = np.asarray(im.convert("RGB"))
    except Exception:
        return None
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def read_image(path: str | Path) -> np.ndarray:
    """A BGR array from an image file; SourceError with the file name when it cannot be read."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read image file {p.name}: {exc.strerror}.",
                          advice="Check the path and the file permissions.") from None
    arr = decode_image(data)
    if arr is None:
        raise SourceError(f"{p.name} is not a readable image.",
                          advice="Use JPEG, PNG or JPEG 2000.")
    return arr
