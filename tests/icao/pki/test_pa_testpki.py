"""A SOD built by icao.chip.sod under icao.chip.testpki verifies; tampering, expiry and
revocation are each flagged by the right check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from icao.chip.sod import build_card_security, build_sod
from icao.chip.testpki import ALGORITHMS, generate_test_pki
from icao.errors import CryptoError
from icao.lds.sod import parse_sod
from icao.pki.store import TrustStore
from icao.pki.verify import Status, verify
from tests.icao.pki.builders import dg1

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
# A real TD1 DG1: passive authentication reads the issuing state from it (ds.country).
DGS = {1: dg1("VNM"), 2: b"\x75\x03\x7f\x61\x00", 14: b"\x6e\x02\x31\x00", 15: b"\x6f\x00"}


def _store(pki) -> TrustStore:  # type: ignore[no-untyped-def]
    store = TrustStore()
    store.add_certificate(pki.csca_der)
    if pki.crl_der:
        store.add_crl(pki.crl_der)
    return store


def _files(pki, dgs=DGS) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    files = {f"DG{n}": raw for n, raw in dgs.items()}
    files["SOD"] = build_sod(dgs, pki)
    return files


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_built_sod_passes_every_check(algorithm: str) -> None:
    pki = generate_test_pki(algorithm=algorithm, now=NOW)
    result = verify(_files(pki), _store(pki), NOW)
    assert [(c.name, c.status) for c in result.checks if c.status is not Status.PASSED] == []
    assert result.passed
    assert result.covered == frozenset({"DG1", "DG2", "DG14", "DG15"})
    assert result.trusts("DG14") and result.trusts("DG15")
    assert result.csca_subject == "CN=CSCA VN test,O=Chip ID kiosk test PKI,C=VN"
    assert result.ds_subject == "CN=DS VN test 1,O=Chip ID kiosk test PKI,C=VN"


def test_built_sod_fields() -> None:
    pki = generate_test_pki(algorithm="ec-brainpoolP256r1", now=NOW)
    sod = parse_sod(build_sod(DGS, pki, lds_version=("0108", "040000")))
    assert (sod.version, sod.lds_version, sod.unicode_version) == (1, "0108", "040000")
    assert sod.hash_algorithm == "sha256"
    import hashlib

    assert sod.dg_hashes == {n: hashlib.sha256(raw).digest() for n, raw in DGS.items()}
    assert sod.signed.signing_time == NOW


def test_tampered_dg2_fails_naming_dg2() -> None:
    pki = generate_test_pki(now=NOW)
    files = _files(pki)
    tampered = bytearray(files["DG2"])
    tampered[-1] ^= 0x01
    files["DG2"] = bytes(tampered)
    result = verify(files, _store(pki), NOW)
    assert [c.name for c in result.failed()] == ["dg_hash.DG2"]
    assert result.failed()[0].reason == "DG2 was changed: its hash differs from the SOD"
    assert "DG2" not in result.covered and not result.trusts("DG2")
    assert result.status is Status.FAILED


def test_dg_not_listed_in_the_sod_fails() -> None:
    pki = generate_test_pki(now=NOW)
    files = _files(pki)
    files["DG11"] = b"\x6b\x00"
    result = verify(files, _store(pki), NOW)
    assert [c.name for c in result.failed()] == ["dg_hash.DG11"]


def test_expired_ds_is_flagged() -> None:
    pki = generate_test_pki(now=NOW, ds_expired=True)
    result = verify(_files(pki), _store(pki), NOW)
    assert [c.name for c in result.failed()] == ["ds.validity"]
    assert result.check("ds.validity").reason == "the document signer certificate has expired"


def test_revoked_ds_is_flagged() -> None:
    pki = generate_test_pki(now=NOW, ds_revoked=True)
    result = verify(_files(pki), _store(pki), NOW)
    assert [c.name for c in result.failed()] == ["ds.revocation"]
    assert result.check("ds.revocation").reason == \
        "the document signer certificate has been revoked"


def test_revocation_not_possible_without_crl_still_passes() -> None:
    pki = generate_test_pki(now=NOW, with_crl=False)
    result = verify(_files(pki), _store(pki), NOW)
    assert result.check("ds.revocation").status is Status.NOT_POSSIBLE
    assert result.passed


def test_stale_crl_makes_revocation_not_possible() -> None:
    pki = generate_test_pki(now=NOW)
    result = verify(_files(pki), _store(pki), NOW + timedelta(days=200))
    assert result.check("ds.revocation").status is Status.NOT_POSSIBLE


def test_crl_from_another_csca_is_refused() -> None:
    mine = generate_test_pki(algorithm="ec-p256", now=NOW)
    other = generate_test_pki(algorithm="rsa-2048", now=NOW)
    store = TrustStore()
    store.add_certificate(mine.csca_der)
    with pytest.raises(CryptoError, match="does not verify"):
        store.add_crl(other.crl_der)


def test_card_security_built_and_verified() -> None:
    pki = generate_test_pki(now=NOW)
    files = _files(pki)
    files["CardSecurity"] = build_card_security(b"\x31\x00", pki)
    result = verify(files, _store(pki), NOW)
    assert result.check("card_security.signature").status is Status.PASSED
    assert result.passed


def test_sod_signed_by_another_ds_fails_the_chain() -> None:
    signer = generate_test_pki(algorithm="ec-p256", now=NOW)
    trusted = generate_test_pki(algorithm="ec-brainpoolP256r1", now=NOW)
    result = verify(_files(signer), _store(trusted), NOW)
    # Same CSCA name, different key: the chain must not verify.
    assert result.check("ds.chain").status is Status.FAILED
    assert not result.passed


def test_key_generation_is_cached_per_process() -> None:
    a = generate_test_pki(now=NOW)
    b = generate_test_pki(now=NOW + timedelta(days=1), ds_expired=True)
    assert a.ds_key is b.ds_key and a.csca_key is b.csca_key
    assert a.ds_der != b.ds_der


def test_keys_are_deterministic_per_seed() -> None:
    """The same test CSCA key in every process: a CSCA imported once keeps working."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    def spki(pki) -> bytes:  # type: ignore[no-untyped-def]
        return pki.csca_key.public_key().public_bytes(Encoding.DER,
                                                      PublicFormat.SubjectPublicKeyInfo)

    a = generate_test_pki(algorithm="ec-brainpoolP256r1", now=NOW)
    b = generate_test_pki(algorithm="ec-brainpoolP256r1", now=NOW, seed=b"other")
    assert spki(a) != spki(b)
    import hashlib

    assert hashlib.sha256(spki(a)).hexdigest()[:16] == "58a1c10112b01bf7"


def test_demo_trust_anchors_verify_emulated_documents() -> None:
    from icao.chip.testpki import demo_trust_anchors

    store = TrustStore()
    for der in demo_trust_anchors(now=NOW):
        store.add_csca(der)
    for algorithm in ALGORITHMS:
        pki = generate_test_pki(algorithm=algorithm, now=NOW + timedelta(days=3))
        assert verify(_files(pki), store, NOW + timedelta(days=3)).passed
