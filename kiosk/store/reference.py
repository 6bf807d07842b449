"""Reference numbers printed on the citizen's receipt and read out over the counter.

Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V kept apart by
dropping U) shown as two groups of four, e.g. ``K7M2-9QXP``: 30**8 ~ 6.6e11 values, so random
collisions are rare and the database's unique constraint catches the rest (the caller retries).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8

RandomBelow = Callable[[int], int]


def new_reference(randbelow: RandomBelow = secrets.randbelow) -> str:
    chars = "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalize_reference(text: str) -> str:
    """What staff typed (any case, spaces, with or without the dash) -> canonical form."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == LENGTH else chars


def is_reference(text: str) -> bool:
    chars = text.replace("-", "")
    return len(text) == LENGTH + 1 and text[4] == "-" and all(c in ALPHABET for c in chars)
