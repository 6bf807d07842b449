"""CSCA master lists (9303-12 9): imported only when signed by a signer the given root issued."""

from __future__ import annotations

from pathlib import Path

import pytest

from icao.errors import CryptoError, ParseError
from icao.pki.masterlist import MasterList, parse_master_list


def test_german_master_list_verifies_against_its_root(master_lists: dict[str, MasterList]) -> None:
    ml = master_lists["DE"]
    assert ml.version == 0
    assert ml.signer.subject == "CN=CSCA Master List Signer,2.5.4.5=0039,OU=bsi,O=bund,C=DE"
    assert len(ml.certificates) == 588
    assert ml.skipped == 0


def test_dutch_master_list_verifies_against_its_root(master_lists: dict[str, MasterList]) -> None:
    ml = master_lists["NL"]
    assert ml.signer.subject == ("C=NL,O=Kingdom of the Netherlands,OU=Kingdom of the "
                                 "Netherlands,CN=Masterlist Signer NL,2.5.4.5=8")
    assert len(ml.certificates) == 411


def test_both_lists_carry_the_vietnam_csca(vectors: Path,
                                           master_lists: dict[str, MasterList]) -> None:
    vn = (vectors / "pki/VN_CSCA_ePassport_Vietnam_2022-2037.der").read_bytes()
    for ml in master_lists.values():
        assert any(c.der == vn for c in ml.certificates)


def test_wrong_root_is_rejected(vectors: Path) -> None:
    with pytest.raises(CryptoError, match="does not chain to the given root"):
        parse_master_list((vectors / "pki/NL_ML_2026-07-22.ml").read_bytes(),
                          (vectors / "pki/DE_ROOT_CA_CSCA07.cer").read_bytes())


def test_a_flipped_byte_in_the_content_is_rejected(vectors: Path) -> None:
    data = bytearray((vectors / "pki/NL_ML_2026-07-22.ml").read_bytes())
    # Inside the certificate list, far from any length field: the content no longer hashes
    # to the signed messageDigest.
    data[300_000] ^= 0x01
    with pytest.raises(CryptoError, match="signature does not verify"):
        parse_master_list(bytes(data), (vectors / "pki/NL_ROOT_CA.cer").read_bytes())


def test_a_flipped_byte_in_the_signature_is_rejected(vectors: Path) -> None:
    from icao.lds.cms import parse_signed_data

    raw = (vectors / "pki/DE_ML_2026-05-28-08-28-45.ml").read_bytes()
    sig = parse_signed_data(raw, what="ml").signature
    at = raw.rindex(sig)
    data = bytearray(raw)
    data[at + len(sig) // 2] ^= 0x80
    with pytest.raises(CryptoError, match="signature does not verify"):
        parse_master_list(bytes(data), (vectors / "pki/DE_ROOT_CA_CSCA07.cer").read_bytes())


def test_a_sod_is_not_a_master_list(vectors: Path) -> None:
    from icao import tlv

    sod = tlv.decode((vectors / "lds/gmrtd_real_documents_sod/DE/EF.SOD.bin").read_bytes())
    with pytest.raises(ParseError, match="not a CSCA master list"):
        parse_master_list(sod.value, (vectors / "pki/DE_ROOT_CA_CSCA07.cer").read_bytes())


def test_truncated_master_list_is_a_parse_error(vectors: Path) -> None:
    data = (vectors / "pki/NL_ML_2026-07-22.ml").read_bytes()[:5000]
    with pytest.raises(ParseError):
        parse_master_list(data, (vectors / "pki/NL_ROOT_CA.cer").read_bytes())
