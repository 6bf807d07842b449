"""nfc.transport.PcscTransport through real pcscd + vpcd: ATR, SW, 61xx/6Cxx, extended length,
bounds against hostile cards, card removal, silent cards and reconnect."""

from __future__ import annotations

import threading
import time

import pytest

from nfc.errors import ApduTimeout, CardRemoved, ReaderUnavailable, TransmitFailed
from nfc.response import Response
from nfc.trace import ApduTrace
from nfc.transport import PcscTransport, Transport
from nfc.vpcd import DEFAULT_ATR

SELECT_MF = bytes.fromhex("00A4000C023F00")


class Recorder:
    """A card handler that answers from a function and keeps every command it received."""

    def __init__(self, answer):
        self.answer = answer
        self.commands: list[bytes] = []

    def __call__(self, apdu: bytes) -> bytes:
        self.commands.append(apdu)
        return self.answer(apdu)


def test_trivial_card_answers_select_with_9000_and_transport_sees_its_atr(virtual_card):
    card_side = Recorder(lambda apdu: b"\x90\x00")
    with virtual_card(card_side, slot=0) as card, PcscTransport(card.reader) as t:
        assert isinstance(t, Transport)
        assert t.reader == "Virtual PCD 00 00"
        assert t.atr == DEFAULT_ATR
        assert t.protocol == 1
        assert t.extended_length is True
        r = t.transmit(SELECT_MF)
        assert r == Response(b"", 0x9000)
        assert r.ok and r.sw1 == 0x90 and r.sw2 == 0x00
        assert card_side.commands == [SELECT_MF]


def test_reader_by_unique_substring_and_first_reader_with_a_card(virtual_card):
    with virtual_card(lambda a: b"\x90\x00", slot=1):
        with PcscTransport("PCD 00 01") as t:
            assert t.reader == "Virtual PCD 00 01"
        with PcscTransport() as t:
            assert t.reader == "Virtual PCD 00 01"
        with PcscTransport.open("Virtual PCD 00 01", timeout_s=2.0) as t:
            assert (t.reader, t.timeout) == ("Virtual PCD 00 01", 2.0)
        with pytest.raises(ReaderUnavailable, match="2 readers match"):
            PcscTransport("Virtual PCD")
        with pytest.raises(ReaderUnavailable, match="No card in the reader"):
            PcscTransport("Virtual PCD 00 00")


def test_61xx_is_followed_by_get_response_and_data_concatenated(virtual_card):
    def answer(apdu: bytes) -> bytes:
        if apdu == bytes.fromhex("00B0000000"):
            return bytes(range(4)) + b"\x61\x04"
        if apdu == bytes.fromhex("00C0000004"):
            return bytes(range(4, 8)) + b"\x61\x10"
        if apdu == bytes.fromhex("00C0000010"):
            return bytes(range(8, 24)) + b"\x90\x00"
        return b"\x6d\x00"

    card_side = Recorder(answer)
    trace = ApduTrace()
    with virtual_card(card_side) as card, PcscTransport(card.reader, hooks=[trace]) as t:
        r = t.transmit(bytes.fromhex("00B0000000"))
    assert r == Response(bytes(range(24)), 0x9000)
    assert card_side.commands == [bytes.fromhex(h) for h in
                                  ("00B0000000", "00C0000004", "00C0000010")]
    assert [(x.kind, x.ins, x.le, x.sw, x.response_length) for x in trace.records] == [
        ("command", 0xB0, 256, 0x6104, 4),
        ("get-response", 0xC0, 4, 0x6110, 4),
        ("get-response", 0xC0, 16, 0x9000, 16),
    ]


def test_get_response_keeps_the_logical_channel_and_drops_sm_bits(virtual_card):
    def answer(apdu: bytes) -> bytes:
        return b"\x61\x02" if apdu[1] == 0xB0 else b"\xaa\xbb\x90\x00"

    card_side = Recorder(answer)
    with virtual_card(card_side) as card, PcscTransport(card.reader) as t:
        assert t.transmit(bytes.fromhex("0FB0000000")) == Response(b"\xaa\xbb", 0x9000)
        assert t.transmit(bytes.fromhex("4DB0000000")) == Response(b"\xaa\xbb", 0x9000)
    assert card_side.commands[1] == bytes.fromhex("03C0000002")
    assert card_side.commands[3] == bytes.fromhex("4DC0000002")


def test_6cxx_resends_the_command_with_the_exact_le(virtual_card):
    def answer(apdu: bytes) -> bytes:
        if apdu == bytes.fromhex("00B0000000"):
            return b"\x6c\x08"
        if apdu == bytes.fromhex("00B0000008"):
            return bytes(range(0x10, 0x18)) + b"\x90\x00"
        if apdu == bytes.fromhex("00CA5F2E"):  # case 1 told its Le
            return b"\x6c\x02"
        if apdu == bytes.fromhex("00CA5F2E02"):
            return b"\x01\x02\x90\x00"
        return b"\x6d\x00"

    card_side = Recorder(answer)
    with virtual_card(card_side) as card, PcscTransport(card.reader) as t:
        assert t.transmit(bytes.fromhex("00B0000000")) == Response(bytes(range(0x10, 0x18)), 0x9000)
        assert t.transmit(bytes.fromhex("00CA5F2E")) == Response(b"\x01\x02", 0x9000)
    assert card_side.commands == [bytes.fromhex(h) for h in
                                  ("00B0000000", "00B0000008", "00CA5F2E", "00CA5F2E02")]


def test_6cxx_to_a_secure_messaging_command_is_returned_not_resent(virtual_card):
    """A protected READ BINARY (CLA 0C) answered 6CA0 must reach the caller: re-sending it
    would replay its MAC and SSC, and the chip would end the session (6988)."""
    protected = bytes.fromhex("0CB000000D9701FF8E08A1A2A3A4A5A6A7A800")
    card_side = Recorder(lambda apdu: b"\x6c\xa0")
    with virtual_card(card_side) as card, PcscTransport(card.reader) as t:
        assert t.transmit(protected) == Response(b"", 0x6CA0)
    assert card_side.commands == [protected]


def test_endless_61xx_without_data_is_cut_after_the_round_bound(virtual_card):
    card_side = Recorder(lambda apdu: b"\x61\x00")
    with virtual_card(card_side) as card, PcscTransport(card.reader, max_chain_rounds=20) as t:
        with pytest.raises(TransmitFailed, match="kept announcing more data"):
            t.transmit(SELECT_MF)
        # the command plus exactly 20 GET RESPONSE rounds, then we stopped asking
        assert len(card_side.commands) == 21
        assert card_side.commands[1:] == [bytes.fromhex("00C0000000")] * 20


def test_endless_61xx_with_data_is_cut_at_the_byte_bound(virtual_card):
    card_side = Recorder(lambda apdu: bytes(256) + b"\x61\x00")
    with virtual_card(card_side) as card, PcscTransport(card.reader) as t:
        with pytest.raises(TransmitFailed):
            t.transmit(bytes.fromhex("00B0000000"))
    # 256 bytes per answer: 65536 after the command + 255 rounds; one more exceeds the cap
    assert len(card_side.commands) == 257


def test_extended_apdus_pass_through_both_ways(virtual_card):
    payload = bytes(i & 0xFF for i in range(3000))

    def answer(apdu: bytes) -> bytes:
        if apdu[1] == 0xD6:  # UPDATE BINARY, extended Lc: answer the length received
            return len(apdu).to_bytes(2, "big") + b"\x90\x00"
        if apdu[1] == 0xB0:  # READ BINARY, extended Le
            return bytes(i % 251 for i in range(int.from_bytes(apdu[5:7], "big"))) + b"\x90\x00"
        return b"\x6d\x00"

    card_side = Recorder(answer)
    write = bytes.fromhex("00D60000000BB8") + payload  # Lc = 3000 in 3 bytes
    read = bytes.fromhex("00B00000001400")  # Le = 5120
    with virtual_card(card_side) as card, PcscTransport(card.reader) as t:
        assert t.transmit(write) == Response((7 + 3000).to_bytes(2, "big"), 0x9000)
        r = t.transmit(read)
    assert card_side.commands == [write, read]
    assert r.sw == 0x9000 and r.data == bytes(i % 251 for i in range(5120))


def test_card_removed_between_commands_then_reconnect_resets_it(virtual_card):
    events: list[str] = []

    def card_side(apdu: bytes) -> bytes:
        events.append("apdu")
        return b"\x90\x00"

    with virtual_card(card_side, on_power_on=lambda: events.append("power-on"),
                      on_power_off=lambda: events.append("power-off"),
                      on_reset=lambda: events.append("reset")) as card:
        with PcscTransport(card.reader) as t:
            assert t.transmit(SELECT_MF).ok
            card.remove()
            with pytest.raises(CardRemoved) as err:
                t.transmit(SELECT_MF)
            assert isinstance(err.value, ConnectionError)
            card.insert()
            t.reconnect()
            assert t.transmit(SELECT_MF) == Response(b"", 0x9000)
    # powered at insertion, then powered down and up on connect (a cold reset: issue 15,
    # back-to-back reads), warm reset by reconnect() so an emulated chip restarts clean, and
    # powered down on close
    assert events == ["power-on", "power-off", "power-on", "apdu", "power-on", "reset",
                      "apdu", "power-off"]


def test_reconnect_without_a_card_says_to_place_it(virtual_card):
    with virtual_card(lambda a: b"\x90\x00") as card, PcscTransport(card.reader) as t:
        card.remove()
        with pytest.raises(ReaderUnavailable, match="No card in the reader after 0.2 s"):
            t.reconnect(timeout=0.2)


def test_t0_card_is_driven_in_t0_and_cannot_carry_extended_length(virtual_card):
    sim_atr = bytes.fromhex("3B1696BA000E010603")  # T=0 only (a Vinaphone SIM's ATR)

    def answer(apdu: bytes) -> bytes:
        return b"\x61\x02" if apdu[1] == 0xA4 else b"\x6f\x01\x90\x00"

    card_side = Recorder(answer)
    with virtual_card(card_side, atr=sim_atr) as card, PcscTransport(card.reader) as t:
        assert (t.protocol, t.extended_length, t.atr) == (0, False, sim_atr)
        assert t.transmit(SELECT_MF) == Response(b"\x6f\x01", 0x9000)
    assert card_side.commands == [SELECT_MF, bytes.fromhex("00C0000002")]


def test_pcsc_transport_satisfies_icaos_transport_contract(virtual_card):
    # nfc must not import icao; the contract is structural, so check it from the outside.
    import icao.apdu

    nfc_fields = [f.name for f in __import__("dataclasses").fields(Response)]
    icao_fields = [f.name for f in __import__("dataclasses").fields(icao.apdu.Response)]
    assert nfc_fields == icao_fields == ["data", "sw"]
    assert issubclass(CardRemoved, ConnectionError) and issubclass(ApduTimeout, TimeoutError)
    with virtual_card(lambda a: b"\x01\x02\x63\xc2") as card, PcscTransport(card.reader) as t:
        assert isinstance(t, icao.apdu.Transport)
        r = t.transmit(icao.apdu.Command(0x00, 0x88, 0, 0, b"\x00" * 8, le=256).to_bytes())
        assert (r.data, r.sw, r.sw1, r.sw2, r.ok) == (b"\x01\x02", 0x63C2, 0x63, 0xC2, False)


def test_card_vanishing_inside_a_command_gives_card_removed_not_a_hang(virtual_card):
    placed = []

    def vanish(apdu: bytes) -> bytes:
        if apdu[1] == 0xB0:
            placed[0].remove()  # the card leaves the field mid-exchange
        return b"\x90\x00"

    with virtual_card(vanish) as card:
        placed.append(card)
        # a short APDU timeout: confirming the removal must not count against it
        with PcscTransport(card.reader, timeout=0.3) as t:
            assert t.transmit(SELECT_MF).ok
            start = time.monotonic()
            with pytest.raises(CardRemoved, match="left the reader"):
                t.transmit(bytes.fromhex("00B0000000"))
            assert time.monotonic() - start < 2.0


def test_card_that_never_answers_gives_apdu_timeout_within_the_bound(virtual_card):
    release = threading.Event()

    def silent(apdu: bytes) -> bytes:
        if apdu[1] == 0xB0:
            release.wait(30)
        return b"\x90\x00"

    trace = ApduTrace()
    with virtual_card(silent) as card:
        try:
            with PcscTransport(card.reader, timeout=0.5, hooks=[trace]) as t:
                assert t.transmit(SELECT_MF).ok
                start = time.monotonic()
                with pytest.raises(ApduTimeout) as err:
                    t.transmit(bytes.fromhex("00B0000000"))
                elapsed = time.monotonic() - start
                assert 0.5 <= elapsed < 1.0
                assert isinstance(err.value, TimeoutError)
                assert trace.records[-1].error == "ApduTimeout"
                assert trace.records[-1].sw is None
                # the card wakes up; a fresh connection works again
                release.set()
                t.reconnect()
                assert t.transmit(SELECT_MF) == Response(b"", 0x9000)
        finally:
            release.set()


def test_handler_exception_answers_6f00(virtual_card, caplog):
    def broken(apdu: bytes) -> bytes:
        raise KeyError(apdu.hex())  # the message would leak APDU data if logged

    with virtual_card(broken) as card, PcscTransport(card.reader) as t:
        assert t.transmit(SELECT_MF) == Response(b"", 0x6F00)
    assert "KeyError" in caplog.text
    assert SELECT_MF.hex() not in caplog.text.lower()


def test_close_after_a_timeout_does_not_wait_for_the_stuck_card(virtual_card):
    release = threading.Event()

    def silent(apdu: bytes) -> bytes:
        release.wait(30)
        return b"\x90\x00"

    with virtual_card(silent) as card:
        try:
            t = PcscTransport(card.reader, timeout=0.3)
            with pytest.raises(ApduTimeout):
                t.transmit(SELECT_MF)
            start = time.monotonic()
            t.close()
            assert time.monotonic() - start < 0.1
            with pytest.raises(ReaderUnavailable, match="closed"):
                t.transmit(SELECT_MF)
        finally:
            release.set()


def test_transaction_keeps_other_programs_out_until_it_ends(virtual_card):
    card_side = Recorder(lambda apdu: b"\x90\x00")
    # the other program does not reset the card on connect: it shares it with us
    with virtual_card(card_side) as card, PcscTransport(card.reader) as mine, \
            PcscTransport(card.reader, timeout=0.3, reset=False) as other:
        with mine.transaction():
            assert mine.transmit(SELECT_MF).ok
            with pytest.raises(ApduTimeout):
                other.transmit(bytes.fromhex("00B0000000"))  # waits for our transaction
            assert mine.transmit(SELECT_MF).ok
        # the other program's command ran only after the transaction ended
        other.reconnect()
        assert other.transmit(SELECT_MF).ok
    assert card_side.commands[:2] == [SELECT_MF, SELECT_MF]
    assert bytes.fromhex("00B0000000") not in card_side.commands[:2]
