"""The kiosk's key file: its data keys (with ids, for rotation) and its kiosk secret.

One file per kiosk, outside the database (0600, created on first use), never shared between
kiosks: a central store holds rows from many kiosks, each sealed with that kiosk's own key
(docs/security.md "Keys"). A stolen database or backup alone reveals no personal data.

- Data keys encrypt personal data at rest (AES-256-GCM, see crypto.py). Each has an id
  (SHA-256 of the key, 16 hex digits) that every encrypted row records, so `kiosk store
  rotate-key` can add a new current key, re-encrypt row by row and then drop the old one.
- The kiosk secret never rotates. Two keys are derived from it with HKDF (RFC 5869): the
  audit MAC key (the audit log's HMAC chain) and the subject key (pseudonyms: HMAC of an ID
  number). Rotating it would orphan every MAC and pseudonym already written.

Format v2: a header line, then JSON. Format v1 (one 32-byte master, as written by earlier
versions) is read as a ring whose only data key *and* kiosk secret are that master, so its
key id, its pseudonyms and its encrypted rows stay valid; the first rotation rewrites it as v2.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.store.crypto import DataKey
from kiosk.store.errors import KeyFileError

HEADER_V1 = b"chip-id-kiosk store key v1\n"
HEADER_V2 = b"chip-id-kiosk store keys v2\n"
CURRENT, RETIRING = "current", "retiring"


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)


def key_id_of(master: bytes) -> str:
    return hashlib.sha256(b"kiosk key id" + master).hexdigest()[:16]


def data_key(master: bytes) -> DataKey:
    if len(master) != 32:
        raise KeyFileError("a store key must be 32 bytes")
    return DataKey(key_id_of(master), _derive(master, b"kiosk.store.form.v1"))


@dataclass(frozen=True)
class KeyRing:
    """Every key a kiosk holds. repr() never shows key material."""

    current: DataKey
    retiring: tuple[DataKey, ...] = ()
    _secret: bytes = field(default=b"", repr=False)
    _masters: tuple[tuple[str, bytes, str], ...] = field(default=(), repr=False)
    version: int = 2

    @classmethod
    def from_masters(cls, secret: bytes, masters: list[tuple[bytes, str]],
                     version: int = 2) -> KeyRing:
        if len(secret) != 32:
            raise KeyFileError("the kiosk secret must be 32 bytes")
        keys = [(data_key(m), m, state) for m, state in masters]
        current = [k for k, _, s in keys if s == CURRENT]
        if len(current) != 1:
            raise KeyFileError("the key file must name exactly one current key")
        return cls(current[0], tuple(k for k, _, s in keys if s == RETIRING), secret,
                   tuple((k.key_id, m, s) for k, m, s in keys), version)

    # --- data keys -----------------------------------------------------------------------

    @property
    def key_id(self) -> str:
        """The id of the key that seals new rows."""
        return self.current.key_id

    @property
    def key_ids(self) -> tuple[str, ...]:
        return (self.current.key_id, *(k.key_id for k in self.retiring))

    def key(self, key_id: str | None) -> DataKey:
        if key_id is None or key_id == self.current.key_id:
            return self.current
        for k in self.retiring:
            if k.key_id == key_id:
                return k
        raise KeyFileError("this row was encrypted with a key this kiosk does not hold (key "
                           f"{key_id}); check [store] key_file, or restore the key file from "
                           "its backup")

    def seal(self, plaintext: bytes, aad: bytes, *, nonce: bytes | None = None) -> bytes:
        return self.current.seal(plaintext, aad, nonce=nonce)

    def open(self, sealed: bytes, aad: bytes, key_id: str | None = None) -> bytes:
        return self.key(key_id).open(sealed, aad)

    # --- keys derived from the kiosk secret ------------------------------------------------

    def subject_hmac(self, identifier: str) -> str:
        """Keyed hash of e.g. an ID number: links records about one person without storing
        who it is; useless to someone holding only the database."""
        key = _derive(self._secret, b"kiosk.store.subject-hmac.v1")
        return hmac.new(key, identifier.strip().encode("utf-8"), hashlib.sha256).hexdigest()

    @property
    def audit_key_id(self) -> str:
        return hashlib.sha256(b"kiosk audit key id" + self._audit_key()).hexdigest()[:16]

    def audit_mac(self, data: bytes) -> str:
        """HMAC-SHA256 with the audit key (RFC 2104), hex."""
        return hmac.new(self._audit_key(), data, hashlib.sha256).hexdigest()

    def _audit_key(self) -> bytes:
        return _derive(self._secret, b"kiosk.audit.mac.v1")

    # --- file ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        doc = {"kiosk_secret": self._secret.hex(),
               "keys": [{"id": i, "key": m.hex(), "state": s} for i, m, s in self._masters]}
        return HEADER_V2 + json.dumps(doc, indent=1).encode("ascii") + b"\n"

    def rotated(self) -> KeyRing:
        """A ring with a new random current key; the old ones become retiring."""
        masters = [(m, RETIRING) for _, m, _s in self._masters] + [
            (secrets.token_bytes(32), CURRENT)]
        return KeyRing.from_masters(self._secret, masters)

    def without(self, key_ids: set[str]) -> KeyRing:
        """The ring without the given retiring keys (the current key always stays)."""
        if self.current.key_id in key_ids:
            raise KeyFileError("the current key cannot be removed")
        masters = [(m, s) for i, m, s in self._masters if i not in key_ids]
        return KeyRing.from_masters(self._secret, masters)


def parse(data: bytes, path: Path) -> KeyRing:
    if data.startswith(HEADER_V1):
        if len(data) != len(HEADER_V1) + 65:
            raise KeyFileError(f"{path} is damaged; restore it from the key backup")
        try:
            master = bytes.fromhex(data[len(HEADER_V1):].decode("ascii").strip())
        except ValueError:
            raise KeyFileError(f"{path} is damaged; restore it from the key backup") from None
        return KeyRing.from_masters(master, [(master, CURRENT)], version=1)
    if data.startswith(HEADER_V2):
        try:
            doc = json.loads(data[len(HEADER_V2):].decode("ascii"))
            secret = bytes.fromhex(doc["kiosk_secret"])
            masters = [(bytes.fromhex(k["key"]), k["state"]) for k in doc["keys"]]
            ring = KeyRing.from_masters(secret, masters)
        except KeyFileError as exc:
            raise KeyFileError(f"{path} is damaged; restore it from the key backup ({exc})"
                               ) from None
        except (ValueError, KeyError, TypeError):
            raise KeyFileError(f"{path} is damaged; restore it from the key backup") from None
        if any(i != key_id_of(m) for i, m, _ in ring._masters) or any(
                k.get("id") != key_id_of(bytes.fromhex(k["key"])) for k in doc["keys"]):
            raise KeyFileError(f"{path} is damaged (a key id does not match its key); restore "
                               "it from the key backup")
        return ring
    raise KeyFileError(f"{path} is not a kiosk store key file; check [store] key_file")


def load_keyring(path: Path) -> KeyRing:
    path = Path(path)
    try:
        st = path.stat()
        if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(f"the key file {path} can be read by other users; run "
                               f"`chmod 600 {path}` (and consider the key exposed)")
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read the key file {path} ({exc.strerror}); check "
                           "[store] key_file in the settings") from None
    return parse(data, path)


def load_or_create_key(path: Path) -> KeyRing:
    """The kiosk's keys from `path`, creating a new key file (0600) on first use."""
    path = Path(path)
    if not path.exists():
        fresh = KeyRing.from_masters(secrets.token_bytes(32), [(secrets.token_bytes(32),
                                                                  CURRENT)])
        _write(path, fresh.to_bytes(), exclusive=True)
    return load_keyring(path)


def save_keyring(path: Path, ring: KeyRing) -> None:
    """Replace the key file atomically (a kill leaves the old or the new file, whole)."""
    _write(Path(path), ring.to_bytes(), exclusive=False)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(inode, mtime) of the key file: changes when another process rotates the keys."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _write(path: Path, data: bytes, *, exclusive: bool) -> None:
    """Private temp file, fsync, then link (first creation: two racing processes end up
    sharing one key) or rename (rotation) into place; fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # in case the umask was looser than the mode
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if exclusive:
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        else:
            os.replace(tmp, path)
    finally:
        if tmp.exists():
            os.unlink(tmp)
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
