"""nfc.trace: records keep header, lengths, SW and timing; data only when asked for."""

from __future__ import annotations

import logging

from nfc.trace import ApduTrace, command_lengths, log_hook, make_record
from nfc.transport import PcscTransport

SECRET = bytes.fromhex("4E47555945 4E56414E41".replace(" ", ""))  # stands for personal data


def test_command_lengths_cover_iso7816_cases():
    assert command_lengths(bytes.fromhex("00A40000")) == (0, None, False)
    assert command_lengths(bytes.fromhex("00B0000000")) == (0, 256, False)
    assert command_lengths(bytes.fromhex("00A4020C02011E")) == (2, None, False)
    assert command_lengths(bytes.fromhex("00A4020C02011E00")) == (2, 256, False)
    assert command_lengths(bytes.fromhex("00B00000000000")) == (0, 65536, True)
    assert command_lengths(bytes.fromhex("00D6000000000201020400")) == (2, 1024, True)


def test_redacted_record_has_no_data_and_summary_shows_none():
    rec = make_record(1, "command", bytes.fromhex("00D60000") + bytes([len(SECRET)]) + SECRET,
                      SECRET + b"\x90\x00", 0.00025, None, redact=True)
    assert (rec.cla, rec.ins, rec.p1, rec.p2, rec.lc, rec.le) == (0, 0xD6, 0, 0, 10, None)
    assert (rec.response_length, rec.sw, rec.duration_ms) == (10, 0x9000, 0.25)
    assert rec.command is None and rec.response is None
    for text in (repr(rec), rec.summary()):
        assert SECRET.hex() not in text.lower() and "NGUYEN" not in text
    assert rec.summary() == "#1 command 00 D6 00 00 Lc=10 Le=- -> 10B SW=9000 0.250ms"


def test_unredacted_record_keeps_bytes_for_the_lab_but_not_in_repr_or_log():
    apdu = bytes.fromhex("00D60000") + bytes([len(SECRET)]) + SECRET
    rec = make_record(7, "command", apdu, SECRET + b"\x90\x00", 0.001, None, redact=False)
    assert rec.command == apdu and rec.response == SECRET + b"\x90\x00"
    assert SECRET.hex() not in repr(rec).lower()


def test_transport_traces_every_exchange_redacted_by_default(virtual_card, caplog):
    trace = ApduTrace()
    update = bytes.fromhex("00D60000") + bytes([len(SECRET)]) + SECRET
    with virtual_card(lambda a: SECRET + b"\x90\x00") as card:
        with caplog.at_level(logging.DEBUG, logger="nfc"):
            with PcscTransport(card.reader, hooks=[trace, log_hook]) as t:
                t.transmit(update)
        with PcscTransport(card.reader, hooks=[trace], redact_trace=False) as t:
            t.transmit(update)
    first, second = trace.records
    assert (first.seq, first.kind, first.ins, first.lc, first.response_length, first.sw) == (
        1, "command", 0xD6, 10, 10, 0x9000)
    assert first.command is None and first.response is None
    assert first.duration_ms > 0
    assert second.command == update and second.response == SECRET + b"\x90\x00"
    assert "00 D6 00 00 Lc=10" in caplog.text
    assert SECRET.hex() not in caplog.text.lower()


def test_a_failing_hook_does_not_break_the_exchange(virtual_card, caplog):
    def bad_hook(record):
        raise RuntimeError("boom")

    with virtual_card(lambda a: b"\x90\x00") as card, \
            PcscTransport(card.reader, hooks=[bad_hook]) as t:
        assert t.transmit(bytes.fromhex("00A40000")).ok
    assert "APDU trace hook raised RuntimeError" in caplog.text
