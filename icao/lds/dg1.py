"""DG1 (ICAO 9303-10 4.7.1): the MRZ as stored on the chip, 61 { 5F1F <MRZ characters> }.

The MRZ is stored without line breaks; its length tells the format (TD1 90, TD2 72, TD3 88).
Field parsing is `icao.mrz.parse`, non-strict: a chip whose MRZ has a wrong check digit is
still read, and `mrz.checks` says which digit failed (the SOD signature is what proves it).

API: parse_dg1(raw: bytes) -> Dg1   (Dg1.format, .lines, .mrz; repr masks personal data)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao import mrz as mrz_mod
from icao.errors import ParseError
from icao.lds._fields import unwrap
from icao.lds._guard import parsing

DG1_TAG = 0x61
_LAYOUT = {90: ("TD1", 30), 72: ("TD2", 36), 88: ("TD3", 44)}


@dataclass(frozen=True)
class Dg1:
    format: str                                   # "TD1" | "TD2" | "TD3"
    lines: tuple[str, ...] = field(repr=False)
    mrz: mrz_mod.Mrz = field(repr=False)
    raw: bytes = field(repr=False)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def parse_dg1(raw: bytes) -> Dg1:
    with parsing("DG1", step="lds.dg1"):
        value = unwrap(raw, DG1_TAG, "DG1").require(0x5F1F).value
        try:
            chars = value.decode("ascii")
        except UnicodeDecodeError:
            raise ParseError("DG1 MRZ is not ASCII", step="lds.dg1") from None
        if len(chars) not in _LAYOUT:
            raise ParseError(f"DG1 MRZ has {len(chars)} characters; expected 90, 72 or 88",
                             step="lds.dg1")
        fmt, width = _LAYOUT[len(chars)]
        lines = tuple(chars[i:i + width] for i in range(0, len(chars), width))
        parsed = mrz_mod.parse("\n".join(lines), strict=False)
        return Dg1(fmt, lines, parsed, bytes(raw))
