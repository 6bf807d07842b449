"""The PC/SC worker thread of `nfc.transport` and the registry of workers stuck on a silent
card (see that module's docstring: a silent card holds at most one thread and one context).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from nfc.errors import ApduTimeout

T = TypeVar("T")


class Stuck(Exception):
    """The worker did not finish within the timeout."""


class _Call:
    """One PC/SC call handed to the worker, and its outcome."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.value = self.fn()
        except BaseException as exc:  # handed back to the caller's thread
            self.error = exc
        self.done.set()


class Worker:
    """One daemon thread running PC/SC calls in order (a context is not for concurrent use)."""

    def __init__(self, name: str) -> None:
        self._q: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self.finished = threading.Event()  # the thread has ended
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        try:
            while (job := self._q.get()) is not None:
                job.run()
        finally:
            self.finished.set()

    def call(self, fn: Callable[[], T], timeout: float | None) -> T:
        job = _Call(fn)
        self._q.put(job)
        if not job.done.wait(timeout):
            raise Stuck()
        if job.error is not None:
            raise job.error
        return job.value  # type: ignore[return-value]  # what fn returned

    def post(self, fn: Callable[[], object]) -> None:
        """Queue a call without waiting (cleanup behind a stuck call)."""
        self._q.put(_Call(fn))

    def stop(self) -> None:
        self._q.put(None)


#: Workers abandoned in a call that has not returned, by reader name (see the module doc).
STUCK: dict[str, Worker] = {}
STUCK_LOCK = threading.Lock()


def wait_until_free(reader: str, timeout: float | None) -> None:
    """Wait for the call stuck on `reader` (if any) to end; ApduTimeout if it does not."""
    with STUCK_LOCK:
        worker = STUCK.get(reader)
    if worker is None:
        return
    if not worker.finished.wait(timeout):
        raise ApduTimeout(
            "The card still does not answer (an earlier command to it is pending). Remove "
            "the card, place it again and retry; if it repeats, the card or reader may be "
            "faulty."
        )
    with STUCK_LOCK:
        if STUCK.get(reader) is worker:
            del STUCK[reader]


def within(timeout: float | None, end: float | None) -> float | None:
    """`timeout`, shortened to what is left until `end` (a time.monotonic() value)."""
    if end is None:
        return timeout
    left = max(end - time.monotonic(), 0.0)
    return left if timeout is None else min(timeout, left)
