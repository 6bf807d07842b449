"""What the session tests share besides the people (people.py): the session's clock, moved
by the test, and a face result as the face station builds it."""

from __future__ import annotations

from kiosk.face.calibration import Threshold
from kiosk.face.matching import Matcher
from kiosk.face.station import FaceOutcome


class FakeClock:
    """A controllable monotonic clock (the session's only notion of time)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def face(*, accepted: bool) -> FaceOutcome:
    """A FaceOutcome as the face station builds it (a matcher that saw no frame)."""
    match = Matcher([0.0] * 128, Threshold(0.6, 0.001, "test", False)).result()
    return FaceOutcome(match, accepted, "off", None if accepted else "no_good_frame")
