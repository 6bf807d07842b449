"""Vietnamese personal names: họ (family name), chữ đệm (middle names), tên (given name).

Forms ask for "Họ, chữ đệm và tên" in one box, or "Họ" and "Chữ đệm và tên" separately (TK01
passport form, item 1), so the kiosk must split the chip's single full-name string. Vietnamese
order is family name first, given name last (Luật Hộ tịch 2014 Đ26; NĐ 123/2015 Đ7 on name
registration). The family name is taken as the first word: compound family names exist but
cannot be told apart from a family name + middle name by text alone, so the citizen confirms the
split on screen rather than the kiosk guessing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonName:
    full: str
    ho: str
    chu_dem: str
    ten: str

    @property
    def chu_dem_va_ten(self) -> str:
        return f"{self.chu_dem} {self.ten}".strip()

    def __repr__(self) -> str:
        return f"PersonName(words={len(self.full.split())})"


def normalise_name(text: str) -> str:
    """NFC, single spaces; case kept as the chip gives it (cards print upper case)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_name(full: str) -> PersonName:
    words = normalise_name(full).split(" ")
    if not words or not words[0]:
        raise ValueError("empty name")
    if len(words) == 1:  # single-word names occur among some ethnic minorities
        return PersonName(words[0], "", "", words[0])
    return PersonName(" ".join(words), words[0], " ".join(words[1:-1]), words[-1])


def ascii_fold(text: str) -> str:
    """Upper-case A-Z without diacritics (đ -> D), to compare a chip name with the MRZ name."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain.upper()).split())
