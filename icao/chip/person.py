"""Who the emulated chip belongs to: the built-in synthetic citizen or one read from JSON.

The record uses the keys of `icao.lds.dg13.encode_dg13` (the Vietnamese DG13 fields) plus
`portrait` (JPEG bytes) and, for a passport profile, `document_number`. Everything the chip
needs elsewhere (the MRZ of DG1, the CAN) is derived from those fields, so a person file
cannot contradict itself. The built-in citizen is plainly fictional.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

#: The built-in citizen: invented name, ID number, addresses and family; the portrait is the
#: public-domain photograph described in icao/chip/data/README.md.
DEFAULT_RECORD: Mapping[str, str] = MappingProxyType({
    "id_number": "079203012345",
    "full_name": "Nguyễn Thị Thử Nghiệm",
    "date_of_birth": "15/08/2003",
    "sex": "Nữ",
    "nationality": "Việt Nam",
    "ethnicity": "Kinh",
    "religion": "Không",
    "place_of_origin": "Xã Thử Nghiệm, Huyện Mẫu, Tỉnh Ví Dụ",
    "residence": "Số 1 Đường Giả Định, Phường Mẫu, Quận Thử, Thành phố Ví Dụ",
    "identifying_marks": "Nốt ruồi C:1cm trên trước mày phải",
    "date_of_issue": "10/05/2021",
    "date_of_expiry": "15/08/2028",
    "father": "Nguyễn Văn Mẫu",
    "mother": "Trần Thị Ví Dụ",
    "spouse": "",
    "old_id_number": "123456789",
})

_DG13_KEYS = frozenset({
    "id_number", "full_name", "date_of_birth", "sex", "nationality", "ethnicity", "religion",
    "place_of_origin", "residence", "identifying_marks", "date_of_issue", "date_of_expiry",
    "father", "mother", "spouse", "old_id_number", "field16",
})


def demo_portrait() -> bytes:
    """The bundled JPEG (package data, read-only)."""
    return resources.files("icao.chip").joinpath("data/demo_portrait.jpg").read_bytes()


def _yymmdd(ddmmyyyy: str) -> str:
    parts = ddmmyyyy.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError("dates must be dd/mm/yyyy")
    d, m, y = parts
    return f"{int(y) % 100:02d}{int(m):02d}{int(d):02d}"


def ascii_name(text: str) -> str:
    """Vietnamese name to MRZ letters: strip diacritics (đ -> D), upper case (9303-3 6)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).upper()


@dataclass(frozen=True)
class Person:
    """A citizen record for the chip; `repr` shows nothing personal."""

    record: Mapping[str, Any] = field(repr=False)
    portrait: bytes = field(repr=False)
    document_number: str = field(default="", repr=False)  # passports only

    @classmethod
    def default(cls) -> Person:
        return cls(dict(DEFAULT_RECORD), demo_portrait())

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], portrait: bytes | None = None) -> Person:
        """Build from a JSON object; unknown keys are an error so typos do not pass silently."""
        extra = set(data) - _DG13_KEYS - {"document_number", "portrait"}
        if extra:
            raise ValueError(f"unknown person keys: {sorted(extra)}")
        record = {k: v for k, v in data.items() if k in _DG13_KEYS}
        merged = {**DEFAULT_RECORD, **record}
        id_number = str(merged["id_number"])
        if not (len(id_number) == 12 and id_number.isdigit()):
            raise ValueError("id_number must be 12 digits")
        _yymmdd(merged["date_of_birth"])
        return cls(merged, portrait if portrait is not None else demo_portrait(),
                   str(data.get("document_number", "")))

    # -- derived values -----------------------------------------------------------------
    @property
    def id_number(self) -> str:
        return str(self.record["id_number"])

    @property
    def can(self) -> str:
        """Vietnamese cards: the CAN is the last 6 digits of the ID number."""
        return self.id_number[-6:]

    @property
    def birth_yymmdd(self) -> str:
        return _yymmdd(self.record["date_of_birth"])

    @property
    def expiry_yymmdd(self) -> str:
        expiry = str(self.record.get("date_of_expiry", ""))
        return _yymmdd(expiry) if expiry.count("/") == 2 else "991231"

    @property
    def sex_code(self) -> str:
        sex = str(self.record.get("sex", "")).strip().lower()
        return {"nam": "M", "nữ": "F", "nu": "F", "m": "M", "f": "F"}.get(sex, "X")

    def mrz_names(self) -> tuple[str, str]:
        """(surname, given names): Vietnamese order is family name first."""
        words = ascii_name(str(self.record["full_name"])).split()
        return (words[0], " ".join(words[1:])) if words else ("", "")
