"""Block-cipher primitives shared by secure messaging, BAC and PACE.

ICAO 9303-11 uses two cipher families:
- 3DES (two-key, 16 bytes): CBC with a zero IV, and the ISO/IEC 9797-1 MAC algorithm 3
  ("retail MAC") with padding method 2 (9303-11 9.8.6.1 / 9.8.3);
- AES-128/192/256: CBC, and CMAC per NIST SP 800-38B truncated to 8 bytes (9303-11 9.8.6.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from Crypto.Cipher import AES, DES, DES3
from Crypto.Hash import CMAC

from icao.errors import CryptoError


class CipherKind(Enum):
    TDES = "3DES"
    AES = "AES"


@dataclass(frozen=True)
class CipherSpec:
    """A cipher and key length, e.g. AES-128; `key_bits` of 3DES is 112 (two-key)."""

    kind: CipherKind
    key_bits: int

    @property
    def block_size(self) -> int:
        return 8 if self.kind is CipherKind.TDES else 16

    @property
    def key_len(self) -> int:
        return 16 if self.kind is CipherKind.TDES else self.key_bits // 8

    @property
    def name(self) -> str:
        return "3DES" if self.kind is CipherKind.TDES else f"AES-{self.key_bits}"

    @classmethod
    def parse(cls, text: str) -> CipherSpec:
        """'3des', 'aes128', 'AES-256' ... -> CipherSpec."""
        t = text.strip().upper().replace("-", "").replace("_", "")
        if t in ("3DES", "DESEDE", "TDES", "DES3"):
            return TDES
        if t.startswith("AES") and t[3:] in ("128", "192", "256"):
            return CipherSpec(CipherKind.AES, int(t[3:]))
        raise ValueError(f"unknown cipher {text!r}; use 3des, aes128, aes192 or aes256")


TDES = CipherSpec(CipherKind.TDES, 112)
AES128 = CipherSpec(CipherKind.AES, 128)
AES192 = CipherSpec(CipherKind.AES, 192)
AES256 = CipherSpec(CipherKind.AES, 256)


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a whole block."""
    n = len(data) + 1
    return data + b"\x80" + b"\x00" * ((-n) % block)


def unpad(data: bytes) -> bytes:
    """Remove padding method 2; a missing 0x80 marker is a CryptoError."""
    i = len(data) - 1
    while i >= 0 and data[i] == 0:
        i -= 1
    if i < 0 or data[i] != 0x80:
        raise CryptoError("bad ISO 9797-1 padding in decrypted data", step="sm")
    return data[:i]


def _tdes_key(key: bytes) -> bytes:
    if len(key) == 16:
        return key + key[:8]  # two-key 3DES: K1 K2 K1
    if len(key) == 24:
        return key
    raise CryptoError(f"3DES key of {len(key)} bytes", step="crypto")


def _tdes(key: bytes, iv: bytes):
    # pycryptodome refuses keys that degenerate to single DES (K1 == K2), which some test
    # vectors and broken cards use; fall back to plain DES then, which is what 3DES computes.
    k = _tdes_key(key)
    if k[:8] == k[8:16] == k[16:24]:
        return DES.new(k[:8], DES.MODE_CBC, iv)
    return DES3.new(k, DES3.MODE_CBC, iv)


def encrypt_cbc(spec: CipherSpec, key: bytes, data: bytes, iv: bytes | None = None) -> bytes:
    """CBC encryption of block-aligned data (zero IV unless given)."""
    iv = iv if iv is not None else b"\x00" * spec.block_size
    if len(data) % spec.block_size:
        raise CryptoError("data not block aligned", step="crypto")
    if spec.kind is CipherKind.TDES:
        return _tdes(key, iv).encrypt(data)
    return AES.new(key, AES.MODE_CBC, iv).encrypt(data)


def decrypt_cbc(spec: CipherSpec, key: bytes, data: bytes, iv: bytes | None = None) -> bytes:
    iv = iv if iv is not None else b"\x00" * spec.block_size
    if len(data) % spec.block_size or not data:
        raise CryptoError("ciphertext not block aligned", step="crypto")
    if spec.kind is CipherKind.TDES:
        return _tdes(key, iv).decrypt(data)
    return AES.new(key, AES.MODE_CBC, iv).decrypt(data)


def encrypt_block(spec: CipherSpec, key: bytes, block: bytes) -> bytes:
    """One block in ECB mode (the AES SM IV is E(KSenc, SSC), 9303-11 9.8.6.2)."""
    if spec.kind is CipherKind.TDES:
        return _tdes(key, b"\x00" * 8).encrypt(block)
    return AES.new(key, AES.MODE_ECB).encrypt(block)


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES, padding method 2 applied here."""
    if len(key) != 16:
        raise CryptoError(f"retail MAC key of {len(key)} bytes", step="crypto")
    k1, k2 = key[:8], key[8:]
    padded = pad(data, 8)
    h = DES.new(k1, DES.MODE_CBC, b"\x00" * 8).encrypt(padded)[-8:]
    h = DES.new(k2, DES.MODE_ECB).decrypt(h)
    return DES.new(k1, DES.MODE_ECB).encrypt(h)


def aes_cmac(key: bytes, data: bytes, length: int = 8) -> bytes:
    """AES-CMAC (SP 800-38B) truncated to `length` bytes; CMAC pads internally."""
    return CMAC.new(key, msg=data, ciphermod=AES).digest()[:length]


def mac(spec: CipherSpec, key: bytes, data: bytes) -> bytes:
    """The 8-byte MAC used by secure messaging and authentication tokens.

    3DES: retail MAC, which applies ISO 9797-1 padding method 2 itself.
    AES: CMAC over `data` as given. AES secure messaging pads its MAC input explicitly
    (9303-11 9.8.6.2) before calling this; PACE authentication tokens do not pad.
    """
    if spec.kind is CipherKind.TDES:
        return retail_mac(key, data)
    return aes_cmac(key, data)
