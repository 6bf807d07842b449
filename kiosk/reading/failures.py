"""A failed read as the session's Problem and a detail for staff (never personal data).

The citizen's next step depends on what went wrong, so each cause keeps its own Problem:
- wrong CAN/MRZ (`AccessDenied`): back to the access key, with the tries left;
- the card left the field (`CardRemoved`, a lost connection): put it back;
- the card is there but silent, or the read's one deadline passed (`CardSilent`,
  `ReadTimeout`, an APDU timeout, PC/SC's "unresponsive card"): "the card does not answer",
  never "removed" (issue 14 item 7), since the reader still sees it;
- the chip kept ending its secure session (`SessionLost` once the reader's re-establishing
  gave up, ICAO 9303-11 9.8): lift the card and place it again;
- no pcscd: no reader; a protocol we lack: unsupported; anything else: read failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from icao import errors as e
from kiosk.problems import Problem
from nfc import errors as nfc_errors

#: SCARD_W_UNRESPONSIVE_CARD (PC/SC part 5; pcsc-lite pcsclite.h): the card is in the field
#: but does not answer the reset or a command.
_UNRESPONSIVE_CARD = 0x80100066


class NoReader(LookupError):
    """No usable reader when the read was due (unplugged, or only virtual readers).
    `detail` says why for staff and technicians (e.g. which driver serves the refused
    reader); never personal data."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class ReadFailure:
    problem: Problem
    detail: str = ""  # step and status word, for the staff/technician details
    tries_left: int | None = None  # PACE password tries left (63Cx), when the chip said


def _detail(exc: BaseException) -> str:
    if not isinstance(exc, e.IcaoError):
        return ""
    return " ".join(x for x in (exc.step and f"step={exc.step}",
                                exc.sw is not None and f"SW={exc.sw:04X}") if x)


def _named(exc: BaseException, detail: str) -> str:
    """The cause's type first: a silent card and a passed deadline share one Problem."""
    return " ".join(x for x in (type(exc).__name__, detail) if x)


def classify(exc: BaseException) -> ReadFailure:
    """Map what `ReadingService.read` raised to the session's Problem (order matters: the
    typed causes first, the catch-all last)."""
    if isinstance(exc, NoReader):
        return ReadFailure(exc.problem, exc.detail)
    detail = _detail(exc)
    if isinstance(exc, e.AccessDenied):  # 63C0 / 6983: the password is blocked (9303-11 4.4.4)
        blocked = exc.tries_left == 0
        return ReadFailure(Problem.CARD_BLOCKED if blocked else Problem.ACCESS_DENIED, detail,
                           exc.tries_left)
    if isinstance(exc, (e.ReadTimeout, TimeoutError)) or (
            isinstance(exc, nfc_errors.TransmitFailed) and exc.code == _UNRESPONSIVE_CARD):
        return ReadFailure(Problem.CARD_SILENT, _named(exc, detail))
    if isinstance(exc, e.SessionLost):
        return ReadFailure(Problem.SESSION_LOST, _named(exc, detail))
    if isinstance(exc, nfc_errors.PcscUnavailable):
        return ReadFailure(Problem.NO_READER, _named(exc, detail))
    if isinstance(exc, (e.CardRemoved, ConnectionError)):
        return ReadFailure(Problem.CARD_REMOVED, detail)
    if isinstance(exc, e.UnsupportedProtocol):
        return ReadFailure(Problem.UNSUPPORTED, detail)
    return ReadFailure(Problem.READ_FAILED, detail or type(exc).__name__)
