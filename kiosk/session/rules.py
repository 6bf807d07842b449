"""The session's rules as pure functions: what the citizen may do after the read, what work
each step needs, and what staff may override. kiosk.session.machine applies them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from icao.genuine import VerdictStatus
from kiosk.forms import get_service
from kiosk.problems import CHIP_PROBLEMS, Problem
from kiosk.session.state import PartyState, Personal, SessionError, Step
from kiosk.work import CheckFace, FindCard, PartyFacts, ReadCard, Submit, Work

if TYPE_CHECKING:
    from kiosk.forms.model import PartySpec, Service
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
    """The work that entering `step` makes due (reads and face checks: of the party in front
    of the kiosk now; the submission: the declarant's, with every party's face override)."""
    if step is Step.PLACE_CARD:
        return FindCard()
    if step is Step.READING and p.access_key is not None:
        return ReadCard(p.access_key, p.qr)
    if step is Step.FACE and p.read is not None and p.read.portrait is not None:
        return CheckFace(p.read.portrait)
    if step is Step.SUBMITTING and p.draft is not None and service_code is not None:
        d = p.declarant
        return Submit(service_code, p.draft, d.identity.id_number if d.identity else None,
                      submitter, print_copy, override_reason=d.override_reason,
                      override_by=d.override_by, consent_id=p.consent_id, read=d.read,
                      face=d.face, parties=party_facts(p, service_code))
    return None


def party_facts(p: Personal, service_code: str) -> tuple[PartyFacts, ...]:
    """Every other person on the form whose card was read or whose number was typed: each
    is a data subject of the submission (kiosk.store indexes their pseudonym)."""
    service = get_service(service_code)
    out = []
    for role, data in p.parties.items():
        if role == "declarant" or data.state not in (PartyState.READ, PartyState.TYPED):
            continue
        identity = data.identity
        subject = identity.id_number if identity is not None else data.typed_id
        out.append(PartyFacts(role, subject or None,
                              service.fields_of(role, identity.sex if identity else None),
                              data.read, data.face, data.override_reason, data.override_by,
                              data.consent_id))
    return tuple(out)


# --- the parties of a two-person form ------------------------------------------------------

def state_of(p: Personal, role: str) -> PartyState:
    data = p.parties.get(role)
    return data.state if data is not None else PartyState.PENDING


def next_party(service: Service, p: Personal) -> PartySpec | None:
    """The first other party the flow still has to ask for, in the service's order (None:
    every party is settled, the review comes next)."""
    for spec in service.others:
        if spec.asks and state_of(p, spec.role) is PartyState.PENDING:
            return spec
    return None


def expects_another_card(service: Service | None, p: Personal) -> bool:
    """Is a card of another party still to come? Then the card on the reader has to leave
    it, and its removal is no sign the citizen walked away."""
    if service is None:
        return False
    return any(spec.asks and spec.card != "none" and spec.role != p.current
               and state_of(p, spec.role) is PartyState.PENDING for spec in service.others)


def may_be_declarant(spec: PartySpec, p: Personal) -> bool:
    """May the declarant answer "that's me" for this party? Only where the form allows it,
    with the sex the party needs, and once (a mother is not also the father)."""
    identity = p.declarant.identity
    if not spec.declarant_may_be or identity is None:
        return False
    if spec.sex is not None and identity.sex != spec.sex:
        return False
    return all(data.state is not PartyState.DECLARANT for data in p.parties.values())
