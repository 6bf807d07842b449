"""Capabilities first (issue 15 item 1): the ATR/ATS, EF.ATR/INFO and the reader profile decide
whether extended-length APDUs are sent, before the first long read; the Document says where
the decision came from. In process, plus through pcscd + vpcd for the ATR."""

from __future__ import annotations

import pytest

from icao import tlv
from icao.chip import ChipTransport
from icao.errors import ParseError
from icao.reader import DEFAULT_FILES, ReadOptions, read
from icao.reading.capabilities import AtrInfo, max_plain, parse_atr_info
from tests.icao.chip.support import can_key, chip_file, make_chip
from tests.icao.reading.reader_support import Strict, lenient

NO_EXT_CAPS = tlv.encode(0x47, bytes([0x00, 0x00, 0x80]))  # chaining, no extended Lc/Le
EXT_CAPS = tlv.encode(0x47, bytes([0x00, 0x00, 0xC0]))
BUFFERS_1K = tlv.encode(0x7F66, tlv.encode(0x02, b"\x04\x00") + tlv.encode(0x02, b"\x04\x00"))


def _extended(cmd: bytes) -> bool:
    return len(cmd) > 6 and cmd[4] == 0


class _WithAtrInfo:
    """The chip with an EF.ATR/INFO (SFI 01) holding `content`, answered before any session."""

    def __init__(self, handler, content: bytes):
        self.handler, self.content = handler, content
        self.power_on = handler.power_on

    def __call__(self, apdu: bytes) -> bytes:
        if apdu[:4] == bytes.fromhex("00B08100"):
            return self.content + b"\x90\x00"
        return self.handler(apdu)


class _AtrSays(ChipTransport):
    """An in-process transport whose card announces `extended` in its ATR (as PcscTransport
    reports it from the historical bytes)."""

    def __init__(self, handler, extended: bool | None, **kw):
        super().__init__(handler, **kw)
        self.extended_length = extended


def test_parse_atr_info_reads_card_capabilities_and_the_buffer_sizes():
    assert parse_atr_info(NO_EXT_CAPS) == AtrInfo(False)
    assert parse_atr_info(EXT_CAPS + BUFFERS_1K + b"\x00\x00\xff") == AtrInfo(True, 1024, 1024)
    assert parse_atr_info(BUFFERS_1K) == AtrInfo(True, 1024, 1024)  # 7F66 implies support
    assert parse_atr_info(tlv.encode(0x46, b"\x01")) == AtrInfo(None)
    with pytest.raises(ParseError):
        parse_atr_info(tlv.encode(0x7F66, tlv.encode(0x02, b"\x04\x00")))


def test_max_plain_fits_a_protected_answer_in_the_response_buffer():
    # 1024-byte buffer: 21 bytes of SM and status around the padded data
    assert max_plain(1024) == 991 and max_plain(100) == 223


def test_an_atr_without_extended_length_means_no_extended_apdu_and_no_restart():
    strict = Strict(lenient(ext_length=False))
    log: list = []
    doc = read(_AtrSays(strict, False, log=log), can_key(strict))
    assert not any(_extended(c) for c, _ in log)
    assert not any(c[:4] == bytes.fromhex("00B08100") for c, _ in log)  # nothing to learn
    assert doc.session_restarts == 0 and strict.ended == 0
    caps = doc.capabilities
    assert (caps.extended_length, caps.source, caps.atr) == (False, "atr", False)
    assert doc.active_auth.status == "passed" and doc.chip_auth.status == "passed"


def test_ef_atr_info_saying_no_is_honoured_when_the_atr_says_nothing():
    strict = Strict(lenient(ext_length=False))
    log: list = []
    doc = read(ChipTransport(_WithAtrInfo(strict, NO_EXT_CAPS), log=log), can_key(strict))
    assert not any(_extended(c) for c, _ in log)
    assert doc.session_restarts == 0
    caps = doc.capabilities
    assert (caps.extended_length, caps.source, caps.ef_atr_info) == (False, "ef.atr", False)


def test_ef_atr_info_buffer_sizes_cap_the_extended_read_size():
    chip = make_chip()
    log: list = []
    doc = read(ChipTransport(_WithAtrInfo(chip, EXT_CAPS + BUFFERS_1K), log=log),
               can_key(chip))
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    caps = doc.capabilities
    assert (caps.extended_length, caps.source) == (True, "ef.atr")
    assert (caps.max_command, caps.max_response, caps.max_read) == (1024, 1024, 991)
    # every protected answer fit the announced buffer
    assert max(len(r) for _, r in log) <= 1024


def test_the_atr_saying_yes_with_the_reader_profile_saying_no():
    chip = make_chip()
    log: list = []
    doc = read(_AtrSays(chip, True, log=log), can_key(chip),
               options=ReadOptions(extended=False))
    assert not any(_extended(c) for c, _ in log)
    assert (doc.capabilities.source, doc.capabilities.atr, doc.capabilities.reader) == (
        "reader profile", True, False)


def test_an_atr_announcing_extended_length_is_used():
    chip = make_chip()
    doc = read(_AtrSays(chip, True), can_key(chip))
    assert (doc.capabilities.extended_length, doc.capabilities.source) == (True, "atr")
    assert doc.read_size == 65536


def test_nothing_announced_is_probed():
    chip = make_chip()
    doc = read(ChipTransport(chip), can_key(chip))
    assert (doc.capabilities.extended_length, doc.capabilities.source) == (True, "probed")


def _placed(virtual_card, handler, chip):
    return virtual_card(handler, slot=0, atr=chip.atr, on_power_on=handler.power_on,
                        on_power_off=handler.power_on, on_reset=handler.power_on)


def test_through_pcscd_the_atr_of_a_chip_without_extended_length_is_honoured(virtual_card):
    from nfc.trace import ApduTrace
    from nfc.transport import PcscTransport

    strict = Strict(lenient(ext_length=False))
    trace = ApduTrace()
    with _placed(virtual_card, strict, strict.chip) as card, \
            PcscTransport(card.reader, hooks=[trace]) as t:
        doc = read(t, can_key(strict))
    assert all(doc.files[n] == chip_file(strict.chip, n) for n in DEFAULT_FILES)
    assert (doc.capabilities.extended_length, doc.capabilities.source) == (False, "atr")
    assert doc.session_restarts == 0 and strict.ended == 0
    assert doc.active_auth.status == "passed"
    assert trace.records and not any(r.extended for r in trace.records)
