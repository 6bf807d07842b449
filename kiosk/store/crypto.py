"""Encryption of personal data at rest: one data key, and the associated data of each row.

AES-256-GCM (NIST SP 800-38D) with a random 96-bit nonce per seal. The associated data binds
each ciphertext to its row (purpose, kiosk, reference number, service code), so a ciphertext
copied onto another row fails to open instead of showing the wrong citizen's form. Which key
sealed a row is recorded beside it (`key_id`); the keys themselves live in the kiosk's key
file (keys.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.store.errors import KeyFileError

_NONCE = 12
_VERSION = b"\x01"


@dataclass(frozen=True)
class DataKey:
    """One AES-256 key and its id. repr() never shows key material."""

    key_id: str
    _key: bytes = field(repr=False)

    def seal(self, plaintext: bytes, aad: bytes, *, nonce: bytes | None = None) -> bytes:
        nonce = nonce if nonce is not None else secrets.token_bytes(_NONCE)
        return _VERSION + nonce + AESGCM(self._key).encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        if sealed[:1] != _VERSION or len(sealed) < 1 + _NONCE + 16:
            raise KeyFileError("a stored record has an unknown format; the database may be "
                               "damaged: contact the technician")
        nonce, body = sealed[1:1 + _NONCE], sealed[1 + _NONCE:]
        try:
            return AESGCM(self._key).decrypt(nonce, body, aad)
        except InvalidTag:
            raise KeyFileError("a stored form failed its integrity check (wrong key file, or "
                               "the row was altered); contact the technician") from None


def form_aad(reference: str, service_code: str) -> bytes:
    return b"kiosk.submission.form.v1\x00" + reference.encode() + b"\x00" + service_code.encode()


def case_aad(reference: str) -> bytes:
    """The verdict, face result, override and consent that travel with a form."""
    return b"kiosk.submission.case.v1\x00" + reference.encode()


def note_aad(reference: str | None) -> bytes:
    return b"kiosk.audit.note.v1\x00" + (reference or "").encode()


def document_aad(reference: str, kind: str) -> bytes:
    return b"kiosk.submission.document.v1\x00" + reference.encode() + b"\x00" + kind.encode()
