"""EF.COM (ICAO 9303-10 4.6.1): LDS version, Unicode version and the list of present DGs.

Advisory only: EF.COM is not signed (9303-10 4.6.1 says to rely on EF.SOD), so the reader
uses it to decide what to try to read, never to decide what must be there.

API: parse_com(raw: bytes) -> Com
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.errors import ParseError
from icao.lds._fields import TAG_TO_DG, tag_list, unwrap
from icao.lds._guard import parsing

COM_TAG = 0x60


@dataclass(frozen=True)
class Com:
    lds_version: str          # "0107" -> LDS 1.7
    unicode_version: str      # "040000" -> Unicode 4.0.0
    tags: tuple[int, ...]     # DG template tags as listed (61, 75, ...)
    raw: bytes = field(repr=False)

    @property
    def data_groups(self) -> tuple[int, ...]:
        """DG numbers listed; unknown tags are ignored here but kept in `tags`."""
        return tuple(TAG_TO_DG[t] for t in self.tags if t in TAG_TO_DG)

    @property
    def lds_version_text(self) -> str:
        return f"{int(self.lds_version[:2])}.{int(self.lds_version[2:])}"


def parse_com(raw: bytes) -> Com:
    with parsing("EF.COM", step="lds.com"):
        outer = unwrap(raw, COM_TAG, "EF.COM")
        lds = outer.require(0x5F01).value.decode("ascii")
        uni = outer.require(0x5F36).value.decode("ascii")
        if len(lds) != 4 or not lds.isdigit() or len(uni) != 6 or not uni.isdigit():
            raise ParseError("EF.COM version fields are malformed", step="lds.com")
        return Com(lds, uni, tag_list(outer.require(0x5C).value), bytes(raw))
