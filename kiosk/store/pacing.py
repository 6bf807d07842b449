"""The delivery loop and what it tells `diag health`: it never dies silently.

Any error in a round (database away, a bug, a bad answer) is logged by type, counted, and
followed by a growing pause (the idle time doubled per error in a row, at most 5 minutes);
the loop goes on. Its state is kept on a `StatusBoard` that health checks read at any time.
Log lines carry counts and error types only: an exception's text may quote a form.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from kiosk.store.errors import StoreError

log = logging.getLogger("kiosk.store.outbox")
MAX_PAUSE_S = 300.0

DISABLED, MISCONFIGURED, STARTING, IDLE, RETRYING, FAILING, STOPPED, CRASHED = (
    "disabled", "misconfigured", "starting", "idle", "retrying", "failing", "stopped",
    "crashed")


@dataclass(frozen=True)
class DeliveryStatus:
    """The delivery worker as health shows it.

    `state`: disabled (training mode, or no back-office URL), misconfigured (the settings
    cannot deliver: `reason` says why), starting, idle (nothing due, or all delivered),
    retrying (the back office failed some attempts: `last_error`), failing (the worker's own
    rounds fail, e.g. the database is away), stopped, crashed (the thread died: a bug).
    """

    state: str
    reason: str | None = None
    last_run_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    errors_in_a_row: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    backlog_hint: int = 0
    last_anchor_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.state in (DISABLED, STARTING, IDLE, STOPPED)


class StatusBoard:
    """Thread-safe holder of the latest DeliveryStatus."""

    def __init__(self, status: DeliveryStatus | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self._status = status or DeliveryStatus(STARTING)
        self._lock = threading.Lock()
        self.clock = clock or (lambda: datetime.now(UTC))

    def snapshot(self) -> DeliveryStatus:
        with self._lock:
            return self._status

    def update(self, **changes: Any) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)


class Worker(Protocol):
    last_error: str | None

    def run_once(self, limit: int | None = None) -> Any: ...
    def send_anchor(self, reason: str = "interval") -> Any: ...


def _describe(exc: BaseException) -> str:
    if isinstance(exc, StoreError):
        return f"{type(exc).__name__}: {exc}"[:200]  # our messages carry no personal data
    return type(exc).__name__


def loop(worker: Worker, stop: threading.Event, *, idle_s: float = 2.0,
         board: StatusBoard | None = None, anchor_interval_s: float | None = None) -> None:
    board = board or StatusBoard()
    errors = 0
    last_anchor: datetime | None = None
    board.update(state=IDLE)
    while not stop.is_set():
        now = board.clock()
        try:
            report = worker.run_once(limit=100)
            if anchor_interval_s is not None and (
                    last_anchor is None
                    or (now - last_anchor).total_seconds() >= anchor_interval_s):
                if worker.send_anchor("interval") is not None:  # None: nothing to anchor
                    last_anchor = now
                    board.update(last_anchor_at=now)
        except Exception as exc:  # noqa: BLE001 - the worker must outlive any one round
            errors += 1
            pause = min(idle_s * 2 ** errors, MAX_PAUSE_S)
            log.warning("delivery round failed (%s), %d in a row; next try in %.0f s",
                        type(exc).__name__, errors, pause)
            board.update(state=FAILING, last_run_at=now, last_error=_describe(exc),
                         errors_in_a_row=errors)
            stop.wait(pause)
            continue
        if errors:
            log.info("delivery rounds work again after %d failures", errors)
        errors = 0
        st = board.snapshot()
        board.update(
            state=RETRYING if report.retrying or report.failed else IDLE, last_run_at=now,
            last_success_at=now if report.delivered else st.last_success_at,
            last_error=worker.last_error if report.retrying or report.failed else None,
            errors_in_a_row=0, delivered=st.delivered + report.delivered,
            retrying=report.retrying, failed=st.failed + report.failed)
        if report.retrying or report.failed:
            log.warning("delivery: %d delivered, %d to retry, %d rejected (%s)",
                        report.delivered, report.retrying, report.failed, worker.last_error)
        if report.attempted == 0:
            stop.wait(idle_s)
    board.update(state=STOPPED)
