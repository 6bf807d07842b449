"""The CCCD / Can cuoc QR payload: parse, validate, and give the CAN.

Payload forms (docs/domain/VN_SERVICES.md 2.2):
  2021 CCCD, 7 fields:      ID|old ID (empty if none)|name|ddmmyyyy birth|sex|address|ddmmyyyy issue
  without the old-ID field: ID|name|ddmmyyyy birth|sex|address|ddmmyyyy issue (seen in one
                            open-source scanner; handled rather than assumed a bug)
  2024 Can cuoc:            the 7 fields, then extra fields (observed empty: "...|04102024||||").
                            TT 16/2024 lists the cancelled ID number and parents' names among
                            the QR contents, but their positions are not documented, so the
                            extra fields are kept raw, uninterpreted.

Everything here is "from QR, not verified": a QR is printed, anyone can print another. The
chip's DG13, checked by passive authentication, is what the kiosk trusts; `confirmed_by_chip`
marks a capture verified once the chip's ID number matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from icao.keys import AccessKey
from kiosk.capture.errors import InvalidCccdQr, NotCccdQr

Variant = Literal["cccd-7", "no-old-id", "extended-2024"]

_DIGITS12 = re.compile(r"^[0-9]{12}$")
_OLD_ID = re.compile(r"^(?:[0-9]{9}|[0-9]{12})$")
_DDMMYYYY = re.compile(r"^[0-9]{8}$")
_SEXES = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ"}

#: The note the UI shows beside every field taken from the QR until the chip confirms it.
NOT_VERIFIED_NOTE = "from QR, not verified"


@dataclass(frozen=True)
class QrFields:
    """The fields printed in the QR, as read. Personal data: the repr shows none of it."""

    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date
    sex: str  # "Nam" or "Nữ"
    address: str
    issue_date: date
    extra: tuple[str, ...]  # 2024 cards' trailing fields, positions undocumented, kept raw
    variant: Variant

    def __repr__(self) -> str:
        return f"QrFields(variant={self.variant!r}, personal data masked)"


@dataclass(frozen=True)
class QrCapture:
    """An access key source read from the card's QR code: the CAN and pre-read fields."""

    id_number: str
    can: str
    fields: QrFields
    verified: bool = False
    #: Consistency notes (ID number structure vs birth year and sex); never personal values.
    warnings: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        return "confirmed by the chip" if self.verified else NOT_VERIFIED_NOTE

    def access_key(self) -> AccessKey:
        """The PACE CAN key (icao.keys.AccessKey), built from the last 6 digits of the ID."""
        return AccessKey.from_can(self.can)

    def confirmed_by_chip(self, chip_id_number: str) -> QrCapture:
        """A verified copy when the chip's (passively authenticated) ID number matches;
        raises InvalidCccdQr when it does not, so staff see the QR and chip disagree."""
        if chip_id_number.strip() != self.id_number:
            raise InvalidCccdQr("the QR code's ID number differs from the chip's",
                                field="id_number")
        return replace(self, verified=True)

    def __repr__(self) -> str:
        return (f"QrCapture(variant={self.fields.variant!r}, verified={self.verified}, "
                f"warnings={len(self.warnings)}, personal data masked)")

    __str__ = __repr__


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def _date(value: str, field: str) -> date:
    if not _DDMMYYYY.match(value):
        raise InvalidCccdQr(f"{field} is not a ddmmyyyy date", field=field)
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise InvalidCccdQr(f"{field} is not a calendar date", field=field) from None


def _looks_like_cccd(parts: list[str]) -> bool:
    if len(parts) < 6 or not parts[0].strip().isdigit():
        return False
    return bool(_DDMMYYYY.match(parts[3].strip()) or _DDMMYYYY.match(parts[2].strip()))


def id_number_warnings(id_number: str, birth: date, sex: str) -> tuple[str, ...]:
    """Check the ID number's structure against the birth date and sex.

    Structure of the 12-digit personal ID number (Thong tu 59/2021/TT-BCA art. 7, cited from
    memory, not from a data file: so a mismatch is a warning, never a rejection): 3 digits
    province of birth registration, 1 digit for sex and century (0/1 male/female born in the
    1900s, 2/3 in the 2000s, 4/5 in the 2100s ...), 2 digits year of birth, 6 digits serial.
    """
    warnings = []
    code = int(id_number[3])
    century = 1900 + (code // 2) * 100
    if century + int(id_number[4:6]) != birth.year:
        warnings.append("the birth year does not match the ID number's year digits")
    if (code % 2 == 1) != (sex == "Nữ"):
        warnings.append("the sex does not match the ID number's sex digit")
    return tuple(warnings)


def parse_payload(payload: str, *, today: date | None = None) -> QrCapture:
    """Parse a decoded QR text. NotCccdQr when it is not an ID card QR at all;
    InvalidCccdQr (naming the field, never its value) when a field fails validation."""
    parts = _nfc(payload).split("|")
    if not _looks_like_cccd(parts):
        raise NotCccdQr("the QR code is not a Vietnamese chip ID card's QR code")
    parts = [_nfc(p) for p in parts]
    if _DDMMYYYY.match(parts[3]) and len(parts) >= 7:
        old_id = parts[1] or None
        name, birth, sex, address, issue = parts[2:7]
        extra = tuple(parts[7:])
        variant: Variant = "cccd-7" if len(parts) == 7 else "extended-2024"
    else:
        old_id = None
        name, birth, sex, address, issue = parts[1:6]
        extra = tuple(parts[6:])
        variant = "no-old-id"

    id_number = parts[0]
    if not _DIGITS12.match(id_number):
        raise InvalidCccdQr("the ID number in the QR code is not 12 digits", field="id_number")
    if old_id is not None and not _OLD_ID.match(old_id):
        raise InvalidCccdQr("the old ID number in the QR code is not 9 or 12 digits",
                            field="old_id_number")
    if not name:
        raise InvalidCccdQr("the QR code holds no name", field="full_name")
    sex_norm = _SEXES.get(sex.lower())
    if sex_norm is None:
        raise InvalidCccdQr("the sex in the QR code is neither Nam nor Nữ", field="sex")
    birth_d = _date(birth, "birth_date")
    issue_d = _date(issue, "issue_date")
    if birth_d.year < 1900 or birth_d > issue_d:
        raise InvalidCccdQr("the birth date is after the issue date", field="birth_date")
    if today is not None and issue_d > today:
        raise InvalidCccdQr("the issue date is in the future", field="issue_date")

    fields = QrFields(id_number=id_number, old_id_number=old_id, full_name=name,
                      birth_date=birth_d, sex=sex_norm, address=address, issue_date=issue_d,
                      extra=extra, variant=variant)
    return QrCapture(id_number=id_number, can=id_number[-6:], fields=fields,
                     warnings=id_number_warnings(id_number, birth_d, sex_norm))
