"""nfc.vpcd: a handler becomes a card that pcscd sees, answers and loses on demand."""

from __future__ import annotations

from nfc.readers import list_readers, wait_card_present
from nfc.vpcd import DEFAULT_ATR, reader_name


def ok_handler(apdu: bytes) -> bytes:
    return b"\x90\x00"


def test_card_is_present_with_its_atr_then_gone_after_remove(virtual_card):
    with virtual_card(ok_handler, slot=0) as card:
        assert card.reader == "Virtual PCD 00 00"
        info = {r.name: r for r in list_readers()}[card.reader]
        assert info.card_present is True
        assert info.is_virtual is True
        assert info.atr == DEFAULT_ATR
        card.remove()
        info = {r.name: r for r in list_readers()}[card.reader]
        assert info.card_present is False
        assert info.atr is None
        card.insert()
        assert wait_card_present(card.reader, True, 0) is True
    assert wait_card_present(reader_name(0), False, 0) is True


def test_waiting_on_any_reader_sees_a_card_in_the_second_slot(virtual_card):
    import time

    import pytest

    from nfc.errors import ReaderUnavailable

    assert wait_card_present(None, False, 0) is True  # no card in any reader
    with virtual_card(ok_handler, slot=1):
        assert wait_card_present(None, True, 0) is True  # slot 1 holds one
        started = time.monotonic()
        assert wait_card_present(None, False, 0.3) is False  # bounded: the card stays
        assert 0.3 <= time.monotonic() - started < 1.5
        assert wait_card_present(reader_name(0), True, 0) is False  # not that reader's
        with pytest.raises(ReaderUnavailable, match="2 readers match 'Virtual PCD'"):
            wait_card_present("Virtual PCD", True, 0)
    assert wait_card_present(None, False, 0) is True
