"""The PKI policy of an inspection system (issue 14 item 2; ICAO 9303-11 5.1, 9303-12 7.1.1,
BSI TR-03105-5): one state from DG1 to the CSCA, every DG offered or needed in the SOD, a
withheld DG named, revocation a result of its own."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from icao.chip import testpki
from icao.chip.lds_build import com
from icao.lds.sod import parse_sod
from icao.pki.countries import alpha2_of
from icao.pki.masterlist import MasterList, find_signer
from icao.pki.policy import PkiPolicy
from icao.pki.store import TrustStore
from icao.pki.verify import Status, verify
from icao.reasons import Reason
from tests.icao.pki.builders import NOW, dg1, files, pki, store, vn_dgs


def _not_passed(result) -> list[tuple[str, str, str | None, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return [(c.name, c.status.value, c.code.value if c.code else None, c.files)
            for c in result.checks if c.status is not Status.PASSED]


# --- one state from DG1 to the CSCA --------------------------------------------------------

def test_vnm_document_under_the_vn_csca_passes_with_the_country_named() -> None:
    vn = pki("VN")
    result = verify(files(vn), store(vn), NOW, PkiPolicy.vn_cccd())
    assert _not_passed(result) == []
    assert result.passed and result.issuing_state == "VNM" and result.signer_country == "VN"
    check = result.check("ds.country")
    assert check is not None and check.reason == "issued by VNM; the document signer and its " \
        "CSCA belong to VN"


def test_vnm_document_signed_under_a_french_csca_fails_with_the_country_reason() -> None:
    fr = pki("FR")
    result = verify(files(fr), store(fr), NOW)
    assert result.check("ds.chain").status is Status.PASSED  # the cryptography holds ...
    assert _not_passed(result) == [("ds.country", "failed", "foreign_signer", ())]
    assert result.check("ds.country").reason == (          # ... the state does not
        "the document says it was issued by VNM but its document signer belongs to FR: a "
        "state signs only its own documents")
    assert not result.passed and result.status is Status.FAILED
    assert result.csca_subject == "CN=CSCA FR test,O=Chip ID kiosk test PKI,C=FR"


def test_with_both_cscas_trusted_each_anchors_only_its_own_state() -> None:
    vn, fr = pki("VN"), pki("FR")
    both = store(vn, fr)
    assert verify(files(vn), both, NOW).passed
    assert verify(files(fr, vn_dgs("FRA")), both, NOW).passed
    assert _not_passed(verify(files(fr), both, NOW)) == [
        ("ds.country", "failed", "foreign_signer", ())]


def _vn_named_ds_under(csca: testpki.TestPki) -> testpki.TestPki:
    """A DS that calls itself Vietnamese, issued by `csca`'s (foreign) CSCA key."""
    issuer = x509.load_der_x509_certificate(csca.csca_der).subject
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                         x509.NameAttribute(NameOID.COMMON_NAME, "DS VN forged")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(csca.ds_key.public_key()).serial_number(77)
            .not_valid_before(NOW - timedelta(days=1)).not_valid_after(NOW + timedelta(days=9))
            .sign(csca.csca_key, hashes.SHA256()))  # type: ignore[arg-type]  # EC test key
    return dataclasses.replace(csca, ds_der=cert.public_bytes(Encoding.DER))


def test_a_ds_naming_vn_but_issued_by_a_foreign_csca_fails() -> None:
    fr = pki("FR")
    result = verify(files(_vn_named_ds_under(fr)), store(fr), NOW)
    assert _not_passed(result) == [("ds.country", "failed", "foreign_signer", ())]
    assert result.check("ds.country").reason == ("the document signer of VN was issued by a "
                                                 "CSCA of FR: a CSCA is trusted only for its "
                                                 "own state")


def test_without_dg1_the_signer_and_csca_must_still_agree() -> None:
    vn = pki("VN")
    no_dg1 = {n: raw for n, raw in vn_dgs().items() if n != 1}
    result = verify(files(vn, no_dg1), store(vn), NOW)
    assert result.passed and result.issuing_state is None
    assert result.check("ds.country").reason == ("the document signer and its CSCA belong to "
                                                 "VN (the issuing state in DG1 was not read)")


def test_germany_d_and_deu_map_to_de_and_lower_case_countries_match() -> None:
    assert alpha2_of("D<<") == alpha2_of("D") == alpha2_of("DEU") == frozenset({"DE"})
    assert alpha2_of("VNM") == frozenset({"VN"}) and alpha2_of("UTO") == frozenset()
    assert alpha2_of("RKS") == frozenset({"KS", "XK"}) and alpha2_of("UNO") == {"UN"}
    de = pki("DE")
    assert verify(files(de, vn_dgs("D")), store(de), NOW).passed
    lower = pki("vn")  # countryName "vn", as some real CSCAs write it ("gb", "ro", "si")
    assert verify(files(lower), store(lower), NOW).passed


def test_an_unknown_issuing_state_is_not_possible_and_an_unreadable_one_fails() -> None:
    vn = pki("VN")
    result = verify(files(vn, vn_dgs("UTO")), store(vn), NOW)
    assert _not_passed(result) == [("ds.country", "not_possible", "unknown_issuing_state", ())]
    bad = vn_dgs()
    bad[1] = b"\x61\x03\x5f\x1f\x00"  # signed, but no MRZ in it
    result = verify(files(vn, bad), store(vn), NOW)
    assert _not_passed(result) == [("ds.country", "failed", "issuing_state_unreadable",
                                    ("DG1",))]


def test_the_german_master_list_trusts_each_csca_only_for_its_own_state(
        vectors: Path, master_lists: dict[str, MasterList]) -> None:
    trust = TrustStore()
    for cert in master_lists["DE"].certificates:
        trust.add_certificate(cert, require_ca=False)
    assert len(trust) == 588 and len(trust.countries()) == 112  # "gb" and "GB" are one state
    assert [c.subject for c in trust.anchors_for("VN")] == [
        "CN=CSCA ePassport Vietnam,O=Vietnam Government Information Security Commission,C=VN"]
    # a real German passport: its DS chains to the German CSCA, and only there
    de_sod = (vectors / "lds/gmrtd_real_documents_sod/DE/EF.SOD.bin").read_bytes()
    de_ds = find_signer(parse_sod(de_sod).signed)
    chain = trust.find_chain(de_ds, countries={"VN"})
    assert chain is not None and {c.country for c in chain} == {"DE"}  # no VN path exists
    at = de_ds.not_before + timedelta(days=1)
    result = verify({"SOD": de_sod}, trust, at)
    assert result.passed and result.check("ds.country").detail == "DE"
    # a VNM document whose signer chains to a German CSCA (here a test one beside the list)
    de = pki("DE")
    trust.add_certificate(de.csca_der)
    result = verify(files(de), trust, NOW)
    assert _not_passed(result) == [
        ("ds.revocation", "not_possible", "revocation_not_checked", ()),  # no CRL imported
        ("ds.country", "failed", "foreign_signer", ())]


# --- every DG offered or needed is in the SOD; none withheld ----------------------------

def test_ef_com_listing_a_dg_the_sod_lacks_names_it() -> None:
    vn = pki("VN")
    doc = files(vn)
    doc["COM"] = com([1, 2, 11, 13, 14, 15])
    result = verify(doc, store(vn), NOW)
    assert _not_passed(result) == [("com.coverage", "failed", "dg_not_in_sod", ("DG11",))]
    assert result.check("com.coverage").reason == "the chip offers DG11 but the SOD does not " \
        "cover it"


def test_a_malformed_ef_com_fails() -> None:
    vn = pki("VN")
    doc = files(vn)
    doc["COM"] = b"\x60\x03\x5f\x01\x00"
    assert _not_passed(verify(doc, store(vn), NOW))[0][:3] == (
        "com.coverage", "failed", "com_malformed")


def test_a_required_dg_absent_from_the_sod_is_named() -> None:
    vn = pki("VN")
    unsigned = {n: raw for n, raw in vn_dgs().items() if n not in (13, 14)}
    result = verify(files(vn, unsigned), store(vn), NOW, PkiPolicy.vn_cccd())
    assert _not_passed(result) == [("sod.required", "failed", "required_dg_not_in_sod",
                                    ("DG13", "DG14"))]
    assert result.check("sod.required").reason == ("the SOD does not cover DG13, DG14, which "
                                                   "this kiosk needs")
    assert verify(files(vn, unsigned), store(vn), NOW).passed  # not required: fine


def test_a_dg_the_sod_lists_but_the_chip_withholds_is_named() -> None:
    vn = pki("VN")
    doc = files(vn)
    del doc["DG2"]
    # asked for and answered "not found": withheld, whatever the policy
    result = verify(doc, store(vn), NOW, refused=("DG2",))
    assert _not_passed(result) == [("dg_read.DG2", "failed", "dg_withheld", ("DG2",))]
    # needed by the policy and not there: withheld too
    result = verify(doc, store(vn), NOW, PkiPolicy.vn_cccd())
    assert _not_passed(result) == [("dg_read.DG2", "failed", "dg_withheld", ("DG2",))]
    # neither asked nor needed: just not read
    assert verify(doc, store(vn), NOW).passed


def test_dg3_behind_terminal_authentication_may_be_withheld() -> None:
    vn = pki("VN")
    signed = {**vn_dgs(), 3: b"\x63\x00"}
    doc = files(vn, vn_dgs(), signed=signed, with_com=False)
    doc["COM"] = com(list(signed))
    result = verify(doc, store(vn), NOW, PkiPolicy.vn_cccd(), refused=("DG3",))
    assert _not_passed(result) == [] and result.listed >= {"DG3"}


def test_the_policy_refuses_names_that_are_not_data_groups() -> None:
    with pytest.raises(ValueError, match="DG1..DG16"):
        PkiPolicy(required_dgs=frozenset({"DG17"}))


# --- revocation: checked, not checked, revoked ------------------------------------------

@pytest.mark.parametrize(("kw", "at", "require_crl", "revocation", "status", "passed"), [
    ({}, NOW, False, "not_revoked", "passed", True),
    ({}, NOW, True, "not_revoked", "passed", True),
    ({"with_crl": False}, NOW, False, "not_checked", "not_possible", True),
    ({"with_crl": False}, NOW, True, "not_checked", "not_possible", False),
    ({}, NOW + timedelta(days=200), False, "not_checked", "not_possible", True),   # stale CRL
    ({}, NOW + timedelta(days=200), True, "not_checked", "not_possible", False),
    ({"ds_revoked": True}, NOW, False, "revoked", "failed", False),
], ids=["checked", "checked-required", "no-crl", "no-crl-required", "stale", "stale-required",
        "revoked"])
def test_revocation_is_a_result_of_its_own(kw: dict, at, require_crl: bool, revocation: str,
                                           status: str, passed: bool) -> None:
    signer = pki("VN", **kw)
    result = verify(files(signer), store(signer), at, PkiPolicy(require_crl=require_crl))
    check = result.check("ds.revocation")
    assert (result.revocation, check.status.value, result.passed) == (revocation, status, passed)
    expected_code = {"not_revoked": None, "not_checked": Reason.REVOCATION_NOT_CHECKED,
                     "revoked": Reason.DS_REVOKED}[revocation]
    assert check.code == expected_code
    if not passed and revocation == "not_checked":
        assert result.status is Status.NOT_POSSIBLE


def test_dg1_is_parsed_only_after_its_hash_verified() -> None:
    """A tampered DG1 is never decoded for its issuing state (verify before decode)."""
    vn = pki("VN")
    doc = files(vn)
    doc["DG1"] = dg1("FRA")
    result = verify(doc, store(vn), NOW)
    assert _not_passed(result) == [("dg_hash.DG1", "failed", "dg_hash_mismatch", ("DG1",))]
    assert result.issuing_state is None
