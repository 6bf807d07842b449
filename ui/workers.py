"""Run blocking work (card reads, face matching, QR decoding, submission) off the UI thread.

`run_in_pool(fn, on_result, on_error, on_progress)` wraps a plain function in a QRunnable on the
global QThreadPool. Results come back through Qt signals, which Qt delivers on the UI thread
(queued connections), so widgets are only touched there. A `Job` can be cancelled: the result
of a cancelled job is dropped, so a stale read never lands on a new citizen's screen.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    result = Signal(object)
    error = Signal(object)
    progress = Signal(object)


class Job(QRunnable):
    """One unit of background work. `fn(progress, cancelled)` returns the result."""

    def __init__(self, fn: Callable[[Callable[[Any], None], threading.Event], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancelled = threading.Event()
        self.setAutoDelete(False)  # we keep a reference until the result is delivered

    def cancel(self) -> None:
        self.cancelled.set()

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self.fn(self._progress, self.cancelled)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI
            if not self.cancelled.is_set():
                # class name only: exception texts may hold details we don't log
                log.warning("background job failed: %s", type(exc).__name__)
                log.debug("%s", "".join(traceback.format_exception_only(type(exc), exc)).strip())
                self.signals.error.emit(exc)
            return
        if not self.cancelled.is_set():
            self.signals.result.emit(result)

    def _progress(self, value: Any) -> None:
        if not self.cancelled.is_set():
            self.signals.progress.emit(value)


_live_jobs: set[Job] = set()


def run_in_pool(fn, *, on_result=None, on_error=None, on_progress=None,
                pool: QThreadPool | None = None) -> Job:
    """Start `fn(progress, cancelled)` on the thread pool and wire its signals."""
    job = Job(fn)
    _live_jobs.add(job)

    def _done(*_: Any) -> None:
        _live_jobs.discard(job)

    if on_result:
        job.signals.result.connect(on_result)
    if on_error:
        job.signals.error.connect(on_error)
    if on_progress:
        job.signals.progress.connect(on_progress)
    job.signals.result.connect(_done)
    job.signals.error.connect(_done)
    (pool or QThreadPool.globalInstance()).start(job)
    return job
