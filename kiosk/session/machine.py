"""The citizen session as a state machine, with no Qt and no threads of its own.

The session alone decides every transition, from typed results: after the read it judges the
chip (kiosk.reading's verdict) and stops the citizen before any face work when the card is
not genuine or cloned (or not provable while `trust.require_genuine` is on); face -> the next
party of the form, or review; confirm -> submit. When a step needs blocking work it says so
with a typed value in `due` (kiosk.work) and emits "work"; the runner (the Qt window's workers,
or kiosk.soak inline) performs it and reports back with the result (`read_finished(work,
chip_read)`, ...). Results of work that is no longer due (the citizen left, a retry replaced
it) are dropped.

Two-person forms (marriage, birth, death, ...): after the declarant, the session asks for each
other party the service declares, with the same read, verdict and face rules for a person
present (kiosk/session/parties.py says how, and what a card leaving the reader means then).

It holds the personal data of everyone on the form and drops every reference to all of it
together on `wipe()`: when the last card leaves after its read, when the citizen is idle past
the timeout, when they cancel, and after the receipt.

Listeners (`subscribe`) get `(session, what)` with what in: "step", "progress" (read bytes
or a face prompt), "draft", "work", "wiped", "party" (the party choice's notice, or the card
already read left the reader).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.forms import FormDraft, get_service, prefill
from kiosk.forms.people import PartyValue
from kiosk.problems import Problem
from kiosk.session.parties import PartyFlow
from kiosk.session.rules import override_refusal, stop_after_read
from kiosk.session.state import InvalidTransition, Step, WipeReason
from kiosk.work import CheckFace, FindCard, ReadCard, Submit

if TYPE_CHECKING:  # types only: the session never reads a card or opens a camera itself
    from icao.keys import AccessKey
    from kiosk.capture.qr_payload import QrCapture
    from kiosk.face.station import FaceOutcome
    from kiosk.identity import Identity
    from kiosk.reading import ChipRead, ReadFailure

Prefill = Callable[[str, "Identity", dict[str, str], dict[str, PartyValue]], FormDraft]


def _prefill(service_code: str, identity: Identity, fields: dict[str, str],
             parties: dict[str, PartyValue]) -> FormDraft:
    return prefill(service_code, identity, fields or None, parties=parties)


class Session(PartyFlow):
    """One kiosk's citizen flow. Not thread-safe: call it from one thread (the UI thread)."""

    def __init__(self, *, idle_timeout_s: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 require_face: bool = True, require_genuine: bool = True,
                 prefill: Prefill = _prefill) -> None:
        super().__init__(idle_timeout_s=idle_timeout_s, clock=clock)
        self.require_face = require_face
        #: trust.require_genuine: a chip whose genuineness is not provable stops the citizen.
        self.require_genuine = require_genuine
        self._prefill = prefill

    # --- the citizen's actions ------------------------------------------------------------
    def start(self, language: str) -> None:
        self._expect(Step.WELCOME)
        if language not in ("vi", "en"):
            raise ValueError("language must be 'vi' or 'en'")
        self.language = language
        self.last_wipe = None
        self._go(Step.CONSENT)

    def consent(self, given: bool, *, consent_id: int | None = None) -> None:
        """Explicit yes only; a no ends the session with nothing read. `consent_id`: the
        consent as the store recorded it (kiosk.records.Records.record_consent); the
        submission carries it."""
        self._expect(Step.CONSENT)
        if given:
            self.personal.consent_id = consent_id
            self._go(Step.SERVICE)
        else:
            self.wipe(WipeReason.DECLINED)

    def choose_service(self, code: str) -> None:
        """A service by code; its parties say who else the form needs (kiosk.forms)."""
        self._expect(Step.SERVICE)
        try:
            get_service(code)
        except KeyError:
            raise ValueError("no such service; kiosk.forms.list_services() has the codes") \
                from None
        self.service_code = code
        self._go(Step.ACCESS_KEY)

    def set_access_key(self, key: AccessKey, qr: QrCapture | None = None) -> None:
        """A CAN typed on the keypad, or a QR / MRZ capture's key (`qr`: the QR capture, whose
        fields fill what the chip lacks, marked unverified)."""
        self._expect(Step.ACCESS_KEY, Step.ERROR)
        self.personal.access_key, self.personal.qr = key, qr
        self.error = None
        self._go(Step.PLACE_CARD)

    def card_present(self) -> bool:
        """The reader saw a card at PLACE_CARD: the read is due. False at any other step, and
        while a card already read is still on the reader (it must leave first)."""
        if self.step is not Step.PLACE_CARD or self.previous_card_on_reader:
            return False
        self.progress = ("connect", 0, 0)
        self._go(Step.READING)
        return True

    def card_search_finished(self, work: FindCard, *, problem: Problem | None,
                             present: bool, detail: str = "") -> None:
        """`detail`: why no reader is usable, for staff (a refused virtual reader's driver
        evidence, kiosk.reading.Readers.unusable); never shown to the citizen."""
        if not self._current(work, Step.PLACE_CARD):
            return
        if problem is not None:
            self.fail(problem, Step.PLACE_CARD, detail)
        elif present:
            self.card_present()
        elif self.previous_card_on_reader:
            self.previous_card_on_reader = False  # the reader is empty: it left unseen
            self._emit("party")

    def card_removed(self) -> None:
        """The card left the reader. After the read that ends the session and wipes, unless
        another party's card is still to come (kiosk/session/parties.py)."""
        self._card_removed()

    # --- the read --------------------------------------------------------------------------
    def read_progress(self, stage: str, done: int, total: int) -> None:
        if self.step is Step.READING:
            self.progress = (stage, done, total)
            self._last_activity = self._clock()
            self._emit("progress")

    def read_finished(self, work: ReadCard, read: ChipRead) -> None:
        """Judge the read before anything else: the verdict, then the identity, then (for
        another party) whether the card can be theirs, then face."""
        if not self._current(work, Step.READING):
            return
        self.personal.read = read
        self.progress = None
        self.previous_card_on_reader = True
        stop = stop_after_read(read, require_face=self._needs_face(),
                               require_genuine=self.require_genuine)
        if stop is not None:
            self.fail(stop.code, stop.retry_step, stop.detail)
            return
        refusal = self._party_refusal(read)
        if refusal:
            self._refuse_party_card(refusal)
        elif self._needs_face():
            self._go(Step.FACE)
        else:
            self._party_done()

    def read_failed(self, work: ReadCard, failure: ReadFailure) -> None:
        """access_denied (wrong CAN/MRZ) or card_blocked: back to the key, forgotten; else
        place the card."""
        if not self._current(work, Step.READING):
            return
        self.progress = None
        retry = Step.PLACE_CARD
        if failure.problem in (Problem.ACCESS_DENIED, Problem.CARD_BLOCKED):
            self.personal.access_key = self.personal.qr = None
            retry = Step.ACCESS_KEY
        self.fail(failure.problem, retry, failure.detail, tries_left=failure.tries_left)

    # --- the face check ------------------------------------------------------------------
    def face_progress(self, code: str) -> None:
        if self.step is Step.FACE:
            self.face_hint = code
            self._last_activity = self._clock()
            self._emit("progress")

    def face_finished(self, work: CheckFace, outcome: FaceOutcome) -> None:
        if not self._current(work, Step.FACE):
            return
        self.personal.face = outcome
        self.face_hint = None
        if outcome.accepted:
            self._party_done()
        else:
            self.fail(Problem.FACE_FAILED, Step.FACE, outcome.reason or "")

    def face_failed(self, work: CheckFace, problem: Problem, detail: str = "") -> None:
        """The check could not run (no camera, models missing, portrait rejected)."""
        if not self._current(work, Step.FACE):
            return
        self.face_hint = None
        self.fail(problem, Step.FACE, detail)

    def staff_override_face(self, reason: str, *, by: str | None = None) -> None:
        """Counter staff accept a failed face match; the reason goes to the audit log under
        `by`, the staff member's own login ("staff:nv01", kiosk.logins).

        Only a face mismatch can be overridden: never a chip that is not genuine, cloned, not
        provable under the policy, or without its data (issue 14)."""
        if not reason.strip():
            raise ValueError("an override needs a reason")
        refusal = override_refusal(self.error if self.step is Step.ERROR else None)
        if refusal is not None:
            raise InvalidTransition(refusal)
        if not by or ":" not in by:
            raise ValueError("an override needs the staff member's own login")
        self.personal.override_reason = reason.strip()
        self.personal.override_by = by
        self.error = None
        self._party_done()

    def staff_take_over(self, actor: str = "staff") -> None:
        """Staff continue the form on the citizen's behalf: the submission is theirs
        (`actor`: their login's actor, "staff:nv01")."""
        self.submitter = actor

    # --- the form ------------------------------------------------------------------------
    def _entering(self, step: Step) -> None:
        if step is Step.REVIEW and self.personal.draft is None:
            self._make_draft()

    def _make_draft(self) -> None:
        identity = self.personal.declarant.identity
        if identity is None or self.service_code is None:
            return
        self.personal.draft = self._prefill(self.service_code, identity,
                                            self.personal.citizen_fields,
                                            self._party_values())
        self._emit("draft")

    def edit_field(self, key: str, value: str) -> None:
        """A field the citizen (or staff) typed; the draft is built again and re-validated."""
        self._expect(Step.REVIEW)
        self.personal.citizen_fields = {**self.personal.citizen_fields, key: value}
        self._last_activity = self._clock()
        self._make_draft()

    def confirm(self, *, print_copy: bool = False) -> None:
        self._expect(Step.REVIEW)
        p = self.personal
        if p.draft is None or not p.draft.valid or self.service_code is None:
            raise InvalidTransition("the form is not complete")
        self.print_copy = print_copy
        self._go(Step.SUBMITTING)

    def submitted(self, work: Submit, reference: str) -> None:
        if not self._current(work, Step.SUBMITTING):
            return
        self.reference = reference
        self._go(Step.RECEIPT)

    def submit_failed(self, work: Submit, detail: str = "") -> None:
        if not self._current(work, Step.SUBMITTING):
            return
        self.fail(Problem.SUBMIT_FAILED, Step.REVIEW, detail)
