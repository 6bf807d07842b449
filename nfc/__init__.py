"""PC/SC through pyscard: readers, card events, the transport `icao` talks to, and the bridge
that runs an emulated card in pcscd's vpcd virtual reader. Nothing here knows ICAO.

Public API::

    PcscTransport(reader=None, *, timeout=10.0, hooks=(), redact_trace=True, reset=True)
        .transmit(apdu, *, budget=None) -> Response, .transaction(), .reconnect(timeout=5.0),
        .close(), .atr, .protocol, .extended_length
        (reset: the card is reset on connect and on close; budget: the caller's deadline)
    list_readers() -> list[ReaderInfo]; wait_card_present(reader, present=True, timeout=5.0)
    ReaderMonitor(callback, initial=True)          # ReaderEvent(kind, reader, atr)
    CardEvents(on_inserted, on_removed)            # the same as two callbacks of the name
    VirtualCard(handler, port=35963, host="127.0.0.1", atr=DEFAULT_ATR, on_power_on=..., ...)
    parse_atr(raw) -> Atr; ApduTrace, TraceRecord, log_hook
    errors: NfcError > CardRemoved, ReaderUnavailable, PcscUnavailable (ConnectionError),
            TransmitFailed (OSError), ApduTimeout (TimeoutError), AtrError (ValueError)
"""

from nfc.atr import Atr, parse_atr
from nfc.errors import (
    ApduTimeout,
    AtrError,
    CardRemoved,
    NfcError,
    PcscUnavailable,
    ReaderUnavailable,
    TransmitFailed,
)
from nfc.monitor import CardEvents, EventKind, ReaderEvent, ReaderMonitor
from nfc.readers import ReaderInfo, is_virtual_reader, list_readers, wait_card_present
from nfc.response import Response
from nfc.trace import ApduTrace, TraceRecord, log_hook
from nfc.transport import PcscTransport, Transport
from nfc.vpcd import DEFAULT_ATR, VirtualCard, reader_name

__all__ = [
    "DEFAULT_ATR",
    "ApduTimeout",
    "ApduTrace",
    "Atr",
    "AtrError",
    "CardEvents",
    "CardRemoved",
    "EventKind",
    "NfcError",
    "PcscTransport",
    "PcscUnavailable",
    "ReaderEvent",
    "ReaderInfo",
    "ReaderMonitor",
    "ReaderUnavailable",
    "Response",
    "TraceRecord",
    "Transport",
    "TransmitFailed",
    "VirtualCard",
    "is_virtual_reader",
    "list_readers",
    "parse_atr",
    "reader_name",
    "wait_card_present",
    "log_hook",
]
