"""The outbox as the kiosk app runs it: a background thread that delivers, anchors the audit
chain at a fixed interval, and reports its state (`status()`, and `delivery_status()` for
whoever has no handle on it, e.g. `diag health`). The delivery itself: deliverer.py.

    bg = BackgroundDelivery.from_config(store, config)   # None: training, or no URL
    if bg: bg.start()            # at launch ... bg.stop() at quit
    delivery_status()            # DeliveryStatus, even when bg is None
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from kiosk.store.deliverer import (
    ACTOR,
    PERMANENT_STATUSES,
    Backoff,
    Deliverer,
    DeliveryReport,
    retry_failed,
)
from kiosk.store.errors import StoreError
from kiosk.store.http import TlsSettings
from kiosk.store.pacing import (
    CRASHED,
    DISABLED,
    MISCONFIGURED,
    STOPPED,
    DeliveryStatus,
    StatusBoard,
)
from kiosk.store.store import Store

log = logging.getLogger(__name__)
_NOT_STARTED = StatusBoard(DeliveryStatus(DISABLED, "the delivery worker was not started"))
_current = _NOT_STARTED


def delivery_status() -> DeliveryStatus:
    """The state of this process's delivery worker (the last one created)."""
    return _current.snapshot()


def delivery_status_here() -> DeliveryStatus | None:
    """delivery_status(), or None when this process never set up delivery (a command line
    tool, not the app): then its state is not known here."""
    return None if _current is _NOT_STARTED else _current.snapshot()


def delivery_disabled(reason: str) -> None:
    """This process delivers nothing, and says why (the app in demo or training mode)."""
    global _current
    _current = StatusBoard(DeliveryStatus(DISABLED, reason))


def deliverer_from_config(store: Store, config: Any, **kwargs: Any) -> Deliverer:
    """A Deliverer with the [backoffice] settings; DeliveryConfigError when they cannot
    deliver (no or non-https URL, unusable TLS files, no credentials)."""
    bo = config.backoffice
    return Deliverer(store, bo.url, timeout_s=bo.timeout_s,
                     backoff=Backoff(bo.retry_base_s, bo.retry_max_s),
                     tls=TlsSettings.from_config(bo),
                     anchor_url=getattr(bo, "anchor_url", "") or None, **kwargs)


class BackgroundDelivery:
    """The outbox worker as a daemon thread for the kiosk app: `start()` at launch, `stop()`
    at quit. Nothing blocks the UI: the thread owns all waiting. It never dies silently: a
    failing round is logged and retried with backoff, a crash is logged and shown by
    `status()`."""

    def __init__(self, deliverer: Deliverer | None, *, idle_s: float = 5.0,
                 anchor_interval_s: float | None = 900.0,
                 board: StatusBoard | None = None) -> None:
        global _current
        self.deliverer = deliverer
        self.idle_s = idle_s
        self.anchor_interval_s = anchor_interval_s
        self.board = board or StatusBoard()
        _current = self.board
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_config(cls, store: Store, config: Any) -> BackgroundDelivery | None:
        """From [backoffice]; None in training mode or without a URL (delivery_status() says
        "disabled"). Settings that cannot deliver (a `file:` or `http:` URL, no credentials)
        give a worker that does not start and reports "misconfigured" with the reason."""
        global _current
        bo = config.backoffice
        if config.kiosk.training_mode or not bo.url:
            why = "training mode: nothing is delivered" if config.kiosk.training_mode else \
                "no back-office URL ([backoffice] url)"
            _current = StatusBoard(DeliveryStatus(DISABLED, why))
            return None
        interval = float(getattr(bo, "anchor_interval_s", 900.0))
        try:
            deliverer = deliverer_from_config(store, config)
        except StoreError as exc:
            log.warning("delivery not started: %s", exc)
            return cls(None, anchor_interval_s=interval,
                       board=StatusBoard(DeliveryStatus(MISCONFIGURED, str(exc))))
        return cls(deliverer, anchor_interval_s=interval)

    def status(self) -> DeliveryStatus:
        st = self.board.snapshot()
        if self._thread is not None and not self._thread.is_alive() and st.state not in (
                STOPPED, CRASHED):
            return DeliveryStatus(CRASHED, "the delivery thread ended unexpectedly")
        return st

    def start(self) -> None:
        if self.deliverer is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="kiosk-outbox", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self.deliverer is not None
        try:
            self.deliverer.run_forever(self._stop, idle_s=self.idle_s, board=self.board,
                                       anchor_interval_s=self.anchor_interval_s)
        except BaseException as exc:  # noqa: BLE001 - report, then let the thread end
            # (not re-raised: threading would print the exception's text, which may quote
            # a form, to stderr)
            log.error("the delivery thread crashed (%s); deliveries wait until the app "
                      "restarts", type(exc).__name__)
            self.board.update(state=CRASHED, reason=type(exc).__name__)

    def stop(self, timeout: float = 15.0) -> bool:
        """Ask the worker to finish its current delivery; True when it has stopped."""
        self._stop.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()


__all__ = [
    "ACTOR", "PERMANENT_STATUSES", "BackgroundDelivery", "Backoff", "Deliverer",
    "DeliveryReport", "DeliveryStatus", "StatusBoard", "TlsSettings", "delivery_disabled",
    "delivery_status", "delivery_status_here",
    "deliverer_from_config", "retry_failed",
]
