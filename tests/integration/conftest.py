"""Fixtures of the integration tests: one card in vpcd slot 0 shared by a whole module.

Placing a card costs a pcscd presence poll each way (150-500 ms in, ~160 ms out, RIG.md);
tests that only need "this chip, in a reader" share one placed card and swap the emulated chip
behind it (`chip_slot.use(chip)`). Every read connects with a cold reset (nfc.PcscTransport),
so the new chip starts from power-on and pcscd reads its ATR afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from icao.chip import EmulatedChip
from tests.nfc.test_readers_driver import renamed_rig  # noqa: F401 - a fixture, shared here


class ChipSlot:
    """The card in vpcd slot 0 whose chip (and reader model) a test chooses."""

    def __init__(self) -> None:
        from nfc.vpcd import SLOT_PORTS, VirtualCard, reader_name

        self.reader = reader_name(0)
        self.chip: EmulatedChip | None = None
        self.bridge: Any = None  # the kiosk.demo.ReaderBridge of `reader_model`, if any
        self._through: Callable[[bytes], bytes] = lambda apdu: b"\x6f\x00"
        self.card = VirtualCard(self._apdu, port=SLOT_PORTS[0],
                                on_power_on=lambda: self._hook("power_on"),
                                on_power_off=lambda: self._hook("power_off"),
                                on_reset=lambda: self._hook("reset"))

    def use(self, chip: EmulatedChip, reader_model: str | None = None) -> EmulatedChip:
        """Put `chip` (behind `reader_model`, kiosk.demo.reader_models) in the reader."""
        from kiosk.demo import ReaderBridge

        self.chip = chip
        self.card.atr = chip.atr
        self.bridge = None if reader_model is None else ReaderBridge(chip, reader_model)
        self._through = self.bridge or chip
        return chip

    def _apdu(self, apdu: bytes) -> bytes:
        return self._through(apdu)

    def _hook(self, name: str) -> None:
        if self.chip is not None:
            getattr(self.chip, name)()


@pytest.fixture(scope="module")
def chip_slot(pcscd: list[str]) -> Iterator[ChipSlot]:
    from nfc.readers import wait_card_present

    slot = ChipSlot()
    if not wait_card_present(slot.reader, False, 10):
        pytest.fail(f"{slot.reader!r} holds a card from elsewhere")
    slot.card.insert()
    try:
        if not (slot.card.wait_connected(10) and wait_card_present(slot.reader, True, 10)):
            pytest.fail(f"the shared card did not appear in {slot.reader!r}")
        yield slot
    finally:
        slot.card.stop()
        wait_card_present(slot.reader, False, 10)


def pytest_collection_modifyitems(config: pytest.Config, items: list[Any]) -> None:
    for item in items:
        if "chip_slot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pcsc)
