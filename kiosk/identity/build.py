"""Build an `Identity` from the chip's parsed DG13 and DG1, the PA result, and the QR.

Order of trust (DESIGN.md data flow): DG13 first (the State's full record, Vietnamese text);
DG1 (the MRZ, ASCII only) fills what DG13 lacks and cross-checks it; the QR fills only what the
chip gave neither, marked unverified. Every disagreement is listed by field name in
`Identity.discrepancies` so staff see it; values never leave the object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from icao import mrz
from icao.lds.dg1 import Dg1
from icao.lds.dg13 import Dg13
from kiosk.capture.qr_payload import QrCapture
from kiosk.identity.address import convert_address
from kiosk.identity.dates import PartialDate, is_no_expiry, parse_date
from kiosk.identity.ethnicity import lookup_ethnicity
from kiosk.identity.model import Identity, Source
from kiosk.identity.names import ascii_fold, normalise_name, split_name
from kiosk.identity.qr import QrData, parse_qr

#: What the access-key step may hand over: the QR capture, its text, or parsed QR data.
QrInput = QrCapture | QrData | str | Mapping[str, str]

_SEX = {"nam": "Nam", "m": "Nam", "male": "Nam", "nữ": "Nữ", "nu": "Nữ", "f": "Nữ",
        "female": "Nữ"}
_NATIONALITY = {"VNM": "Việt Nam"}


class IdentityError(ValueError):
    """The read cannot give an identity. Message for staff; no personal data."""


def normalise_sex(text: str | None) -> str | None:
    if not text:
        return None
    return _SEX.get(text.strip().lower(), text.strip())


def build_identity(*, dg13: Dg13 | None, dg1: Dg1 | None, pa_passed: bool,
                   qr: QrInput | None = None, today: date | None = None,
                   convert_residence: bool = True) -> Identity:
    """Identity from the parsed DG13 and DG1 (kiosk.reading parses them, once) and the QR.

    `pa_passed`: passive authentication passed (ICAO 9303-11 5.1), so chip fields are signed.
    Raises `IdentityError` when nothing usable was read. `today` resolves two-digit MRZ years
    (injected so tests reproduce).
    """
    today = today or date.today()
    values: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    discrepancies: list[str] = []

    def put(name: str, value: Any, source: Source) -> None:
        if value is None or value == "" or name in values:
            return
        values[name] = value
        sources[name] = source

    no_expiry = False
    if dg13 is not None:
        s = Source.CHIP_DG13
        put("id_number", dg13.id_number, s)
        put("old_id_number", dg13.old_id_number, s)
        put("full_name", normalise_name(dg13.full_name) if dg13.full_name else None, s)
        put("date_of_birth", _date_or_none(dg13.date_of_birth, "date_of_birth", discrepancies), s)
        put("sex", normalise_sex(dg13.sex), s)
        for name in ("nationality", "ethnicity", "religion", "place_of_origin", "residence",
                     "identifying_marks", "father", "mother", "spouse"):
            text = getattr(dg13, name)
            put(name, normalise_name(text) if text else None, s)
        put("date_of_issue", _date_or_none(dg13.date_of_issue, "date_of_issue", discrepancies), s)
        if is_no_expiry(dg13.date_of_expiry):
            no_expiry = True
            sources["date_of_expiry"] = s
        else:
            put("date_of_expiry",
                _date_or_none(dg13.date_of_expiry, "date_of_expiry", discrepancies), s)

    if dg1 is not None:
        _merge_dg1(dg1.mrz, values, sources, discrepancies, put, today, no_expiry)

    if qr is not None:
        _merge_qr(parse_qr(qr), values, discrepancies, put)

    if not values and not no_expiry:
        raise IdentityError("no personal data could be read from the card (neither DG13 nor "
                            "DG1); read the card again")
    eth = lookup_ethnicity(values.get("ethnicity"))
    residence = values.get("residence")
    return Identity(
        **values,
        name=split_name(values["full_name"]) if values.get("full_name") else None,
        ethnicity_code=eth.code if eth else None,
        residence_conversion=convert_address(residence) if residence and convert_residence
        else None,
        no_expiry=no_expiry,
        sources=MappingProxyType(sources),
        pa_passed=pa_passed,
        discrepancies=tuple(dict.fromkeys(discrepancies)),
    )


def _date_or_none(text: str | None, name: str, discrepancies: list[str]) -> PartialDate | None:
    try:
        return parse_date(text)
    except ValueError:
        discrepancies.append(f"dg13.{name}.unreadable")
        return None


def _mrz_date(yymmdd: str, resolved: date | None) -> PartialDate | None:
    if resolved is not None:
        return PartialDate(resolved.year, resolved.month, resolved.day)
    return None


Put = Callable[[str, Any, Source], None]


def _merge_dg1(m: mrz.Mrz, values: dict[str, Any], sources: dict[str, Source],
               discrepancies: list[str], put: Put, today: date, no_expiry: bool) -> None:
    s = Source.CHIP_DG1
    mrz_name = " ".join(p for p in m.names if p)
    if "full_name" in values:
        if mrz_name and ascii_fold(values["full_name"]) != ascii_fold(mrz_name):
            discrepancies.append("dg1.full_name")
    else:
        put("full_name", mrz_name or None, s)
    checks = {
        "id_number": m.id_number,
        "sex": {"M": "Nam", "F": "Nữ"}.get(m.sex),
        "nationality": _NATIONALITY.get(m.nationality, m.nationality or None),
        "date_of_birth": _mrz_date(m.birth_date, mrz.birth_date(m.birth_date, today=today)),
    }
    if not no_expiry:
        checks["date_of_expiry"] = _mrz_date(m.expiry_date,
                                             mrz.expiry_date(m.expiry_date, today=today))
    for name, value in checks.items():
        if value is None:
            continue
        have = values.get(name)
        if have is None:
            put(name, value, s)
        elif isinstance(have, PartialDate) and isinstance(value, PartialDate):
            if (have.year % 100, have.month, have.day) != (value.year % 100, value.month,
                                                         value.day) and have.complete:
                discrepancies.append(f"dg1.{name}")
        elif have != value:
            discrepancies.append(f"dg1.{name}")
    if m.id_number and values.get("id_number") and m.document_number != values["id_number"][-9:]:
        discrepancies.append("dg1.document_number")


def _merge_qr(q: QrData, values: dict[str, Any], discrepancies: list[str], put: Put) -> None:
    s = Source.QR
    candidates: dict[str, Any] = {
        "id_number": q.id_number,
        "old_id_number": q.old_id_number,
        "full_name": normalise_name(q.full_name) if q.full_name else None,
        "sex": normalise_sex(q.sex),
        "residence": normalise_name(q.residence) if q.residence else None,
    }
    for name in ("date_of_birth", "date_of_issue"):
        try:
            candidates[name] = parse_date(getattr(q, name))
        except ValueError:
            discrepancies.append(f"qr.{name}.unreadable")
    for name, value in candidates.items():
        if value is None:
            continue
        if name in values:
            if values[name] != value:
                discrepancies.append(f"qr.{name}")
        else:
            put(name, value, s)
