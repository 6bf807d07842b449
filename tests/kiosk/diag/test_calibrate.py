"""Calibration through pcscd + vpcd + the emulated chip writes the profile the chip needs."""

from __future__ import annotations

from icao.chip import ChipOptions, Faults
from icao.keys import AccessKey
from kiosk.config import load_config
from kiosk.diag.calibrate import Candidates, apply, calibrate, render_text
from kiosk.diag.profiles import reader_setup
from kiosk.diag.runner import instrumented_read

from .conftest import READER

SMALL = Candidates(max_reads=(65536, 1024, 224, 160), fallback_reads=(128,),
                   timeouts=(1.0, 5.0), retries=(0, 2))


def test_chip_without_extended_length_and_le_capped_at_160_gets_a_profile_without_either(
        chip_in_reader, tmp_path):
    options = ChipOptions(profile="vn-cccd", ext_length=False, max_le=160)
    with chip_in_reader(options) as (_card, chip):
        key = AccessKey.from_can(chip.access_data.can)
        cal = calibrate(READER, key, runs=2, candidates=SMALL)
        assert cal.model == "Virtual PCD"
        assert cal.profile.extended_length is False
        assert cal.profile.max_read == 160
        assert cal.profile.apdu_timeout_s == 1.0  # slowest APDU is milliseconds here
        assert cal.profile.retries == 1  # no reconnect seen: the floor of one
        assert (cal.verification.successes, cal.verification.runs) == (2, 2)
        ext_on, ext_off = cal.trials[0], cal.trials[1]
        assert ext_on.setting.extended and not ext_off.setting.extended
        assert ext_off.successes == 2 and ext_off.read_sizes == (160,)
        assert [t.setting.max_read for t in cal.trials if t.dimension == "max_read"] == [224, 160]
        assert "extended length off" in cal.reasons[0]

        # --apply: the profile lands in the config, keyed by model, and the read uses it.
        config_file = tmp_path / "kiosk.toml"
        applied = apply(cal, str(config_file))
        assert applied.applied_to == str(config_file)
        config = load_config(str(config_file))
        profile = config.reader.profile_for("Virtual PCD 00 01")  # same model, other slot
        assert profile == cal.profile
        setup = reader_setup(config, READER)
        assert (setup.extended, setup.max_read, setup.apdu_timeout_s, setup.retries) == (
            False, 160, 1.0, 1)
        options_used = setup.read_options()
        assert (options_used.extended, options_used.max_read, options_used.max_reconnects) == (
            False, 160, 1)
        run = instrumented_read(READER, key, options=options_used,
                                timeout=setup.apdu_timeout_s)
        assert run.ok and run.extended_sent == 0 and run.read_size == 160
        text = render_text(applied)
        assert 'reader.profiles."Virtual PCD"' in text and str(config_file) in text


def test_faults_every_n_apdus_give_retries_and_extended_length_stays_on_when_it_works(
        chip_in_reader):
    options = ChipOptions(profile="vn-cccd", faults=Faults(drop_every=150))
    few = Candidates(max_reads=(65536, 160), fallback_reads=(), timeouts=(5.0,),
                     retries=(0, 2))
    with chip_in_reader(options) as (_card, chip):
        key = AccessKey.from_can(chip.access_data.can)
        cal = calibrate(READER, key, runs=2, candidates=few)
    assert sum(t.reconnects for t in cal.trials) >= 1  # the faults were really hit
    assert cal.profile.extended_length is True
    assert cal.profile.max_read == 65536
    assert cal.profile.retries >= 1
    assert cal.verification.successes == cal.verification.runs == 2


def test_cli_calibrate_apply_on_a_chip_without_extended_length_le_160_and_faults(
        chip_in_reader, tmp_path, capsys):
    import json

    from kiosk.cli import main

    config_file = tmp_path / "kiosk.toml"
    options = ChipOptions(profile="vn-cccd", ext_length=False, max_le=160,
                          faults=Faults(drop_every=300))
    with chip_in_reader(options) as (_card, chip):
        code = main(["diag", "calibrate", "--reader", "PCD 00 00", "--can",
                     chip.access_data.can, "--runs", "2", "--apply", "--config",
                     str(config_file), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert doc["kind"] == "diag.calibrate" and doc["model"] == "Virtual PCD"
    assert doc["applied_to"] == str(config_file)
    assert sum(t["reconnects"] for t in doc["trials"]) >= 1
    profile = load_config(str(config_file)).reader.profiles["Virtual PCD"]
    assert profile.extended_length is False and profile.max_read <= 160
    assert profile.retries >= 2  # a fault was seen: the smallest working count plus one
    assert doc["profile"] == {"extended_length": False, "max_read": profile.max_read,
                              "apdu_timeout_s": profile.apdu_timeout_s,
                              "retries": profile.retries}
    assert doc["verification"]["successes"] == 2


def test_a_wrong_can_stops_calibration_after_one_try(chip_in_reader, capsys):
    from kiosk.cli import main

    with chip_in_reader(ChipOptions(profile="vn-cccd")) as (_card, chip):
        wrong = "000000" if chip.access_data.can != "000000" else "111111"
        code = main(["diag", "calibrate", "--reader", READER, "--can", wrong, "--runs", "3"])
        err = capsys.readouterr().err
        # the next read with the right CAN sees the chip's counter: one try was spent (63C2)
        run = instrumented_read(READER, AccessKey.from_can(chip.access_data.can))
    assert code == 4
    assert "AccessDenied" in err and "try counter is not used up" in err
    assert wrong not in err
    assert run.ok
    mse = [r for r in run.records if (r.ins, r.p1, r.p2) == (0x22, 0xC1, 0xA4)]  # PACE
    assert [r.sw for r in mse] == [0x63C2]
