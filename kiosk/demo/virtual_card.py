"""Plug an emulated chip (icao.chip) into the vpcd virtual reader (nfc.vpcd)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from icao.chip import ChipRemoved, EmulatedChip
from kiosk.demo.reader_models import ReaderBridge, ReaderModel
from nfc.vpcd import VirtualCard

#: vpcd's first slot (docs/reference/RIG.md): the reader pcscd names "Virtual PCD 00 00".
DEMO_READER = "Virtual PCD 00 00"
DEMO_PORT = 35963


def plug_in(chip: EmulatedChip, port: int,
            call: Callable[[bytes], bytes] | None = None, *,
            reader: str | ReaderModel | None = None) -> VirtualCard:
    """Wrap the chip for vpcd (not yet inserted): power events reset it; a drop fault pulls the
    card for about a second, as a citizen lifting it and putting it back would.

    `reader` puts a reader model between vpcd and the chip (kiosk.demo.reader_models:
    "short-apdu", "buffer-261", "timeout-6f00"; default: none). `call` (default: the chip
    behind that reader) lets a benchmark interpose a timing wrapper.
    """
    holder: dict[str, VirtualCard] = {}
    through: Callable[[bytes], bytes] = chip if reader is None else ReaderBridge(chip, reader)

    def handler(apdu: bytes) -> bytes:
        try:
            return (call or through)(apdu)
        except ChipRemoved:
            card = holder["card"]
            card.remove()  # the card leaves the field; the citizen puts it back a second later
            timer = threading.Timer(1.0, card.insert)
            timer.daemon = True
            timer.start()
            return b"\x6f\x00"

    card = VirtualCard(handler, port=port, atr=chip.atr, on_power_on=chip.power_on,
                       on_power_off=chip.power_off, on_reset=chip.reset)
    holder["card"] = card
    return card
