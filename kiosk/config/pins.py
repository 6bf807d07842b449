"""Staff and technician PINs, kept only as scrypt hashes.

A PIN is short, so the hash must be slow to brute-force offline: scrypt (RFC 7914) with
N=2**14, r=8, p=1 costs ~16 MiB and tens of milliseconds per guess, with a random 16-byte salt.
Format: ``scrypt$N$r$p$<salt b64>$<hash b64>`` so parameters can be raised later.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

_N, _R, _P, _LEN = 2**14, 8, 1, 32
_FORMAT = re.compile(r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")


class PinError(ValueError):
    """A PIN that cannot be used (too short, not digits)."""


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def check_pin_format(pin: str) -> None:
    """PINs are 4 to 12 digits: what a counter keypad accepts."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise PinError("a PIN must be 4 to 12 digits")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The scrypt hash string to store in the config (never store the PIN)."""
    check_pin_format(pin)
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=_N, r=_R, p=_P, dklen=_LEN)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def is_pin_hash(value: str) -> bool:
    return _FORMAT.match(value) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored`; False for an empty or malformed hash (locked)."""
    m = _FORMAT.match(stored or "")
    if not m:
        return False
    n, r, p = (int(x) for x in m.group(1, 2, 3))
    if n > 2**20 or r > 32 or p > 16:  # refuse hashes that would exhaust memory
        return False
    salt, want = base64.b64decode(m.group(4)), base64.b64decode(m.group(5))
    got = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(want),
                         maxmem=2**27)
    return hmac.compare_digest(got, want)
