"""The session's rules as pure functions: what the citizen may do after the read, what work
each step needs, and what staff may override. kiosk.session.machine applies them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from icao.genuine import VerdictStatus
from kiosk.problems import CHIP_PROBLEMS, Problem
from kiosk.session.state import Personal, SessionError, Step
from kiosk.work import CheckFace, FindCard, ReadCard, Submit, Work

if TYPE_CHECKING:
    from kiosk.reading import ChipRead

#: The verdicts that stop the citizen before any face work, and the problem they show.
_VERDICT_PROBLEMS = {VerdictStatus.NOT_GENUINE: Problem.NOT_GENUINE,
                     VerdictStatus.CLONED: Problem.CLONED,
                     VerdictStatus.NOT_PROVABLE: Problem.NOT_PROVABLE}


def stop_after_read(read: ChipRead, *, require_face: bool,
                    require_genuine: bool) -> SessionError | None:
    """Why the citizen may not go on after this read (None: they may). No retry: the card
    itself is the problem; the screen sends the citizen to a counter (issue 14)."""
    verdict = read.verdict
    if not verdict.acceptable(require_genuine=require_genuine):
        detail = " ".join((verdict.status.value, *verdict.files))
        return SessionError(_VERDICT_PROBLEMS[verdict.status], None, detail)
    if read.identity is None:
        return SessionError(Problem.NO_IDENTITY, None, read.identity_problem or "")
    if require_face and read.portrait is None:
        # a chip without its photo cannot be matched, and staff may not wave it through
        # (issue 14: a clone hiding DG2 must not reach a face override)
        error = read.views.errors.get("DG2")
        return SessionError(Problem.NO_PORTRAIT, None,
                            error.message if error is not None else "DG2 not read")
    return None


def override_refusal(error: SessionError | None) -> str | None:
    """Why staff may not accept the current error with a reason (None: they may). Only a
    failed face match can be overridden, never a chip check."""
    code = error.code if error is not None else None
    if code in CHIP_PROBLEMS:
        return f"a card that failed its chip checks ({code}) cannot be accepted by staff"
    if code is not Problem.FACE_FAILED:
        return "only a failed face match can be overridden"
    return None


def work_for(step: Step, p: Personal, *, service_code: str | None, submitter: str,
             print_copy: bool) -> Work | None:
    """The work that entering `step` makes due."""
    if step is Step.PLACE_CARD:
        return FindCard()
    if step is Step.READING and p.access_key is not None:
        return ReadCard(p.access_key, p.qr)
    if step is Step.FACE and p.read is not None and p.read.portrait is not None:
        return CheckFace(p.read.portrait)
    if step is Step.SUBMITTING and p.draft is not None and service_code is not None:
        identity = p.identity
        return Submit(service_code, p.draft, identity.id_number if identity else None,
                      submitter, print_copy, p.override_reason, p.override_by, p.consent_id,
                      p.read, p.face)
    return None
