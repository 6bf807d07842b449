"""What the session tests share besides the people (people.py): the session's clock, moved
by the test, a face result as the face station builds it, and the walk to a due read."""

from __future__ import annotations

from icao.keys import AccessKey
from kiosk.face.calibration import Threshold
from kiosk.face.matching import Matcher
from kiosk.face.station import FaceOutcome
from kiosk.session import Session, Step
from kiosk.work import FindCard, ReadCard


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


def key_to_reading(s: Session) -> ReadCard:
    """ACCESS_KEY -> PLACE_CARD (the card is found) -> READING: the read is due."""
    s.set_access_key(AccessKey.from_can("123456"))
    find = s.due
    assert s.step is Step.PLACE_CARD and isinstance(find, FindCard)
    s.card_search_finished(find, problem=None, present=True)
    work = s.due
    assert s.step is Step.READING and isinstance(work, ReadCard)
    return work
