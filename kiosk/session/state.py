"""The session's states and the data it holds (kiosk.session.machine moves between them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from kiosk.problems import Problem

if TYPE_CHECKING:  # types only: the session never reads a card or opens a camera itself
    from icao.keys import AccessKey
    from kiosk.capture.qr_payload import QrCapture
    from kiosk.face.station import FaceOutcome
    from kiosk.forms import FormDraft
    from kiosk.identity import Identity
    from kiosk.reading import ChipRead


class Step(Enum):
    WELCOME = "welcome"
    CONSENT = "consent"
    SERVICE = "service"
    ACCESS_KEY = "access_key"
    PLACE_CARD = "place_card"
    READING = "reading"
    FACE = "face"
    REVIEW = "review"
    SUBMITTING = "submitting"
    RECEIPT = "receipt"
    ERROR = "error"


class WipeReason(Enum):
    IDLE = "idle"
    CARD_REMOVED = "card_removed"
    CANCELLED = "cancelled"
    FINISHED = "finished"
    DECLINED = "declined"


#: Steps from which the citizen can be idle-reset. Reading and submitting are work in progress
#: that end by themselves (with a result or an error), so the timer waits for them.
IDLE_STEPS = frozenset(Step) - {Step.READING, Step.SUBMITTING}

#: Steps after which the chip's data is on screen or in memory: removing the card then wipes.
CARD_BOUND_STEPS = frozenset({Step.FACE, Step.REVIEW, Step.RECEIPT})

@dataclass(frozen=True)
class SessionError:
    """What went wrong, for the error screen: a problem code and the way forward."""

    code: Problem
    retry_step: Step | None  # where "Try again" goes; None: only "call staff" / start over
    detail: str = ""  # non-personal detail for staff (step, status word, verdict, file)
    tries_left: int | None = None  # a wrong CAN/MRZ: the chip's password tries left (63Cx)


@dataclass
class Personal:
    """Everything personal the session holds. `wipe()` replaces it with a fresh, empty one."""

    access_key: AccessKey | None = None
    qr: QrCapture | None = None
    read: ChipRead | None = None
    face: FaceOutcome | None = None
    draft: FormDraft | None = None
    citizen_fields: dict[str, str] = field(default_factory=dict)
    override_reason: str | None = None  # staff's reason for accepting a failed face match
    override_by: str | None = None  # who accepted it: the staff login's actor ("staff:nv01")
    consent_id: int | None = None  # the consent the store recorded (kiosk.records)

    @property
    def identity(self) -> Identity | None:
        return self.read.identity if self.read is not None else None

    @property
    def portrait_png(self) -> bytes | None:
        return self.read.portrait_png if self.read is not None else None

    def holds_anything(self) -> bool:
        return any(v not in (None, {}) for v in vars(self).values())


class InvalidTransition(RuntimeError):
    """An event arrived at a step where it makes no sense (a UI bug, or a stale worker)."""
