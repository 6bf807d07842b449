"""The ICAO 9303-3 check digit (section 4.9), shared by MRZ parsing and BAC key seeds."""

from __future__ import annotations

from icao.errors import ParseError

_WEIGHTS = (7, 3, 1)


def char_value(ch: str) -> int:
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ParseError(f"character {ch!r} is not allowed in an MRZ", step="mrz")


def check_digit(field: str) -> str:
    """Check digit of an MRZ field, as a one-character string '0'..'9'."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field))
    return str(total % 10)
