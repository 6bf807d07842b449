"""One read of the card in a reader, instrumented: the building block of card, calibrate, trace.

Each run starts from a card reset (SCardReconnect with SCARD_RESET_CARD), as a fresh tap would:
a chip left inside the previous program's secure session answers the first plain command with
6987 (9303-11 9.8.4), which would count against the setting under test.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from icao.document import Document
from icao.errors import IcaoError
from icao.keys import AccessKey
from icao.reader import DEFAULT_FILES, ReadOptions
from kiosk.diag.common import error_text
from kiosk.reading import read_document
from nfc.errors import NfcError
from nfc.readers import wait_card_present
from nfc.trace import ApduTrace, TraceRecord


@dataclass(frozen=True)
class ReadRun:
    """What one instrumented read produced. `document` holds personal data: callers keep
    only counts and timings from it in anything they print or store."""

    ok: bool
    seconds: float
    apdus: int  # exchanges on the wire (SCardTransmit calls), GET RESPONSE/re-sends included
    extended_sent: int  # extended-length commands sent
    extended_ok: int  # ... answered 9000/6282 (the reader and chip carried them)
    extended_refused: int  # ... answered a bare 6700
    slowest_apdu_ms: float  # of exchanges that completed
    reconnects: int
    read_size: int | None  # the READ BINARY size that worked (Document.read_size)
    error: str | None = None
    error_type: str | None = None
    document: Document | None = field(default=None, repr=False, compare=False)
    records: tuple[TraceRecord, ...] = field(default=(), repr=False, compare=False)


def instrumented_read(reader: str | None, key: AccessKey, *, options: ReadOptions | None = None,
                      files: Iterable[str] | None = None, timeout: float | None = 5.0,
                      reset: bool = True, hooks: Iterable[Callable[[TraceRecord], None]] = (),
                      card_wait: float = 5.0,
                      clock: Callable[[], float] = time.perf_counter) -> ReadRun:
    """Read the card in `reader` with `options` (through kiosk.reading.read_document, the
    kiosk's one read); never raises for what the card or reader does (the failure is the
    measurement). Trace records are always redacted.

    Waits up to `card_wait` s for a card first: after a run that ended with the card lifted,
    the next run must measure the setting, not the moment the card was away."""
    trace = ApduTrace()
    started = clock()
    doc = None
    error: BaseException | None = None
    try:
        if reader is not None and card_wait > 0:
            wait_card_present(reader, True, card_wait)
        doc = read_document(reader, key, options=options or ReadOptions(), timeout=timeout,
                            files=files or DEFAULT_FILES, hooks=[trace, *hooks], reset=reset)
    except (IcaoError, NfcError, OSError, ValueError) as exc:
        error = exc
    seconds = clock() - started
    records = tuple(trace.records)
    # An extended APDU lost with the card (fault or a shaky hand) says nothing about
    # extended length; only those the reader carried to an answer (or failed to) count.
    ext = [r for r in records if r.extended and r.error != "CardRemoved"]
    return ReadRun(
        ok=doc is not None, seconds=seconds, apdus=len(records), extended_sent=len(ext),
        extended_ok=sum(1 for r in ext if r.sw in (0x9000, 0x6282)),
        extended_refused=sum(1 for r in ext if r.sw == 0x6700),
        # an exchange that failed (card lifted) includes pcscd's removal detection: not the
        # card's speed, so it does not count towards the timeout
        slowest_apdu_ms=max((r.duration_ms for r in records if r.error is None), default=0.0),
        reconnects=doc.reconnects if doc is not None else 0,
        read_size=doc.read_size if doc is not None else None,
        error=None if error is None else error_text(error),
        error_type=None if error is None else type(error).__name__,
        document=doc, records=records)
