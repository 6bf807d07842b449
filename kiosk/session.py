"""The citizen session as a state machine, with no Qt and no threads of its own.

The UI observes it (`subscribe`) and feeds it events: the citizen's taps, card events from
`nfc.monitor`, results of work that ran in workers (the read, the face match, the submission).
The session decides what comes next, holds the personal data of the one citizen in front of the
kiosk, and drops every reference to it on `wipe()`: when the card leaves after the read, when
the citizen is idle past the timeout, when they cancel, and after the receipt.

Why a plain class: the flow is the product's core rule set (consent before reading, nothing
personal kept after the citizen walks away), so it is tested without a screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


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
    """What went wrong, for the error screen: a code the UI translates and the way forward."""

    code: str  # e.g. "access_denied", "card_removed", "read_failed", "face_failed", "submit_failed"
    retry_step: Step | None  # where "Try again" goes; None: only "call staff" / start over
    detail: str = ""  # non-personal technical detail for staff (step, status word)


@dataclass
class Personal:
    """Everything personal the session holds. `wipe()` replaces it with a fresh, empty one."""

    access_key: Any = None
    document: Any = None
    verification: Any = None
    genuineness: Any = None
    identity: Any = None
    portrait: Any = None
    face_result: Any = None
    draft: Any = None
    extra: dict = field(default_factory=dict)
    second_identity: Any = None

    def holds_anything(self) -> bool:
        return any(v not in (None, {}) for v in vars(self).values())


Listener = Callable[["Session", str], None]


class Session:
    """One kiosk's citizen flow. Not thread-safe: call it from one thread (the UI thread)."""

    def __init__(self, *, idle_timeout_s: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 require_face: bool = True):
        self.idle_timeout_s = idle_timeout_s
        self._clock = clock
        self.require_face = require_face
        self.step = Step.WELCOME
        self.language = "vi"
        self.service_code: str | None = None
        self.error: SessionError | None = None
        self.progress: tuple[str, int, int] | None = None  # (stage, done, total)
        self.reference: str | None = None  # the receipt's reference number (not personal)
        self.staff_override: str | None = None
        self.personal = Personal()
        self.last_wipe: WipeReason | None = None
        self._last_activity = clock()
        self._listeners: list[Listener] = []

    # --- observation -------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """`listener(session, what)` is called after every change; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(self, what)

    def _go(self, step: Step) -> None:
        self.step = step
        self._last_activity = self._clock()
        self._emit("step")

    def _expect(self, *steps: Step) -> None:
        if self.step not in steps:
            raise InvalidTransition(f"event not allowed at step {self.step.value}")

    # --- the citizen's actions ------------------------------------------------------------
    def touch(self) -> None:
        """Any tap or key: the citizen is still there."""
        self._last_activity = self._clock()

    def start(self, language: str) -> None:
        self._expect(Step.WELCOME)
        if language not in ("vi", "en"):
            raise ValueError("language must be 'vi' or 'en'")
        self.language = language
        self.last_wipe = None
        self._go(Step.CONSENT)

    def consent(self, given: bool) -> None:
        """Explicit yes only; a no ends the session with nothing read."""
        self._expect(Step.CONSENT)
        if given:
            self._go(Step.SERVICE)
        else:
            self.wipe(WipeReason.DECLINED)

    def choose_service(self, code: str) -> None:
        self._expect(Step.SERVICE)
        self.service_code = code
        self._go(Step.ACCESS_KEY)

    def set_access_key(self, key: Any) -> None:
        """A CAN typed on the keypad, a QR or MRZ capture turned into an icao AccessKey."""
        self._expect(Step.ACCESS_KEY, Step.ERROR)
        self.personal.access_key = key
        self.error = None
        self._go(Step.PLACE_CARD)

    def card_present(self) -> bool:
        """The reader saw a card at PLACE_CARD: the UI starts the read worker on True."""
        if self.step is Step.PLACE_CARD:
            self.progress = ("connect", 0, 0)
            self._go(Step.READING)
            return True
        return False

    def card_removed(self) -> None:
        """The card left the reader. After the read, that ends the session and wipes."""
        if self.step in CARD_BOUND_STEPS:
            self.wipe(WipeReason.CARD_REMOVED)

    # --- results of work done in workers -----------------------------------------------
    def read_progress(self, stage: str, done: int, total: int) -> None:
        if self.step is Step.READING:
            self.progress = (stage, done, total)
            self._last_activity = self._clock()
            self._emit("progress")

    def read_finished(self, *, document: Any, verification: Any, genuineness: Any,
                      identity: Any, portrait: Any = None) -> None:
        self._expect(Step.READING)
        p = self.personal
        p.document, p.verification, p.genuineness = document, verification, genuineness
        p.identity, p.portrait = identity, portrait
        self.progress = None
        self._go(Step.FACE if self.require_face else Step.REVIEW)

    def read_failed(self, code: str, detail: str = "") -> None:
        """`code`: access_denied (wrong CAN/MRZ: back to the key), card_removed, read_failed."""
        self._expect(Step.READING)
        retry = Step.ACCESS_KEY if code == "access_denied" else Step.PLACE_CARD
        if code == "access_denied":
            self.personal.access_key = None
        self.progress = None
        self.fail(code, retry, detail)

    def face_finished(self, result: Any, *, matched: bool) -> None:
        self._expect(Step.FACE)
        self.personal.face_result = result
        if matched:
            self._go(Step.REVIEW)
        else:
            self.fail("face_failed", Step.FACE)

    def staff_override_face(self, reason: str) -> None:
        """Counter staff accept a failed face match; the reason goes to the audit log."""
        if not reason.strip():
            raise ValueError("an override needs a reason")
        if self.step is not Step.ERROR or self.error is None or self.error.code != "face_failed":
            raise InvalidTransition("only a failed face match can be overridden")
        self.staff_override = reason.strip()
        self.error = None
        self._go(Step.REVIEW)

    def set_draft(self, draft: Any) -> None:
        self.personal.draft = draft
        self._emit("draft")

    def confirm(self) -> None:
        self._expect(Step.REVIEW)
        self._go(Step.SUBMITTING)

    def submitted(self, reference: str) -> None:
        self._expect(Step.SUBMITTING)
        self.reference = reference
        self._go(Step.RECEIPT)

    def submit_failed(self, detail: str = "") -> None:
        self._expect(Step.SUBMITTING)
        self.fail("submit_failed", Step.REVIEW, detail)

    def finish(self) -> None:
        """The citizen took the receipt (or the receipt timed out)."""
        self.wipe(WipeReason.FINISHED)

    # --- errors, retry, idle, wipe --------------------------------------------------------
    def fail(self, code: str, retry_step: Step | None, detail: str = "") -> None:
        self.error = SessionError(code, retry_step, detail)
        self._go(Step.ERROR)

    def retry(self) -> None:
        self._expect(Step.ERROR)
        if self.error is None or self.error.retry_step is None:
            self.wipe(WipeReason.CANCELLED)
            return
        target = self.error.retry_step
        self.error = None
        self._go(target)

    def cancel(self) -> None:
        self.wipe(WipeReason.CANCELLED)

    def idle_seconds(self) -> float:
        return self._clock() - self._last_activity

    def check_idle(self) -> bool:
        """Call periodically; wipes and returns True when the citizen walked away."""
        if self.step is Step.WELCOME or self.step not in IDLE_STEPS:
            return False
        if self.idle_seconds() >= self.idle_timeout_s:
            self.wipe(WipeReason.IDLE)
            return True
        return False

    def wipe(self, reason: WipeReason) -> None:
        """Drop every reference to the citizen's data and go back to the welcome screen.

        Python cannot zero immutable bytes in place; dropping the only references (the session
        is their single owner) lets them be freed, and the UI clears every widget on "wiped".
        """
        self.personal = Personal()
        self.service_code = None
        self.error = None
        self.progress = None
        self.reference = None
        self.staff_override = None
        self.last_wipe = reason
        self.step = Step.WELCOME
        self._last_activity = self._clock()
        self._emit("wiped")
        self._emit("step")


class InvalidTransition(RuntimeError):
    """An event arrived at a step where it makes no sense (a UI bug, or a stale worker)."""
