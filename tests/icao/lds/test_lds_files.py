"""EF.COM, DG1, DG11, DG12, DG15 from the vectors, with exact field values."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from icao.errors import ParseError
from icao.lds.com import parse_com
from icao.lds.dg1 import parse_dg1
from icao.lds.dg11 import parse_dg11
from icao.lds.dg12 import parse_dg12
from icao.lds.dg15 import parse_dg15
from icao.lds.dg16 import parse_dg16

MISC = "lds/icao9303_p10_and_misc_examples"


@pytest.mark.parametrize(("name", "lds", "uni", "dgs"), [
    (f"{MISC}/EF.COM_9303p11_D4.bin", "0106", "040000", (1, 2)),
    (f"{MISC}/EF.COM_9303p10_A1_case1.bin", "0107", "040000", (1, 2, 4, 12)),
    ("lds/gmrtd_GB_expired_passport_consistent/EF.COM.bin", "0107", "040000", (1, 2)),
])
def test_ef_com(vectors: Path, name: str, lds: str, uni: str, dgs: tuple[int, ...]) -> None:
    raw = (vectors / name).read_bytes()
    com = parse_com(raw)
    assert (com.lds_version, com.unicode_version, com.data_groups) == (lds, uni, dgs)
    assert com.raw == raw
    assert com.lds_version_text == f"1.{int(lds[2:])}"


@pytest.mark.parametrize(("name", "fmt", "lines", "number"), [
    (f"{MISC}/DG1_TD1_9303p10_A2-1_corrected.bin", "TD1",
     ("I<NLDXI85935F86999999990<<<<<<", "7208148F1108268NLD<<<<<<<<<<<8",
      "VAN<DER<STEEN<<MARIANNE<LOUISE"), "XI85935F8"),
    (f"{MISC}/DG1_TD2_UTO_ERIKSSON.bin", "TD2",
     ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"),
     "D23145890"),
    (f"{MISC}/DG1_TD3_9303p4_UTO_ERIKSSON.bin", "TD3",
     ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"),
     "L898902C3"),
    ("lds/bsi_tr03105_5_reference_dataset/DG1.bin", "TD3",
     ("P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C11T002JM4D<<9608122F2310314<<<<<<<<<<<<<<<4"),
     "C11T002JM"),
])
def test_dg1(vectors: Path, name: str, fmt: str, lines: tuple[str, ...], number: str) -> None:
    dg1 = parse_dg1((vectors / name).read_bytes())
    assert (dg1.format, dg1.lines, dg1.mrz.document_number) == (fmt, lines, number)
    assert dg1.mrz.valid
    assert number not in repr(dg1) and lines[0] not in repr(dg1)


def test_dg1_wrong_length_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="has 10 characters"):
        parse_dg1(b"\x61\x0d\x5f\x1f\x0a" + b"P<UTO<<<<<")


def test_dg11_9303_p10_a5(vectors: Path) -> None:
    dg11 = parse_dg11((vectors / f"{MISC}/DG11_9303p10_A5.bin").read_bytes())
    assert dg11.tag_list == (0x5F0E, 0x5F11, 0x5F42, 0x5F12, 0x5F13)
    assert dg11.full_name == "SMITH<<JOHN<J"
    assert dg11.place_of_birth == "ANYTOWN<MN"
    assert dg11.address == "123 MAPLE RD<ANYTOWN<MN"
    assert dg11.telephone == "16125551212"
    assert dg11.profession == "TRAVEL<AGENT"
    assert dg11.personal_number is None and dg11.unknown == ()
    assert "SMITH" not in repr(dg11)


def test_dg12_partial_fields(vectors: Path) -> None:
    nz = parse_dg12((vectors / f"{MISC}/DG12_adapted_from_NZ.bin").read_bytes())
    assert nz.personalization_time == "20161115013612"
    assert nz.personalization_system_serial == "N-4962"
    assert nz.issuing_authority is None
    fr = parse_dg12((vectors / "lds/gmrtd_real_documents_sod/FR/DG12.bin").read_bytes())
    assert fr.issuing_authority == "JAKARTA - AMBASSADE DE FRANCE EN INDONESIE"
    assert fr.date_of_issue == "20170905"


def test_dg12_partial_date_stays_text() -> None:
    from icao import tlv

    raw = tlv.encode(0x6C, tlv.encode(0x5C, b"\x5f\x26") + tlv.encode(0x5F26, b"201709"))
    assert parse_dg12(raw).date_of_issue == "201709"


@pytest.mark.parametrize(("name", "bits"), [
    ("lds/gmrtd_real_documents_sod/NZ/DG15.bin", 1792),
    ("lds/etsi_tr103200_eacaa/DG15.bin", 1024),
])
def test_dg15_rsa(vectors: Path, name: str, bits: int) -> None:
    dg15 = parse_dg15((vectors / name).read_bytes())
    assert (dg15.algorithm, dg15.key_size) == ("rsa", bits)
    key = dg15.public_key()
    assert isinstance(key, rsa.RSAPublicKey) and key.key_size == bits


def test_dg15_ec_with_explicit_parameters(vectors: Path) -> None:
    """An EC AA key with explicit brainpoolP512r1 parameters (the VN CSCA's SPKI reused)."""
    from icao import tlv
    from icao.pki.cert import parse_certificate

    spki = parse_certificate(
        (vectors / "pki/VN_CSCA_ePassport_Vietnam_2022-2037.der").read_bytes()).spki
    dg15 = parse_dg15(tlv.encode(0x6F, spki))
    assert (dg15.algorithm, dg15.key_size) == ("ec", 512)
    assert dg15.public_key().curve.name == "brainpoolP512r1"


@pytest.mark.parametrize("parser", [parse_com, parse_dg1, parse_dg11, parse_dg12, parse_dg15,
                                    parse_dg16])
def test_wrong_outer_tag_is_a_parse_error(parser) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError, match="expected"):
        parser(b"\x7f\x01\x00")


def test_dg16_9303_p10_a6(vectors: Path) -> None:
    dg16 = parse_dg16((vectors / f"{MISC}/DG16_9303p10_A6.bin").read_bytes())
    assert [(p.date_recorded, p.name, p.telephone, p.address) for p in dg16.persons] == [
        ("20020101", "SMITH<<CHARLES<R", "19525551212", "123 MAPLE RD<ANYTOWN<MN<55100"),
        ("20020315", "BROWN<<MARY<J", "14155551212", "49 REDWOOD LN<OCEAN BREEZE<CA<94000"),
    ]
    assert repr(dg16) == "Dg16(persons=2)"


def test_every_lds_vector_file_parses(vectors: Path) -> None:
    """Each file under vectors/lds goes through the parser its name calls for."""
    from icao.lds.card_security import parse_card_security
    from icao.lds.dg2 import parse_dg2
    from icao.lds.security_infos import parse_security_infos
    from icao.lds.sod import parse_sod
    from icao.pki.cert import parse_certificate

    parsers = {"EF.COM": parse_com, "DG1": parse_dg1, "DG2": parse_dg2, "DG11": parse_dg11,
               "DG12": parse_dg12, "DG14": parse_security_infos, "DG15": parse_dg15,
               "DG16": parse_dg16, "EF.CardAccess": parse_security_infos,
               "EF.CardSecurity": parse_card_security, "EF.SOD": parse_sod}
    seen = 0
    for path in sorted((vectors / "lds").rglob("*")):
        if path.suffix in (".cer", ".der"):
            parse_certificate(path.read_bytes())
            seen += 1
            continue
        if path.suffix != ".bin":
            continue
        stem = path.name.split("_")[0].removesuffix(".bin")
        parsers[stem](path.read_bytes())
        seen += 1
    assert seen == 55  # every file but the expected-results JSON
