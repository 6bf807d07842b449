"""Full reads of the emulated chip through pyscard -> pcscd -> vpcd, as with a real reader.

Run under the rig lock:  flock /tmp/kiosk-pcsc.lock .venv/bin/python -m pytest tests/integration
"""

from __future__ import annotations

import threading

import pytest

from icao.chip import ChipRemoved
from icao.reader import DEFAULT_FILES, read
from tests.icao.chip.support import can_key, chip_file, make_chip, mrz_key

pytestmark = pytest.mark.pcsc


def _placed(virtual_card, chip, handler=None):
    # slot 1: slot 0 holds the card the other tests of this module share (`chip_slot`)
    return virtual_card(handler or chip, slot=1, atr=chip.atr, on_power_on=chip.power_on,
                        on_power_off=chip.power_off, on_reset=chip.reset)


@pytest.mark.parametrize("profile,kind", [("vn-cccd", "can"), ("vn-cccd-2024", "can"),
                                          ("td3-passport", "mrz")])
def test_full_read_through_pcscd(chip_slot, profile, kind):
    from nfc.transport import PcscTransport

    chip = chip_slot.use(make_chip(profile=profile))
    key = can_key(chip) if kind == "can" else mrz_key(chip)
    with PcscTransport(chip_slot.reader) as transport:
        doc = read(transport, key)
    assert doc.access.protocol == "PACE"
    for name in DEFAULT_FILES:
        if name in chip.files.emrtd:
            assert doc.files[name] == chip_file(chip, name), name
    assert doc.chip_auth.status == "passed"
    assert doc.active_auth.status == "passed"
    assert doc.warnings == ()


def test_bac_through_pcscd_without_extended_length(chip_slot):
    from nfc.transport import PcscTransport

    chip = chip_slot.use(make_chip(access="bac", ext_length=False))
    with PcscTransport(chip_slot.reader) as transport:
        doc = read(transport, mrz_key(chip))
    assert doc.access.protocol == "BAC"
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    assert doc.read_size <= 231


def test_card_pulled_mid_read_is_put_back_and_the_read_resumes(virtual_card):
    """The card leaves the field in the middle of DG2 and comes back 0.3 s later."""
    from nfc.transport import PcscTransport

    chip = make_chip(ext_length=False)
    state = {"n": 0, "pulled": False}
    holder = {}

    def handler(apdu: bytes) -> bytes:
        state["n"] += 1
        if state["n"] == 40 and not state["pulled"]:
            state["pulled"] = True
            chip.power_on()
            holder["card"].vpcd.remove()
            timer = threading.Timer(0.3, holder["card"].vpcd.insert)
            timer.daemon = True
            timer.start()
            raise ChipRemoved("pulled")
        return chip(apdu)

    with _placed(virtual_card, chip, handler) as card, PcscTransport(card.reader) as transport:
        holder["card"] = card
        doc = read(transport, can_key(chip))
    assert state["pulled"]
    assert doc.reconnects == 1
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    assert doc.chip_auth.status == "passed"
