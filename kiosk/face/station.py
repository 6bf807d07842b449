"""The kiosk's camera and face check: one owner for the webcam and the analysis process.

The shared camera starts on first use (the access-key screen's QR scan, the face check, the
staff panel and the technician's camera tab all show the same grabber's frames). The face
check matches the chip portrait (DG2, parsed once by the reading service) best-of-N against
the camera and runs the head-turn challenge. Analysis runs in a child process
(kiosk.face.worker.AnalyzerProcess): dlib holds the GIL while it embeds, and in a thread it
would slow the preview below 25 fps. In demo mode the "camera" is a still picture of the
chip's holder, so liveness cannot pass: it is reported as "skipped_demo", never as passed.

    station = FaceStation(config.camera, config.face, demo=False)
    station.camera() -> LiveCamera | None              (latest() -> ndarray | None)
    station.check(image, progress, cancelled) -> FaceOutcome   (blocking: run in a worker)
    station.threshold_in_force() -> ThresholdInForce    (value, source, setting, measured)
    prompt(code, language) -> str                       (citizen text for a progress code)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from kiosk.config.schema import CameraSettings, FaceSettings
from kiosk.face.analysis import EmbedPolicy, FrameAnalysis
from kiosk.face.calibration import Threshold
from kiosk.face.camera import FrameSource, ImageListSource, open_source
from kiosk.face.errors import FaceError
from kiosk.face.frames import Frame
from kiosk.face.grabber import FrameGrabber
from kiosk.face.imageio import decode_image
from kiosk.face.liveness import PROMPTS, LivenessConfig
from kiosk.face.matching import FaceMatch, MatchPolicy
from kiosk.face.quality import REASONS
from kiosk.face.threshold import ThresholdInForce, threshold_in_force
from kiosk.face.verify import VerifyProgress, verify
from kiosk.face.worker import AnalyzerProcess

log = logging.getLogger(__name__)

Liveness = Literal["passed", "failed", "skipped_demo", "off"]


@dataclass(frozen=True)
class FaceOutcome:
    """The face check as the session and the staff panel see it.

    `frame` is the camera frame the match was decided on (BGR, the best-matching good frame)
    and `face_box` the face in it (left, top, right, bottom), for the staff panel beside the
    chip portrait. Personal data: the session owns it and drops it on wipe; not in the repr.
    """

    match: FaceMatch
    accepted: bool
    liveness: Liveness
    reason: str | None = None  # why not accepted: a liveness or quality code, or the decision
    frame: np.ndarray | None = field(default=None, repr=False, compare=False)
    face_box: tuple[int, int, int, int] | None = field(default=None, repr=False)


class NoCamera(FaceError):
    """The face check was due but the kiosk has no working camera."""


class LiveCamera:
    """The newest frame of the shared grabber, as an RGB array (what the screens paint)."""

    def __init__(self, grabber: FrameGrabber) -> None:
        self.grabber = grabber

    def latest(self) -> np.ndarray | None:
        frame = self.grabber.latest()
        return None if frame is None else frame.image


class FaceStation:
    def __init__(self, camera: CameraSettings, face: FaceSettings, *, demo: bool = False) -> None:
        self.settings = camera
        self.face = face
        self.demo = demo
        self.demo_image: bytes | None = None  # JPEG of whoever stands at the demo "camera"
        self._grabber: FrameGrabber | None = None
        self._camera: LiveCamera | None = None
        self._analyzer: AnalyzerProcess | None = None
        self._lock = threading.Lock()

    # --- the camera --------------------------------------------------------------------
    def camera(self) -> LiveCamera | None:
        """The shared camera (started on first use), or None when there is none."""
        with self._lock:
            if self._camera is not None:
                return self._camera
            try:
                self._grabber = FrameGrabber(self._source()).start()
            except FaceError:
                log.warning("camera unavailable")
                return None
            self._camera = LiveCamera(self._grabber)
            return self._camera

    def _source(self) -> FrameSource:
        if self.demo and self.demo_image is not None:
            return demo_source(self.demo_image)
        c = self.settings
        return open_source(c.source or c.index, width=c.width, height=c.height, fps=c.fps)

    # --- the face check ----------------------------------------------------------------
    def check(self, image: bytes, progress: Callable[[str], None],
              cancelled: threading.Event) -> FaceOutcome:
        """Blocking: best-of-N match of the camera against `image` (the chip portrait's
        encoded bytes), plus the head-turn challenge. `progress` gets citizen prompt codes
        (see `prompt`). Raises NoCamera, FaceError (models, a rejected portrait) or
        InterruptedError when `cancelled` was set."""
        if self.camera() is None or self._grabber is None:
            raise NoCamera("no camera is available for the face check.",
                           advice="Check the camera's cable (kiosk diag camera).")
        liveness_on = self.face.liveness and not self.demo
        analyzer = _Keeper(self._face_analyzer(), MatchPolicy().good_frames)
        reference = analyzer.load_portrait(image)

        def on_progress(step: VerifyProgress) -> None:
            if step.liveness is not None and step.liveness.code != "passed":
                progress(step.liveness.code)
            elif step.reasons:
                progress(step.reasons[0])
            else:
                progress("matching")

        result = verify(reference, self._grabber, analyzer, threshold=self._threshold(),
                        policy=MatchPolicy(),
                        liveness=LivenessConfig() if liveness_on else None,
                        on_progress=on_progress, stop=cancelled)
        del reference  # the portrait's embedding is biometric data: keep it no longer
        if cancelled.is_set():
            raise InterruptedError("face check cancelled")
        live: Liveness
        if not liveness_on:
            live = "skipped_demo" if self.demo else "off"
        else:
            live = "passed" if result.liveness is not None and result.liveness.passed else "failed"
        accepted = result.decision == "match" and live != "failed"
        progress("ok" if accepted else "failed")
        reason = None
        if not accepted:
            reason = (result.liveness.reason if live == "failed" and result.liveness is not None
                      else result.reason or result.decision)
        frame, box = analyzer.kept.get(result.best_frame_index, (None, None)) \
            if result.best_frame_index is not None else (None, None)
        analyzer.kept.clear()
        return FaceOutcome(result, accepted, live, reason, frame, box)

    def _threshold(self) -> Threshold:
        return self.threshold_in_force().threshold

    def threshold_in_force(self) -> ThresholdInForce:
        """The threshold the face check uses and where it came from (face.threshold when set,
        else calibration.json's point for face.target_fmr): the staff panel's score scale
        shows the same (kiosk.face.threshold.score_scale)."""
        return threshold_in_force(self.face)

    def _face_analyzer(self) -> AnalyzerProcess:
        """One analysis child process for the kiosk's life (models load once, ~1-2 s),
        started on first use and restarted if it died."""
        with self._lock:
            if self._analyzer is None or not self._analyzer.alive:
                self._analyzer = AnalyzerProcess()
            return self._analyzer

    @property
    def analyzer_pid(self) -> int | None:
        """The analysis child's process id (the soak bench samples its memory)."""
        return self._analyzer.pid if self._analyzer is not None else None

    def close(self) -> None:
        with self._lock:
            if self._grabber is not None:
                self._grabber.stop()
            self._grabber = None
            self._camera = None
            if self._analyzer is not None:
                self._analyzer.close()
                self._analyzer = None


class _Keeper:
    """The analyzer, keeping the first `n` good frames (the ones the matcher compares,
    kiosk.face.matching.Matcher) so the best one can be shown to staff."""

    def __init__(self, analyzer: AnalyzerProcess, n: int) -> None:
        self.analyzer = analyzer
        self.n = n
        self.kept: dict[int, tuple[np.ndarray, tuple[int, int, int, int] | None]] = {}

    def load_portrait(self, data: bytes):  # noqa: ANN201 - the analyzer's portrait type
        return self.analyzer.load_portrait(data)

    def analyze(self, frame: Frame, *, embed: EmbedPolicy = "if_good") -> FrameAnalysis:
        a = self.analyzer.analyze(frame, embed=embed)
        if a.quality.ok and a.embedding is not None and len(self.kept) < self.n:
            box = None
            if a.face is not None:
                left, top, right, bottom = a.face.box
                box = (int(left), int(top), int(right), int(bottom))
            self.kept[a.frame_index] = (frame.image, box)
        return a


def demo_source(image_jpeg: bytes) -> FrameSource:
    """A 640x480 "webcam" looping one frame with the holder's face in the middle."""
    image = decode_image(image_jpeg)
    if image is None:
        raise FaceError("the demo camera picture does not decode.",
                        advice="Give a JPEG or PNG picture of the person at the camera.")
    canvas = np.full((480, 640, 3), 235, dtype=np.uint8)
    h, w = image.shape[:2]
    scale = min(400 / h, 400 / w)
    face = cv2.resize(image, (int(w * scale), int(h * scale)))
    y0, x0 = (480 - face.shape[0]) // 2, (640 - face.shape[1]) // 2
    canvas[y0:y0 + face.shape[0], x0:x0 + face.shape[1]] = face
    return ImageListSource([canvas], fps=30.0, loop=True, pace=True)


def prompt(code: str, language: str) -> str:
    """The citizen-facing text for a face-check progress code, from kiosk.face's own
    bilingual tables (quality reasons, liveness prompts), so wording lives in one place."""
    i = 0 if language == "vi" else 1
    if code in PROMPTS:
        return PROMPTS[code][i]
    if code in REASONS:
        return REASONS[code][i]
    if code == "matching":
        return ("Đang so sánh với ảnh trên thẻ...", "Comparing with the photo on your card...")[i]
    if code == "ok":
        return PROMPTS["passed"][i]
    return ""
