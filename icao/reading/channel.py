"""The reader's channel to the chip: counts APDUs and bytes, applies secure messaging.

Transport failures are not handled here; `ConnectionError` (card gone) and `TimeoutError`
(card silent) propagate to the read loop, which reconnects and re-authenticates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from icao.apdu import Command, Response, Transport
from icao.errors import SecureMessagingError
from icao.sm import SecureMessaging, UnprotectedStatus


@dataclass
class Counters:
    apdus: int = 0
    link_bytes: int = 0


@dataclass(frozen=True)
class Answer:
    """A response plus whether the card sent it bare (outside secure messaging)."""

    response: Response
    bare: bool = False

    @property
    def sw(self) -> int:
        return self.response.sw

    @property
    def data(self) -> bytes:
        return self.response.data


class Channel:
    """Plain until `secure()` is called; then every command is protected (9303-11 9.8)."""

    def __init__(self, transport: Transport, counters: Counters):
        self._transport = transport
        self.counters = counters
        self.sm: SecureMessaging | None = None

    def _transmit(self, apdu: bytes) -> Response:
        self.counters.apdus += 1
        self.counters.link_bytes += len(apdu)
        response = self._transport.transmit(apdu)
        self.counters.link_bytes += len(response.data) + 2
        return response

    def secure(self, sm: SecureMessaging | None) -> None:
        self.sm = sm

    def plain(self, cmd: Command) -> Response:
        """The pre-authentication channel (EF.CardAccess, BAC, PACE)."""
        return self._transmit(cmd.to_bytes())

    def exchange(self, cmd: Command) -> Answer:
        """Send `cmd` protected if a session is up. A bare error status is returned marked."""
        if self.sm is None:
            return Answer(self.plain(cmd))
        raw = self.sm.protect(cmd)
        response = self._transmit(raw)
        try:
            return Answer(self.sm.unprotect(response.to_bytes()))
        except UnprotectedStatus as exc:
            if exc.sw in (0x6987, 0x6988):
                # 9303-11 9.8: the chip closed the session; only re-authentication helps.
                raise SecureMessagingError("the chip closed the secure session", step="sm",
                                           sw=exc.sw) from exc
            return Answer(Response(b"", exc.sw or 0), bare=True)

    def send(self, cmd: Command) -> Response:
        """`exchange` for protocol code (CA, AA) that only needs the response."""
        return self.exchange(cmd).response


Send = Callable[[Command], Response]
