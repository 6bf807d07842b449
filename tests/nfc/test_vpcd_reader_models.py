"""Reader models in the rig (issue 15): a transmit that fails while the card stays, a reader
without extended length, a 261-byte buffer, a timeout answered 6F00; and `kiosk diag
calibrate` finding the profile each needs, through pyscard -> pcscd -> vpcd -> the chip."""

from __future__ import annotations

import time

import pytest
from smartcard import scard

from icao import iso7816
from icao.chip import ChipOptions, ChipTransport, EmulatedChip, LinkModel
from icao.errors import CardError, IcaoError
from icao.keys import AccessKey
from icao.reader import ReadOptions, read
from kiosk.demo import ReaderBridge, reader_model
from kiosk.diag.calibrate import Candidates, calibrate
from nfc import _pcsc
from nfc.errors import TransmitFailed
from nfc.readers import wait_card_present
from nfc.transport import PcscTransport
from nfc.vpcd import TransmitFailure
from tests.icao.chip.support import can_key, make_chip
from tests.icao.chip.test_card import bac_session, exchange

SMALL = Candidates(max_reads=(65536, 1024, 224, 160), fallback_reads=(128,),
                   timeouts=(1.0, 5.0), retries=(0, 2))


def _card(virtual_card, handler, chip: EmulatedChip):
    return virtual_card(handler, slot=0, atr=chip.atr, on_power_on=chip.power_on,
                        on_power_off=chip.power_off, on_reset=chip.reset)


# -- the mechanism: a failed transmit, the card still in the reader ------------------------------
def test_a_failed_transmit_leaves_the_card_present_powered_and_in_its_state(virtual_card):
    events: list[str] = []

    def handler(apdu: bytes) -> bytes:
        if apdu[1] == 0xB0:
            raise TransmitFailure("the reader cannot carry this")
        return b"\x90\x00"

    with virtual_card(handler, slot=0, on_power_on=lambda: events.append("on"),
                      on_power_off=lambda: events.append("off"),
                      on_reset=lambda: events.append("reset")) as card:
        with PcscTransport(card.reader, timeout=5) as transport:
            events.clear()
            assert transport.transmit(iso7816.select_aid().to_bytes()).sw == 0x9000
            t0 = time.perf_counter()
            with pytest.raises(TransmitFailed):
                transport.transmit(iso7816.read_binary(0, 4).to_bytes())
            waited = time.perf_counter() - t0
            assert wait_card_present(card.reader, True, 0)
            assert transport.transmit(iso7816.select_aid().to_bytes()).sw == 0x9000
            assert events == []  # no power-off, no reset: the card kept its state
        # PcscTransport's removal check (1 s) decides it was not a lost card
        assert 1.0 <= waited < 3.0
        assert events == ["off"]  # close() powers the card down for the next session


def test_pcscd_reports_the_failed_exchange_as_zero_bytes(virtual_card):
    def handler(apdu: bytes) -> bytes:
        if apdu[1] == 0xB0:
            raise TransmitFailure("no")
        return b"\x90\x00"

    with virtual_card(handler, slot=0) as card:
        _hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        try:
            hr, handle, _p = scard.SCardConnect(ctx, card.reader, scard.SCARD_SHARE_SHARED,
                                                scard.SCARD_PROTOCOL_T1)
            assert _pcsc.code(hr) == 0
            hr, answer = scard.SCardTransmit(handle, scard.SCARD_PCI_T1,
                                             list(iso7816.read_binary(0, 4).to_bytes()))
            assert (_pcsc.code(hr), bytes(answer)) == (0, b"")
            # pcscd's next presence poll (400 ms) takes the queued connection: the card is back
            assert wait_card_present(card.reader, True, 0)
            deadline = time.monotonic() + 2.0
            while True:
                hr, answer = scard.SCardTransmit(handle, scard.SCARD_PCI_T1,
                                                 list(iso7816.select_aid().to_bytes()))
                if _pcsc.code(hr) == 0 or time.monotonic() > deadline:
                    break
                assert _pcsc.code(hr) == _pcsc.E_NOT_TRANSACTED  # before that poll
                time.sleep(0.05)
            assert (_pcsc.code(hr), bytes(answer)) == (0, b"\x90\x00")
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        finally:
            scard.SCardReleaseContext(ctx)


# -- the models, in process -----------------------------------------------------------------------
def test_reader_models_are_named_and_unknown_names_refused():
    assert reader_model(None).name == "ideal"
    assert reader_model("Short-APDU").extended is False
    assert (reader_model("buffer-261").max_command, reader_model("buffer-261").max_response) \
        == (261, 261)
    assert reader_model("timeout-6f00").timeout_s == 1.0
    with pytest.raises(ValueError, match="unknown reader model 'acr122'"):
        reader_model("acr122")


def test_short_apdu_reader_never_lets_an_extended_command_reach_the_chip():
    chip = make_chip(access="bac")
    bridge = ReaderBridge(chip, "short-apdu")
    sm = bac_session(chip)
    before = chip.apdu_count
    with pytest.raises(TransmitFailure):
        bridge(sm.protect(iso7816.read_binary(0, 1000, sfi=2)))
    assert (chip.apdu_count, bridge.failed) == (before, 1)
    sm.ssc -= 1  # the command never left the reader: the chip's counter did not move
    answer = sm.unprotect(bridge(sm.protect(iso7816.read_binary(0, 100, sfi=2))))
    assert answer.data == chip.files.emrtd["DG2"][:100]


def test_buffer_261_fails_a_long_command_unseen_and_a_long_answer_after_the_chip_ran_it():
    chip = make_chip(access="bac")
    bridge = ReaderBridge(chip, "buffer-261")
    before = chip.apdu_count
    with pytest.raises(TransmitFailure):
        bridge(bytes([0x00, 0xA4, 0x04, 0x0C, 0xFF]) + bytes(255) + b"\x00\x00")  # 262 bytes
    assert chip.apdu_count == before
    sm = bac_session(chip)
    with pytest.raises(TransmitFailure):
        bridge(sm.protect(iso7816.read_binary(0, 400, sfi=2)))  # ~430-byte answer
    assert chip.apdu_count == before + 4  # SELECT, GET CHALLENGE, MUTUAL AUTH, the read
    # the chip counted the lost answer, the reader did not: the next MAC cannot match
    assert bridge(sm.protect(iso7816.read_binary(0, 200, sfi=2))) == b"\x69\x88"
    assert bridge.failed == 2


def test_timeout_6f00_answers_for_a_slow_chip_that_still_ran_the_command():
    slept: list[float] = []
    chip = EmulatedChip(ChipOptions(quirks={"slow-chip"}), files=make_chip().files,
                        sleep=slept.append)
    bridge = ReaderBridge(chip, "timeout-6f00")
    with pytest.raises(IcaoError) as info:
        read(ChipTransport(bridge, power_on=chip.power_on), can_key(chip))
    # PACE's mapping: 2 x 150 ms x 4 = 1.2 s > the reader's 1 s
    assert (info.value.sw, bridge.timeouts) == (0x6F00, 1)
    assert chip.timing.compute_s == pytest.approx(1.2)
    assert slept == [pytest.approx(1.0, abs=0.01)]  # the reader gave up at its timeout


def test_exchange_helper_still_reads_through_an_ideal_reader():
    chip = make_chip(access="bac")
    bridge = ReaderBridge(chip)
    sm = bac_session(chip)
    assert exchange(bridge, sm, iso7816.read_binary(0, 8, sfi=1)).data == \
        chip.files.emrtd["DG1"][:8]


# -- through pcscd: reads and calibration ----------------------------------------------------------
def test_a_read_through_a_short_apdu_reader_fails_with_extended_length_and_works_without(
        virtual_card):
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"), files=make_chip().files)
    bridge = ReaderBridge(chip, "short-apdu")
    with _card(virtual_card, bridge, chip) as card:
        with PcscTransport(card.reader, timeout=5) as transport:
            with pytest.raises(CardError) as info:
                read(transport, can_key(chip), options=ReadOptions(max_reconnects=0))
            assert isinstance(info.value.__cause__, TransmitFailed)
            transport.reconnect()
            doc = read(transport, can_key(chip), options=ReadOptions(extended=False))
    assert doc.files["DG2"] == chip.files.emrtd["DG2"]
    assert bridge.failed == 1


@pytest.mark.parametrize("model", ["short-apdu", "buffer-261"])
def test_calibration_gives_readers_that_cannot_carry_extended_reads_a_profile_without_them(
        virtual_card, model):
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"), files=make_chip().files)
    bridge = ReaderBridge(chip, model)
    with _card(virtual_card, bridge, chip) as card:
        cal = calibrate(card.reader, AccessKey.from_can(chip.access_data.can), runs=1,
                        candidates=SMALL)
    ext_on = cal.trials[0]
    # the read learns from the failed extended APDU and finishes short (icao.reader), but
    # the extended APDU was not carried: calibration turns extended length off
    assert ext_on.setting.extended
    assert ext_on.extended_sent > ext_on.extended_ok == 0
    assert cal.profile.extended_length is False
    assert cal.profile.max_read in (223, 160)  # 224 asked, 223 settled (AES short max)
    assert (cal.verification.successes, cal.verification.runs) == (1, 1)
    assert bridge.failed >= 1


def test_calibration_keeps_whole_file_reads_off_a_reader_that_times_out_at_106_kbits(
        virtual_card):
    # the modelled time decides (no real sleeping): DG2 (~20 KB) in one read is ~2 s at
    # 106 kbit/s, over the reader's 1 s; a 1024-byte read is ~0.1 s
    chip = EmulatedChip(ChipOptions(profile="vn-cccd", link=LinkModel(kbps=106)),
                        files=make_chip().files, sleep=lambda s: None)
    bridge = ReaderBridge(chip, "timeout-6f00")
    with _card(virtual_card, bridge, chip) as card:
        cal = calibrate(card.reader, AccessKey.from_can(chip.access_data.can), runs=1,
                        candidates=SMALL)
    sizes = {t.setting.max_read: t for t in cal.trials if t.dimension == "max_read"}
    assert sizes[65536].successes == 0 and sizes[1024].successes == 1
    assert cal.profile.extended_length is True
    assert cal.profile.max_read in (1024, 223, 160)
    assert (cal.verification.successes, cal.verification.runs) == (1, 1)
    assert bridge.timeouts >= 1
