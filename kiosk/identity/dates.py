"""Dates as printed on Vietnamese cards: full, partial (month/year or year only), or none.

Why partial dates: people born before civil registration was complete have only a birth year
(or month and year) in the national population database, and the card prints exactly that
(Luật Căn cước 2023 Đ9 keeps the registered birth date). Forms must show what the card shows,
never an invented day. Cards of citizens aged 60 and over carry no expiry ("Không thời hạn",
Luật Căn cước 2023 Đ21 k1; Luật CCCD 2014 Đ21 for the 2021 card).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

#: The text the card prints instead of an expiry date.
NO_EXPIRY_VI = "Không thời hạn"
_NO_EXPIRY_KEYS = {"khongthoihan", "khongxacdinh", "vinhvien"}

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{4})\s*$")
_Y = re.compile(r"^\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*$")
_DDMMYYYY = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose day, or day and month, may be unknown (None)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1800 <= self.year <= 2200:
            raise ValueError("year out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day without a month")
        if self.month is not None:
            # date() validates month and day (29/02 on leap years only)
            date(self.year, self.month, self.day or 1)

    @property
    def complete(self) -> bool:
        return self.day is not None

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.complete else None  # type: ignore[arg-type]

    def iso(self) -> str:
        """ISO 8601 with reduced precision: 1990-09-05, 1990-09 or 1990."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def vi(self) -> str:
        """As Vietnamese forms print it: 05/09/1990, 09/1990 or 1990."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"

    def __repr__(self) -> str:  # dates of birth are personal data
        return f"PartialDate(precision={'day' if self.complete else 'month' if self.month else 'year'})"


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def is_no_expiry(text: str | None) -> bool:
    return bool(text) and _key(text or "") in _NO_EXPIRY_KEYS


def parse_date(text: str | None) -> PartialDate | None:
    """dd/mm/yyyy, mm/yyyy, yyyy, ddmmyyyy (QR) or ISO; 00 for an unknown day or month.

    Returns None for empty text; raises ValueError (no value in the message) when unreadable.
    """
    if text is None or not text.strip():
        return None
    for pattern, order in ((_DMY, "dmy"), (_DDMMYYYY, "dmy"), (_MY, "my"), (_Y, "y")):
        m = pattern.match(text)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            break
    else:
        m = _ISO.match(text)
        if not m:
            raise ValueError("unreadable date")
        parts = {"y": int(m.group(1))}
        if m.group(2):
            parts["m"] = int(m.group(2))
        if m.group(3):
            parts["d"] = int(m.group(3))
    month = parts.get("m") or None  # 00 means unknown
    day = parts.get("d") or None
    if month is None:
        day = None
    return PartialDate(parts["y"], month, day)
