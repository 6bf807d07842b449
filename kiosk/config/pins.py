"""PINs, kept only as Argon2id hashes (RFC 9106), tuned so a guess costs >= 250 ms.

A PIN is short: whoever steals a hash can try every 6-digit PIN offline, so each try must be
slow and memory-hard. Argon2id with 128 MiB and 4 passes (one lane) costs about 300 ms on
the kiosk class of machine (2 cores; `kiosk staff kdf` measures it on the kiosk itself), so a
stolen hash of a policy-checked 6-digit PIN takes days of one core's time per account instead
of minutes (the scrypt hashes of earlier versions cost 38 ms). Hashes are PHC strings,
``$argon2id$v=19$m=131072,t=4,p=1$<salt>$<hash>``, so the cost can be raised later; older
scrypt hashes (``scrypt$N$r$p$salt$hash``) are still verified and re-hashed on the next
successful login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from kiosk.config.pinpolicy import WeakPin, check_pin_policy

_SCRYPT = re.compile(r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")
_ARGON = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$"
                    r"([A-Za-z0-9+/]+)$")
TARGET_MS = 250.0


class PinError(ValueError):
    """A PIN that cannot be used (too short, not digits, too easy to guess)."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, passes, lanes (RFC 9106 section 4)."""

    memory_kib: int = 131072
    iterations: int = 4
    lanes: int = 1

    def __str__(self) -> str:
        return f"Argon2id m={self.memory_kib // 1024} MiB, t={self.iterations}, p={self.lanes}"


DEFAULT_KDF = KdfParams()


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii").rstrip("=")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s + "=" * (-len(s) % 4))


def check_pin_format(pin: str, *, staff_id: str | None = None) -> None:
    """PinError unless the PIN is 6 to 12 digits and not easy to guess (pinpolicy.py)."""
    try:
        check_pin_policy(pin, staff_id=staff_id)
    except WeakPin as exc:
        raise PinError(str(exc)) from None


def _argon2(pin: str, salt: bytes, p: KdfParams, length: int = 32) -> bytes:
    return Argon2id(salt=salt, length=length, iterations=p.iterations, lanes=p.lanes,
                    memory_cost=p.memory_kib).derive(pin.encode("ascii"))


def hash_pin(pin: str, *, salt: bytes | None = None, params: KdfParams = DEFAULT_KDF,
             staff_id: str | None = None, check: bool = True) -> str:
    """The hash string to store (never store the PIN); PinError for a weak PIN.
    `check` False only to re-hash a PIN that already proved itself at login."""
    if check:
        check_pin_format(pin, staff_id=staff_id)
    elif not (pin.isascii() and pin.isdigit()):
        raise PinError("a PIN is made of digits")
    salt = salt if salt is not None else os.urandom(16)
    digest = _argon2(pin, salt, params)
    return (f"$argon2id$v=19$m={params.memory_kib},t={params.iterations},p={params.lanes}"
            f"${_b64(salt)}${_b64(digest)}")


def is_pin_hash(value: str) -> bool:
    return _ARGON.match(value) is not None or _SCRYPT.match(value) is not None


def needs_rehash(stored: str, params: KdfParams = DEFAULT_KDF) -> bool:
    """True for scrypt hashes and Argon2id hashes cheaper than `params`."""
    m = _ARGON.match(stored or "")
    if not m:
        return True
    mem, t, p = (int(x) for x in m.group(1, 2, 3))
    return mem < params.memory_kib or t < params.iterations or p != params.lanes


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored`; False for an empty or malformed hash (locked)."""
    if not (pin.isascii() and pin.isdigit()):
        return False
    m = _ARGON.match(stored or "")
    if m:
        mem, t, p = (int(x) for x in m.group(1, 2, 3))
        if mem > 2**21 or t > 64 or not 1 <= p <= 16 or mem < 8 * p:
            return False  # refuse hashes that would exhaust memory or time
        salt, want = _unb64(m.group(4)), _unb64(m.group(5))
        got = _argon2(pin, salt, KdfParams(mem, t, p), len(want))
        return hmac.compare_digest(got, want)
    m = _SCRYPT.match(stored or "")
    if not m:
        return False
    n, r, p = (int(x) for x in m.group(1, 2, 3))
    if n > 2**20 or r > 32 or p > 16:
        return False
    salt, want = base64.b64decode(m.group(4)), base64.b64decode(m.group(5))
    got = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=len(want),
                         maxmem=2**27)
    return hmac.compare_digest(got, want)


def measure_kdf(params: KdfParams = DEFAULT_KDF, rounds: int = 5) -> float:
    """Median milliseconds of one PIN check with `params` on this machine."""
    times = []
    for _ in range(max(1, rounds)):
        t0 = time.perf_counter()
        _argon2("482913", b"\x00" * 16, params)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]
