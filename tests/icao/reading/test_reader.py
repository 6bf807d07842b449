"""The reader against the strict emulated chip, in process: protocols, files, genuineness."""

from __future__ import annotations

import pytest

from icao.chip import ChipOptions
from icao.errors import AccessDenied, UnsupportedProtocol
from icao.keys import AccessKey
from icao.reader import DEFAULT_FILES, ReadOptions, read
from tests.icao.chip.support import can_key, chip_file, make_chip, mrz_key, transport


def test_vn_cccd_full_read_with_can_pace_ca_and_aa():
    chip = make_chip(profile="vn-cccd")
    t = transport(chip)
    doc = read(t, can_key(chip))
    assert doc.access.protocol == "PACE"
    assert (doc.access.mapping, doc.access.cipher, doc.access.parameter_id, doc.access.curve) == (
        "GM", "AES-128", 13, "brainpoolP256r1")
    assert doc.access.protocol_oid == "0.4.0.127.0.7.2.2.4.2.2"
    assert set(doc.files) == {"CardAccess", *DEFAULT_FILES}
    for name, raw in doc.files.items():
        assert raw == chip_file(chip, name), name
    assert doc.chip_auth is not None and doc.chip_auth.status == "passed"
    assert doc.chip_auth.method == "CA" and doc.chip_auth.key_source == "DG14"
    assert doc.active_auth is not None and doc.active_auth.status == "passed"
    assert doc.apdu_count == len(t.log) == t.sent
    assert doc.link_bytes == sum(len(c) + len(r) for c, r in t.log)
    assert doc.warnings == () and doc.absent == () and doc.reconnects == 0
    assert [s.name for s in doc.steps][:4] == ["read:ATR/INFO", "read:CardAccess", "pace",
                                              "select-application"]
    assert sum(s.apdus for s in doc.steps) == doc.apdu_count
    # Capabilities first: EF.ATR/INFO by SFI (absent here), then EF.CardAccess by SFI: no
    # SELECT MF at all.
    assert t.log[0] == (bytes.fromhex("00B0810000"), b"\x6a\x82")
    assert t.log[1][0][:4] == bytes.fromhex("00B09C00")
    assert not any(cmd[1] == 0xA4 and cmd[2] == 0x00 for cmd, _ in t.log)


def test_document_repr_holds_no_personal_data():
    chip = make_chip()
    doc = read(transport(chip), can_key(chip))
    text = repr(doc) + repr(doc.access) + repr(doc.steps)
    assert chip.person.id_number not in text and chip.access_data.can not in text
    assert "NGUYEN" not in text


def test_bac_with_the_mrz_on_a_bac_only_chip():
    chip = make_chip(profile="vn-cccd", access="bac")
    doc = read(transport(chip), mrz_key(chip))
    assert (doc.access.protocol, doc.access.cipher, doc.access.password) == ("BAC", "3DES", "mrz")
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed"


def test_td3_passport_with_mrz_uses_pace_on_p256():
    chip = make_chip(profile="td3-passport")
    doc = read(transport(chip), mrz_key(chip))
    assert doc.access.protocol == "PACE" and doc.access.password == "mrz"
    assert doc.access.curve == "secp256r1"
    assert "DG13" in doc.absent
    assert doc.files["DG1"][5:7] == b"P<"


def test_prefer_bac_on_a_chip_that_offers_both():
    chip = make_chip(profile="vn-cccd", access="both")
    doc = read(transport(chip), mrz_key(chip), files=("COM", "DG1"),
               options=ReadOptions(prefer="bac", chip_auth=False, active_auth=False))
    assert doc.access.protocol == "BAC"


def test_vn_cccd_2024_pace_cam_proves_the_chip_without_ca():
    chip = make_chip(profile="vn-cccd-2024")
    t = transport(chip)
    doc = read(t, can_key(chip))
    assert doc.access.mapping == "CAM"
    assert doc.chip_auth.method == "PACE-CAM" and doc.chip_auth.status == "passed"
    assert doc.chip_auth.key_source == "CardSecurity"
    assert doc.files["CardSecurity"] == chip_file(chip, "CardSecurity")
    assert doc.active_auth.status == "passed"
    assert "ECDSA" in (doc.active_auth.algorithm or "")


def test_clone_fails_chip_and_active_authentication():
    chip = make_chip(profile="vn-cccd", clone=True)
    doc = read(transport(chip), can_key(chip))
    assert doc.files["DG14"] == chip_file(chip, "DG14")
    assert doc.chip_auth.status == "failed"
    assert doc.active_auth.status in ("failed", "not_performed")


def test_clone_of_a_cam_chip_fails_the_cam_check():
    chip = make_chip(profile="vn-cccd-2024", clone=True)
    doc = read(transport(chip), can_key(chip), files=("COM", "DG1"))
    assert doc.chip_auth.method == "PACE-CAM" and doc.chip_auth.status == "failed"


def test_wrong_can_counts_down_and_the_right_one_resets_the_counter():
    chip = make_chip()
    for expected in (2, 1):
        with pytest.raises(AccessDenied) as info:
            read(transport(chip), AccessKey.from_can("000000"))
        assert info.value.tries_left == expected
        assert info.value.sw == 0x63C0 | expected
        assert "000000" not in str(info.value)
        chip.power_on()
    doc = read(transport(chip), can_key(chip), files=("DG1",))
    assert doc.files["DG1"] == chip_file(chip, "DG1")
    chip.power_on()
    with pytest.raises(AccessDenied) as info:
        read(transport(chip), AccessKey.from_can("000000"))
    assert info.value.tries_left == 2


def test_wrong_mrz_on_bac_is_access_denied():
    chip = make_chip(access="bac")
    with pytest.raises(AccessDenied) as info:
        read(transport(chip), AccessKey.from_mrz_fields("123456789", "900101", "300101"))
    assert info.value.step == "bac" and info.value.tries_left == 2


def test_can_on_a_chip_without_pace_is_unsupported_with_advice():
    chip = make_chip(access="bac")
    with pytest.raises(UnsupportedProtocol, match="use the MRZ"):
        read(transport(chip), can_key(chip))


def test_dg3_and_dg4_are_skipped_without_asking_the_chip():
    chip = make_chip()
    t = transport(chip)
    doc = read(t, can_key(chip), files=("DG1", "DG3", "DG4"),
               options=ReadOptions(chip_auth=False, active_auth=False))
    assert doc.denied == ("DG3", "DG4")
    assert set(doc.files) == {"CardAccess", "DG1"}
    assert not any(cmd[1] == 0xB0 and cmd[2] in (0x83, 0x84) for cmd, _ in t.log)


def test_absent_data_groups_are_tolerated():
    chip = make_chip()
    doc = read(transport(chip), can_key(chip), files=("DG1", "DG11", "DG12"),
               options=ReadOptions(chip_auth=False, active_auth=False))
    assert doc.absent == ("DG11", "DG12")


def test_progress_reports_stages_and_bytes_up_to_each_file_size():
    chip = make_chip()
    events: list[tuple[str, int, int]] = []
    doc = read(transport(chip), can_key(chip),
               progress=lambda stage, done, total: events.append((stage, done, total)))
    stages = [stage for stage, _, _ in events]
    assert stages[0] == "access" and stages[-1] == "chip_auth"
    assert stages.index("COM") < stages.index("DG2") < stages.index("chip_auth")
    for name, raw in doc.files.items():
        if name == "CardAccess":
            continue
        done = [d for s, d, t in events if s == name and t]
        assert done == sorted(done) and done[-1] == len(raw), name
        assert {t for s, _, t in events if s == name and t} == {len(raw)}
    assert ("DG2", 0, 0) in events  # a file's stage starts before its bytes arrive


def test_unknown_file_name_is_a_programming_error():
    chip = make_chip()
    with pytest.raises(ValueError):
        read(transport(chip), can_key(chip), files=("DG99",))


def test_chip_options_reject_nonsense():
    with pytest.raises(ValueError):
        ChipOptions(profile="nope")
    with pytest.raises(ValueError):
        ChipOptions(mapping="cam", cipher="3des")
    with pytest.raises(ValueError):
        ChipOptions(curve="curve25519")


def _refusing(chip, refuse):
    """A handler that answers a bare status word to commands `refuse(apdu)` picks, before
    the chip (and its SSC) sees them."""

    def handler(apdu: bytes) -> bytes:
        sw = refuse(apdu)
        return sw if sw is not None else chip(apdu)

    handler.power_on = chip.power_on  # type: ignore[attr-defined]
    return handler


def test_pace_refused_falls_back_to_bac_with_the_mrz_but_not_with_a_can():
    from icao.chip import ChipTransport

    chip = make_chip(access="both")
    no_pace = _refusing(chip, lambda a: b"\x6a\x80" if a[1] == 0x22 and a[2] == 0xC1 else None)
    doc = read(ChipTransport(no_pace), mrz_key(chip), files=("DG1",))
    assert doc.access.protocol == "BAC"
    assert any("fell back to BAC" in w for w in doc.warnings)
    with pytest.raises(UnsupportedProtocol):
        read(ChipTransport(no_pace), can_key(chip), files=("DG1",))


def test_chip_without_short_file_identifiers_is_read_by_select():
    from icao.chip import ChipTransport

    chip = make_chip()
    log: list = []
    no_sfi = _refusing(chip, lambda a: b"\x6a\x86" if a[1] == 0xB0 and a[2] & 0x80 else None)
    doc = read(ChipTransport(no_sfi, log=log), can_key(chip))
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    assert doc.chip_auth.status == "passed" and doc.warnings == ()
    assert log[2][0] == bytes.fromhex("00A4020C02011C")  # EF.CardAccess selected by FID


@pytest.mark.parametrize("access,cipher", [("bac", "3des"), ("pace", "3des"),
                                           ("pace", "aes192"), ("pace", "aes256")])
def test_chip_authentication_for_each_cipher_and_a_clone_of_each(access, cipher):
    for clone in (False, True):
        chip = make_chip(access=access, cipher=cipher, clone=clone)
        doc = read(transport(chip), mrz_key(chip), files=("DG14", "DG15"))
        assert doc.chip_auth.status == ("failed" if clone else "passed")
        assert doc.chip_auth.protocol_oid.endswith({"3des": ".1", "aes192": ".3",
                                                    "aes256": ".4"}[cipher])


@pytest.mark.parametrize("aa_key,algorithm", [("rsa1024", "RSA-1024"), ("rsa2048", "RSA-2048"),
                                              ("ecdsa-p256", "ECDSA")])
def test_active_authentication_with_each_key_type(aa_key, algorithm):
    chip = make_chip(aa_key=aa_key)
    doc = read(transport(chip), can_key(chip), files=("DG14", "DG15"),
               options=ReadOptions(chip_auth=False))
    assert doc.active_auth.status == "passed"
    assert algorithm in doc.active_auth.algorithm


def test_a_read_after_a_wrong_can_warns_about_the_tries_left():
    chip = make_chip()
    with pytest.raises(AccessDenied):
        read(transport(chip), AccessKey.from_can("000000"), files=("DG1",))
    chip.power_on()
    doc = read(transport(chip), can_key(chip), files=("DG1",))
    assert any("2 password tries left" in w for w in doc.warnings)


def test_dg14_is_parsed_once_and_travels_with_the_document(monkeypatch):
    import icao.reading.state as state_mod

    calls = []
    real = state_mod.parse_security_infos
    monkeypatch.setattr(state_mod, "parse_security_infos",
                        lambda raw: calls.append(1) or real(raw))
    chip = make_chip()
    doc = read(transport(chip), can_key(chip))
    assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed"
    assert len(calls) == 1  # CA, AA and the downgrade check share one parse
    assert doc.security_infos is not None and doc.security_infos.ca_public_keys
