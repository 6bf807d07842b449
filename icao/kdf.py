"""Key derivation (ICAO 9303-11 9.7.1).

KDF(K, c) = first bytes of H(K || c) where c is a 32-bit big-endian counter:
c = 1 for the encryption key, 2 for the MAC key, 3 for the PACE password key K_pi.
SHA-1 for 3DES and AES-128, SHA-256 for AES-192 and AES-256. 3DES keys get DES parity bits
(9303-11 9.7.1.1); the parity does not change what DES computes, but matches the worked examples.
"""

from __future__ import annotations

import hashlib

from icao.crypto import CipherKind, CipherSpec

KDF_ENC = 1
KDF_MAC = 2
KDF_PACE = 3


def _set_des_parity(key: bytes) -> bytes:
    out = bytearray(key)
    for i, b in enumerate(out):
        ones = bin(b >> 1).count("1")
        out[i] = (b & 0xFE) | (0 if ones % 2 else 1)
    return bytes(out)


def kdf(shared_secret: bytes, counter: int, spec: CipherSpec) -> bytes:
    """Derive a key of `spec`'s length from a shared secret (or K_seed, or a password)."""
    data = shared_secret + counter.to_bytes(4, "big")
    if spec.kind is CipherKind.TDES:
        return _set_des_parity(hashlib.sha1(data).digest()[:16])
    if spec.key_bits == 128:
        return hashlib.sha1(data).digest()[:16]
    return hashlib.sha256(data).digest()[: spec.key_bits // 8]
