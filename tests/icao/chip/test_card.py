"""The emulated chip is strict: access rules, SM discipline, counters, faults, link timing."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icao import bac, iso7816, tlv
from icao.apdu import Command, Response
from icao.chip import ChipOptions, ChipRemoved, EmulatedChip, Faults, LinkModel, Person
from icao.keys import AccessKey
from icao.lds.dg13 import parse_dg13
from icao.lds.sod import parse_sod
from icao.mrz import parse as parse_mrz
from icao.sm import SecureMessaging, UnprotectedStatus
from tests.icao.chip.support import make_chip, mrz_key


def send_plain(chip):
    return lambda cmd: Response.from_bytes(chip(cmd.to_bytes()))


def bac_session(chip) -> SecureMessaging:
    assert chip(iso7816.select_aid().to_bytes()) == b"\x90\x00"
    result = bac.establish(send_plain(chip), mrz_key(chip))
    return SecureMessaging(result.spec, result.ks_enc, result.ks_mac, result.ssc)


def exchange(chip, sm: SecureMessaging, cmd: Command) -> Response:
    return sm.unprotect(chip(sm.protect(cmd)))


def test_card_access_is_readable_before_authentication_but_nothing_else():
    chip = make_chip()
    answer = chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes())
    assert answer[-2:] == b"\x62\x82" and answer[:-2] == chip.files.mf["CardAccess"]
    assert chip(iso7816.select_aid().to_bytes()) == b"\x90\x00"
    assert chip(iso7816.select_fid(0x0101).to_bytes()) == b"\x90\x00"
    assert chip(iso7816.read_binary(0, 4).to_bytes()) == b"\x69\x82"
    assert chip(iso7816.read_binary(0, 4, sfi=2).to_bytes()) == b"\x69\x82"


@pytest.mark.parametrize("profile,sw", [("vn-cccd", b"\x6d\x00"), ("vn-cccd-2024", b"\x6d\x00"),
                                        ("td3-passport", b"\x90\x00")])
def test_select_mf_answer_per_profile(profile, sw):
    assert make_chip(profile=profile)(iso7816.select_mf().to_bytes()) == sw


def test_after_bac_every_answer_is_protected_with_do99_even_errors():
    chip = make_chip(access="bac", quirks={"keeps-sm-on-error"})
    sm = bac_session(chip)
    raw = chip(sm.protect(iso7816.select_fid(0x010B)))  # DG11 absent
    elements = {el.tag for el in tlv.decode_all(raw[:-2])}
    assert elements == {0x99, 0x8E} and raw[-2:] == b"\x6a\x82"
    assert sm.unprotect(raw).sw == 0x6A82
    answer = exchange(chip, sm, iso7816.read_binary(0, 8, sfi=1))
    assert answer.data == chip.files.emrtd["DG1"][:8]


def test_dg3_is_protected_by_terminal_authentication():
    chip = make_chip(access="bac")
    sm = bac_session(chip)
    assert exchange(chip, sm, iso7816.read_binary(0, 8, sfi=3)).sw == 0x6982


def test_plain_command_inside_a_session_ends_it():
    chip = make_chip(access="bac")
    sm = bac_session(chip)
    assert chip(iso7816.read_binary(0, 8, sfi=1).to_bytes()) == b"\x69\x87"
    with pytest.raises(UnprotectedStatus):
        exchange(chip, sm, iso7816.read_binary(0, 8, sfi=1))  # the chip forgot the keys


def test_wrong_mac_ends_the_session_with_6988():
    chip = make_chip(access="bac", quirks={"keeps-sm-on-error"})
    sm = bac_session(chip)
    raw = bytearray(sm.protect(iso7816.read_binary(0, 8, sfi=1)))
    raw[-3] ^= 0x01  # inside DO8E
    assert chip(bytes(raw)) == b"\x69\x88"
    sm.ssc -= 1
    with pytest.raises(UnprotectedStatus) as info:
        exchange(chip, sm, iso7816.read_binary(0, 8, sfi=1))
    assert info.value.sw == 0x6988


def test_extended_apdu_on_a_chip_without_extended_length_is_bare_6700_without_ssc_change():
    chip = make_chip(access="bac", ext_length=False, quirks={"keeps-sm-on-error"})
    sm = bac_session(chip)
    with pytest.raises(UnprotectedStatus) as info:
        exchange(chip, sm, iso7816.read_binary(0, 1000, sfi=2))
    assert info.value.sw == 0x6700
    answer = exchange(chip, sm, iso7816.read_binary(0, 100, sfi=2))  # still in sync
    assert answer.data == chip.files.emrtd["DG2"][:100]


def test_wrong_mrz_counts_down_with_63cx():
    chip = make_chip(access="bac")
    wrong = AccessKey.from_mrz_fields("AB1234567", "900101", "300101")
    chip(iso7816.select_aid().to_bytes())
    for expected in (0x63C2, 0x63C1, 0x63C0, 0x63C0):
        chip(iso7816.get_challenge().to_bytes())
        keys = bac.derive_keys(wrong.bac_seed())
        data = bac.build_authentication(keys, b"\0" * 8, b"\1" * 8, b"\2" * 16)
        answer = chip(iso7816.mutual_authenticate(data).to_bytes())
        assert int.from_bytes(answer[-2:], "big") == expected


def test_mutual_authenticate_without_challenge_and_pace_only_chip():
    chip = make_chip(access="bac")
    assert chip(iso7816.mutual_authenticate(b"\0" * 40).to_bytes()) == b"\x69\x85"
    pace_only = make_chip(access="pace")
    pace_only(iso7816.get_challenge().to_bytes())
    assert pace_only(iso7816.mutual_authenticate(b"\0" * 40).to_bytes()) == b"\x69\x82"


def test_garbage_apdus_get_status_words_not_exceptions():
    chip = make_chip()
    for raw in (b"", b"\x00", b"\x00\xb0", b"\x00\xa4\x04\x0c\x05\x01", b"\x80\xca\x00\x00\x00",
                b"\x0c\xb0\x00\x00\x00", b"\x00\x22\xc1\xa4\x02\x80\x00",
                b"\x10\x86\x00\x00\x02\x7c\x00"):
        answer = chip(raw)
        assert len(answer) == 2 and answer != b"\x90\x00", raw.hex()


def test_drop_after_n_apdus_raises_connection_error_once_and_resets():
    chip = make_chip(faults=Faults(drop_after=2))
    chip(iso7816.select_aid().to_bytes())
    chip(iso7816.select_aid().to_bytes())
    with pytest.raises(ChipRemoved):
        chip(iso7816.select_aid().to_bytes())
    assert isinstance(ChipRemoved("x"), ConnectionError)
    assert chip(iso7816.select_aid().to_bytes()) == b"\x90\x00"


def test_link_model_holds_each_answer_for_its_iso14443_frames():
    slept: list[float] = []
    ticks = iter([0.0, 0.0001])
    chip = EmulatedChip(ChipOptions(link=LinkModel(kbps=424, frame_overhead_ms=1.0)),
                        files=make_chip().files, sleep=slept.append, clock=lambda: next(ticks))
    cmd = iso7816.select_aid().to_bytes()  # 12 bytes, answered 9000
    answer = chip(cmd)
    assert (len(cmd), answer) == (12, b"\x90\x00")
    etu = 32 / 13.56e6  # 424 kbit/s = fc/32
    # one I-block each way: SOF 12 + 10 etu per byte (PCB + data + CRC) + EOF 10, the 1 ms
    # extra per frame, and a frame delay time of 1172/fc after each
    command_frame = (12 + 10 * (1 + 12 + 2) + 10) * etu + 0.001
    answer_frame = (12 + 10 * (1 + 2 + 2) + 10) * etu + 0.001
    expected = command_frame + answer_frame + 2 * 1172 / 13.56e6 - 0.0001
    assert slept == [pytest.approx(expected)]
    assert (chip.timing.apdus, chip.timing.frames, chip.timing.compute_s) == (1, 2, 0.0)


def test_faults_parse_and_reject():
    f = Faults.parse(["drop-after:12", "corrupt-mac:3", "plain-6700-ext", "drop-every:50"])
    assert (f.drop_after, f.corrupt_mac_at, f.plain_6700_ext, f.drop_every) == (12, 3, True, 50)
    for bad in (["drop-after"], ["explode:1"], ["drop-after:0"]):
        with pytest.raises(ValueError):
            Faults.parse(bad)


def test_vn_cccd_files_follow_the_vietnamese_layout_and_the_sod_covers_them():
    chip = make_chip(profile="vn-cccd")
    files = chip.files.emrtd
    mrz = parse_mrz(chip.access_data.mrz)
    assert mrz.format == "TD1" and mrz.id_number == chip.person.id_number
    assert mrz.document_number == chip.person.id_number[-9:]
    assert chip.access_data.can == chip.person.id_number[-6:]
    dg13 = parse_dg13(files["DG13"])
    assert dg13.raw == files["DG13"]
    assert 18_000 < len(files["DG2"]) < 25_000
    sod = parse_sod(files["SOD"])
    assert set(sod.dg_hashes) == {1, 2, 3, 13, 14, 15}  # every DG EF.COM lists, DG3 too
    for n, digest in sod.dg_hashes.items():
        assert digest == hashlib.new(sod.hash_algorithm, files[f"DG{n}"]).digest()


def test_tampered_dg_no_longer_matches_its_signed_hash():
    files = EmulatedChip(ChipOptions(tamper_dg=2)).files.emrtd
    sod = parse_sod(files["SOD"])
    assert sod.dg_hashes[2] != hashlib.new(sod.hash_algorithm, files["DG2"]).digest()
    assert sod.dg_hashes[1] == hashlib.new(sod.hash_algorithm, files["DG1"]).digest()


def test_person_from_mapping_and_repr_privacy():
    p = Person.from_mapping({"full_name": "Trần Văn Thí Dụ", "id_number": "001099000001"})
    assert p.can == "000001" and p.mrz_names() == ("TRAN", "VAN THI DU")
    assert "Trần" not in repr(p) and "001099000001" not in repr(p)
    with pytest.raises(ValueError):
        Person.from_mapping({"fullname": "typo"})
    with pytest.raises(ValueError):
        Person.from_mapping({"id_number": "12345"})
    chip = make_chip()
    assert chip.access_data.can not in repr(chip.access_data)
    assert chip.person.id_number not in repr(chip)


def test_atr_announces_extended_length_only_when_the_chip_has_it():
    from nfc.atr import parse_atr

    on = parse_atr(make_chip().atr)
    off = parse_atr(make_chip(ext_length=False).atr)
    assert on.tck_ok and off.tck_ok and on.contactless
    assert on.card_capabilities[2] & 0x40 and not off.card_capabilities[2] & 0x40
    assert make_chip().atr == bytes.fromhex("3B8580018073C021C0D6")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=60), max_size=6), st.booleans())
def test_random_apdus_always_get_a_status_word(apdus, in_session):
    chip = make_chip(access="both")
    if in_session:
        bac_session(chip)
    for raw in apdus:
        answer = chip(raw)
        assert len(answer) >= 2


def test_a_clone_hiding_dg2_withholds_it_although_the_sod_lists_it():
    chip = make_chip(access="bac", clone=True, hidden_dgs={"DG2"},
                     quirks={"keeps-sm-on-error"})
    assert chip.options.hidden_dgs == frozenset({2})
    assert "DG2" not in chip.files.emrtd
    assert 2 in parse_sod(chip.files.emrtd["SOD"]).dg_hashes
    tags = tlv.decode(chip.files.emrtd["COM"]).require(0x5C).value
    assert 0x75 not in tags and 0x61 in tags  # EF.COM (unsigned) drops DG2 too
    sm = bac_session(chip)
    assert exchange(chip, sm, iso7816.select_fid(0x0102)).sw == 0x6A82
    assert exchange(chip, sm, iso7816.read_binary(0, 4, sfi=2)).sw == 0x6A82
    assert exchange(chip, sm, iso7816.read_binary(0, 4, sfi=1)).sw == 0x9000


@pytest.mark.parametrize("bad", [{"DG0"}, {"DG17"}, {"photo"}])
def test_hidden_data_groups_must_be_dg1_to_dg16(bad):
    with pytest.raises(ValueError, match="not a data group"):
        ChipOptions(hidden_dgs=bad)


def test_a_vietnamese_card_signed_under_a_foreign_csca():
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    from icao.lds.sod import parse_sod as parse

    chip = make_chip(csca_country="fr")
    assert chip.options.csca_country == "FR"
    csca = x509.load_der_x509_certificate(chip.files.csca_der)
    country = csca.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value
    assert (country, csca.subject == csca.issuer) == ("FR", True)
    ds = x509.load_der_x509_certificate(parse(chip.files.emrtd["SOD"]).signed.certificates[0])
    assert ds.issuer == csca.subject
    assert ds.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "FR"
    assert parse_mrz(chip.access_data.mrz).issuing_state == "VNM"
    vn = x509.load_der_x509_certificate(make_chip().files.csca_der)
    assert vn.public_key().public_bytes(*_spki_format()) != \
        csca.public_key().public_bytes(*_spki_format())  # its own keys, not VN's
    with pytest.raises(ValueError, match="alpha-2"):
        ChipOptions(csca_country="FRA")


def _spki_format():
    from cryptography.hazmat.primitives import serialization

    return serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
