"""Pre-fill a service's form from the identity read from the chip, plus what the citizen typed.

Precedence per field: a value the citizen (or staff, on the citizen's word) typed in `extra`
wins, because the card may be out of date and the law lets the citizen correct it (Luật Căn cước
2023 Đ33 k2: the e-ID data prevail over the card); then the person's card; then the counter's
settings (`kiosk`); then the form's default. Every value carries its source so the printed
form and the back office can tell chip data from typed data.

The other people on a form are the service's parties (kiosk.forms.people): each given as the
identity read from their card, the ID number typed for them, or the declarant themself. A typed
ID number is checked against the sex and birth year the form holds for the same person
(kiosk.identity.id_number), since it has no check digit of its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from kiosk.forms import people as party
from kiosk.forms.catalog import get_service
from kiosk.forms.model import DraftField, FieldError, FieldSpec, FormDraft, Service, TypedId
from kiosk.forms.people import PartyValue, Person
from kiosk.forms.validate import id_number_checks, validate_value
from kiosk.identity.dates import NO_EXPIRY_VI, parse_date
from kiosk.identity.model import Identity

_DERIVED_FROM = {"ho": "full_name", "chu_dem_va_ten": "full_name", "birth_year": "date_of_birth"}


class UnknownFieldError(ValueError):
    """`extra` names fields the form does not have (ids listed, values never)."""


def _resolve(person: Identity, attr: str) -> tuple[str | None, str, tuple[str, ...],
                                                  tuple[str, ...], str | None, list[FieldError]]:
    """(value, source, notes, choices, iso, errors) of one identity attribute."""
    base = _DERIVED_FROM.get(attr, attr)
    src = person.source(base)
    source = src.value if src is not None else "citizen"
    notes: list[str] = []
    choices: tuple[str, ...] = ()
    errors: list[FieldError] = []
    iso = None
    if attr in ("date_of_birth", "date_of_issue", "date_of_expiry"):
        d = getattr(person, attr)
        if attr == "date_of_expiry" and person.no_expiry:
            return NO_EXPIRY_VI, source, (), (), None, []
        value = d.vi() if d else None
        iso = d.iso() if d else None
        if d is not None and not d.complete:
            notes.append("partial_date")
    elif attr == "birth_year":
        value = str(person.birth_year) if person.birth_year else None
    elif attr == "residence":
        value = person.residence
        conv = person.residence_conversion
        if value and conv is not None:
            if conv.status == "converted":
                value = conv.address_2025
                notes.append("converted_2025")
            elif conv.status == "current":
                value = conv.address_2025
            elif conv.status == "split":
                notes.append("split_commune")
                choices = tuple(f"{c.ward}, {c.province}" for c in conv.candidates)
                errors.append(FieldError(
                    "address_split",
                    "Xã/phường cũ trong địa chỉ đã được chia cho nhiều xã/phường mới từ "
                    "01/7/2025: công dân chọn xã/phường mới.",
                    "The old commune in this address was divided among several new communes "
                    "on 1 July 2025: the citizen must choose the new one."))
            else:
                notes.append("not_converted")
        elif value:
            notes.append("not_converted")
    else:
        value = getattr(person, attr)
        if attr == "place_of_origin" and value and person.card_generation == "can_cuoc_2024":
            # 2024 cards print "Nơi đăng ký khai sinh" in this place; DG13 field 8's meaning on
            # them is unconfirmed [NF], so staff compare it with the card.
            notes.append("origin_field_unconfirmed")
    if source == "qr_unverified":
        notes.append("unverified")
    if value is None:
        source = "missing"
    return value, source, tuple(notes), choices, iso, errors


def _nfc(value: Any) -> str | None:
    """NFC (the form of the chip's UTF-8 and of the back office), spaces collapsed per line."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return "\n".join(" ".join(line.split()) for line in text.splitlines()) or None


def prefill(service: Service | str | int, identity: Identity,
            extra: Mapping[str, Any] | None = None, *,
            parties: Mapping[str, PartyValue] | None = None,
            second_identity: Identity | None = None,
            kiosk: Mapping[str, str] | None = None, today: date | None = None) -> FormDraft:
    """Build the draft of `service` for `identity` (the declarant) and the other `parties`.

    parties: role -> Identity (card read) | TypedId (ID number typed) | "declarant" (the
        declarant is this party). `second_identity` is the pre-parties way to give one other
        card (`kiosk forms fill --second-identity`); it is used only when `parties` is None.
    extra: field id -> value typed by the citizen (overrides chip values; see module docstring).
    kiosk: the counter's settings: "agency" (Kính gửi), "place" (where the form is signed).
    today: the filing date (injected for reproducible output; defaults to the system date).
    """
    svc = service if isinstance(service, Service) else get_service(service)
    today = today or date.today()
    extra = dict(extra or {})
    known = {f.id for f in svc.fields}
    unknown = sorted(set(extra) - known)
    if unknown:
        raise UnknownFieldError(f"{svc.code}: no fields named {unknown}; "
                                "`kiosk forms list --json` lists each form's fields")
    unknown_roles = sorted(set(parties or {}) - {p.role for p in svc.others})
    if unknown_roles:
        raise UnknownFieldError(f"{svc.code}: no parties named {unknown_roles}; "
                                "`kiosk forms list --json` lists each form's parties")
    given = dict(parties) if parties is not None else \
        party.legacy_parties(svc, identity, second_identity)
    kiosk_values = dict(kiosk or {})
    kiosk_values.setdefault("today", today.strftime("%d/%m/%Y"))
    persons = party.people(svc, identity, given)

    drafted = [_field(spec, extra, persons, kiosk_values, today) for spec in svc.fields]
    return FormDraft(
        service=svc, fields=_check_typed_ids(svc, drafted, today), created=today,
        kiosk=kiosk_values, pa_passed=identity.pa_passed,
        second_pa_passed=party.second_pa_passed(svc, given),
        form_errors=tuple(party.form_errors(svc, identity, given)),
        parties=party.records(svc, given),
    )


def _field(spec: FieldSpec, extra: Mapping[str, Any], parties: Mapping[str, Person | None],
           kiosk: Mapping[str, str], today: date) -> DraftField:
    value: str | None = None
    source = "missing"
    notes: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    iso: str | None = None
    errors: list[FieldError] = []
    person = parties.get(spec.party) if spec.party else None
    if isinstance(person, TypedId):
        # only the number is known; everything else about this person is typed at review
        if spec.attr == "id_number":
            value, source = person.id_number, "citizen"
        person = None
    elif person is not None and spec.attr:
        value, source, notes, choices, iso, errors = _resolve(person, spec.attr)
        if value is None:
            errors = []
    typed = _nfc(extra.get(spec.id))
    if typed and typed == value:
        typed = None  # the citizen confirmed the card's value: it keeps its source
    if typed:
        if value is not None:
            notes = (*[n for n in notes if n != "unverified"], "edited")
        elif value is None:
            notes = ()
        value, source, errors, choices = typed, "citizen", [], ()
        iso = None
    if value is None and spec.source.startswith("kiosk.") and kiosk.get(spec.attr or ""):
        value, source = kiosk[spec.attr or ""], "kiosk"
    if value is None and spec.default is not None:
        value, source = spec.default, "kiosk"
    if value is None:
        source = "missing"
    if spec.type in ("date", "partial_date") and value and iso is None:
        try:
            d = parse_date(value)
            iso = d.iso() if d else None
        except ValueError:
            iso = None
    if spec.id.endswith("ho_ten") and person is not None and spec.party in ("woman", "man") \
            and person.spouse:
        notes = (*notes, "chip_spouse_present")  # DG13 field 14: a hint for staff only
    all_errors = tuple(errors) + validate_value(spec, value, today=today)
    return DraftField(spec=spec, value=value, source=source, errors=all_errors, notes=notes,
                      choices=choices, iso=iso)


def _year(value: str | None) -> int | None:
    try:
        d = parse_date(value) if value else None
    except ValueError:
        return None
    return d.year if d is not None else None


def _check_typed_ids(svc: Service, drafted: list[DraftField],
                     today: date) -> tuple[DraftField, ...]:
    """A typed ID number (not one read from a chip) against the sex and birth year the form
    holds for the same person, and against its party's sex (a mother's number is a woman's)."""
    by_source = {f.spec.source: f for f in drafted}
    sexes = {p.source: p.sex for p in svc.parties}
    sexes.update({alias: sex for p in svc.parties for sex, alias in p.by_sex.items()})
    out = []
    for f in drafted:
        head = f.spec.party
        if f.spec.attr != "id_number" or f.source != "citizen" or not f.value or f.errors \
                or head is None:
            out.append(f)
            continue
        sex_field = by_source.get(f"{head}.sex")
        sex = sex_field.value if sex_field is not None else sexes.get(head)
        year = next((y for a in ("date_of_birth", "birth_year")
                     if (g := by_source.get(f"{head}.{a}")) is not None
                     and (y := _year(g.value)) is not None), None)
        errors, warnings = id_number_checks(f.spec, f.value, sex=sex, birth_year=year,
                                            today=today)
        out.append(replace(f, errors=f.errors + errors, warnings=warnings,
                           notes=f.notes + tuple(w.code for w in warnings)))
    return tuple(out)
