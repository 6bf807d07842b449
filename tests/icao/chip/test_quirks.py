"""The quirk catalogue: each quirk does exactly what --list-quirks says, in process."""

from __future__ import annotations

import pytest

from icao import iso7816
from icao.apdu import Command
from icao.chip import ChipOptions, ChipTransport, EmulatedChip
from icao.chip import quirks as quirks_mod
from icao.chip.quirks import QUIRKS, Quirks, catalogue_lines, validate
from icao.lds.security_infos import parse_security_infos
from icao.reader import read
from icao.sm import SecureMessaging, UnprotectedStatus
from nfc.atr import parse_atr
from tests.icao.chip.support import can_key, make_chip
from tests.icao.chip.test_card import bac_session, exchange

#: The quirks issue 15 asks for, by the names the catalogue gives them.
REQUIRED = {"ends-sm-on-error", "plain-errors", "no-ext-length", "ext-length-refused",
            "le-max-223", "le-max-231", "no-sfi", "eof-6b00", "le-6cxx", "no-card-access",
            "card-access-after-select-mf", "app-stays-selected", "pace-only", "bac-only",
            "slow-chip", "keeps-sm-on-error"}


def raw(chip: EmulatedChip, sm: SecureMessaging, cmd: Command) -> bytes:
    """The chip's raw answer to a protected command (the caller checks it)."""
    return chip(sm.protect(cmd))


def test_the_catalogue_lists_every_quirk_once_with_what_it_copies_and_a_source():
    assert REQUIRED <= set(QUIRKS)
    lines = catalogue_lines()
    assert len(lines) == len(QUIRKS)
    for line, (name, quirk) in zip(lines, QUIRKS.items(), strict=True):
        assert line.startswith(name + " ")
        assert quirk.does and quirk.source and f"[{quirk.source}]" in line
        assert "\n" not in line


@pytest.mark.parametrize("names,message", [
    (["nonsense"], "unknown quirk 'nonsense'"),
    (["ends-sm-on-error", "keeps-sm-on-error"], "contradict"),
    (["le-max-223", "le-max-231"], "contradict"),
    (["pace-only", "bac-only"], "contradict"),
])
def test_unknown_or_contradicting_quirks_are_refused_by_name(names, message):
    with pytest.raises(ValueError, match=message):
        ChipOptions(quirks=frozenset(names))


def test_quirks_are_normalised_and_a_quirk_that_imposes_access_clashes_with_another():
    assert validate([" No-SFI "]) == {"no-sfi"}
    assert ChipOptions(quirks=["no-sfi"]).quirks == frozenset({"no-sfi"})
    with pytest.raises(ValueError, match="needs access 'pace'"):
        ChipOptions(access="bac", quirks=["pace-only"])


def test_the_default_chip_is_lenient_until_the_one_line_flip(monkeypatch):
    assert quirks_mod.STRICT_BY_DEFAULT is False
    assert Quirks.of([]).ends_sm_on_error is False
    assert Quirks.of(["ends-sm-on-error"]).ends_sm_on_error is True
    monkeypatch.setattr(quirks_mod, "STRICT_BY_DEFAULT", True)
    assert Quirks.of([]).ends_sm_on_error is True
    assert Quirks.of(["keeps-sm-on-error"]).ends_sm_on_error is False


# -- secure messaging -------------------------------------------------------------------------
def test_ends_sm_on_error_answers_the_error_protected_then_6882_to_the_next_command():
    chip = make_chip(access="bac", quirks={"ends-sm-on-error"})
    sm = bac_session(chip)
    assert exchange(chip, sm, iso7816.select_fid(0x010B)).sw == 0x6A82  # DG11: absent
    assert not chip.secure
    assert raw(chip, sm, iso7816.read_binary(0, 8, sfi=1)) == b"\x68\x82"


def test_keeps_sm_on_error_the_session_survives_an_error_status():
    chip = make_chip(access="bac", quirks={"keeps-sm-on-error"})
    sm = bac_session(chip)
    assert exchange(chip, sm, iso7816.select_fid(0x010B)).sw == 0x6A82
    assert exchange(chip, sm, iso7816.read_binary(0, 8, sfi=1)).data == \
        chip.files.emrtd["DG1"][:8]


def test_plain_errors_are_bare_status_words_and_the_counter_stays_in_step():
    chip = make_chip(access="bac", quirks={"plain-errors"})
    sm = bac_session(chip)
    # no DO99, no MAC: the reader's counter moved for the command only, as the chip's did
    assert raw(chip, sm, iso7816.select_fid(0x010B)) == b"\x6a\x82"
    assert exchange(chip, sm, iso7816.read_binary(0, 8, sfi=1)).data == \
        chip.files.emrtd["DG1"][:8]


def test_plain_errors_with_ends_sm_on_error_end_the_session_after_the_bare_word():
    chip = make_chip(access="bac", quirks={"plain-errors", "ends-sm-on-error"})
    sm = bac_session(chip)
    assert raw(chip, sm, iso7816.select_fid(0x010B)) == b"\x6a\x82"
    assert raw(chip, sm, iso7816.read_binary(0, 8, sfi=1)) == b"\x68\x82"


# -- extended length --------------------------------------------------------------------------
def test_no_ext_length_atr_says_73_c0_21_00_and_an_extended_apdu_ends_the_session():
    chip = make_chip(access="bac", quirks={"no-ext-length"})
    atr = parse_atr(chip.atr)
    assert atr.card_capabilities == bytes.fromhex("C02100") and atr.tck_ok
    assert atr.extended_length is False
    sm = bac_session(chip)
    assert raw(chip, sm, iso7816.read_binary(0, 1000, sfi=2)) == b"\x67\x00"
    assert not chip.secure
    assert raw(chip, sm, iso7816.read_binary(0, 8, sfi=1)) == b"\x69\x88"  # lenient default


def test_ext_length_refused_announces_extended_length_but_answers_a_plain_6700():
    chip = make_chip(access="bac", quirks={"ext-length-refused"})
    assert parse_atr(chip.atr).extended_length is True
    sm = bac_session(chip)
    with pytest.raises(UnprotectedStatus) as info:
        exchange(chip, sm, iso7816.read_binary(0, 1000, sfi=2))
    assert info.value.sw == 0x6700
    assert exchange(chip, sm, iso7816.read_binary(0, 100, sfi=2)).data == \
        chip.files.emrtd["DG2"][:100]  # lenient: the session and its counter survive


def test_ext_length_refused_on_a_strict_chip_ends_the_session():
    chip = make_chip(access="bac", quirks={"ext-length-refused", "ends-sm-on-error"})
    sm = bac_session(chip)
    assert raw(chip, sm, iso7816.read_binary(0, 1000, sfi=2)) == b"\x67\x00"
    assert not chip.secure


# -- READ BINARY sizes and the end of a file -----------------------------------------------------
@pytest.mark.parametrize("quirks,le,sw", [
    ({"le-max-223"}, 224, 0x6700), ({"le-max-223", "le-6cxx"}, 256, 0x6CDF),
    ({"le-max-231"}, 232, 0x6700), ({"le-max-231", "le-6cxx"}, 256, 0x6CE7),
])
def test_a_short_le_above_the_cap_is_refused_and_the_cap_itself_is_honoured(quirks, le, sw):
    chip = make_chip(quirks=quirks)
    card_access = chip.files.mf["CardAccess"]
    assert chip(iso7816.select_fid(0x011C).to_bytes()) == b"\x90\x00"
    assert chip(iso7816.read_binary(0, le).to_bytes()) == sw.to_bytes(2, "big")
    cap = 223 if "le-max-223" in quirks else 231
    # Le = cap passes the cap; the file (42 bytes) then ends before it
    past_end = (0x6C00 | len(card_access)).to_bytes(2, "big") if "le-6cxx" in quirks \
        else card_access + b"\x62\x82"
    assert chip(iso7816.read_binary(0, cap).to_bytes()) == past_end


def test_le_max_223_holds_inside_a_bac_session_whose_short_limit_is_231():
    chip = make_chip(access="bac", quirks={"le-max-223"})
    sm = bac_session(chip)
    assert exchange(chip, sm, iso7816.select_fid(0x0102)).sw == 0x9000
    assert exchange(chip, sm, iso7816.read_binary(0, 224)).sw == 0x6700  # short: 224 <= 231
    ok = exchange(chip, sm, iso7816.read_binary(0, 223))
    assert ok.sw == 0x9000 and ok.data == chip.files.emrtd["DG2"][:223]


def protect_short(sm: SecureMessaging, cmd: Command) -> bytes:
    """`cmd` protected with DO97 = its Le in a *short* APDU, as readers that ask 256 plain
    bytes under secure messaging do (icao.sm itself goes extended past 231/223)."""
    sm.ssc += 1
    do97 = bytes([0x97, 0x01, cmd.le & 0xFF])
    mac = sm.mac(sm.padded_header(0x0C, cmd.ins, cmd.p1, cmd.p2) + do97)
    body = do97 + b"\x8e\x08" + mac
    return bytes([0x0C, cmd.ins, cmd.p1, cmd.p2, len(body)]) + body + b"\x00"


@pytest.mark.parametrize("quirks,sw", [(set(), 0x6700), ({"le-6cxx"}, 0x6CE7)])
def test_256_plain_bytes_asked_in_a_short_protected_apdu(quirks, sw):
    chip = make_chip(access="bac", quirks=quirks)  # BAC: 3DES, 231 plain bytes fit
    sm = bac_session(chip)
    answer = sm.unprotect(chip(protect_short(sm, iso7816.read_binary(0, 256, sfi=2))))
    assert (answer.sw, answer.data) == (sw, b"")


def test_le_6cxx_gives_the_exact_count_left_in_the_file():
    chip = make_chip(access="bac", quirks={"le-6cxx"})
    sm = bac_session(chip)
    dg1 = chip.files.emrtd["DG1"]
    assert exchange(chip, sm, iso7816.read_binary(0, 200, sfi=1)).sw == 0x6C00 | len(dg1)
    answer = exchange(chip, sm, iso7816.read_binary(0, len(dg1), sfi=1))
    assert (answer.sw, answer.data) == (0x9000, dg1)


def test_eof_6b00_refuses_a_read_past_the_end_instead_of_6282():
    dg1 = make_chip().files.emrtd["DG1"]
    plain = make_chip(access="bac")
    sm = bac_session(plain)
    answer = exchange(plain, sm, iso7816.read_binary(0, 200, sfi=1))
    assert (answer.sw, answer.data) == (0x6282, dg1)
    chip = make_chip(access="bac", quirks={"eof-6b00"})
    sm = bac_session(chip)
    assert exchange(chip, sm, iso7816.read_binary(0, 200, sfi=1)).sw == 0x6B00
    assert exchange(chip, sm, iso7816.read_binary(0, len(dg1), sfi=1)).data == dg1


def test_no_sfi_needs_a_select_before_and_after_authentication():
    chip = make_chip(quirks={"no-sfi"})
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes()) == b"\x6a\x81"
    assert chip(iso7816.select_fid(0x011C).to_bytes()) == b"\x90\x00"
    answer = chip(iso7816.read_binary(0, 256).to_bytes())
    assert answer[:-2] == chip.files.mf["CardAccess"]


# -- which files and protocols ------------------------------------------------------------------
def test_no_card_access_is_a_bac_only_chip_without_the_file():
    chip = make_chip(quirks={"no-card-access"})
    assert chip.options.access == "bac" and "CardAccess" not in chip.files.mf
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes()) == b"\x6a\x82"
    assert chip(iso7816.select_fid(0x011C).to_bytes()) == b"\x6a\x82"


def test_card_access_after_select_mf_even_on_a_cccd_that_otherwise_refuses_select_mf():
    chip = make_chip(quirks={"card-access-after-select-mf"})
    assert chip.current_df == "EMRTD"
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes()) == b"\x6a\x82"
    assert chip(iso7816.select_mf().to_bytes()) == b"\x90\x00"
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes())[:-2] == \
        chip.files.mf["CardAccess"]
    assert make_chip()(iso7816.select_mf().to_bytes()) == b"\x6d\x00"  # the plain CCCD


def test_app_stays_selected_across_a_warm_reset_and_the_end_of_a_session():
    chip = make_chip(access="bac", quirks={"app-stays-selected"})
    bac_session(chip)
    chip.reset()
    assert not chip.secure and chip.current_df == "EMRTD"
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes()) == b"\x6a\x82"
    chip.power_off()
    chip.power_on()
    assert chip.current_df == "MF"  # a cold start does reset it
    normal = make_chip(access="bac")
    bac_session(normal)
    normal.reset()
    assert normal.current_df == "MF"


def test_app_stays_selected_when_a_plain_command_ends_the_session():
    chip = make_chip(access="both", quirks={"app-stays-selected"})
    bac_session(chip)
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes()) == b"\x69\x87"
    assert chip(iso7816.read_binary(0, 256, sfi=0x1C).to_bytes()) == b"\x6a\x82"


def test_pace_only_refuses_bac():
    chip = make_chip(quirks={"pace-only"})
    assert chip.options.access == "pace"
    chip(iso7816.get_challenge().to_bytes())
    assert chip(iso7816.mutual_authenticate(b"\0" * 40).to_bytes()) == b"\x69\x82"


def test_bac_only_has_a_card_access_file_without_pace():
    chip = make_chip(quirks={"bac-only"})
    infos = parse_security_infos(chip.files.mf["CardAccess"])
    assert not infos.pace_infos
    assert infos.ca_infos
    assert chip(iso7816.mse_set_at(b"\x80\x0a" + bytes(10)).to_bytes()) == b"\x6d\x00"


# -- time ---------------------------------------------------------------------------------------
def test_slow_chip_charges_four_times_the_compute_model_without_a_link():
    slept: list[float] = []
    chip = EmulatedChip(ChipOptions(quirks={"slow-chip"}), files=make_chip().files,
                        sleep=slept.append)
    doc = read(ChipTransport(chip), can_key(chip))
    assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed"
    # PACE mapping 2 x 150 ms, key agreement 2 x 150, CA 150, AA RSA-1024 30; times four
    assert chip.timing.compute_s == pytest.approx(4 * (0.300 + 0.300 + 0.150 + 0.030))
    assert chip.timing.air_s == 0.0 and chip.timing.apdus == len(slept) == 4
    assert sum(slept) <= chip.timing.compute_s
