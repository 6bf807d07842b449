"""The work the citizen session asks for, as typed values: no magic trigger values.

The session (kiosk.session) is plain Python with no threads: when a step needs blocking work
it sets `Session.due` to one of these and emits "work". Whoever runs the kiosk performs it:
the Qt window on a worker thread (ui/main_window.py), `kiosk bench soak` inline
(kiosk/soak/runs.py: `run_due_work`), tests directly. All go through
`KioskCore.perform(work, report, cancelled)`, which returns the function that hands the result
to the session (`KioskCore.failed(work, exc)` for an error), called on the session's thread.
A result is matched to its work by identity (`eq=False`), so the result of work that a wipe or
a retry replaced is dropped by the session, never applied to the next citizen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the session stays free of the read and face machinery
    from icao.keys import AccessKey
    from icao.lds.portrait import Portrait
    from kiosk.capture.qr_payload import QrCapture
    from kiosk.face.station import FaceOutcome
    from kiosk.forms import FormDraft
    from kiosk.reading import ChipRead


@dataclass(frozen=True, eq=False)
class FindCard:
    """At PLACE_CARD: is the kiosk's reader usable, and is a card already on it? (Cards
    placed later arrive as card events: `Session.card_present`.)"""


@dataclass(frozen=True, eq=False)
class ReadCard:
    """Read the card with the citizen's key, verify it, and build the identity."""

    key: AccessKey = field(repr=False)
    qr: QrCapture | None = field(default=None, repr=False)  # fills gaps, marked unverified


@dataclass(frozen=True, eq=False)
class CheckFace:
    """Match the camera against the chip portrait (DG2 as read, parsed once)."""

    portrait: Portrait = field(repr=False)


@dataclass(frozen=True)
class FaceOverride:
    """Staff accepted a failed face match of another party of the form (not the declarant)."""

    role: str  # the party (kiosk.forms PartySpec.role): "spouse", "mother", ...
    subject: str | None = field(repr=False)  # that person's ID number, for the audit's subject
    reason: str = field(repr=False)  # free text that may name someone: audited encrypted
    by: str | None = None  # the staff login's actor who accepted it ("staff:nv01")


@dataclass(frozen=True)
class PartyFacts:
    """Another person of the form (read or typed, not skipped, not "that's me") as the
    submission carries them: their ID number for the store's subject index (each person on
    a form may ask for their data), the form fields that describe them, and their chip
    verdict, face result and any staff override (kiosk.records -> kiosk.store.Party)."""

    role: str  # the party (kiosk.forms PartySpec.role): "spouse", "mother", "deceased"
    subject: str | None = field(repr=False)  # their ID number, read or typed
    fields: tuple[str, ...] = ()  # kiosk.forms Service.fields_of(role, sex)
    read: ChipRead | None = field(default=None, repr=False)
    face: FaceOutcome | None = field(default=None, repr=False)
    override_reason: str | None = field(default=None, repr=False)
    override_by: str | None = None
    consent_id: int | None = None  # their own consent to the read (kiosk.records)


@dataclass(frozen=True, eq=False)
class Submit:
    """Save the confirmed form (encrypted) with its outbox entry and audit entries, and the
    case it was accepted on (the chip verdict, the face result, a staff override, the
    consent): kiosk.records.Records.submit."""

    service_code: str
    draft: FormDraft = field(repr=False)
    subject: str | None = field(repr=False)  # the ID number, for the store's subject index
    actor: str  # "citizen", or the staff login's actor ("staff:nv01") when staff took over
    print_copy: bool = False
    #: A failed face match accepted by staff: the reason (free text that may name someone)
    #: goes to the audit log, encrypted, under `override_by` (the staff login's actor).
    override_reason: str | None = field(default=None, repr=False)
    override_by: str | None = None
    consent_id: int | None = None  # the consent recorded on the consent screen
    read: ChipRead | None = field(default=None, repr=False)  # its verdict goes with the form
    face: FaceOutcome | None = field(default=None, repr=False)  # the face result too
    #: The other people of a two-person form (their subject, fields, verdict, face result,
    #: override): kiosk.session.rules.work_for.
    parties: tuple[PartyFacts, ...] = field(default=(), repr=False)

    @property
    def overrides(self) -> tuple[FaceOverride, ...]:
        """The other parties whose failed face match staff accepted."""
        return tuple(FaceOverride(p.role, p.subject, p.override_reason, p.override_by)
                     for p in self.parties if p.override_reason)


Work = FindCard | ReadCard | CheckFace | Submit
