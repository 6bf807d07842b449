"""FrameGrabber: capture on a background thread, keep the latest frame, notify subscribers.

The UI thread must never block on a camera (DESIGN.md): the grabber reads the source on its
own thread, keeps only the newest frame (a slow consumer skips frames instead of queueing
them), and calls each subscriber from the capture thread. The UI adapts the callbacks to Qt
signals; face work takes frames with `wait_next()` from its own worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.face.camera import FrameSource
from kiosk.face.errors import CameraUnavailable, FaceError
from kiosk.face.frames import Frame

log = logging.getLogger(__name__)

Subscriber = Callable[[Frame], None]


class FrameGrabber:
    """Reads `source` on a daemon thread until stop(), the end of the source, or an error."""

    def __init__(self, source: FrameSource, *, close_source: bool = True) -> None:
        self.source = source
        self._close_source = close_source
        self._subscribers: list[Subscriber] = []
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._stop = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        #: The error that ended capture (e.g. CameraUnavailable when unplugged), if any.
        self.error: FaceError | None = None
        self.frames_read = 0

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback(frame)` from the capture thread for every frame; returns unsubscribe."""
        with self._cond:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._cond:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def start(self) -> FrameGrabber:
        if self._thread is not None:
            raise RuntimeError("FrameGrabber already started")
        self._thread = threading.Thread(target=self._run, name="frame-grabber", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the thread to end and wait for it; closes the source. Safe to call twice."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        with self._cond:
            self._cond.notify_all()

    @property
    def finished(self) -> bool:
        """True once capture has ended (stopped, end of file, or error)."""
        return self._finished.is_set()

    def wait_finished(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def latest(self) -> Frame | None:
        with self._cond:
            return self._latest

    def wait_next(self, after_index: int | None, timeout: float | None = None) -> Frame | None:
        """The newest frame whose index is greater than `after_index` (any frame if None).

        Blocks until one arrives; None when capture ends or on timeout. A consumer slower than
        the camera gets the newest frame each time, skipping the ones in between.
        """
        with self._cond:
            def ready() -> bool:
                f = self._latest
                fresh = f is not None and (after_index is None or f.index > after_index)
                return fresh or self._finished.is_set()

            self._cond.wait_for(ready, timeout)
            f = self._latest
            if f is not None and (after_index is None or f.index > after_index):
                return f
            return None

    def __enter__(self) -> FrameGrabber:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                frame = self.source.read()
                if frame is None:
                    break
                self.frames_read += 1
                with self._cond:
                    self._latest = frame
                    subscribers = list(self._subscribers)
                    self._cond.notify_all()
                for cb in subscribers:
                    try:
                        cb(frame)
                    except Exception:  # a faulty subscriber must not stop capture
                        log.exception("frame subscriber failed; capture continues")
        except FaceError as exc:
            self.error = exc
            log.warning("capture ended: %s", exc.code)
        except Exception as exc:  # e.g. cv2.error from a driver: end capture, say so
            self.error = CameraUnavailable(
                f"capture failed ({type(exc).__name__}).",
                advice="Replug the camera and restart the check; tell the technician if it "
                       "happens again.")
            log.exception("capture failed")
        finally:
            if self._close_source:
                self.source.close()
            self._finished.set()
            with self._cond:
                self._cond.notify_all()
