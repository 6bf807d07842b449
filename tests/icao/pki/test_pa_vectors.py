"""Passive authentication of every EF.SOD in vectors/lds against the independently computed
passive_auth_expected_results.json (hash, digest, signature and chain results)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from icao.lds.sod import parse_sod
from icao.pki.masterlist import find_signer
from icao.pki.store import TrustStore
from icao.pki.verify import Status, verify
from tests.conftest import DATA

EXPECTED = "lds/passive_auth_expected_results.json"
HASH_NAMES = {"sha1": "sha1", "sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}
SCHEMES = {"RSASSA-PSS": "rsassa_pss", "sha256WithRSAEncryption": "rsassa_pkcs1v15",
           "rsaEncryption (PKCS#1 v1.5)": "rsassa_pkcs1v15"}


def _sets(vectors_root: Path) -> list[dict]:
    return json.loads((vectors_root / EXPECTED).read_text())["sod_sets"]


def _at(entry: dict) -> datetime:
    """A fixed time inside the DSC's validity (the JSON does not evaluate dates)."""
    return datetime.fromisoformat(entry["dsc"]["not_before"]).replace(tzinfo=UTC) + timedelta(
        days=1)


def _files(vectors: Path, entry: dict) -> dict[str, bytes]:
    files = {"SOD": (vectors / entry["sod"]).read_bytes()}
    for dg, info in entry["data_groups"].items():
        if info.get("file"):
            files[dg] = (vectors / info["file"]).read_bytes()
    return files


_ROOT = DATA / "vectors"  # collection time: the same place the `vectors` fixture uses
SETS = _sets(_ROOT) if (_ROOT / EXPECTED).exists() else []


@pytest.mark.parametrize("entry", SETS, ids=[e["sod"].split("/", 1)[1] for e in SETS])
def test_sod_parses_to_the_expected_fields(vectors: Path, entry: dict) -> None:
    sod = parse_sod((vectors / entry["sod"]).read_bytes())
    assert sod.econtent_type == entry["econtent_type"]
    assert sod.version == entry["lds_security_object_version"]
    assert ([sod.lds_version, sod.unicode_version] if sod.lds_version else None) == \
        entry["lds_version"]
    assert sod.hash_algorithm == HASH_NAMES[entry["dg_hash_algorithm"]]
    assert sod.signed.digest_algorithm == entry["signer_digest_algorithm"]
    expected_scheme = SCHEMES.get(entry["signature_algorithm"], "ecdsa")
    assert sod.signed.signature_scheme == expected_scheme
    assert {f"DG{n}": h.hex().upper() for n, h in sod.dg_hashes.items()} == {
        dg: info["hash"] for dg, info in entry["data_groups"].items()}
    ds = find_signer(sod.signed)
    assert ds.subject == entry["dsc"]["subject"]
    assert ds.issuer == entry["dsc"]["issuer"]
    assert f"{ds.serial:X}" == entry["dsc"]["serial"]
    assert ds.not_before.date().isoformat() == entry["dsc"]["not_before"]
    assert ds.not_after.date().isoformat() == entry["dsc"]["not_after"]


@pytest.mark.parametrize("entry", SETS, ids=[e["sod"].split("/", 1)[1] for e in SETS])
def test_passive_auth_matches_expected_results(vectors: Path, world_trust: TrustStore,
                                               entry: dict) -> None:
    result = verify(_files(vectors, entry), world_trust, _at(entry))
    status = {c.name: c.status for c in result.checks}

    for dg, info in entry["data_groups"].items():
        if info.get("file"):
            expected = Status.PASSED if info["hash_matches"] else Status.FAILED
            assert status[f"dg_hash.{dg}"] is expected
        else:
            assert f"dg_hash.{dg}" not in status
    assert result.listed == frozenset(entry["data_groups"])
    assert status["sod.message_digest"] is (
        Status.PASSED if entry["message_digest_ok"] else Status.FAILED)
    assert status["sod.signature"] is (
        Status.PASSED if entry["sod_signature_ok"] else Status.FAILED)
    assert status["ds.validity"] is Status.PASSED
    if entry["csca_found"]:
        assert status["ds.chain"] is Status.PASSED
        assert result.csca_subject in {c["subject"] for c in entry["csca_found"]}
        assert status["ds.revocation"] is Status.NOT_POSSIBLE  # no CRLs imported
        assert result.passed is entry["sod_signature_ok"]
    else:
        # HJP / ETSI test CSCAs are not public: the chain cannot be checked.
        assert status["ds.chain"] is Status.NOT_POSSIBLE
        assert result.passed is False
    read = {dg for dg, info in entry["data_groups"].items() if info.get("file")}
    assert result.covered == (frozenset(read) if entry["sod_signature_ok"] else frozenset())


def test_nonconformant_content_type_is_flagged_and_its_signature_fails(
        vectors: Path, world_trust: TrustStore) -> None:
    raw = (vectors / "lds/bsi_tr03105_5_reference_dataset/"
           "EF.SOD_variant_econtent_id-data_nonconformant.bin").read_bytes()
    result = verify({"SOD": raw}, world_trust, datetime(2014, 1, 1, tzinfo=UTC))
    check = result.check("sod.content_type")
    assert check is not None and check.status is Status.FAILED
    assert check.detail == "eContentType 1.2.840.113549.1.7.1, expected 2.23.136.1.1.1"
    assert result.status is Status.FAILED


CARD_SECURITY = (json.loads((_ROOT / EXPECTED).read_text())["card_security"]
                 if (_ROOT / EXPECTED).exists() else [])


@pytest.mark.parametrize("entry", CARD_SECURITY, ids=[e["file"].split("/")[-2]
                                                      for e in CARD_SECURITY])
def test_card_security_matches_expected_results(vectors: Path, world_trust: TrustStore,
                                                entry: dict) -> None:
    from icao.lds.card_security import parse_card_security

    base = (vectors / entry["file"]).parent
    raw = (vectors / entry["file"]).read_bytes()
    cs = parse_card_security(raw)
    assert cs.signed.econtent_type == entry["econtent_type"]
    assert find_signer(cs.signed).subject == entry["signer"]
    files = {"SOD": (base / "EF.SOD.bin").read_bytes(), "CardSecurity": raw}
    result = verify(files, world_trust, datetime(2024, 1, 1, tzinfo=UTC))
    status = {c.name: c.status for c in result.checks}
    ok = {True: Status.PASSED, False: Status.FAILED}
    assert status["card_security.message_digest"] is ok[entry["message_digest_ok"]]
    assert status["card_security.signature"] is ok[entry["signature_ok"]]
    assert status["card_security.signer.chain"] is Status.PASSED
    chain = world_trust.find_chain(find_signer(cs.signed))
    assert chain is not None and chain[-1].subject in {c["subject"] for c in entry["csca_found"]}
    assert result.passed


def test_link_certificates_chain_to_the_old_csca(vectors: Path) -> None:
    """ID DS <- 2020 link (signed by 2016 key) <- 2016 link (signed by 2010 key) <- 2010 CSCA."""
    base = vectors / "lds/gmrtd_real_documents_sod/ID"
    store = TrustStore()
    for name in ("IDN_2010-12_CSCA.cer", "IDN_2016-01_CSCA_LINK.cer",
                 "IDN_2020-10_CSCA_LINK.cer"):
        store.add_certificate((base / name).read_bytes())
    sod = parse_sod((base / "EF.SOD.bin").read_bytes())
    chain = store.find_chain(find_signer(sod.signed))
    assert chain is not None
    assert [c.sha256[:16] for c in chain] == [
        _sha((base / "IDN_2020-10_CSCA_LINK.cer").read_bytes()),
        _sha((base / "IDN_2016-01_CSCA_LINK.cer").read_bytes()),
        _sha((base / "IDN_2010-12_CSCA.cer").read_bytes()),
    ]
    assert chain[-1].self_issued


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def test_without_the_csca_the_chain_is_not_possible(vectors: Path) -> None:
    raw = (vectors / "lds/gmrtd_real_documents_sod/FR/EF.SOD.bin").read_bytes()
    result = verify({"SOD": raw}, TrustStore(), datetime(2020, 1, 1, tzinfo=UTC))
    check = result.check("ds.chain")
    assert check is not None and check.status is Status.NOT_POSSIBLE
    assert "import its master list or CSCA" in check.reason
    assert result.passed is False


def test_missing_sod_is_not_possible() -> None:
    result = verify({"DG1": b"\x61\x00"}, TrustStore(), datetime(2020, 1, 1, tzinfo=UTC))
    assert [(c.name, c.status) for c in result.checks] == [("sod.present", Status.NOT_POSSIBLE)]
    assert result.status is Status.NOT_POSSIBLE
