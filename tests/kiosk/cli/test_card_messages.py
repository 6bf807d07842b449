"""Card commands through pcscd and the vpcd virtual reader (issue 18 items 3 and 4): a refused
CAN counts the tries left in words, a blocked one leads to the MRZ; `kiosk chip` says ready only
once pcscd shows the card; `kiosk read --wait` waits for a card that comes later."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from icao.chip import ChipOptions, EmulatedChip
from kiosk.cli import main

pytestmark = pytest.mark.pcsc
REPO = Path(__file__).resolve().parents[3]


def _chip(**options) -> EmulatedChip:
    return EmulatedChip(ChipOptions(profile="vn-cccd", **options))


def test_a_wrong_can_says_the_tries_left_and_a_blocked_one_the_mrz(virtual_card, capsys):
    chip = _chip(password_tries=2)
    with virtual_card(chip, slot=0, on_power_on=chip.power_on, on_reset=chip.reset) as card:
        assert main(["read", "--reader", card.reader, "--can", "000000"]) == 4
        assert capsys.readouterr().err == (
            "kiosk: error: --can: the card refused this CAN (1 try left) [SW=63C1 step "
            "pace-token]. Check the 6 digits (the last 6 of the 12-digit ID number): each "
            "wrong try uses one up\n")
        assert main(["read", "--reader", card.reader, "--can", "000000"]) == 4
        assert capsys.readouterr().err == (
            "kiosk: error: the card has blocked its CAN after too many wrong tries [SW=63C0 "
            "step pace-token]: open it with the MRZ instead (--mrz, or --doc with --birth and "
            "--expiry), or the holder takes the card to the police office that issued it\n")
        # the advice holds: the MRZ opens the card
        # (only the opening is tested here: --no-verify, the verdict has its own tests)
        assert main(["read", "--reader", card.reader, "--mrz", chip.access_data.mrz,
                     "--files", "DG1", "--json", "--no-verify"]) == 0
        assert json.loads(capsys.readouterr().out)["access"]["password"] == "mrz"


def test_kiosk_chip_says_ready_only_when_pcscd_shows_the_card(pcscd):
    from nfc.readers import list_readers, wait_card_present
    from nfc.vpcd import reader_name

    assert wait_card_present(reader_name(0), False, 10)
    chip = subprocess.Popen([sys.executable, "-m", "kiosk", "chip", "--seconds", "1"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert chip.stdout is not None
        for line in chip.stdout:
            if line.startswith("Card in the virtual reader"):
                break
        else:  # pragma: no cover - the ready line never came
            pytest.fail(f"no ready line: {chip.stderr.read() if chip.stderr else ''}")
        # at once, no waiting: a script that reads now finds the card
        present = {r.name: r.card_present for r in list_readers()}
        assert present[reader_name(0)] is True
    finally:
        assert chip.wait(20) == 0
    assert wait_card_present(reader_name(0), False, 10)


def test_kiosk_read_waits_for_a_card_that_comes_later(pcscd, capsys):
    from kiosk.demo import plug_in
    from nfc.readers import wait_card_present
    from nfc.vpcd import SLOT_PORTS, reader_name

    assert wait_card_present(reader_name(0), False, 10)
    chip = _chip()
    card = plug_in(chip, SLOT_PORTS[0])
    timer = threading.Timer(0.6, card.insert)  # the card arrives after the read started
    started = time.monotonic()
    timer.start()
    try:
        code = main(["read", "--can", chip.access_data.can, "--files", "DG1", "--json",
                     "--wait", "10", "--no-verify"])
    finally:
        timer.cancel()
        card.stop()
    assert code == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["files"]["DG1"] > 0
    assert time.monotonic() - started < 10  # it went on as soon as the card was there
    assert wait_card_present(reader_name(0), False, 10)
    # --wait 0: no card, no waiting: the read's own "no card" error at once
    started = time.monotonic()
    assert main(["read", "--reader", reader_name(0), "--can", "123456", "--wait", "0"]) == 3
    assert time.monotonic() - started < 2
    assert capsys.readouterr().err.startswith("kiosk: error: ")


def test_wait_for_card_is_bounded(pcscd):
    from kiosk.cli.card_wait import wait_for_card
    from nfc.vpcd import reader_name

    started = time.monotonic()
    assert wait_for_card(reader_name(1), 0.3) is False
    assert 0.3 <= time.monotonic() - started < 1.5
