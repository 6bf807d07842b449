"""The trust store on disk: imports persist atomically, tampering is detected, and the
location follows --trust-dir, $KIOSK_TRUST_DIR, the [trust] dir setting, then the default."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from icao.chip.testpki import generate_test_pki
from icao.errors import CryptoError, ParseError
from kiosk.trust.disk import DiskTrustStore, TrustStoreError, read_certificate_file
from kiosk.trust.files import ef_key
from kiosk.trust.location import default_trust_dir, trust_dir

NOW = datetime(2026, 6, 1, tzinfo=UTC)
VN = "pki/VN_CSCA_ePassport_Vietnam_2022-2037.der"


def test_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KIOSK_TRUST_DIR", raising=False)
    (tmp_path / "empty.toml").touch()  # every default
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "empty.toml"))
    assert trust_dir() == default_trust_dir()
    assert default_trust_dir().parts[-2:] == ("chip-id-kiosk", "trust")
    conf = tmp_path / "kiosk.toml"
    conf.write_text(f'[trust]\ndir = "{tmp_path / "from-config"}"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(conf))
    assert trust_dir() == tmp_path / "from-config"
    monkeypatch.setenv("KIOSK_TRUST_DIR", str(tmp_path / "from-env"))
    assert trust_dir() == tmp_path / "from-env"
    assert trust_dir(str(tmp_path / "flag")) == tmp_path / "flag"


def test_csca_import_persists_and_reloads(vectors: Path, tmp_path: Path) -> None:
    store = DiskTrustStore(tmp_path / "t")
    report = store.import_csca((vectors / VN).read_bytes(), "vn.der")
    assert (report.added, report.already_present) == (1, 0)
    again = DiskTrustStore(tmp_path / "t").import_csca((vectors / VN).read_bytes(), "vn.der")
    assert (again.added, again.already_present) == (0, 1)
    [entry] = DiskTrustStore(tmp_path / "t").entries()
    assert entry.kind == "csca"
    assert entry.sha256 == "6b5fa6fe45cc4e855a73760413e08b7a9ac50a27722c702f3909a90facc991bd"
    assert entry.not_after == "2037-10-01T01:37:06+00:00"
    assert (tmp_path / "t" / entry.file).read_bytes() == (vectors / VN).read_bytes()
    loaded = DiskTrustStore(tmp_path / "t").load()
    assert [c.sha256 for c in loaded.certificates()] == [entry.sha256]
    index = json.loads((tmp_path / "t" / "index.json").read_text())
    assert index["format"] == 1 and len(index["entries"]) == 1
    assert not list((tmp_path / "t").rglob(".tmp-*"))


def test_pem_certificates_are_accepted(vectors: Path) -> None:
    import base64

    der = (vectors / VN).read_bytes()
    pem = (b"-----BEGIN CERTIFICATE-----\n" + base64.encodebytes(der)
           + b"-----END CERTIFICATE-----\n")
    assert read_certificate_file(pem) == der


def test_document_signer_is_refused_as_csca(tmp_path: Path) -> None:
    pki = generate_test_pki(now=NOW)
    with pytest.raises(ParseError, match="not a CA certificate"):
        DiskTrustStore(tmp_path).import_csca(pki.ds_der, "ds.der")


def test_modified_file_is_detected(vectors: Path, tmp_path: Path) -> None:
    store = DiskTrustStore(tmp_path)
    store.import_csca((vectors / VN).read_bytes(), "vn.der")
    path = tmp_path / store.entries()[0].file
    data = bytearray(path.read_bytes())
    data[100] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(TrustStoreError, match="was modified; re-import it"):
        store.load()


def test_crl_needs_its_csca_and_replaces_older(tmp_path: Path) -> None:
    pki = generate_test_pki(now=NOW)
    store = DiskTrustStore(tmp_path)
    with pytest.raises(CryptoError, match="import the CSCA first"):
        store.import_crl(pki.crl_der, "vn.crl")
    store.import_csca(pki.csca_der, "csca.der")
    assert store.import_crl(pki.crl_der, "vn.crl").added == 1
    newer = generate_test_pki(now=datetime(2026, 7, 1, tzinfo=UTC), ds_revoked=True)
    report = store.import_crl(newer.crl_der, "vn2.crl")
    assert (report.added, report.replaced) == (1, 1)
    crls = [e for e in store.entries() if e.kind == "crl"]
    assert [e.source for e in crls] == ["vn2.crl"]
    assert store.load().crls()[0].revocation_of(0x0D5) is not None
    older = store.import_crl(pki.crl_der, "vn.crl")
    assert (older.added, older.already_present) == (0, 1)


@pytest.mark.parametrize(("name", "key"), [
    ("EF.SOD.bin", "SOD"), ("EF.COM.bin", "COM"), ("DG1.bin", "DG1"), ("dg16.bin", "DG16"),
    ("EF.CardAccess.bin", "CardAccess"), ("EF_CardSecurity.der", "CardSecurity"),
    ("DG14", "DG14"), ("DG17.bin", None), ("DG1_TD1_9303p10_A2-1_corrected.bin", None),
    ("CSCA_GB.der", None),
])
def test_ef_file_names(name: str, key: str | None) -> None:
    assert ef_key(name) == key


def test_load_trust_store_helper(vectors: Path, tmp_path: Path) -> None:
    from kiosk.trust import load_trust_store

    assert len(load_trust_store(str(tmp_path / "empty"))) == 0
    DiskTrustStore(tmp_path / "t").import_csca((vectors / VN).read_bytes(), "vn.der")
    assert [c.subject for c in load_trust_store(str(tmp_path / "t")).certificates()] == [
        "CN=CSCA ePassport Vietnam,O=Vietnam Government Information Security Commission,C=VN"]
