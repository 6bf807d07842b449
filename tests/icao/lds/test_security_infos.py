"""SecurityInfos of DG14 / EF.CardAccess / EF.CardSecurity, exact values from real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from icao import tlv
from icao.errors import ParseError
from icao.lds.card_security import parse_card_security
from icao.lds.security_infos import parse_security_infos

REAL = "lds/gmrtd_real_documents_sod"


def test_de_card_access(vectors: Path) -> None:
    infos = parse_security_infos((vectors / f"{REAL}/DE/EF.CardAccess.bin").read_bytes())
    assert [(p.protocol_oid, p.version, p.parameter_id) for p in infos.pace_infos] == [
        ("0.4.0.127.0.7.2.2.4.2.2", 2, 13), ("0.4.0.127.0.7.2.2.4.6.2", 2, 13)]
    assert infos.ca_infos == () and infos.unknown == ()


def test_de_dg14(vectors: Path) -> None:
    infos = parse_security_infos((vectors / f"{REAL}/DE/DG14.bin").read_bytes())
    assert [(c.protocol_oid, c.version, c.key_id) for c in infos.ca_infos] == [
        ("0.4.0.127.0.7.2.2.3.2.2", 1, 195)]
    [pk] = infos.ca_public_keys
    assert (pk.protocol_oid, pk.key_id) == ("0.4.0.127.0.7.2.2.1.2", 195)
    assert pk.public_key().curve.name == "brainpoolP256r1"
    assert [t.version for t in infos.ta_infos] == [1]


@pytest.mark.parametrize(("country", "ca", "curve"), [
    ("AT", ("0.4.0.127.0.7.2.2.3.2.2", 1, None), "brainpoolP256r1"),
    ("MY", ("0.4.0.127.0.7.2.2.3.2.1", 1, None), "brainpoolP256r1"),
    ("ID", ("0.4.0.127.0.7.2.2.3.2.4", 1, None), "brainpoolP256r1"),
    ("FI", ("0.4.0.127.0.7.2.2.3.2.4", 1, None), "brainpoolP384r1"),
])
def test_dg14_ca_infos(vectors: Path, country: str, ca: tuple, curve: str) -> None:
    infos = parse_security_infos((vectors / f"{REAL}/{country}/DG14.bin").read_bytes())
    assert [(c.protocol_oid, c.version, c.key_id) for c in infos.ca_infos] == [ca]
    assert infos.ca_public_keys[0].public_key().curve.name == curve


def test_fr_dg14_has_a_key_without_ca_info(vectors: Path) -> None:
    infos = parse_security_infos((vectors / f"{REAL}/FR/DG14.bin").read_bytes())
    assert infos.ca_infos == ()
    assert infos.ca_public_keys[0].public_key().curve.name == "secp256r1"
    assert [(p.protocol_oid, p.parameter_id) for p in infos.pace_infos] == [
        ("0.4.0.127.0.7.2.2.4.2.4", 12)]


def test_sg_dg14_only_pace(vectors: Path) -> None:
    infos = parse_security_infos((vectors / f"{REAL}/SG/DG14.bin").read_bytes())
    assert [(p.protocol_oid, p.version, p.parameter_id) for p in infos.pace_infos] == [
        ("0.4.0.127.0.7.2.2.4.2.4", 2, 13)]


def test_bsi_dg14_explicit_brainpool_p224(vectors: Path) -> None:
    infos = parse_security_infos(
        (vectors / "lds/bsi_tr03105_5_reference_dataset/DG14.bin").read_bytes())
    assert infos.ca_infos[0].protocol_oid == "0.4.0.127.0.7.2.2.3.2.1"
    assert infos.ca_public_keys[0].public_key().curve.name == "BRAINPOOLP224r1"


@pytest.mark.parametrize(("country", "key_ids", "curve"), [
    ("DE", [13, 72], "brainpoolP256r1"), ("FI", [16], "brainpoolP384r1")])
def test_card_security_pace_cam_keys(vectors: Path, country: str, key_ids: list[int],
                                     curve: str) -> None:
    cs = parse_card_security((vectors / f"{REAL}/{country}/EF.CardSecurity.bin").read_bytes())
    assert cs.signed.econtent_type == "0.4.0.127.0.7.3.2.1"
    assert [k.key_id for k in cs.infos.ca_public_keys] == key_ids
    assert {k.public_key().curve.name for k in cs.infos.ca_public_keys} == {curve}
    assert any(p.protocol_oid.startswith("0.4.0.127.0.7.2.2.4.6.") for p in cs.infos.pace_infos)


def test_unknown_infos_are_kept_and_aa_info_parsed() -> None:
    aa = (tlv.encode(0x30, tlv.encode(0x06, bytes.fromhex("678108010105"))
                     + tlv.encode(0x02, b"\x01")
                     + tlv.encode(0x06, bytes.fromhex("04007f00070101040103")))
          )
    other = tlv.encode(0x30, tlv.encode(0x06, bytes.fromhex("2a0304")) + tlv.encode(0x05, b""))
    infos = parse_security_infos(tlv.encode(0x31, aa + other))
    [a] = infos.aa_infos
    assert (a.protocol_oid, a.version, a.signature_algorithm_oid) == (
        "2.23.136.1.1.5", 1, "0.4.0.127.0.7.1.1.4.1.3")
    assert [(u.protocol_oid, u.raw) for u in infos.unknown] == [("1.2.3.4", other)]


@pytest.mark.parametrize("raw", [b"", b"\x30\x00", b"\x31\x03\x30\x01\x06", b"\x6e\x02\x30\x00",
                                 b"\x31\x05\x30\x03\x06\x01\x2a"])
def test_malformed_security_infos(raw: bytes) -> None:
    with pytest.raises(ParseError):
        parse_security_infos(raw)
