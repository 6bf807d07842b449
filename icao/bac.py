"""Basic Access Control (ICAO 9303-11 sec. 4.3, worked example App. D).

Small functions named after the specification's steps, so each can be checked byte for byte
against App. D: derive the keys from K_seed, build the MUTUAL AUTHENTICATE data, check the
chip's answer, derive the session keys and the starting SSC. Randomness is injected.
The chip's side of the same exchange (`chip_respond`) is here too: the emulated chip and the
tests share one definition of the protocol.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from icao import iso7816
from icao.apdu import Command, Response
from icao.crypto import TDES, decrypt_cbc, encrypt_cbc, retail_mac
from icao.errors import AccessDenied, CardError, CryptoError
from icao.kdf import KDF_ENC, KDF_MAC, kdf
from icao.keys import AccessKey

Rng = Callable[[int], bytes]
Send = Callable[[Command], Response]


@dataclass(frozen=True)
class BacKeys:
    """K_enc and K_mac derived from K_seed (9303-11 9.7.2 / App. D.2)."""

    k_enc: bytes = field(repr=False)
    k_mac: bytes = field(repr=False)


@dataclass(frozen=True)
class BacResult:
    """Session keys and the starting send sequence counter (9303-11 9.8.2 / App. D.3)."""

    ks_enc: bytes = field(repr=False)
    ks_mac: bytes = field(repr=False)
    ssc: int
    spec = TDES


def derive_keys(k_seed: bytes) -> BacKeys:
    """App. D.2: KDF(K_seed, 1) and KDF(K_seed, 2) with 3DES parity."""
    return BacKeys(kdf(k_seed, KDF_ENC, TDES), kdf(k_seed, KDF_MAC, TDES))


def build_authentication(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes,
                         k_ifd: bytes) -> bytes:
    """App. D.3 steps 1-4: S = RND.IFD || RND.IC || K.IFD, E.IFD = E(K_enc, S), M.IFD = MAC."""
    if len(rnd_ic) != 8 or len(rnd_ifd) != 8 or len(k_ifd) != 16:
        raise CryptoError("BAC nonces must be 8 bytes and K.IFD 16 bytes", step="bac")
    e_ifd = encrypt_cbc(TDES, keys.k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + retail_mac(keys.k_mac, e_ifd)


def check_response(keys: BacKeys, response: bytes, rnd_ic: bytes, rnd_ifd: bytes,
                   k_ifd: bytes) -> BacResult:
    """App. D.3 steps 5-7: verify M.IC, decrypt, check RND.IFD, derive session keys and SSC."""
    if len(response) != 40:
        raise CryptoError(f"MUTUAL AUTHENTICATE answered {len(response)} bytes, expected 40",
                          step="bac")
    e_ic, m_ic = response[:32], response[32:]
    if not hmac.compare_digest(retail_mac(keys.k_mac, e_ic), m_ic):
        raise CryptoError("the chip's BAC answer has a wrong MAC", step="bac")
    r = decrypt_cbc(TDES, keys.k_enc, e_ic)
    if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
        raise CryptoError("the chip's BAC answer does not echo our nonces", step="bac")
    return session_keys(k_ifd, r[16:32], rnd_ic, rnd_ifd)


def session_keys(k_ifd: bytes, k_ic: bytes, rnd_ic: bytes, rnd_ifd: bytes) -> BacResult:
    """K_seed = K.IFD xor K.IC; KS_enc/KS_mac by KDF; SSC = RND.IC[4:8] || RND.IFD[4:8]."""
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    ssc = int.from_bytes(rnd_ic[4:8] + rnd_ifd[4:8], "big")
    return BacResult(kdf(seed, KDF_ENC, TDES), kdf(seed, KDF_MAC, TDES), ssc)


def establish(send: Send, key: AccessKey, *, rng: Rng | None = None) -> BacResult:
    """Run BAC over the plain channel `send`: GET CHALLENGE, then MUTUAL AUTHENTICATE."""
    rng = rng or os.urandom
    keys = derive_keys(key.bac_seed())
    challenge = send(iso7816.get_challenge())
    if not challenge.ok or len(challenge.data) != 8:
        raise CardError("GET CHALLENGE failed", step="bac", sw=challenge.sw)
    rnd_ic = challenge.data
    rnd_ifd, k_ifd = rng(8), rng(16)
    answer = send(iso7816.mutual_authenticate(build_authentication(keys, rnd_ic, rnd_ifd,
                                                                   k_ifd)))
    if answer.sw == 0x6300 or answer.sw1 == 0x63 or answer.sw in (0x6982, 0x6988):
        tries = answer.sw2 & 0x0F if answer.sw & 0xFFF0 == 0x63C0 else None
        raise AccessDenied("the chip rejected the MRZ data (BAC)", step="bac", sw=answer.sw,
                           tries_left=tries)
    if not answer.ok:
        raise CardError("MUTUAL AUTHENTICATE failed", step="bac", sw=answer.sw)
    try:
        return check_response(keys, answer.data, rnd_ic, rnd_ifd, k_ifd)
    except CryptoError as exc:
        raise AccessDenied("the chip's BAC answer did not verify with this MRZ data",
                           step="bac") from exc


# --- the chip's side (used by icao.chip) ---------------------------------------------------

def chip_respond(keys: BacKeys, rnd_ic: bytes, k_ic: bytes,
                 data: bytes) -> tuple[bytes, BacResult] | None:
    """Card side of App. D.3: check M.IFD and RND.IC, answer E.IC || M.IC with session keys.

    Returns None when the terminal's cryptogram does not verify (wrong MRZ data).
    """
    if len(data) != 40 or len(rnd_ic) != 8 or len(k_ic) != 16:
        return None
    e_ifd, m_ifd = data[:32], data[32:]
    if not hmac.compare_digest(retail_mac(keys.k_mac, e_ifd), m_ifd):
        return None
    s = decrypt_cbc(TDES, keys.k_enc, e_ifd)
    rnd_ifd, got_rnd_ic, k_ifd = s[:8], s[8:16], s[16:32]
    if not hmac.compare_digest(got_rnd_ic, rnd_ic):
        return None
    e_ic = encrypt_cbc(TDES, keys.k_enc, rnd_ic + rnd_ifd + k_ic)
    return e_ic + retail_mac(keys.k_mac, e_ic), session_keys(k_ifd, k_ic, rnd_ic, rnd_ifd)
