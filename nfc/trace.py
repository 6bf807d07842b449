"""APDU trace: what was sent, how long it took and what status came back, without the data.

Command and response bodies carry MRZ-derived keys, names, portraits and ID numbers, so a
record keeps only the header (CLA INS P1 P2), the lengths, the status word and the timing
unless a lab explicitly builds the transport with `redact_trace=False`.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TraceRecord:
    """One exchange with the card (one SCardTransmit), as the trace hooks receive it."""

    seq: int
    kind: str  # "command", "get-response" (61xx) or "resend" (6Cxx)
    cla: int
    ins: int
    p1: int
    p2: int
    lc: int  # command data length (0 when absent)
    le: int | None  # expected response length (None when absent; 256/65536 for 00/0000)
    extended: bool  # extended length encoding (ISO/IEC 7816-3 12.1.3)
    response_length: int  # response data length, status word excluded
    sw: int | None  # None when the exchange failed
    duration_ms: float
    error: str | None = None  # error class name when the exchange failed
    # Raw bytes only with redact_trace=False (lab use); never shown in repr.
    command: bytes | None = field(default=None, repr=False)
    response: bytes | None = field(default=None, repr=False)

    def summary(self) -> str:
        """One log line: header, lengths, SW, time. Never the data, even when recorded."""
        le = "-" if self.le is None else str(self.le)
        sw = "----" if self.sw is None else f"{self.sw:04X}"
        err = f" error={self.error}" if self.error else ""
        return (f"#{self.seq} {self.kind} {self.cla:02X} {self.ins:02X} {self.p1:02X} "
                f"{self.p2:02X} Lc={self.lc} Le={le}{' ext' if self.extended else ''} -> "
                f"{self.response_length}B SW={sw} {self.duration_ms:.3f}ms{err}")


TraceHook = Callable[[TraceRecord], None]


def command_lengths(apdu: bytes) -> tuple[int, int | None, bool]:
    """(Lc, Le, extended) of a command APDU per ISO/IEC 7816-3 12.1.3 cases 1-4.

    Lenient: an inconsistent body is reported as its raw length, since the card, not the
    trace, is the judge of a malformed command.
    """
    body = apdu[4:]
    n = len(body)
    if n == 0:
        return 0, None, False
    if n == 1:
        return 0, body[0] or 256, False
    if body[0] != 0 or n < 3:
        lc = body[0]
        if n == 1 + lc:
            return lc, None, False
        if n == 2 + lc:
            return lc, body[-1] or 256, False
        return n, None, False
    if n == 3:
        return 0, int.from_bytes(body[1:3], "big") or 65536, True
    lc = int.from_bytes(body[1:3], "big")
    if n == 3 + lc:
        return lc, None, True
    if n == 5 + lc:
        return lc, int.from_bytes(body[-2:], "big") or 65536, True
    return n, None, False


def make_record(seq: int, kind: str, command: bytes, response: bytes | None,
                duration_s: float, error: BaseException | None, redact: bool) -> TraceRecord:
    lc, le, ext = command_lengths(command)
    head = (command + b"\x00\x00\x00\x00")[:4]
    sw = int.from_bytes(response[-2:], "big") if response and len(response) >= 2 else None
    return TraceRecord(
        seq=seq, kind=kind, cla=head[0], ins=head[1], p1=head[2], p2=head[3],
        lc=lc, le=le, extended=ext,
        response_length=max(0, len(response) - 2) if response else 0,
        sw=sw, duration_ms=duration_s * 1000.0,
        error=type(error).__name__ if error is not None else None,
        command=None if redact else bytes(command),
        response=None if redact or response is None else bytes(response),
    )


class ApduTrace:
    """A hook that keeps the last `maxlen` records in memory (diagnostics, tests)."""

    def __init__(self, maxlen: int = 10_000) -> None:
        self.records: deque[TraceRecord] = deque(maxlen=maxlen)

    def __call__(self, record: TraceRecord) -> None:
        self.records.append(record)

    def clear(self) -> None:
        self.records.clear()


def log_hook(record: TraceRecord) -> None:
    """A hook that writes `record.summary()` (never data) to the `nfc.trace` logger at DEBUG."""
    log.debug("%s", record.summary())
