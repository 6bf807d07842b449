"""An in-process Transport to an EmulatedChip: tests and benchmarks without pcscd.

It behaves like `nfc.PcscTransport` where the reader can tell: a lost card raises
`ConnectionError`, and `reconnect()` powers the chip up again (a fresh session, as after
SCardReconnect with a reset). `fail_at` makes the card vanish at chosen APDU indexes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from icao.apdu import Response


class ChipTransport:
    """Transport over a card handler (bytes -> bytes) with optional power-cycle hook."""

    def __init__(self, handler: Callable[[bytes], bytes], *,
                 power_on: Callable[[], None] | None = None,
                 fail_at: Collection[int] = (), log: list[tuple[bytes, bytes]] | None = None):
        self._handler = handler
        self._power_on = power_on or getattr(handler, "power_on", None)
        self._fail_at = set(fail_at)
        self.sent = 0
        self.log = log
        self.reconnects = 0

    def transmit(self, apdu: bytes) -> Response:
        index = self.sent
        self.sent += 1
        if index in self._fail_at:
            self._fail_at.discard(index)
            if self._power_on:
                self._power_on()  # the chip lost power with the field
            raise ConnectionError(f"card removed at APDU index {index}")
        answer = self._handler(bytes(apdu))
        if self.log is not None:
            self.log.append((bytes(apdu), answer))
        return Response.from_bytes(answer)

    def reconnect(self) -> None:
        self.reconnects += 1
        if self._power_on:
            self._power_on()
