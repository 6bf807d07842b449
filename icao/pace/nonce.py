"""The password key and the encrypted nonce (ICAO 9303-11 4.4.3.3, 9.7.3).

K_pi = KDF(pi, 3). For the MRZ, pi is SHA-1 of the MRZ information (document number, date
of birth, date of expiry, each with its check digit); for the CAN, pi is its ASCII digits.
The nonce s is E(K_pi, s) in CBC mode with a zero IV.
"""

from __future__ import annotations

import hashlib

from icao.crypto import CipherKind, CipherSpec, decrypt_cbc, encrypt_cbc
from icao.errors import CryptoError
from icao.kdf import KDF_PACE, kdf

PASSWORD_MRZ = 0x01
PASSWORD_CAN = 0x02
PASSWORD_PIN = 0x03
PASSWORD_PUK = 0x04


def password_from_mrz(mrz_information: str) -> bytes:
    """pi for password reference 1: SHA-1 of the 24+ characters of MRZ information."""
    return hashlib.sha1(mrz_information.encode("ascii")).digest()


def password_key(password: bytes, spec: CipherSpec) -> bytes:
    return kdf(password, KDF_PACE, spec)


def key_size(spec: CipherSpec) -> int:
    """k of 9303-11 4.4.3.3 in bytes; 3DES counts as 128 bits (note to 4.4.3.3.2)."""
    return 16 if spec.kind is CipherKind.TDES else spec.key_bits // 8


def nonce_size(spec: CipherSpec) -> int:
    """l: the smallest multiple of the block size with l >= k (chosen by our chip for all mappings)."""
    k, b = key_size(spec), spec.block_size
    return -(-k // b) * b


def encrypt_nonce(spec: CipherSpec, k_pi: bytes, s: bytes) -> bytes:
    return encrypt_cbc(spec, k_pi, s)


def decrypt_nonce(spec: CipherSpec, k_pi: bytes, z: bytes) -> bytes:
    if not z or len(z) % spec.block_size:
        raise CryptoError(f"encrypted nonce of {len(z)} bytes is not whole blocks", step="pace-nonce")
    return decrypt_cbc(spec, k_pi, z)
