"""A failed read as the session's Problem and a detail for staff (never personal data)."""

from __future__ import annotations

from dataclasses import dataclass

from icao import errors as e
from kiosk.problems import Problem


class NoReader(LookupError):
    """No usable reader when the read was due (unplugged, or only virtual readers)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class ReadFailure:
    problem: Problem
    detail: str = ""  # step and status word, for the staff/technician details
    tries_left: int | None = None  # PACE password tries left (63Cx), when the chip said


def classify(exc: BaseException) -> ReadFailure:
    """Map what `ReadingService.read` raised to the session's Problem."""
    if isinstance(exc, NoReader):
        return ReadFailure(exc.problem)
    detail = ""
    if isinstance(exc, e.IcaoError):
        detail = " ".join(x for x in (exc.step and f"step={exc.step}",
                                      exc.sw is not None and f"SW={exc.sw:04X}") if x)
    if isinstance(exc, e.AccessDenied):  # 63C0 / 6983: the password is blocked (9303-11 4.4.4)
        blocked = exc.tries_left == 0
        return ReadFailure(Problem.CARD_BLOCKED if blocked else Problem.ACCESS_DENIED, detail,
                           exc.tries_left)
    if isinstance(exc, (e.CardRemoved, ConnectionError)):
        return ReadFailure(Problem.CARD_REMOVED, detail)
    if isinstance(exc, e.UnsupportedProtocol):
        return ReadFailure(Problem.UNSUPPORTED, detail)
    return ReadFailure(Problem.READ_FAILED, detail or type(exc).__name__)
