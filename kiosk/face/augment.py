"""Identity-preserving variants of a photograph, as the kiosk would see it.

Portrait side (what the chip stores): an ICAO-style 240x320 crop as JPEG quality 50 and as a
~15 KB JPEG 2000, read back through `load_portrait` like a real DG2. Camera side (what the
webcam gives): the photo as a 640x480 frame at counter distance, then darker, blurred, noisy,
tilted, mirrored and farther away. Every variant is still the same person, so variants widen
the genuine distribution honestly; they are NOT new people and never count as independent
identities or independent pairs (kiosk.face.det counts units of source photographs).
Deterministic: the noise is seeded from the photo's id.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from kiosk.face import synthetic

Box = tuple[int, int, int, int]
Side = Literal["portrait", "camera"]


@dataclass(frozen=True)
class Variant:
    name: str
    side: Side
    make: Callable[[np.ndarray, Box, np.random.Generator], bytes | np.ndarray]


def _webcam(img: np.ndarray, box: Box) -> np.ndarray:
    return synthetic.webcam_frame(img, box)


def _dim(img: np.ndarray, box: Box, _rng: np.random.Generator) -> np.ndarray:
    # under-exposed: gamma 1.6 then 70 % gain (a counter lit from behind)
    f = _webcam(img, box).astype(np.float32) / 255.0
    return np.clip(255.0 * 0.7 * f ** 1.6, 0, 255).astype(np.uint8)


def _blur(img: np.ndarray, box: Box, _rng: np.random.Generator) -> np.ndarray:
    return cv2.GaussianBlur(_webcam(img, box), (0, 0), 1.5)


def _noise(img: np.ndarray, box: Box, rng: np.random.Generator) -> np.ndarray:
    f = _webcam(img, box).astype(np.float32) + rng.normal(0.0, 8.0, (480, 640, 3))
    return np.clip(f, 0, 255).astype(np.uint8)


def _tilt(img: np.ndarray, box: Box, _rng: np.random.Generator) -> np.ndarray:
    m = cv2.getRotationMatrix2D((320, 240), 8.0, 1.0)
    return cv2.warpAffine(_webcam(img, box), m, (640, 480), borderMode=cv2.BORDER_REPLICATE)


def _mirror(img: np.ndarray, box: Box, _rng: np.random.Generator) -> np.ndarray:
    return cv2.flip(_webcam(img, box), 1)


def _far(img: np.ndarray, box: Box, _rng: np.random.Generator) -> np.ndarray:
    # a step back from the camera: the frame shrunk to 55 % inside a replicated border, so the
    # face is about 20 % of the width instead of 37 % (and has 0.3 times the pixels)
    small = cv2.resize(_webcam(img, box), (352, 264), interpolation=cv2.INTER_AREA)
    return cv2.copyMakeBorder(small, 108, 108, 144, 144, cv2.BORDER_REPLICATE)


VARIANTS: tuple[Variant, ...] = (
    Variant("chip_jpeg_q50", "portrait",
            lambda img, box, _r: synthetic.jpeg_bytes(synthetic.chip_portrait(img, box), 50)),
    Variant("chip_jp2_15kb", "portrait",
            lambda img, box, _r: synthetic.jp2_bytes(synthetic.chip_portrait(img, box), 15000)),
    Variant("webcam", "camera", lambda img, box, _r: _webcam(img, box)),
    Variant("webcam_dim", "camera", _dim),
    Variant("webcam_blur", "camera", _blur),
    Variant("webcam_noise", "camera", _noise),
    Variant("webcam_tilt", "camera", _tilt),
    Variant("webcam_mirror", "camera", _mirror),
    Variant("webcam_far", "camera", _far),
)


def variant_names() -> tuple[str, ...]:
    return tuple(v.name for v in VARIANTS)


def rng_for(photo_id: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(photo_id.encode("utf-8")))
