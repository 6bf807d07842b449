"""The reader's channel to the chip: counts APDUs and bytes, applies secure messaging, keeps
the read's deadline and notices when the chip has ended the secure session.

Transport failures are not handled here: `ConnectionError` (card gone), `TimeoutError` (card
silent) and other `OSError`s propagate to the read loop (`icao.reader`), which reconnects.

When the chip ended the session (ICAO 9303-11 9.8: "the eMRTD chip aborts secure messaging"
on an SM error, and many chips on any error) it answers every later command with a plain
status word. `exchange` raises `SessionLost` for a plain 6882 / 6987 / 6988 / 6F00, and for
any plain error that follows a refused command (a plain or protected error just before), so
the read loop re-establishes the session instead of reporting "READ BINARY failed".
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from icao.apdu import Command, Response, Transport
from icao.errors import ReadTimeout, SecureMessagingError, SessionLost
from icao.sm import Answer, SecureMessaging, UnprotectedStatus

__all__ = ["Answer", "Channel", "Counters", "Deadline", "SESSION_ENDED", "accepts"]

#: Plain status words that mean "no secure session" once one was established: 6882 secure
#: messaging not supported (now), 6987 SM data objects missing, 6988 SM data objects
#: incorrect (ISO/IEC 7816-4 5.6, 9303-11 9.8), and 6F00, which readers answer when the chip
#: did not (the chip's state is then unknown).
SESSION_ENDED = frozenset({0x6882, 0x6987, 0x6988, 0x6F00})
_OK = frozenset({0x9000, 0x6282})


@dataclass
class Counters:
    apdus: int = 0
    link_bytes: int = 0


@dataclass
class Deadline:
    """One bound for a whole read, across retries and reconnects (issue 14: bounded silence)."""

    seconds: float | None
    clock: Callable[[], float]
    start: float = field(init=False)

    def __post_init__(self) -> None:
        self.start = self.clock()

    def remaining(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (self.clock() - self.start)

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def check(self, step: str) -> None:
        if self.expired():
            raise ReadTimeout(f"the read did not finish within {self.seconds:g} s", step=step)


def accepts(fn: Callable[..., object], name: str) -> bool:
    """Whether `fn` takes a keyword `name`: optional transport members (icao.apdu)."""
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class Channel:
    """Plain until `secure()` is called; then every command is protected (9303-11 9.8)."""

    def __init__(self, transport: Transport, counters: Counters,
                 deadline: Deadline | None = None):
        self._transport = transport
        self._bounded = accepts(transport.transmit, "budget")
        self.last_extended = False  # the last APDU sent used extended length
        self.counters = counters
        self.deadline = deadline or Deadline(None, time.perf_counter)
        self.sm: SecureMessaging | None = None
        self._refused = False  # the last answer in this session was an error

    def _transmit(self, apdu: bytes) -> Response:
        self.deadline.check("read")
        # ISO/IEC 7816-3 12.1.3: an extended body starts with 00 (Lc or Le on 3 bytes).
        self.last_extended = len(apdu) > 6 and apdu[4] == 0
        self.counters.apdus += 1
        self.counters.link_bytes += len(apdu)
        left = self.deadline.remaining()
        if self._bounded and left is not None:
            # optional member (icao.apdu): bound this exchange by what is left of the read
            response = self._transport.transmit(apdu, budget=max(left, 0.001))  # type: ignore[call-arg]
        else:
            response = self._transport.transmit(apdu)
        self.counters.link_bytes += len(response.data) + 2
        return response

    def secure(self, sm: SecureMessaging | None) -> None:
        self.sm = sm
        self._refused = False

    def plain(self, cmd: Command) -> Response:
        """The pre-authentication channel (EF.ATR/INFO, EF.CardAccess, BAC, PACE)."""
        return self._transmit(cmd.to_bytes())

    def exchange(self, cmd: Command) -> Answer:
        """Send `cmd` protected if a session is up. A plain error status is returned marked
        `bare`; `SessionLost` when it says the chip ended the session."""
        if self.sm is None:
            return Answer(self.plain(cmd))
        raw = self.sm.protect(cmd)
        response = self._transmit(raw)
        try:
            answer = Answer(self.sm.unprotect(response.to_bytes()))
        except UnprotectedStatus as exc:
            sw = exc.sw or 0
            if sw in SESSION_ENDED or self._refused:
                self.sm = None
                raise SessionLost("the chip ended the secure session", step="sm",
                                  sw=sw) from exc
            self._refused = True
            return Answer(Response(b"", sw), bare=True)
        except SecureMessagingError:
            self.sm = None  # a wrong MAC or a malformed answer: the session is unusable
            raise
        self._refused = answer.sw not in _OK
        return answer

    def send(self, cmd: Command) -> Response:
        """`exchange` for protocol code that only needs the response."""
        return self.exchange(cmd).response


Send = Callable[[Command], Response]
