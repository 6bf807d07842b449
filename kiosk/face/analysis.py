"""Per-frame face analysis: HOG detection, 5-point landmarks, pose, quality, 128-d embedding.

Detection runs on a copy scaled down to about DETECT_PIXELS (the HOG detector's cost grows
with the pixel count; a face at a counter fills a good part of the frame), with one retry at
twice the scale when nothing is found. Landmarks and the embedding use the full-resolution
frame. The embedding is dlib's ResNet over a 150x150 chip aligned on the 5 landmarks.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from kiosk.face.frames import Frame
from kiosk.face.models import FaceModels, get_models
from kiosk.face.pose import Landmarks, estimate_yaw
from kiosk.face.quality import DEFAULT_GATES, Box, QualityGates, QualityReport, assess

#: Pixel budget for HOG detection on camera frames (about 480x360).
DETECT_PIXELS = 480 * 360

EmbedPolicy = Literal["never", "if_good", "if_face", "always"]


@dataclass(frozen=True)
class FaceGeometry:
    """Where the single face is: its box, its five landmarks, its estimated yaw."""

    box: Box
    landmarks: Landmarks = field(repr=False)  # face geometry is biometric: not in the repr
    yaw_deg: float = 0.0

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2.0, (self.box[1] + self.box[3]) / 2.0

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]


@dataclass(frozen=True, eq=False)
class FrameAnalysis:
    """Everything measured on one frame. The embedding is biometric data: not in the repr."""

    frame_index: int
    timestamp: float
    face_count: int
    face: FaceGeometry | None          # set when exactly one face was found
    quality: QualityReport
    embedding: np.ndarray | None = field(default=None, repr=False)
    detect_ms: float = 0.0
    embed_ms: float = 0.0
    #: 8-byte BLAKE2b of the pixels: tells a frozen or replayed still (identical frames).
    digest: bytes | None = field(default=None, repr=False)


def _rect(dlib_mod, box: Box):
    return dlib_mod.rectangle(int(box[0]), int(box[1]), int(box[2]), int(box[3]))


class FaceAnalyzer:
    """Stateless apart from the shared models; safe to call from several threads."""

    def __init__(self, models: FaceModels | None = None, *,
                 gates: QualityGates = DEFAULT_GATES, detect_pixels: int = DETECT_PIXELS) -> None:
        self._models = models
        self.gates = gates
        self.detect_pixels = detect_pixels

    @property
    def models(self) -> FaceModels:
        if self._models is None:
            self._models = get_models()
        return self._models

    def detect(self, rgb: np.ndarray, *, upsample: int = 0,
               max_pixels: int | None = None) -> list[Box]:
        """Face boxes in full-resolution coordinates, largest first."""
        budget = self.detect_pixels if max_pixels is None else max_pixels
        h, w = rgb.shape[:2]
        scale = min(1.0, math.sqrt(budget / float(w * h))) if budget > 0 else 1.0
        boxes = self._detect_at(rgb, scale, upsample)
        if not boxes and scale < 1.0:
            boxes = self._detect_at(rgb, min(1.0, scale * 2.0), upsample)
        return sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)

    def _detect_at(self, rgb: np.ndarray, scale: float, upsample: int) -> list[Box]:
        img = rgb if scale >= 1.0 else cv2.resize(
            rgb, (max(1, round(rgb.shape[1] * scale)), max(1, round(rgb.shape[0] * scale))),
            interpolation=cv2.INTER_AREA)
        rects = self.models.detector(img, upsample)
        inv = 1.0 / scale
        return [(round(r.left() * inv), round(r.top() * inv), round(r.right() * inv),
                 round(r.bottom() * inv)) for r in rects]

    def shape(self, rgb: np.ndarray, box: Box):
        """dlib's full_object_detection with the 5 landmarks for `box`."""
        # dlib loads with the models (models.py), in the analysis child, not with this module
        import dlib

        return self.models.landmarks(rgb, _rect(dlib, box))

    @staticmethod
    def points(shape) -> Landmarks:
        return tuple((float(p.x), float(p.y)) for p in shape.parts())

    def embed_shape(self, rgb: np.ndarray, shape) -> np.ndarray:
        """128-d embedding of the face aligned on `shape` (dlib ResNet, 150x150 chip)."""
        m = self.models
        with m.embed_lock:
            vec = m.embedder.compute_face_descriptor(rgb, shape)
        return np.asarray(vec, dtype=np.float64)

    def analyze(self, frame: Frame, *, embed: EmbedPolicy = "if_good") -> FrameAnalysis:
        """Detect, measure quality and (per `embed`) compute the embedding of one frame.

        embed: "never"; "if_good" (all gates pass: for matching); "if_face" (one face, any
        pose: for liveness, which needs the turned frames too); "always" (same as if_face).
        """
        t0 = time.perf_counter()
        rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
        gray = cv2.cvtColor(frame.image, cv2.COLOR_BGR2GRAY)
        boxes = self.detect(rgb)
        geometry, shape = None, None
        if len(boxes) == 1:
            shape = self.shape(rgb, boxes[0])
            pts = self.points(shape)
            geometry = FaceGeometry(box=boxes[0], landmarks=pts, yaw_deg=estimate_yaw(pts))
        quality = assess(gray, boxes, geometry.yaw_deg if geometry else None, self.gates)
        t1 = time.perf_counter()
        vec = None
        if shape is not None and (embed in ("if_face", "always") or
                                  (embed == "if_good" and quality.ok)):
            vec = self.embed_shape(rgb, shape)
        t2 = time.perf_counter()
        return FrameAnalysis(frame_index=frame.index, timestamp=frame.timestamp,
                             face_count=len(boxes), face=geometry, quality=quality,
                             embedding=vec, detect_ms=(t1 - t0) * 1000.0,
                             embed_ms=(t2 - t1) * 1000.0,
                             digest=hashlib.blake2b(np.ascontiguousarray(frame.image).data,
                                                    digest_size=8).digest())


def distance(a: np.ndarray, b: np.ndarray) -> float:
    """Euclidean distance between two embeddings (dlib's metric; 0.6 is its reference point)."""
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))
