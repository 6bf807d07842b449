"""Liveness by challenge: look straight, turn the head left, then right.

Fed frame by frame (FrameAnalysis from the analyzer, with embeddings: embed="if_face"), the
state machine checks that
- the motion covers the asked yaw range (relative to the starting pose) in the asked order;
- the motion is continuous: no yaw jump, no jump of the face's position, no long loss of the
  face, no run of bit-identical frames (a replayed still or a frozen feed);
- the face stays the same person: every embedding is within `same_person_distance` of the
  first frame's.
A still photo never turns, so it times out; a single repeated frame fails on identical frames.
The checks go on after the challenge passes, for as long as frames are fed (verify() feeds
every frame the matcher sees), so the matched frames are tied to the live, turning face.

What this does NOT stop (see docs/face.md): a video replay of the person turning their head,
a 2D photo bent or warped in front of the camera, masks, 3D models, deepfake injection into
the video driver. It has not been validated against real presentation attacks.

"Left" is the person's own left. In an unmirrored camera image the nose then moves to the
image's right, i.e. the estimated yaw grows (kiosk.face.pose). Set `mirrored=True` if the
frames come already mirrored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from kiosk.face.analysis import FrameAnalysis

State = Literal["look_straight", "turn_left", "turn_right", "passed", "failed"]

#: prompt key -> (Vietnamese, English).
PROMPTS: dict[str, tuple[str, str]] = {
    "look_straight": ("Hãy nhìn thẳng vào camera.", "Look straight at the camera."),
    "turn_left": ("Từ từ quay đầu sang trái.", "Slowly turn your head to the left."),
    "turn_right": ("Bây giờ quay đầu sang phải.", "Now turn your head to the right."),
    "passed": ("Xong. Cảm ơn.", "Done. Thank you."),
    "failed": ("Chưa kiểm tra được. Hãy thử lại.", "The check did not succeed. Please try again."),
}

#: failure reason code -> (Vietnamese, English) explanation for staff.
FAILURES: dict[str, tuple[str, str]] = {
    "timeout": ("Hết thời gian mà chưa quay đầu đủ.", "Time ran out before the head turns."),
    "incomplete": ("Nguồn hình kết thúc trước khi hoàn tất.",
                   "The video ended before the challenge was complete."),
    "face_lost": ("Mất khuôn mặt quá lâu.", "The face was lost for too long."),
    "multiple_faces": ("Có nhiều khuôn mặt trong khung hình.", "More than one face appeared."),
    "yaw_jump": ("Chuyển động đầu bị giật (không liên tục).",
                 "The head movement jumped (not continuous)."),
    "position_jump": ("Khuôn mặt nhảy vị trí đột ngột.", "The face jumped to another place."),
    "repeated_frames": ("Hình ảnh đứng yên hoàn toàn (ảnh tĩnh hoặc video bị lặp).",
                        "Frames are identical (a still image or a frozen feed)."),
    "different_person": ("Khuôn mặt thay đổi trong khi kiểm tra.",
                         "The face changed to another person during the check."),
    "wrong_order": ("Quay sai thứ tự (phải quay trái trước).",
                    "Turned in the wrong order (left first)."),
}


@dataclass(frozen=True)
class LivenessConfig:
    turn_deg: float = 15.0             # estimated yaw to reach each side, from the start pose
    max_start_abs_yaw: float = 25.0    # the start pose must be roughly frontal
    timeout_s: float = 10.0
    max_gap_s: float = 0.6             # longest time without a single face
    max_yaw_step_deg: float = 25.0     # between two consecutive face frames
    max_yaw_rate_dps: float = 300.0    # degrees per second between consecutive face frames
    max_shift_face_widths: float = 0.5 # face centre move between consecutive face frames
    max_identical_frames: int = 5      # consecutive bit-identical frames
    same_person_distance: float = 0.6  # embedding distance to the first frame
    min_identity_checks: int = 3
    mirrored: bool = False


@dataclass(frozen=True)
class LivenessProgress:
    """What the UI shows: the step, its prompt, a 0..1 bar, and the failure reason if any."""

    state: State
    prompt_vi: str
    prompt_en: str
    progress: float
    reason: str | None = None
    yaw_deg: float | None = None   # current yaw relative to the start pose

    @property
    def code(self) -> str:
        """The state as a hint key: look_straight, turn_left, turn_right, passed, failed."""
        return self.state


@dataclass(frozen=True)
class LivenessResult:
    passed: bool
    reason: str | None            # a FAILURES key when failed
    frames: int                   # frames fed
    face_frames: int
    yaw_min_deg: float | None     # relative to the start pose, person's left negative
    yaw_max_deg: float | None
    max_yaw_step_deg: float
    max_identity_distance: float | None
    identity_checks: int
    duration_s: float

    def message(self, lang: str = "vi") -> str:
        if self.passed:
            return PROMPTS["passed"][0 if lang == "vi" else 1]
        vi, en = FAILURES.get(self.reason or "", PROMPTS["failed"])
        return vi if lang == "vi" else en


@dataclass
class _Track:
    t0: float | None = None
    last_face_t: float | None = None
    last_yaw: float | None = None
    last_centre: tuple[float, float] | None = None
    last_digest: bytes | None = None
    identical: int = 0
    baseline: float | None = None
    reference: np.ndarray | None = field(default=None, repr=False)
    frames: int = 0
    face_frames: int = 0
    yaw_min: float | None = None
    yaw_max: float | None = None
    max_step: float = 0.0
    max_id: float | None = None
    id_checks: int = 0
    last_t: float = 0.0


class LivenessChallenge:
    """Feed FrameAnalysis objects in time order; read `progress` after each feed."""

    def __init__(self, config: LivenessConfig = LivenessConfig()) -> None:
        self.config = config
        self.state: State = "look_straight"
        self.reason: str | None = None
        self._t = _Track()
        self._progress = self._make_progress(None)

    @property
    def done(self) -> bool:
        return self.state in ("passed", "failed")

    @property
    def progress(self) -> LivenessProgress:
        return self._progress

    def feed(self, a: FrameAnalysis) -> LivenessProgress:
        """Take the next frame. After `passed`, the continuity and same-person checks keep
        running on every frame fed, so a swap after the challenge (to show another face to
        the matcher) turns the result into `failed`."""
        if self.state == "failed":
            return self._progress
        t, c = self._t, self.config
        t.frames += 1
        t.last_t = a.timestamp
        if t.t0 is None:
            t.t0 = a.timestamp
        rel = self._step(a)
        if not self.done and a.timestamp - t.t0 > c.timeout_s:  # no timeout once passed
            self._fail("timeout")
        self._progress = self._make_progress(rel)
        return self._progress

    def finish(self) -> LivenessResult:
        """End of input: an unfinished challenge fails as incomplete."""
        if not self.done:
            self._fail("incomplete")
            self._progress = self._make_progress(None)
        return self.result()

    def result(self) -> LivenessResult:
        t = self._t
        return LivenessResult(
            passed=self.state == "passed", reason=self.reason, frames=t.frames,
            face_frames=t.face_frames,
            yaw_min_deg=None if t.yaw_min is None else round(t.yaw_min, 1),
            yaw_max_deg=None if t.yaw_max is None else round(t.yaw_max, 1),
            max_yaw_step_deg=round(t.max_step, 1),
            max_identity_distance=None if t.max_id is None else round(t.max_id, 4),
            identity_checks=t.id_checks,
            duration_s=round(0.0 if t.t0 is None else t.last_t - t.t0, 3))

    # -- internals -------------------------------------------------------------------------

    def _fail(self, reason: str) -> None:
        self.state, self.reason = "failed", reason

    def _step(self, a: FrameAnalysis) -> float | None:
        t, c = self._t, self.config
        if a.digest is not None and a.digest == t.last_digest:
            t.identical += 1
            if t.identical + 1 >= c.max_identical_frames:
                self._fail("repeated_frames")
                return None
        else:
            t.identical = 0
        t.last_digest = a.digest
        if a.face_count > 1 and t.baseline is not None:
            self._fail("multiple_faces")
            return None
        if a.face is None:
            if t.last_face_t is not None and a.timestamp - t.last_face_t > c.max_gap_s:
                self._fail("face_lost")
            return None
        yaw = -a.face.yaw_deg if c.mirrored else a.face.yaw_deg
        # Person's left turn raises the image yaw; report left as negative for the UI.
        person = -yaw
        if t.baseline is None:
            if abs(yaw) > c.max_start_abs_yaw:
                return None
            t.baseline = person
            self.state = "turn_left"
        rel = person - t.baseline
        if t.last_yaw is not None and t.last_face_t is not None:
            step = abs(rel - t.last_yaw)
            dt = max(a.timestamp - t.last_face_t, 1e-3)
            t.max_step = max(t.max_step, step)
            if step > c.max_yaw_step_deg or step / dt > c.max_yaw_rate_dps:
                self._fail("yaw_jump")
                return rel
            if a.timestamp - t.last_face_t > c.max_gap_s:
                self._fail("face_lost")
                return rel
        centre = a.face.centre
        if t.last_centre is not None:
            shift = float(np.hypot(centre[0] - t.last_centre[0], centre[1] - t.last_centre[1]))
            if shift > c.max_shift_face_widths * a.face.width:
                self._fail("position_jump")
                return rel
        if a.embedding is not None:
            if t.reference is None:
                t.reference = a.embedding
            d = float(np.linalg.norm(a.embedding - t.reference))
            t.max_id = d if t.max_id is None else max(t.max_id, d)
            t.id_checks += 1
            if d > c.same_person_distance:
                self._fail("different_person")
                return rel
        t.face_frames += 1
        t.last_yaw, t.last_face_t, t.last_centre = rel, a.timestamp, centre
        t.yaw_min = rel if t.yaw_min is None else min(t.yaw_min, rel)
        t.yaw_max = rel if t.yaw_max is None else max(t.yaw_max, rel)
        if self.state == "turn_left":
            if rel >= c.turn_deg:
                self._fail("wrong_order")
            elif rel <= -c.turn_deg:
                self.state = "turn_right"
        elif self.state == "turn_right" and rel >= c.turn_deg:
            if t.id_checks >= c.min_identity_checks:
                self.state = "passed"
        return rel

    def _make_progress(self, rel: float | None) -> LivenessProgress:
        c = self.config
        if self.state == "look_straight":
            p = 0.0
        elif self.state == "turn_left":
            p = 0.5 * min(1.0, max(0.0, -(rel or 0.0)) / c.turn_deg)
        elif self.state == "turn_right":
            p = 0.5 + 0.5 * min(1.0, max(0.0, (rel or 0.0)) / c.turn_deg)
        else:
            p = 1.0 if self.state == "passed" else 0.0
        vi, en = PROMPTS[self.state]
        if self.state == "failed" and self.reason in FAILURES:
            fvi, fen = FAILURES[self.reason]
            vi, en = f"{vi} {fvi}", f"{en} {fen}"
        return LivenessProgress(self.state, vi, en, round(p, 3), self.reason,
                                None if rel is None else round(rel, 1))
