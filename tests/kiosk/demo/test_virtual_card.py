"""kiosk.demo.virtual_card through pcscd + vpcd: the emulated chip placed for a block (the
benches and the soak), a reader that already holds a card refused, and a card swapped in the
demo reader (the next person of a two-person service)."""

from __future__ import annotations

import pytest

from icao.chip import ChipOptions, EmulatedChip
from kiosk.demo import DEMO_PORT, DEMO_READER, placed, plug_in, spouse_chip, wait_placed
from nfc.errors import ReaderUnavailable
from nfc.readers import list_readers, wait_card_present

pytestmark = pytest.mark.pcsc


def _present(reader: str) -> bool:
    return next(r.card_present for r in list_readers() if r.name == reader)


def test_placed_yields_the_reader_with_the_card_seen_and_takes_it_out_after(pcscd):
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
    with placed(chip) as reader:
        assert reader == DEMO_READER and _present(reader)  # pcscd sees it: no race
    assert not _present(DEMO_READER)  # gone, and pcscd has seen it go


def test_placed_refuses_a_reader_that_holds_a_card(pcscd):
    first = plug_in(EmulatedChip(ChipOptions(profile="vn-cccd")), DEMO_PORT)
    first.insert()
    try:
        assert wait_placed(first, DEMO_PORT) is None
        with pytest.raises(ReaderUnavailable, match="already holds a card; remove it first"):
            with placed(EmulatedChip(ChipOptions(profile="vn-cccd")), empty_wait_s=0.2):
                pass
    finally:
        first.stop()
        assert wait_card_present(DEMO_READER, False, 5)


def test_wait_placed_names_vpcd_when_nothing_listens(pcscd):
    card = plug_in(EmulatedChip(ChipOptions(profile="vn-cccd")), 1)  # no vpcd on TCP 1
    card.insert()
    try:
        assert wait_placed(card, 1, timeout_s=0.2) == (
            "vpcd is not listening on TCP 1: is pcscd running with vsmartcard-vpcd installed "
            "(`kiosk diag readers`)?")
    finally:
        card.stop()


def test_the_demo_core_swaps_the_card_for_the_spouses(pcscd, tmp_path):
    from icao.keys import AccessKey
    from kiosk.core import KioskCore
    from kiosk.reading import VerdictStatus
    from kiosk.soak import soak_config

    core = KioskCore(soak_config(tmp_path), demo=True)
    try:
        core.start_demo()
        assert wait_card_present(DEMO_READER, True, 10)
        core.place_demo_card(None)  # the first person takes their card
        assert core.virtual_card is None and wait_card_present(DEMO_READER, False, 5)
        spouse = spouse_chip()
        core.place_demo_card(spouse)
        assert wait_card_present(DEMO_READER, True, 10)
        read = core.reading.read(AccessKey.from_can(spouse.access_data.can))
        assert read.verdict.status is VerdictStatus.GENUINE
        assert read.identity is not None and read.identity.full_name == "Lê Văn Thử"
    finally:
        core.shutdown()
        wait_card_present(DEMO_READER, False, 5)
