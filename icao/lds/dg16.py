"""DG16 persons to notify (ICAO 9303-10 4.7.16): 70 { 02 count, A1..An { 5F50 date recorded,
5F51 name, 5F52 telephone, 5F53 address } }. All personal data: the repr masks it.

API: parse_dg16(raw: bytes) -> Dg16
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.errors import ParseError
from icao.lds._fields import text, unwrap
from icao.lds._guard import parsing

DG16_TAG = 0x70
_FIELDS = {0x5F50: "date_recorded", 0x5F51: "name", 0x5F52: "telephone", 0x5F53: "address"}


@dataclass(frozen=True)
class PersonToNotify:
    date_recorded: str | None = field(default=None, repr=False)   # yyyymmdd
    name: str | None = field(default=None, repr=False)
    telephone: str | None = field(default=None, repr=False)
    address: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Dg16:
    persons: tuple[PersonToNotify, ...] = field(repr=False)
    raw: bytes = field(repr=False)

    def __repr__(self) -> str:
        return f"Dg16(persons={len(self.persons)})"


def parse_dg16(raw: bytes) -> Dg16:
    with parsing("DG16", step="lds.dg16"):
        outer = unwrap(raw, DG16_TAG, "DG16")
        count = int.from_bytes(outer.require(0x02).value, "big")
        persons = []
        for child in outer.children():
            if child.tag == 0x02:
                continue
            if not 0xA1 <= child.tag <= 0xAF:
                raise ParseError(f"DG16 has an unexpected tag {child.tag:X}", step="lds.dg16")
            values = {_FIELDS[f.tag]: text(f.value, "DG16 field")
                      for f in child.children() if f.tag in _FIELDS}
            persons.append(PersonToNotify(**values))
        if count != len(persons):
            raise ParseError(f"DG16 announces {count} persons and holds {len(persons)}",
                             step="lds.dg16")
        return Dg16(tuple(persons), bytes(raw))
