"""The people on a draft: whose data fills which field source, and the checks across them.

`prefill` takes the declarant's identity and, for the other parties (Service.parties), what
the citizen flow found: an `Identity` (their card was read), a `TypedId` (their ID number was
typed), or `DECLARANT` (the declarant said "that's me": a mother registering her child).
A card also fills the aliases its party declares by the sex printed on it, so the marriage
form's woman and man columns do not depend on which card was tapped first.

Form-level checks here: a needed party that is missing, a card of the wrong sex for its party
(a mother's card must say Nữ), the same person given twice, and for marriage one woman and one
man (Luật Hôn nhân và gia đình 2014 Đ8 k2 does not recognise same-sex marriage). Each message
says what to do, in Vietnamese and English, and names no value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Final

from kiosk.forms.model import FieldError, PartyRecord, Service, TypedId
from kiosk.forms.validate import id_number_checks, validate_value
from kiosk.identity.model import Identity

#: A party given as this string is the declarant themself.
DECLARANT: Final = "declarant"

PartyValue = Identity | TypedId | str
Person = Identity | TypedId


def legacy_parties(svc: Service, declarant: Identity,
                   second: Identity | None) -> dict[str, PartyValue]:
    """`second_identity=` as parties, the way drafts were filled before parties existed: a
    party with a sex takes the first of (declarant, second) of that sex; otherwise the first
    other party that asks for someone takes the second card."""
    if second is None:
        return {}
    others = [p for p in svc.others if p.asks]
    sexed = [p for p in others if p.sex]
    given: dict[str, PartyValue] = {}
    if sexed:
        for p in sexed:
            for value, person in ((DECLARANT, declarant), (second, second)):
                if person.sex == p.sex:
                    given[p.role] = value
                    break
    elif others:
        given[others[0].role] = second
    return given


def people(svc: Service, declarant: Identity,
           given: Mapping[str, PartyValue]) -> dict[str, Person | None]:
    """Field-source prefix -> the person whose data fills it ("identity": the declarant)."""
    out: dict[str, Person | None] = {"identity": declarant}
    for p in svc.parties:
        value: PartyValue | None = declarant if p.is_declarant else given.get(p.role)
        if value == DECLARANT:
            value = declarant
        if isinstance(value, str):
            value = None  # only DECLARANT is a meaningful string
        if not p.is_declarant:
            out[p.source] = value
        if isinstance(value, Identity) and value.sex is not None and value.sex in p.by_sex:
            out.setdefault(p.by_sex[value.sex], value)
    return out


def records(svc: Service, given: Mapping[str, PartyValue]) -> tuple[PartyRecord, ...]:
    """How each other party was identified, for the back office (no personal data)."""
    out = []
    for p in svc.others:
        value = given.get(p.role)
        if isinstance(value, Identity):
            out.append(PartyRecord(p.role, "card", value.pa_passed))
        elif isinstance(value, TypedId):
            out.append(PartyRecord(p.role, "typed"))
        elif value == DECLARANT:
            out.append(PartyRecord(p.role, "declarant"))
        else:
            out.append(PartyRecord(p.role, "none"))
    return tuple(out)


def second_pa_passed(svc: Service, given: Mapping[str, PartyValue]) -> bool | None:
    """The pre-parties `second_pa_passed`: the first other card read, or None."""
    for p in svc.others:
        value = given.get(p.role)
        if isinstance(value, Identity):
            return value.pa_passed
    return None


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def form_errors(svc: Service, declarant: Identity,
                given: Mapping[str, PartyValue]) -> list[FieldError]:
    out: list[FieldError] = []
    for p in svc.others:
        value = given.get(p.role)
        if p.needed and value is None:
            # the code predates parties: back-office scripts know it
            out.append(FieldError(
                "second_identity_required",
                f"Chưa đọc {_lower(p.card_vi)}. Bấm «Làm lại» và đặt từng thẻ lên đầu đọc khi "
                "máy yêu cầu, hoặc gọi cán bộ.",
                f"{p.card_en} has not been read. Tap “Start over” and place each card on the "
                "reader when the kiosk asks for it, or call staff."))
        sex = declarant.sex if value == DECLARANT else (
            value.sex if isinstance(value, Identity) else None)
        if p.sex is not None and sex is not None and sex != p.sex:
            out.append(FieldError(
                "party_sex",
                f"Thẻ đọc cho mục «{p.label_vi}» ghi giới tính khác; bấm «Làm lại» và đọc đúng "
                "thẻ của người này, hoặc gọi cán bộ.",
                f"The card read for “{p.label_en}” states another sex; tap “Start over” and "
                "read this person's own card, or call staff."))
    numbers = [declarant.id_number] + [
        v.id_number for v in given.values() if isinstance(v, (Identity, TypedId))]
    numbers = [n for n in numbers if n]
    if len(set(numbers)) != len(numbers):
        out.append(FieldError(
            "party_duplicate",
            "Cùng một số định danh được dùng cho hai người trên tờ khai; mỗi người cần thẻ hoặc "
            "số của chính mình. Bấm «Làm lại», hoặc gọi cán bộ.",
            "The same personal ID number is given for two people on the form; each person "
            "needs their own card or number. Tap “Start over”, or call staff."))
    sexed = [v for p in svc.parties if p.by_sex
             for v in [declarant if p.is_declarant else given.get(p.role)]
             if isinstance(v, Identity)]
    if len(sexed) >= 2 and {v.sex for v in sexed} != {"Nam", "Nữ"}:
        out.append(FieldError(
            "marriage_sexes",
            "Tờ khai đăng ký kết hôn cần một bên nữ và một bên nam theo thẻ; kiểm tra lại hai "
            "thẻ đã đọc: bấm «Làm lại», hoặc gọi cán bộ.",
            "The marriage form needs one woman and one man according to the cards; check the "
            "two cards read: tap “Start over”, or call staff."))
    return out


def typed_id_errors(svc: Service, role: str, number: str, *, known: Iterable[str],
                    today: date) -> tuple[FieldError, ...]:
    """Why the ID number typed for party `role` cannot be taken (empty: it can): not 12
    digits, a birth year after today, the other sex than the party's, or the number of a
    person already on the form (`known`). A number whose first digits are no province code
    is taken; the review shows the warning."""
    spec = svc.party(role)
    if spec.id_field is None:
        raise ValueError(f"party {role} has no ID number field")
    f = svc.field(spec.id_field)
    value = (number or "").strip()
    errors = validate_value(replace(f, required=True), value, today=today)
    if errors:
        return errors
    errors, _warnings = id_number_checks(f, value, sex=spec.sex, birth_year=None, today=today)
    if value in set(known):
        errors += (FieldError(
            "party_duplicate",
            "Số này là của một người đã có trên tờ khai; nhập số của chính người này.",
            "This number belongs to someone already on the form; type this person's own "
            "number."),)
    return errors
