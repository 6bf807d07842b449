"""A directory of DER files with an index.json; every write is atomic (temp file + fsync +
rename) and imports take an exclusive lock, so a crash or two technicians at once never
leave a half-written store.

Layout:
    <root>/index.json            {"format": 1, "entries": [Entry...]}
    <root>/certs/<sha256>.der    CSCA and link certificates
    <root>/crls/<sha256>.der     CRLs (one per issuing CSCA: the newest)
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from icao.errors import IcaoError, ParseError
from icao.pki.cert import Certificate, parse_certificate
from icao.pki.crl import Crl, parse_crl
from icao.pki.masterlist import parse_master_list
from icao.pki.store import TrustStore

INDEX_FORMAT = 1


class TrustStoreError(Exception):
    """The store on disk cannot be read or written; the message says what to do."""


@dataclass(frozen=True)
class Entry:
    kind: str              # "csca" | "link" | "crl"
    sha256: str
    subject: str           # certificate subject, or CRL issuer
    issuer: str
    not_before: str        # ISO 8601 (CRL: thisUpdate)
    not_after: str | None  # ISO 8601 (CRL: nextUpdate)
    source: str            # what it was imported from (file name, master-list signer)
    imported_at: str

    @property
    def file(self) -> str:
        return f"{'crls' if self.kind == 'crl' else 'certs'}/{self.sha256}.der"


@dataclass(frozen=True)
class ImportReport:
    added: int
    already_present: int
    replaced: int = 0
    source: str = ""
    entries: tuple[Entry, ...] = field(default=(), repr=False)
    #: countryName -> certificates added: each CSCA anchors only its own state's documents
    #: (9303-11 5.1; icao.pki.verify's ds.country check)
    countries: dict[str, int] = field(default_factory=dict)


def read_certificate_file(data: bytes) -> bytes:
    """DER as is; PEM ("-----BEGIN CERTIFICATE-----" or X509 CRL) decoded to DER."""
    text = data.lstrip()
    if text.startswith(b"-----BEGIN"):
        m = re.search(rb"-----BEGIN [A-Z0-9 ]+-----(.+?)-----END", text, re.S)
        if not m:
            raise ParseError("PEM file has no complete block", step="trust.import")
        try:
            return base64.b64decode(b"".join(m.group(1).split()), validate=True)
        except ValueError:
            raise ParseError("PEM block is not valid base64", step="trust.import") from None
    return data


def _iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.astimezone(UTC).isoformat()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _cert_entry(c: Certificate, source: str) -> Entry:
    return Entry("csca" if c.self_issued else "link", c.sha256, c.subject, c.issuer,
                 _iso(c.not_before) or "", _iso(c.not_after), source, _now())


def _crl_entry(c: Crl, source: str) -> Entry:
    return Entry("crl", c.sha256, c.issuer, c.issuer, _iso(c.this_update) or "",
                 _iso(c.next_update), source, _now())


class DiskTrustStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def index_path(self) -> Path:
        return self.root / "index.json"

    # -- reading ---------------------------------------------------------------------------

    def _check_root(self) -> None:
        """A trust store path that names a file is a typo, not a damaged store (issue 18)."""
        if self.root.exists() and not self.root.is_dir():
            raise TrustStoreError(f"the trust store path {self.root} is a file, not a folder: "
                                  "point --trust-dir ($KIOSK_TRUST_DIR, or [trust] dir) at a "
                                  "folder")

    def entries(self) -> tuple[Entry, ...]:
        self._check_root()
        try:
            doc = json.loads(self.index_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return ()
        except (OSError, ValueError) as exc:
            raise TrustStoreError(f"the trust store index {self.index_path} is unreadable "
                                  f"({type(exc).__name__}); re-import the master lists") from None
        if doc.get("format") != INDEX_FORMAT:
            raise TrustStoreError(f"the trust store index {self.index_path} has an unknown "
                                  "format; it was written by another version")
        return tuple(Entry(**e) for e in doc.get("entries", []))

    def load(self) -> TrustStore:
        """The in-memory store. Files whose SHA-256 no longer matches are refused."""
        store = TrustStore()
        for e in self.entries():
            try:
                data = (self.root / e.file).read_bytes()
            except OSError:
                raise TrustStoreError(f"trust store file {e.file} is missing; re-import "
                                      "it") from None
            if hashlib.sha256(data).hexdigest() != e.sha256:
                raise TrustStoreError(f"trust store file {e.file} was modified; re-import it")
            if e.kind == "crl":
                store.add_crl(data, verify=False)  # verified when imported
            else:
                store.add_certificate(data, require_ca=False)
        return store

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[list[Entry]]:
        """Exclusive lock; yields the entry list to mutate, written back atomically."""
        self._check_root()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / "certs").mkdir(exist_ok=True)
            (self.root / "crls").mkdir(exist_ok=True)
            lock = open(self.root / ".lock", "a")  # noqa: SIM115 - held for the block
        except OSError as exc:
            raise TrustStoreError(f"cannot create the trust store at {self.root} "
                                  f"({exc.strerror}); choose another with --trust-dir") from None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            entries = list(self.entries())
            yield entries
            self._write_json(self.index_path, {
                "format": INDEX_FORMAT, "entries": [asdict(e) for e in entries]})

    def _write_atomic(self, path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _write_json(self, path: Path, doc: dict) -> None:
        self._write_atomic(path, (json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
                           .encode("utf-8"))

    def _add_certs(self, certs: list[Certificate], source: str) -> ImportReport:
        added: list[Entry] = []
        countries: dict[str, int] = {}
        already = 0
        with self._locked() as entries:
            known = {e.sha256 for e in entries}
            for c in certs:
                if c.sha256 in known:
                    already += 1
                    continue
                self._write_atomic(self.root / "certs" / f"{c.sha256}.der", c.der)
                entry = _cert_entry(c, source)
                entries.append(entry)
                added.append(entry)
                known.add(c.sha256)
                countries[c.country or ""] = countries.get(c.country or "", 0) + 1
        return ImportReport(len(added), already, 0, source, tuple(added),
                            dict(sorted(countries.items())))

    def import_master_list(self, data: bytes, root_der: bytes, source: str) -> ImportReport:
        """Verify the list against `root_der` (9303-12 9), then add every CSCA in it."""
        ml = parse_master_list(data, read_certificate_file(root_der))
        return self._add_certs(list(ml.certificates), f"{source} (signer {ml.signer.subject})")

    def import_csca(self, der: bytes, source: str) -> ImportReport:
        """One CSCA (self-signed: its signature must verify) or link certificate."""
        cert = parse_certificate(read_certificate_file(der))
        if not cert.is_ca:
            raise ParseError("this certificate is not a CA certificate; import a CSCA, not a "
                             "document signer", step="trust.import")
        if cert.self_issued:
            cert.verify_issued_by(cert)
        return self._add_certs([cert], source)

    def import_crl(self, der: bytes, source: str) -> ImportReport:
        """A CRL whose signature verifies under a CSCA already in the store."""
        crl = parse_crl(read_certificate_file(der))
        store = self.load()
        kept = store.add_crl(crl)  # raises when no CSCA here signed it
        if kept is not crl:
            return ImportReport(0, 1, 0, source)
        replaced = 0
        with self._locked() as entries:
            if any(e.sha256 == crl.sha256 for e in entries):
                return ImportReport(0, 1, 0, source)
            for old in [e for e in entries if e.kind == "crl" and e.subject == crl.issuer]:
                entries.remove(old)
                (self.root / old.file).unlink(missing_ok=True)
                replaced += 1
            self._write_atomic(self.root / "crls" / f"{crl.sha256}.der", crl.der)
            entry = _crl_entry(crl, source)
            entries.append(entry)
        return ImportReport(1, 0, replaced, source, (entry,))


__all__ = ["DiskTrustStore", "Entry", "ImportReport", "TrustStoreError", "IcaoError",
           "read_certificate_file"]
