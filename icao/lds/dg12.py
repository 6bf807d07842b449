"""DG12 additional document details (ICAO 9303-10 4.7.12). Dates stay text: issuers write
partial dates, and the date of personalization is yyyymmddhhmmss.

API: parse_dg12(raw: bytes) -> Dg12
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.lds._fields import tag_list, text, unwrap
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
        outer = unwrap(raw, DG12_TAG, "DG12")
        values: dict[str, object] = {}
        unknown = []
        tags: tuple[int, ...] = ()
        persons: list[str] = []
        for child in outer.children():
            if child.tag == 0x5C:
                tags = tag_list(child.value)
            elif child.tag in _TEXT_FIELDS:
                values[_TEXT_FIELDS[child.tag]] = text(child.value, "DG12 field")
            elif child.tag == 0x5F1D:
                values["image_front"] = child.value
            elif child.tag == 0x5F1E:
                values["image_rear"] = child.value
            elif child.tag == 0xA0:  # other persons: A0 { 02 count, 5F1A ... }
                persons.extend(text(n.value, "DG12 other person") for n in child.children()
                               if n.tag == 0x5F1A)
            elif child.tag == 0x5F1A:
                persons.append(text(child.value, "DG12 other person"))
            else:
                unknown.append((child.tag, child.value))
        return Dg12(tag_list=tags, other_persons=tuple(persons), unknown=tuple(unknown),
                    raw=bytes(raw), **values)  # type: ignore[arg-type]
