"""DG12 additional document details (ICAO 9303-10 4.7.12). Dates stay text: issuers write
partial dates, and the date of personalization is yyyymmddhhmmss.

API: parse_dg12(raw: bytes) -> Dg12
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.lds._fields import parse_field_set, unwrap
from icao.lds._guard import parsing

DG12_TAG = 0x6C
_TEXT_FIELDS = {
    0x5F19: "issuing_authority", 0x5F26: "date_of_issue", 0x5F1B: "endorsements",
    0x5F1C: "tax_exit_requirements", 0x5F55: "personalization_time",
    0x5F56: "personalization_system_serial",
}


@dataclass(frozen=True)
class Dg12:
    tag_list: tuple[int, ...]
    issuing_authority: str | None = None
    date_of_issue: str | None = None                 # yyyymmdd, maybe partial
    other_persons: tuple[str, ...] = field(default=(), repr=False)
    endorsements: str | None = field(default=None, repr=False)
    tax_exit_requirements: str | None = field(default=None, repr=False)
    image_front: bytes | None = field(default=None, repr=False)
    image_rear: bytes | None = field(default=None, repr=False)
    personalization_time: str | None = None          # yyyymmddhhmmss
    personalization_system_serial: str | None = None
    unknown: tuple[tuple[int, bytes], ...] = field(default=(), repr=False)
    raw: bytes = field(default=b"", repr=False)


def parse_dg12(raw: bytes) -> Dg12:
    with parsing("DG12", step="lds.dg12"):
        fields = parse_field_set(unwrap(raw, DG12_TAG, "DG12"), "DG12",
                                 text_fields=_TEXT_FIELDS,
                                 binary_fields={0x5F1D: "image_front", 0x5F1E: "image_rear"},
                                 repeated_tag=0x5F1A)  # other persons
        return Dg12(tag_list=fields.tags, other_persons=fields.repeated,
                    unknown=fields.unknown, raw=bytes(raw),
                    **fields.values)  # type: ignore[arg-type]
