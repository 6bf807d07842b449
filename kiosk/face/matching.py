"""1:1 matching of camera frames against the chip portrait: best of several good frames.

Only frames that pass every quality gate are compared. The matcher keeps the smallest
distance over up to `good_frames` good frames, or over what arrives within `time_budget_s`
(measured on frame timestamps, so runs on files are reproducible). Taking the best of N
frames raises the false-match rate a little above the single-comparison rate that the
threshold was calibrated for; N is kept small (3) for that reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from kiosk.face.analysis import FrameAnalysis
from kiosk.face.calibration import Threshold
from kiosk.face.liveness import LivenessResult

Decision = Literal["match", "no_match", "undecided"]


@dataclass(frozen=True)
class FrameQuality:
    """Per-frame record kept in the result: what the gates said and the distance if compared."""

    frame_index: int
    timestamp: float
    ok: bool
    reasons: tuple[str, ...]
    yaw_deg: float | None
    distance: float | None


@dataclass(frozen=True)
class FaceMatch:
    """The outcome of face verification.

    `decision` is about identity only; `verified` also requires liveness when it was run.
    """

    decision: Decision
    distance: float | None
    threshold: float
    target_fmr: float
    threshold_verified: bool
    frames_used: int                 # good frames compared with the portrait
    frames_seen: int
    best_frame_index: int | None
    quality: tuple[FrameQuality, ...]
    liveness: LivenessResult | None
    reason: str | None = None        # why undecided: no_good_frame

    @property
    def verified(self) -> bool:
        live_ok = self.liveness is None or self.liveness.passed
        return self.decision == "match" and live_ok


@dataclass(frozen=True)
class MatchPolicy:
    good_frames: int = 3
    time_budget_s: float = 5.0


class Matcher:
    """Collects good frames' distances to the portrait; `done` once it has enough or time is up."""

    def __init__(self, reference: np.ndarray, threshold: Threshold,
                 policy: MatchPolicy = MatchPolicy()) -> None:
        self._reference = np.asarray(reference, dtype=np.float64)
        self.threshold = threshold
        self.policy = policy
        self._records: list[FrameQuality] = []
        self._good: list[tuple[float, int]] = []
        self._t0: float | None = None
        self._last_t: float = 0.0

    @property
    def frames_used(self) -> int:
        return len(self._good)

    @property
    def done(self) -> bool:
        if len(self._good) >= self.policy.good_frames:
            return True
        return self._t0 is not None and self._last_t - self._t0 >= self.policy.time_budget_s

    def offer(self, a: FrameAnalysis) -> float | None:
        """Record one analysed frame; returns its distance when it was good and compared."""
        if self._t0 is None:
            self._t0 = a.timestamp
        self._last_t = a.timestamp
        dist = None
        if not self.done and a.quality.ok and a.embedding is not None:
            dist = float(np.linalg.norm(a.embedding - self._reference))
            self._good.append((dist, a.frame_index))
        self._records.append(FrameQuality(
            frame_index=a.frame_index, timestamp=round(a.timestamp, 4), ok=a.quality.ok,
            reasons=a.quality.reasons, yaw_deg=None if a.face is None else round(a.face.yaw_deg, 1),
            distance=None if dist is None else round(dist, 4)))
        return dist

    def result(self, liveness: LivenessResult | None = None) -> FaceMatch:
        th = self.threshold

        def match(decision: Decision, distance: float | None, best_frame: int | None,
                  reason: str | None = None) -> FaceMatch:
            return FaceMatch(decision=decision, distance=distance, threshold=th.value,
                             target_fmr=th.target_fmr, threshold_verified=th.verified,
                             frames_used=len(self._good), frames_seen=len(self._records),
                             best_frame_index=best_frame, quality=tuple(self._records),
                             liveness=liveness, reason=reason)

        if not self._good:
            return match("undecided", None, None, "no_good_frame")
        best, idx = min(self._good)
        return match("match" if best <= th.value else "no_match", round(best, 4), idx)
