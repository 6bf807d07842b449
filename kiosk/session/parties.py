"""The other people on a form (the service's parties): the session asks for each in turn.

After the declarant's read, verdict and face check, the session goes to Step.PARTY for the next
party the service declares (kiosk.forms PartySpec: spouse, mother, father, deceased, household
head): the screen names whose card is expected, and the citizen chooses what the party allows:

    party_read_card()      -> ACCESS_KEY -> PLACE_CARD -> READING -> FACE, as for the declarant:
                              the same verdict rules (not genuine / cloned stop the flow, no
                              override), the same face check for a person present (a mismatch
                              may be accepted by staff with a reason); their own consent
                              (consent_id=) travels with the form
    party_type_id(number)  -> the ID number on the keypad, checked (12 digits, the sex and
                              birth year it encodes); a card-less party (the deceased) only so
    party_is_declarant()   -> "that's me" (a mother registering her own child)
    party_skip()           -> not given now: its fields are typed at review or left blank
    back_to_party()        -> from the card steps of that party, back to the choice

A card read for a party is checked before its face: the card already read for someone else,
the other sex than the party needs (a mother's card says Nữ), or for marriage the same sex as
the other partner, send the citizen back to the choice with a notice, and the read is dropped.

Cards: one reader serves every card, so the first card must leave it for the second. A card
removed while another party's card is still to come does not wipe the session (the data read
stays; idle, cancel and finish still wipe everything of every party together); at
PLACE_CARD a card already read that is still on the reader is not read again: the session
waits until it leaves (`previous_card_on_reader`, shown on screen). Once no other card is to
come, removing the card wipes at FACE / REVIEW / RECEIPT as in a one-person session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kiosk.forms import FieldError, get_service
from kiosk.forms.model import PartySpec, Service, TypedId
from kiosk.forms.people import DECLARANT, PartyValue, typed_id_errors
from kiosk.session.base import SessionCore
from kiosk.session.rules import expects_another_card, may_be_declarant, next_party
from kiosk.session.state import (
    CARD_BOUND_STEPS,
    InvalidTransition,
    PartyData,
    PartyState,
    Step,
    WipeReason,
)

if TYPE_CHECKING:
    from kiosk.reading import ChipRead


@dataclass(frozen=True)
class PartyOptions:
    """What the citizen may do at Step.PARTY for the party in front of the kiosk."""

    read: bool  # read their card (ACCESS_KEY ...)
    type_id: bool  # type their ID number
    is_me: bool  # the declarant is this party
    skip: bool  # go on without them


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


class PartyFlow(SessionCore):
    """The party steps and card handling of kiosk.session.Session (one class split in two
    files to keep each small)."""

    #: The face check is on (kiosk.session.Session sets it from its settings).
    require_face: bool = True

    def _reset(self) -> None:
        super()._reset()
        #: Why the citizen is back at the party choice (FieldErrors: code, vi, en).
        self.party_notice: tuple[FieldError, ...] = ()
        #: A card already read is still on the reader: it must leave before the next one.
        self.previous_card_on_reader = False

    # --- what the screens show -----------------------------------------------------------
    @property
    def service(self) -> Service | None:
        return get_service(self.service_code) if self.service_code else None

    @property
    def party_spec(self) -> PartySpec | None:
        """The party in front of the kiosk now (None before a service is chosen)."""
        service = self.service
        return service.party(self.personal.current) if service is not None else None

    @property
    def serving_other_party(self) -> bool:
        """Are the steps now for another party than the declarant (screens name it)?"""
        return self.personal.current != "declarant"

    def party_options(self) -> PartyOptions:
        spec = self.party_spec
        if self.step is not Step.PARTY or spec is None:
            return PartyOptions(False, False, False, False)
        return PartyOptions(read=spec.card != "none", type_id=spec.id_entry,
                            is_me=may_be_declarant(spec, self.personal), skip=not spec.needed)

    # --- the citizen's choices at PARTY ----------------------------------------------------
    def party_read_card(self, *, consent_id: int | None = None) -> None:
        """The party tapped "I agree: read my card". `consent_id`: their consent as the
        store recorded it (kiosk.records.Records.record_consent); the submission refuses a
        read party without one."""
        self._expect(Step.PARTY)
        if not self.party_options().read:
            raise InvalidTransition("this party's card cannot be read")
        self.personal.party.consent_id = consent_id
        self.party_notice = ()
        self._go(Step.ACCESS_KEY)

    def party_type_id(self, number: str) -> bool:
        """The party's ID number typed on the keypad. False (and `party_notice` says why)
        when it cannot be taken; True when it was, and the flow went on."""
        self._expect(Step.PARTY)
        service, spec = self.service, self.party_spec
        if service is None or spec is None or not spec.id_entry:
            raise InvalidTransition("no ID number can be typed for this party")
        self.touch()
        errors = typed_id_errors(service, spec.role, number, known=self._known_numbers(),
                                 today=date.today())
        if errors:
            self.party_notice = errors
            self._emit("party")
            return False
        data = self.personal.party
        data.typed_id, data.state = number.strip(), PartyState.TYPED
        self._party_done()
        return True

    def party_is_declarant(self) -> None:
        self._expect(Step.PARTY)
        if not self.party_options().is_me:
            raise InvalidTransition("the declarant cannot be this party")
        self.personal.party.state = PartyState.DECLARANT
        self._party_done()

    def party_skip(self) -> None:
        self._expect(Step.PARTY)
        if not self.party_options().skip:
            raise InvalidTransition("this party is needed")
        self.personal.party.state = PartyState.SKIPPED
        self._party_done()

    def back_to_party(self) -> None:
        """From this party's card steps (or an error they can retry) back to the choice; the
        key and any read of this party are dropped. Not after a card failed its chip checks:
        that stops the flow as it does for the declarant."""
        self._expect(Step.ACCESS_KEY, Step.PLACE_CARD, Step.ERROR)
        if not self.serving_other_party:
            raise InvalidTransition("the declarant has no party choice to go back to")
        if self.step is Step.ERROR and (self.error is None or self.error.retry_step is None):
            raise InvalidTransition("a card that failed its chip checks stops the flow")
        self.personal.parties[self.personal.current] = PartyData()
        self.error = None
        self.party_notice = ()
        self._go(Step.PARTY)

    # --- moving between parties ------------------------------------------------------------
    def _party_done(self) -> None:
        """The party in front of the kiosk is settled: ask for the next one, or review."""
        data = self.personal.party
        if data.state is PartyState.PENDING:
            data.state = PartyState.READ
        service = self.service
        spec = next_party(service, self.personal) if service is not None else None
        self.party_notice = ()
        if spec is None:
            self.personal.current = "declarant"
            self._go(Step.REVIEW)
            return
        self.personal.current = spec.role
        self.personal.parties.setdefault(spec.role, PartyData())
        self._go(Step.PARTY)

    def _party_values(self) -> dict[str, PartyValue]:
        """The other parties as kiosk.forms.prefill takes them."""
        out: dict[str, PartyValue] = {}
        for role, data in self.personal.parties.items():
            if role == "declarant":
                continue
            if data.state is PartyState.READ and data.identity is not None:
                out[role] = data.identity
            elif data.state is PartyState.TYPED and data.typed_id:
                out[role] = TypedId(data.typed_id)
            elif data.state is PartyState.DECLARANT:
                out[role] = DECLARANT
        return out

    def _known_numbers(self) -> list[str]:
        """ID numbers of the people already on the form (read or typed)."""
        out = []
        for role, data in self.personal.parties.items():
            if role == self.personal.current and data.state is PartyState.PENDING:
                continue
            number = data.identity.id_number if data.identity is not None else data.typed_id
            if number:
                out.append(number)
        return out

    def _party_refusal(self, read: ChipRead) -> tuple[FieldError, ...]:
        """Why this card cannot be the party's (empty: it can). Never for the declarant."""
        spec, identity = self.party_spec, read.identity
        if not self.serving_other_party or spec is None or identity is None:
            return ()
        if identity.id_number and identity.id_number in self._known_numbers():
            return (FieldError(
                "same_card",
                f"Thẻ vừa đặt là thẻ đã đọc trước đó. Lấy thẻ ra và đặt {_lower(spec.card_vi)} "
                "lên đầu đọc.",
                f"That card was already read. Take it off the reader and place "
                f"{_lower(spec.card_en)} there."),)
        if spec.sex is not None and identity.sex != spec.sex:
            return (FieldError(
                "party_sex",
                f"Thẻ vừa đọc không thể là {_lower(spec.card_vi)}: giới tính trên thẻ khác. Đặt "
                "đúng thẻ, hoặc chọn cách khác bên dưới.",
                f"The card just read cannot be {_lower(spec.card_en)}: it states another sex. "
                "Place the right card, or choose another way below."),)
        declarant = self.personal.declarant.identity
        service = self.service
        if spec.by_sex and declarant is not None and service is not None \
                and service.parties[0].by_sex and declarant.sex == identity.sex:
            return (FieldError(
                "marriage_sexes",
                "Tờ khai đăng ký kết hôn cần một bên nữ và một bên nam; thẻ vừa đọc cùng giới "
                f"tính với thẻ trước. Đặt {_lower(spec.card_vi)}, hoặc gọi cán bộ.",
                "The marriage form needs one woman and one man; the card just read states the "
                f"same sex as the first. Place {_lower(spec.card_en)}, or call staff."),)
        return ()

    def _refuse_party_card(self, notice: tuple[FieldError, ...]) -> None:
        """Drop the read of a card that cannot be this party's; back to the choice."""
        self.personal.parties[self.personal.current] = PartyData()
        self.party_notice = notice
        self._go(Step.PARTY)

    def _needs_face(self) -> bool:
        """A face check for the party in front of the kiosk (a person present)."""
        spec = self.party_spec
        return self.require_face and (spec is None or spec.face)

    # --- the card on the reader ------------------------------------------------------------
    def _card_removed(self) -> None:
        had = self.previous_card_on_reader
        self.previous_card_on_reader = False
        if self.step in CARD_BOUND_STEPS and not expects_another_card(self.service,
                                                                      self.personal):
            self.wipe(WipeReason.CARD_REMOVED)
        elif had:
            self._emit("party")
