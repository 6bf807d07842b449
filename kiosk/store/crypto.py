"""Encryption of personal data at rest, and keyed hashes of subject identifiers.

AES-256-GCM (NIST SP 800-38D) with a random 96-bit nonce per seal. The associated data binds
each ciphertext to its row (purpose, reference number, service code), so a ciphertext copied
onto another submission fails to open instead of showing the wrong citizen's form.

The master key lives in a file outside the database (0600, created on first use): a stolen
database file or backup alone reveals no personal data. Sub-keys are derived with HKDF
(RFC 5869) so the form key and the audit HMAC key are independent.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.store.errors import KeyFileError

_HEADER = b"chip-id-kiosk store key v1\n"
_NONCE = 12
_VERSION = b"\x01"


def _derive(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


@dataclass(frozen=True)
class StoreKeys:
    """Keys derived from the master key. repr() never shows key material."""

    key_id: str
    _form_key: bytes = field(repr=False)
    _subject_key: bytes = field(repr=False)

    @classmethod
    def from_master(cls, master: bytes) -> StoreKeys:
        if len(master) != 32:
            raise KeyFileError("the store key must be 32 bytes")
        key_id = hashlib.sha256(b"kiosk key id" + master).hexdigest()[:16]
        return cls(key_id, _derive(master, b"kiosk.store.form.v1"),
                   _derive(master, b"kiosk.store.subject-hmac.v1"))

    def seal(self, plaintext: bytes, aad: bytes, *, nonce: bytes | None = None) -> bytes:
        nonce = nonce if nonce is not None else secrets.token_bytes(_NONCE)
        return _VERSION + nonce + AESGCM(self._form_key).encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        if sealed[:1] != _VERSION or len(sealed) < 1 + _NONCE + 16:
            raise KeyFileError("a stored form has an unknown format; the database may be "
                               "damaged: contact the technician")
        nonce, body = sealed[1:1 + _NONCE], sealed[1 + _NONCE:]
        try:
            return AESGCM(self._form_key).decrypt(nonce, body, aad)
        except InvalidTag:
            raise KeyFileError("a stored form failed its integrity check (wrong key file, or "
                               "the row was altered); contact the technician") from None

    def subject_hmac(self, identifier: str) -> str:
        """Keyed hash of e.g. an ID number: links audit entries about one person without
        storing who it is; useless to someone holding only the database."""
        return hmac.new(self._subject_key, identifier.strip().encode("utf-8"),
                        hashlib.sha256).hexdigest()


def form_aad(reference: str, service_code: str) -> bytes:
    return b"kiosk.submission.form.v1\x00" + reference.encode() + b"\x00" + service_code.encode()


def note_aad(reference: str | None) -> bytes:
    return b"kiosk.audit.note.v1\x00" + (reference or "").encode()


def load_or_create_key(path: Path) -> StoreKeys:
    """The store keys from `path`, creating a new random key file (0600) on first use."""
    path = Path(path)
    if not path.exists():
        _create(path)
    try:
        st = path.stat()
        if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(f"the key file {path} can be read by other users; run "
                               f"`chmod 600 {path}` (and consider the key exposed)")
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read the key file {path} ({exc.strerror}); check "
                           "[store] key_file in the settings") from None
    if not data.startswith(_HEADER) or len(data) != len(_HEADER) + 65:
        raise KeyFileError(f"{path} is not a kiosk store key file; check [store] key_file")
    try:
        master = bytes.fromhex(data[len(_HEADER):].decode("ascii").strip())
    except ValueError:
        raise KeyFileError(f"{path} is damaged; restore it from the key backup") from None
    return StoreKeys.from_master(master)


def _create(path: Path) -> None:
    """Write the key to a private temp file, then link it into place: atomic, never
    world-readable, and two processes racing to create it end up sharing one key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # in case the umask was looser than the mode
        os.write(fd, _HEADER + secrets.token_bytes(32).hex().encode() + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
