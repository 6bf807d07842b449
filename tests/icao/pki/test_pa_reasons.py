"""Each reason code comes from the check it documents and leads to its verdict (docs/security.md,
"Reason codes"): the codes the policy and verdict tests do not already produce."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from icao import tlv
from icao.chip.sod import build_sod
from icao.document import AccessInfo, ChipAuthOutcome, Document
from icao.genuine import assess
from icao.lds.sod import parse_sod
from icao.pki.checks import Status
from icao.pki.policy import PkiPolicy
from icao.pki.signer import signature_checks
from icao.pki.verify import verify
from icao.reasons import VERDICT_OF, Reason
from tests.icao.pki.builders import NOW, files, pki, store, vn_dgs

CA = ChipAuthOutcome("CA", "passed", "ok", key_source="DG14")
ACCESS = AccessInfo("PACE", "can", "AES-128")


def _codes(doc_files: dict[str, bytes], trust, at=NOW) -> tuple[list, str, str]:  # type: ignore[no-untyped-def]
    result = verify(doc_files, trust, at, PkiPolicy.vn_cccd())
    verdict = assess(Document(files=doc_files, access=ACCESS, chip_auth=CA), result)
    assert VERDICT_OF[verdict.code] == verdict.status
    return ([(c.name, c.code.value) for c in result.checks if c.status is not Status.PASSED],
            verdict.status.value, verdict.code.value)


def test_a_sod_that_does_not_parse_is_malformed() -> None:
    vn = pki("VN")
    doc = files(vn)
    doc["SOD"] = b"\x77\x03\x30\x01\x00"
    assert _codes(doc, store(vn)) == ([("sod.parse", "malformed")], "not_genuine", "malformed")


def test_an_altered_hash_list_breaks_the_signed_digest() -> None:
    vn = pki("VN")
    doc = files(vn)
    sod = bytearray(doc["SOD"])
    at = bytes(sod).index(parse_sod(doc["SOD"]).dg_hashes[1])
    sod[at] ^= 0x01  # one bit of DG1's hash inside the signed content
    doc["SOD"] = bytes(sod)
    assert _codes(doc, store(vn)) == (
        [("sod.message_digest", "signed_digest_mismatch"), ("dg_hash.DG1", "dg_hash_mismatch")],
        "not_genuine", "signed_digest_mismatch")


def test_a_flipped_signature_is_invalid() -> None:
    vn = pki("VN")
    doc = files(vn)
    doc["SOD"] = doc["SOD"][:-1] + bytes([doc["SOD"][-1] ^ 0x01])
    checks, status, code = _codes(doc, store(vn))
    assert (checks, status, code) == ([("sod.signature", "signature_invalid")], "not_genuine",
                                      "signature_invalid")


def test_a_sod_without_its_signer_certificate_is_not_provable() -> None:
    vn = pki("VN")
    doc = files(vn)
    info = cms.ContentInfo.load(tlv.decode(doc["SOD"]).value)
    signed = info["content"]
    signed["certificates"] = cms.CertificateSet([])
    doc["SOD"] = tlv.encode(0x77, info.dump(force=True))
    assert _codes(doc, store(vn)) == ([("sod.signature", "signer_certificate_missing")],
                                      "not_provable", "signer_certificate_missing")


def test_a_signature_scheme_we_cannot_check_is_not_possible() -> None:
    signed = dataclasses.replace(parse_sod(files(pki("VN"))["SOD"]).signed,
                                 signature_scheme="dsa")
    checks, ds = signature_checks(signed, "sod")
    assert ds is not None
    assert [(c.name, c.status.value, c.code) for c in checks] == [
        ("sod.message_digest", "passed", None),
        ("sod.signature", "not_possible", Reason.ALGORITHM_UNSUPPORTED)]


def test_a_ds_without_a_country_cannot_be_bound_to_a_state() -> None:
    vn = pki("VN")
    issuer = x509.load_der_x509_certificate(vn.csca_der).subject
    ds = (x509.CertificateBuilder()
          .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "DS no country")]))
          .issuer_name(issuer).public_key(vn.ds_key.public_key()).serial_number(78)
          .not_valid_before(NOW - timedelta(days=1)).not_valid_after(NOW + timedelta(days=9))
          .sign(vn.csca_key, hashes.SHA256()))  # type: ignore[arg-type]  # EC test key
    signer = dataclasses.replace(vn, ds_der=ds.public_bytes(Encoding.DER))
    assert _codes(files(signer), store(vn)) == (
        [("ds.country", "signer_country_missing")], "not_genuine", "signer_country_missing")


def test_validity_codes_of_the_ds_and_the_csca() -> None:
    vn = pki("VN")
    early = NOW - timedelta(days=60)   # the DS starts 30 days before NOW, the CSCA 365 days
    assert _codes(files(vn), store(vn), early) == (
        [("ds.validity", "ds_not_yet_valid")], "not_genuine", "ds_not_yet_valid")
    late = NOW + timedelta(days=16 * 365)   # both expired; the DS is named first
    checks, status, code = _codes(files(vn), store(vn), late)
    assert ("csca.validity", "csca_not_valid") in checks
    assert (status, code) == ("not_genuine", "ds_expired")


def test_a_proof_on_a_key_the_sod_does_not_cover_is_not_provable() -> None:
    vn = pki("VN")
    doc_files = files(vn)
    cam = ChipAuthOutcome("PACE-CAM", "passed", "ok", key_source="CardSecurity")
    result = verify(doc_files, store(vn), NOW, PkiPolicy.vn_cccd())
    verdict = assess(Document(files=doc_files, access=ACCESS, chip_auth=cam), result)
    assert result.passed and (verdict.status, verdict.code, verdict.method) == (
        "not_provable", Reason.CHIP_KEY_NOT_SIGNED, "PACE-CAM")


def test_a_sod_over_other_data_is_named_per_dg_not_as_a_signature_failure() -> None:
    vn = pki("VN")
    doc = files(vn)
    doc["SOD"] = build_sod({**vn_dgs(), 2: b"\x75\x00"}, vn)
    assert _codes(doc, store(vn), datetime(2026, 6, 1, 9, tzinfo=UTC)) == (
        [("dg_hash.DG2", "dg_hash_mismatch")], "not_genuine", "dg_hash_mismatch")
