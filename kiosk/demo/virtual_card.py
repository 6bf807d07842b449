"""Plug an emulated chip (icao.chip) into the vpcd virtual reader (nfc.vpcd), and know when
pcscd sees it.

    plug_in(chip, port, call=None, reader=None) -> VirtualCard     not yet inserted
    wait_placed(card, port, timeout_s=5.0) -> str | None             None once pcscd sees it
    with placed(chip, slot=0, call=None) as reader: ...              a card for a block
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from icao.chip import ChipRemoved, EmulatedChip
from kiosk.demo.reader_models import ReaderBridge, ReaderModel
from nfc.errors import NfcError, ReaderUnavailable
from nfc.readers import wait_card_present
from nfc.vpcd import SLOT_PORTS, VirtualCard, reader_name

#: vpcd's first slot (docs/reference/RIG.md): the reader pcscd names "Virtual PCD 00 00".
DEMO_READER = "Virtual PCD 00 00"
DEMO_PORT = 35963
#: How long pcscd may take to see a card placed: it polls vpcd every ~400 ms (RIG.md).
PLACED_TIMEOUT_S = 5.0


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


def wait_placed(card: VirtualCard, port: int,
                timeout_s: float = PLACED_TIMEOUT_S) -> str | None:
    """Wait (bounded) until vpcd took the inserted `card` on TCP `port` and pcscd reports it
    in that slot's reader. None when it does; else what is wrong, in words a technician can
    act on (which of vpcd and pcscd did not see it)."""
    if not card.wait_connected(timeout_s):
        return (f"vpcd is not listening on TCP {port}: is pcscd running with "
                "vsmartcard-vpcd installed (`kiosk diag readers`)?")
    slot = next((s for s, p in SLOT_PORTS.items() if p == port), None)
    if slot is None:
        return None  # a vpcd on another port: its reader's name is not ours to know
    try:
        present = wait_card_present(reader_name(slot), True, timeout_s)
    except NfcError as exc:
        return f"pcscd does not show the virtual reader {reader_name(slot)!r}: {exc}"
    if not present:
        return (f"vpcd took the card on TCP {port}, but pcscd did not report it in "
                f"{reader_name(slot)!r} within {timeout_s:g} s (`kiosk diag readers`)")
    return None


@contextmanager
def placed(chip: EmulatedChip, *, slot: int = 0, call: Callable[[bytes], bytes] | None = None,
           empty_wait_s: float = 2.0) -> Iterator[str]:
    """`chip` in vpcd's reader `slot` for the block (the benches and the soak); yields the
    reader's name. The reader must be empty first (a card taken out a moment ago gets
    `empty_wait_s` to leave: pcscd polls); the card is in once pcscd sees it
    (`wait_placed`), and out, its absence seen, after the block. ReaderUnavailable says
    what is wrong."""
    reader, port = reader_name(slot), SLOT_PORTS[slot]
    if not wait_card_present(reader, False, empty_wait_s):
        raise ReaderUnavailable(f"{reader!r} already holds a card; remove it first.")
    card = plug_in(chip, port, call)
    card.insert()
    try:
        problem = wait_placed(card, port)
        if problem is not None:
            raise ReaderUnavailable(f"the emulated chip did not appear: {problem}")
        yield reader
    finally:
        card.stop()
        wait_card_present(reader, False, PLACED_TIMEOUT_S)
