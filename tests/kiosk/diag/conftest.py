"""The emulated chip in vpcd slot 0, with faults that behave like a card leaving the field.

`chip_in_reader(ChipOptions(...))` yields (PlacedCard, EmulatedChip). A `drop-every` fault
makes the chip raise ChipRemoved; here that takes the card out of the reader (the socket
closes, pcscd sees the slot empty) and puts it back as soon as pcscd has seen it gone, as a
citizen who lifted the card a moment would. No fixed sleeps: each step waits on pcscd.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from icao.chip import ChipOptions, ChipRemoved, EmulatedChip
from kiosk.config import Config, KioskSettings

READER = "Virtual PCD 00 00"


@pytest.fixture
def chip_in_reader(virtual_card) -> Callable[..., Any]:
    @contextmanager
    def factory(options: ChipOptions) -> Iterator[tuple[Any, EmulatedChip]]:
        from nfc.readers import wait_card_present

        chip = EmulatedChip(options)
        holder: dict[str, Any] = {}

        def put_back() -> None:
            card = holder["card"]
            if wait_card_present(READER, False, 10.0):
                card.vpcd.insert()

        def handler(apdu: bytes) -> bytes:
            try:
                return chip(apdu)
            except ChipRemoved:
                holder["card"].vpcd.remove()
                threading.Thread(target=put_back, daemon=True).start()
                return b"\x6f\x00"

        with virtual_card(handler, slot=0, on_power_on=chip.power_on,
                          on_power_off=chip.power_off, on_reset=chip.reset) as card:
            holder["card"] = card
            yield card, chip

    return factory


@pytest.fixture
def training_config() -> Config:
    """Defaults, but in training mode so that the virtual reader is allowed."""
    return Config(kiosk=KioskSettings(training_mode=True))
