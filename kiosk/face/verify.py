"""Face verification end to end: portrait + frames -> FaceMatch (with liveness).

Every frame is analysed once (with its embedding when there is one face, since the liveness
check needs the turned frames too); good frames go to the matcher, all go to the liveness
challenge. Call from a worker, never from the UI thread: `on_progress` is called from the
calling thread and the UI adapts it to a Qt signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from kiosk.face.analysis import EmbedPolicy, FrameAnalysis
from kiosk.face.calibration import DEFAULT_TARGET_FMR, Threshold, load_calibration
from kiosk.face.camera import FrameSource
from kiosk.face.frames import Frame
from kiosk.face.grabber import FrameGrabber
from kiosk.face.liveness import LivenessChallenge, LivenessConfig, LivenessProgress
from kiosk.face.matching import FaceMatch, Matcher, MatchPolicy
from kiosk.face.portrait import Portrait

DEFAULT_POLICY = MatchPolicy()
DEFAULT_LIVENESS = LivenessConfig()


class Analyzer(Protocol):
    """FaceAnalyzer (in process) or AnalyzerProcess (kiosk.face.worker) both fit."""

    def analyze(self, frame: Frame, *, embed: EmbedPolicy = "if_good") -> FrameAnalysis: ...


@dataclass(frozen=True)
class VerifyProgress:
    """One step for the UI: the frame's quality reasons, the liveness prompt, frames so far."""

    frame_index: int
    reasons: tuple[str, ...]
    liveness: LivenessProgress | None
    frames_used: int


def frames_of(source: FrameSource | FrameGrabber, *, stop: threading.Event | None = None,
              timeout_s: float = 2.0) -> Iterator[Frame]:
    """Frames from a plain source (every frame, in order) or a running grabber (newest each
    time, skipping what arrived while the caller was busy)."""
    if isinstance(source, FrameGrabber):
        last: int | None = None
        while not (stop and stop.is_set()):
            f = source.wait_next(last, timeout_s)
            if f is None:
                return
            last = f.index
            yield f
        return
    while not (stop and stop.is_set()):
        f = source.read()
        if f is None:
            return
        yield f


def default_threshold(target_fmr: float = DEFAULT_TARGET_FMR) -> Threshold:
    return load_calibration().threshold_for(target_fmr)


def verify(portrait: Portrait, source: FrameSource | FrameGrabber, analyzer: Analyzer, *,
           threshold: Threshold | None = None, policy: MatchPolicy = DEFAULT_POLICY,
           liveness: LivenessConfig | None = DEFAULT_LIVENESS, max_frames: int = 300,
           on_progress: Callable[[VerifyProgress], None] | None = None,
           stop: threading.Event | None = None) -> FaceMatch:
    """Match frames from `source` against the portrait, running the liveness challenge too.

    Ends when the matcher and the challenge are both done, the source ends, `stop` is set, or
    `max_frames` frames were analysed. liveness=None skips the challenge (FaceMatch.liveness
    is then None and `verified` rests on the match alone).
    """
    th = threshold or default_threshold()
    matcher = Matcher(portrait.embedding, th, policy)
    challenge = LivenessChallenge(liveness) if liveness is not None else None
    embed: EmbedPolicy = "if_face" if challenge is not None else "if_good"
    n = 0
    for frame in frames_of(source, stop=stop):
        a = analyzer.analyze(frame, embed=embed)
        matcher.offer(a)
        live = challenge.feed(a) if challenge is not None else None
        n += 1
        if on_progress is not None:
            on_progress(VerifyProgress(a.frame_index, a.quality.reasons, live,
                                       matcher.frames_used))
        if matcher.done and (challenge is None or challenge.done):
            break
        if n >= max_frames:
            break
    live_result = challenge.finish() if challenge is not None else None
    return matcher.result(live_result)
