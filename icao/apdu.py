"""Command and response APDUs (ISO/IEC 7816-3/-4) and the transport `icao` talks to.

`icao` imports nothing of ours: `Transport` here is a structural protocol. `nfc.PcscTransport`
satisfies it, and so does an in-process emulated chip. A transport signals a lost card by
raising `ConnectionError` (nfc's CardRemoved subclasses it) and a silent card by `TimeoutError`;
`icao` maps those to its own typed errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from icao.errors import ParseError

SW_OK = 0x9000


@dataclass(frozen=True)
class Response:
    """A response APDU: data field and the 2-byte status word."""

    data: bytes
    sw: int

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def to_bytes(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Response:
        if len(raw) < 2:
            raise ParseError(f"response APDU of {len(raw)} bytes has no status word", step="apdu")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))

    def __repr__(self) -> str:
        # The data field can hold personal data (DG1, DG2, ...): show its length only.
        return f"Response(data=<{len(self.data)} bytes>, sw=0x{self.sw:04X})"


@runtime_checkable
class Transport(Protocol):
    """What `icao` needs from a reader: send a command APDU, get the response.

    `transmit` handles 61xx/6Cxx itself (T=0 GET RESPONSE, re-send with the right Le), so
    callers see one logical response per command.
    """

    def transmit(self, apdu: bytes) -> Response: ...


# Optional members a transport may have; `icao.reader` uses each one when present:
# - `transmit(apdu, *, budget=seconds)`: bound the whole exchange (GET RESPONSE rounds
#   included) by `budget` as well as by the transport's own APDU timeout, so one deadline
#   covers the whole read (nfc.PcscTransport);
# - `reconnect(timeout=seconds)`: reset the card and connect again (a fresh chip session);
# - `extended_length`: bool | None, what the card announced in its ATR/ATS historical bytes
#   (ISO/IEC 7816-4 8.1.1.2.7); None when it said nothing.


@dataclass(frozen=True)
class Command:
    """A command APDU. `le` None means no Le field; 0 means "as many as possible" (256 or 65536)."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None
    extended: bool = False  # force extended length encoding even when short would fit

    def __repr__(self) -> str:
        # The data field can hold secrets or personal data (MRZ-derived keys, nonces).
        le = "" if self.le is None else f", le={self.le}"
        ext = ", extended" if self.extended else ""
        return (f"Command({self.cla:02X} {self.ins:02X} {self.p1:02X} {self.p2:02X}, "
                f"data=<{len(self.data)} bytes>{le}{ext})")

    def needs_extended(self) -> bool:
        return self.extended or len(self.data) > 255 or (self.le is not None and self.le > 256)

    def to_bytes(self) -> bytes:
        """Encode per ISO/IEC 7816-3 12.1.3 (cases 1-4, short or extended)."""
        header = bytes([self.cla, self.ins, self.p1, self.p2])
        if len(self.data) > 65535:
            raise ValueError("command data longer than 65535 bytes")
        if self.le is not None and not 0 <= self.le <= 65536:
            raise ValueError("Le out of range")
        if not self.needs_extended():
            body = b""
            if self.data:
                body += bytes([len(self.data)]) + self.data
            if self.le is not None:
                body += bytes([self.le & 0xFF])  # 256 -> 00
            return header + body
        body = b""
        if self.data:
            body += b"\x00" + len(self.data).to_bytes(2, "big") + self.data
        if self.le is not None:
            le = (self.le & 0xFFFF).to_bytes(2, "big")  # 65536 -> 0000
            body += le if self.data else b"\x00" + le
        return header + body


def parse_command(raw: bytes) -> Command:
    """Decode a command APDU (card side). Raises ParseError on an inconsistent encoding."""
    if len(raw) < 4:
        raise ParseError("command APDU shorter than 4 bytes", step="apdu")
    cla, ins, p1, p2 = raw[0], raw[1], raw[2], raw[3]
    body = raw[4:]
    n = len(body)
    if n == 0:
        return Command(cla, ins, p1, p2)
    if n == 1:
        return Command(cla, ins, p1, p2, le=body[0] or 256)
    if body[0] != 0 or n < 3:
        lc = body[0]
        if lc == 0:
            raise ParseError("short Lc of 0", step="apdu")
        if n == 1 + lc:
            return Command(cla, ins, p1, p2, bytes(body[1:]))
        if n == 2 + lc:
            return Command(cla, ins, p1, p2, bytes(body[1:1 + lc]), le=body[-1] or 256)
        raise ParseError("short APDU length mismatch", step="apdu")
    # extended (first body byte 00)
    if n == 3:
        le = int.from_bytes(body[1:3], "big") or 65536
        return Command(cla, ins, p1, p2, le=le, extended=True)
    lc = int.from_bytes(body[1:3], "big")
    if lc == 0:
        raise ParseError("extended Lc of 0", step="apdu")
    if n == 3 + lc:
        return Command(cla, ins, p1, p2, bytes(body[3:]), extended=True)
    if n == 5 + lc:
        le = int.from_bytes(body[-2:], "big") or 65536
        return Command(cla, ins, p1, p2, bytes(body[3:3 + lc]), le=le, extended=True)
    raise ParseError("extended APDU length mismatch", step="apdu")
