"""`kiosk chip` flags build the chip they describe (no PC/SC needed)."""

from __future__ import annotations

import argparse
import json

import pytest

from kiosk.cli import build_parser
from kiosk.cli.cmd_chip import build_chip


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["chip", *argv])


def test_defaults_are_the_vn_cccd_profile():
    chip = build_chip(_args())
    o = chip.options
    assert (o.profile, o.access, o.mapping, o.curve, o.cipher, o.ext_length) == (
        "vn-cccd", "both", "gm", "brainpoolP256r1", "aes128", True)


def test_every_option_flag_reaches_the_chip(tmp_path):
    chip = build_chip(_args("--profile", "td3-passport", "--access", "pace", "--mapping", "im",
                            "--curve", "brainpoolP384r1", "--cipher", "aes256",
                            "--ext-length", "off", "--max-le", "160", "--link-kbps", "424",
                            "--frame-overhead-ms", "0.5", "--fault", "drop-after:30",
                            "--fault", "plain-6700-ext", "--tamper", "DG2", "--clone",
                            "--aa-key", "rsa2048"))
    o = chip.options
    assert (o.profile, o.access, o.mapping, o.curve, o.cipher) == (
        "td3-passport", "pace", "im", "brainpoolP384r1", "aes256")
    assert (o.ext_length, o.max_le, o.link.kbps, o.link.frame_overhead_ms) == (
        False, 160, 424, 0.5)
    assert (o.faults.drop_after, o.faults.plain_6700_ext, o.tamper_dg, o.clone) == (
        30, True, 2, True)
    assert o.aa_key == "rsa2048"


def test_can_flag_sets_the_last_six_digits_of_the_id_number():
    chip = build_chip(_args("--can", "654321"))
    assert chip.access_data.can == "654321"
    assert chip.person.id_number.endswith("654321")
    assert "654321" in chip.access_data.mrz  # the TD1 optional data holds the ID number


def test_person_file_with_portrait(tmp_path):
    (tmp_path / "face.jpg").write_bytes(b"\xff\xd8 not really a jpeg \xff\xd9")
    (tmp_path / "p.json").write_text(json.dumps({
        "full_name": "Lê Thị Mẫu", "id_number": "001180000777", "date_of_birth": "01/02/1980",
        "portrait": "face.jpg"}), encoding="utf-8")
    chip = build_chip(_args("--person", str(tmp_path / "p.json")))
    assert chip.access_data.can == "000777"
    assert chip.files.emrtd["DG2"].endswith(b"\xff\xd8 not really a jpeg \xff\xd9")
    assert "LE<<THI<MAU" in chip.access_data.mrz


@pytest.mark.parametrize("argv", [["--can", "12345"], ["--tamper", "DG17"],
                                  ["--fault", "boom:1"], ["--curve", "curve25519"]])
def test_bad_flags_are_value_errors(argv):
    with pytest.raises(ValueError):
        build_chip(_args(*argv))


def test_issue_14_and_15_flags_reach_the_chip():
    chip = build_chip(_args("--quirk", "ends-sm-on-error", "--quirk", "no-sfi", "--hide", "DG2",
                            "--clone", "--csca-country", "FR"))
    o = chip.options
    assert o.quirks == frozenset({"ends-sm-on-error", "no-sfi"})
    assert (o.hidden_dgs, o.clone, o.csca_country) == (frozenset({2}), True, "FR")
    assert "DG2" not in chip.files.emrtd


def test_list_quirks_prints_one_line_per_quirk_and_needs_no_reader(capsys):
    from icao.chip.quirks import QUIRKS
    from kiosk.cli import main

    assert main(["chip", "--list-quirks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(QUIRKS)


@pytest.mark.parametrize("argv", [["--quirk", "nonsense"], ["--hide", "DG99"],
                                  ["--csca-country", "France"],
                                  ["--quirk", "pace-only", "--access", "bac"]])
def test_bad_issue_14_and_15_flags_are_value_errors(argv):
    with pytest.raises(ValueError):
        build_chip(_args(*argv))


def test_link_flags_build_the_iso14443_model():
    chip = build_chip(_args("--link-kbps", "106", "--fsc", "128", "--fsd", "64",
                            "--compute-ms", "ecdh=90", "--compute-ms", "rsa1024=45"))
    link = chip.options.link
    assert (link.kbps, link.fsc, link.fsd) == (106, 128, 64)
    assert (link.compute.ecdh_ms, link.compute.rsa1024_ms, link.compute.ecdsa_ms) == (
        90.0, 45.0, 148.0)


@pytest.mark.parametrize("argv", [["--link-kbps", "106", "--fsc", "100"],
                                  ["--link-kbps", "106", "--compute-ms", "sha=1"],
                                  ["--link-kbps", "106", "--compute-ms", "ecdh=fast"],
                                  ["--reader-model", "acr122"]])
def test_bad_link_and_reader_flags_are_value_errors(argv):
    with pytest.raises(ValueError):
        build_chip(_args(*argv))


def test_list_reader_models(capsys):
    from kiosk.cli import main

    assert main(["chip", "--list-reader-models"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == ["ideal", "short-apdu", "buffer-261", "timeout-6f00"]
