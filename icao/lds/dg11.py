"""DG11 additional personal details (ICAO 9303-10 4.7.11). Every field is optional; the raw
values are kept and text is decoded as UTF-8. Name fields keep the MRZ-style "<" separators
the issuer wrote; dates stay text because issuers may write partial dates.

API: parse_dg11(raw: bytes) -> Dg11   (repr masks personal data)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.lds._fields import parse_field_set, unwrap
from icao.lds._guard import parsing

DG11_TAG = 0x6B
_TEXT_FIELDS = {
    0x5F0E: "full_name", 0x5F10: "personal_number", 0x5F2B: "date_of_birth",
    0x5F11: "place_of_birth", 0x5F42: "address", 0x5F12: "telephone", 0x5F13: "profession",
    0x5F14: "title", 0x5F15: "personal_summary", 0x5F17: "other_td_numbers",
    0x5F18: "custody_information",
}


@dataclass(frozen=True)
class Dg11:
    tag_list: tuple[int, ...]
    full_name: str | None = field(default=None, repr=False)
    other_names: tuple[str, ...] = field(default=(), repr=False)
    personal_number: str | None = field(default=None, repr=False)
    date_of_birth: str | None = field(default=None, repr=False)   # yyyymmdd, maybe partial
    place_of_birth: str | None = field(default=None, repr=False)
    address: str | None = field(default=None, repr=False)
    telephone: str | None = field(default=None, repr=False)
    profession: str | None = field(default=None, repr=False)
    title: str | None = field(default=None, repr=False)
    personal_summary: str | None = field(default=None, repr=False)
    proof_of_citizenship: bytes | None = field(default=None, repr=False)  # image
    other_td_numbers: str | None = field(default=None, repr=False)
    custody_information: str | None = field(default=None, repr=False)
    unknown: tuple[tuple[int, bytes], ...] = field(default=(), repr=False)
    raw: bytes = field(default=b"", repr=False)


def parse_dg11(raw: bytes) -> Dg11:
    with parsing("DG11", step="lds.dg11"):
        fields = parse_field_set(unwrap(raw, DG11_TAG, "DG11"), "DG11",
                                 text_fields=_TEXT_FIELDS,
                                 binary_fields={0x5F16: "proof_of_citizenship"},
                                 repeated_tag=0x5F0F)  # other names
        return Dg11(tag_list=fields.tags, other_names=fields.repeated, unknown=fields.unknown,
                    raw=bytes(raw), **fields.values)  # type: ignore[arg-type]
