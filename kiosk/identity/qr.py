"""The QR code printed on the card: a quick pre-read that is NOT verified.

The QR is plain text anyone can print, so its values are marked "qr_unverified" and only fill
what the chip did not give; where both exist the chip wins and a difference is reported.
Payload (TT 06/2021/TT-BCA for the 2021 card, TT 16/2024/TT-BCA for the 2024 card, as decoded by
public tools listed in docs/domain/VN_SERVICES.md 2.2), fields separated by "|":

    ID number | old CMND (may be empty) | full name | ddmmyyyy birth | sex | residence | ddmmyyyy issue

2024 cards append more fields (cancelled ID number, parents; positions not published): they are
kept raw in `extra`. A 6-field variant without the CMND field is seen in some readers' notes;
we accept it by recognising the date in the third position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.capture.qr_payload import QrCapture

_DATE8 = re.compile(r"^\d{8}$")


class QrFormatError(ValueError):
    """The QR text is not a card payload. The message never contains the payload."""


@dataclass(frozen=True, repr=False)
class QrData:
    id_number: str | None = None
    old_id_number: str | None = None
    full_name: str | None = None
    date_of_birth: str | None = None
    sex: str | None = None
    residence: str | None = None
    date_of_issue: str | None = None
    extra: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        return "QrData(personal data masked)"

    __str__ = __repr__


def _from_capture(capture: QrCapture) -> QrData:
    """kiosk.capture.qr_payload's QrCapture: its dates are `date` objects."""
    f = capture.fields
    return QrData(
        id_number=f.id_number, old_id_number=f.old_id_number or None, full_name=f.full_name,
        date_of_birth=f.birth_date.strftime("%d%m%Y"), sex=f.sex, residence=f.address,
        date_of_issue=f.issue_date.strftime("%d%m%Y"), extra=tuple(f.extra),
    )


def parse_qr(payload: str | Mapping[str, str] | QrData | QrCapture) -> QrData:
    """QR text, a mapping with QrData's keys, or the capture step's QrCapture."""
    if isinstance(payload, QrData):
        return payload
    if isinstance(payload, QrCapture):
        return _from_capture(payload)
    if isinstance(payload, Mapping):
        def text(key: str) -> str | None:
            value = payload.get(key)
            return None if value is None else str(value)

        return QrData(id_number=text("id_number"), old_id_number=text("old_id_number"),
                      full_name=text("full_name"), date_of_birth=text("date_of_birth"),
                      sex=text("sex"), residence=text("residence"),
                      date_of_issue=text("date_of_issue"))
    if not isinstance(payload, str) or payload.count("|") < 5:
        raise QrFormatError("the QR code is not a citizen ID card code (expected 7 fields "
                            "separated by '|'); scan the QR code on the card again")
    parts = [p.strip() for p in payload.strip().split("|")]
    if _DATE8.match(parts[2]) and not _DATE8.match(parts[3]):
        parts.insert(1, "")  # the 6-field variant without the old CMND number
    if len(parts) < 7 or not re.fullmatch(r"\d{12}", parts[0]):
        raise QrFormatError("the QR code's first field is not a 12-digit ID number; "
                            "scan the QR code on the card again")
    return QrData(
        id_number=parts[0],
        old_id_number=parts[1] or None,
        full_name=parts[2] or None,
        date_of_birth=parts[3] or None,
        sex=parts[4] or None,
        residence=parts[5] or None,
        date_of_issue=parts[6] or None,
        extra=tuple(parts[7:]),
    )
