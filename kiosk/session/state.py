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
    PARTY = "party"  # whose card comes next: read it, type their ID number, "that's me", skip
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

#: Steps after which the chip's data is on screen or in memory: removing the card then wipes,
#: unless another party's card is still to come (the first card must leave the reader for the
#: second: Session.card_removed).
CARD_BOUND_STEPS = frozenset({Step.FACE, Step.REVIEW, Step.RECEIPT})

@dataclass(frozen=True)
class SessionError:
    """What went wrong, for the error screen: a problem code and the way forward."""

    code: Problem
    retry_step: Step | None  # where "Try again" goes; None: only "call staff" / start over
    detail: str = ""  # non-personal detail for staff (step, status word, verdict, file)
    tries_left: int | None = None  # a wrong CAN/MRZ: the chip's password tries left (63Cx)


class PartyState(Enum):
    PENDING = "pending"  # not asked yet, or being read
    READ = "read"  # card read, verdict acceptable, face check passed or overridden
    TYPED = "typed"  # only the ID number was typed
    DECLARANT = "declarant"  # the declarant said "that's me"
    SKIPPED = "skipped"  # not given: its fields are typed at review or left blank


@dataclass
class PartyData:
    """What the session holds for one person of the form (the declarant or another party)."""

    access_key: AccessKey | None = None
    qr: QrCapture | None = None
    read: ChipRead | None = None
    face: FaceOutcome | None = None
    override_reason: str | None = None  # staff's reason for accepting a failed face match
    override_by: str | None = None  # who accepted it: the staff login's actor ("staff:nv01")
    typed_id: str | None = None
    consent_id: int | None = None  # another party's own consent to their card's read
    state: PartyState = PartyState.PENDING

    @property
    def identity(self) -> Identity | None:
        return self.read.identity if self.read is not None else None

    def holds_anything(self) -> bool:
        return any(v is not None for v in (self.access_key, self.qr, self.read, self.face,
                                           self.override_reason, self.override_by,
                                           self.typed_id, self.consent_id))


@dataclass
class Personal:
    """Everything personal the session holds, for every person of the form. `wipe()` replaces
    it with a fresh, empty one, so both people's data go together.

    `access_key`, `qr`, `read`, `face`, `override_reason`, `identity` and `portrait_png` are
    those of the party in front of the kiosk now (`current`: the declarant, or the party whose
    card is being read), which is what the screens and the staff panel show; `declarant` is
    always the person filing (the draft, the submission's subject)."""

    parties: dict[str, PartyData] = field(default_factory=lambda: {"declarant": PartyData()})
    current: str = "declarant"
    draft: FormDraft | None = None
    citizen_fields: dict[str, str] = field(default_factory=dict)
    consent_id: int | None = None  # the consent the store recorded (kiosk.records)

    # --- the party in front of the kiosk now ------------------------------------------------
    @property
    def access_key(self) -> AccessKey | None:
        return self.party.access_key

    @access_key.setter
    def access_key(self, value: AccessKey | None) -> None:
        self.party.access_key = value

    @property
    def qr(self) -> QrCapture | None:
        return self.party.qr

    @qr.setter
    def qr(self, value: QrCapture | None) -> None:
        self.party.qr = value

    @property
    def read(self) -> ChipRead | None:
        return self.party.read

    @read.setter
    def read(self, value: ChipRead | None) -> None:
        self.party.read = value

    @property
    def face(self) -> FaceOutcome | None:
        return self.party.face

    @face.setter
    def face(self, value: FaceOutcome | None) -> None:
        self.party.face = value

    @property
    def override_reason(self) -> str | None:
        return self.party.override_reason

    @override_reason.setter
    def override_reason(self, value: str | None) -> None:
        self.party.override_reason = value

    @property
    def override_by(self) -> str | None:
        return self.party.override_by

    @override_by.setter
    def override_by(self, value: str | None) -> None:
        self.party.override_by = value

    @property
    def declarant(self) -> PartyData:
        return self.parties["declarant"]

    @property
    def party(self) -> PartyData:
        """The party in front of the kiosk now."""
        return self.parties[self.current]

    @property
    def identity(self) -> Identity | None:
        return self.party.identity

    @property
    def portrait_png(self) -> bytes | None:
        return self.read.portrait_png if self.read is not None else None

    def holds_anything(self) -> bool:
        return (any(p.holds_anything() for p in self.parties.values())
                or self.draft is not None or bool(self.citizen_fields)
                or self.consent_id is not None)


class InvalidTransition(RuntimeError):
    """An event arrived at a step where it makes no sense (a UI bug, or a stale worker)."""
