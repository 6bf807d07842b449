"""Run blocking work (card reads, face matching, QR decoding, submission) off the UI thread.

`run_in_pool(fn, on_result, on_error, on_progress)` runs a plain function on a new Python
thread. Results come back through Qt signals, which Qt delivers on the UI thread (queued
connections), so widgets are only touched there. A `Job` can be cancelled: the result of a
cancelled job is dropped, so a stale read never lands on a new citizen's screen.

Why Python threads and not QThreadPool: pybind11 extensions (dlib, onnxruntime, zxing-cpp)
cache the Python thread state per OS thread. QThreadPool reuses OS threads while PySide
creates and deletes a Python thread state for each runnable, so the second dlib call on a
reused pool thread took the GIL with a freed thread state and crashed the kiosk (found by the
UI tests: a second face check in one process). A fresh Python thread per job has one thread
state for its whole life.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    result = Signal(object)
    error = Signal(object)
    progress = Signal(object)


class Job:
    """One unit of background work. `fn(progress, cancelled)` returns the result."""

    def __init__(self, fn: Callable[[Callable[[Any], None], threading.Event], Any]):
        self.fn = fn
        self.signals = _Signals()  # lives in the UI thread: emits are queued to it
        self.cancelled = threading.Event()
        #: an error handler takes the failure (the window turns a refused CAN into the error
        #: screen, which logs what happened): then it is no warning of ours
        self.handled = False
        self.thread = threading.Thread(target=self.run, name="kiosk-job", daemon=True)

    def cancel(self) -> None:
        self.cancelled.set()

    def run(self) -> None:  # runs on the job's own thread
        try:
            result = self.fn(self._progress, self.cancelled)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI
            if self.cancelled.is_set():
                _live_jobs.discard(self)
            else:
                # class name only: exception texts may hold details we don't log
                log.log(logging.DEBUG if self.handled else logging.WARNING,
                        "background job failed: %s", type(exc).__name__)
                log.debug("%s", "".join(traceback.format_exception_only(type(exc), exc)).strip())
                self.signals.error.emit(exc)
            return
        if not self.cancelled.is_set():
            self.signals.result.emit(result)
        else:
            _live_jobs.discard(self)  # nothing will be delivered: let it go now

    def _progress(self, value: Any) -> None:
        if not self.cancelled.is_set():
            self.signals.progress.emit(value)


_live_jobs: set[Job] = set()


def run_in_pool(fn, *, on_result=None, on_error=None, on_progress=None) -> Job:
    """Start `fn(progress, cancelled)` on its own thread and wire its signals."""
    job = Job(fn)
    _live_jobs.add(job)

    def _done(*_: Any) -> None:
        _live_jobs.discard(job)

    if on_result:
        job.signals.result.connect(on_result)
    if on_error:
        job.signals.error.connect(on_error)
        job.handled = True
    if on_progress:
        job.signals.progress.connect(on_progress)
    job.signals.result.connect(_done)
    job.signals.error.connect(_done)
    job.thread.start()
    return job


def wait_for_jobs(timeout_s: float = 30.0) -> bool:
    """Join every running job (tests and shutdown); True when all ended in time."""
    import time

    deadline = time.monotonic() + timeout_s
    for job in list(_live_jobs):
        job.thread.join(max(0.0, deadline - time.monotonic()))
    return not any(j.thread.is_alive() for j in _live_jobs)
