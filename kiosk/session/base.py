"""The machinery every step of the session shares: listeners, entering a step with the work
it makes due, errors and retry, idle and wipe. kiosk.session.machine adds the citizen's
events and the results of the work."""

from __future__ import annotations

import time
from collections.abc import Callable

from kiosk.problems import Problem
from kiosk.session.rules import work_for
from kiosk.session.state import (
    IDLE_STEPS,
    InvalidTransition,
    Personal,
    SessionError,
    Step,
    WipeReason,
)
from kiosk.work import Work

Listener = Callable[["SessionCore", str], None]


class SessionCore:
    """Not thread-safe: call it from one thread (the UI thread)."""

    def __init__(self, *, idle_timeout_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_timeout_s = idle_timeout_s
        self._clock = clock
        self.language = "vi"
        self.last_wipe: WipeReason | None = None
        self._listeners: list[Listener] = []
        self._reset()

    def _reset(self) -> None:
        """The citizen's state, empty: at start and on every wipe."""
        self.step = Step.WELCOME
        self.service_code: str | None = None
        self.error: SessionError | None = None
        self.progress: tuple[str, int, int] | None = None  # the read: (stage, done, total)
        self.face_hint: str | None = None  # the face check's prompt code (kiosk.face.station)
        self.reference: str | None = None  # the receipt's reference number (not personal)
        self.submitter = "citizen"  # "staff" once staff take over the form on screen
        self.print_copy = False
        self.due: Work | None = None
        self.personal = Personal()
        self._last_activity = self._clock()

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
        self.due = work_for(step, self.personal, service_code=self.service_code,
                            submitter=self.submitter, print_copy=self.print_copy)
        self._entering(step)
        self._emit("step")
        if self.due is not None:
            self._emit("work")

    def _entering(self, step: Step) -> None:
        """Hook: state to prepare when a step is entered (the draft, at REVIEW)."""

    def _expect(self, *steps: Step) -> None:
        if self.step not in steps:
            raise InvalidTransition(f"event not allowed at step {self.step.value}")

    def _current(self, work: Work, step: Step) -> bool:
        """Is `work` the work due now? Results of replaced work are dropped."""
        if self.step is not step or self.due is not work:
            return False
        self.due = None
        return True

    def touch(self) -> None:
        """Any tap or key: the citizen is still there."""
        self._last_activity = self._clock()

    # --- errors, retry, idle, wipe --------------------------------------------------------
    def fail(self, code: Problem, retry_step: Step | None, detail: str = "", *,
             tries_left: int | None = None) -> None:
        self.error = SessionError(code, retry_step, detail, tries_left)
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

    def finish(self) -> None:
        """The citizen took the receipt (or the receipt timed out)."""
        self.wipe(WipeReason.FINISHED)

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
        Work still running is no longer due: its result will be dropped.
        """
        self._reset()
        self.last_wipe = reason
        self._emit("wiped")
        self._emit("step")
