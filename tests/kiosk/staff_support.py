"""Real results for the staff panel and records tests: reads of the emulated chip in process
(icao.chip's transport, then the kiosk's own inspection) and face outcomes as the face
station builds them. Reads are cached per option set: each costs ~0.3 s."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from kiosk.face.matching import FaceMatch
from kiosk.face.station import FaceOutcome
from kiosk.reading import ChipRead
from tests.kiosk.session import people

THRESHOLD = 0.6


@lru_cache(maxsize=8)
def chip_read(*, trusted: bool = True, tamper_dg: int | None = None,
              clone: bool = False) -> ChipRead:
    """The built-in citizen's chip read and judged (tests/kiosk/session/people.py)."""
    return people.chip_read(trusted=trusted, tamper_dg=tamper_dg, clone=clone)


def face(distance: float | None, *, liveness: str = "off", frame: np.ndarray | None = None,
         box: tuple[int, int, int, int] | None = None) -> FaceOutcome:
    """A face outcome with this best distance (None: no good frame) against THRESHOLD."""
    decision = "undecided" if distance is None else (
        "match" if distance <= THRESHOLD else "no_match")
    match = FaceMatch(decision=decision, distance=distance, threshold=THRESHOLD,
                      target_fmr=0.001, threshold_verified=False,
                      frames_used=0 if distance is None else 3, frames_seen=12,
                      best_frame_index=None if distance is None else 4, quality=(),
                      liveness=None, reason="no_good_frame" if distance is None else None)
    accepted = decision == "match" and liveness != "failed"
    reason = None if accepted else ("timeout" if liveness == "failed" else
                                    match.reason or decision)
    return FaceOutcome(match, accepted, liveness, reason, frame, box)


def camera_frame(path) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A real photo as a camera frame (BGR) and a face box near its middle."""
    image = cv2.imread(str(path))
    h, w = image.shape[:2]
    return image, (w // 3, h // 5, 2 * w // 3, 3 * h // 5)
