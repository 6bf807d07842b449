"""Live capture: read camera frames in a background thread until a QR or an MRZ gives a key.

No Qt here: the UI wraps the callbacks into signals. Callbacks run on the worker thread.
Frames come from any source: an iterable of numpy BGR frames (a video file, a list of images,
a camera generator), an object whose read() returns the next frame (None at the end, as
kiosk.face.camera sources do), or a callable doing the same.
Items may also be (timestamp, frame) pairs or objects with an `image`/`frame`/`bgr` array,
so a camera source from kiosk/face plugs in without this module knowing its internals.

Progress hints are stable codes plus an English sentence; the UI translates the code.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np

from kiosk.capture.errors import InvalidCccdQr, NotCccdQr, QrNotFound
from kiosk.capture.qr_payload import QrCapture

Mode = Literal["qr", "mrz", "auto"]

#: Hint code -> English sentence for the citizen.
HINTS = {
    "searching": "Show the QR code on your card, or the back of the card, to the camera.",
    "hold_still": "Hold the card still.",
    "move_closer": "Move the card closer to the camera.",
    "show_back": "Show the back of the card (the three lines of letters at the bottom).",
    "not_cccd_qr": "This QR code is not the ID card's. Show the QR code printed on the card.",
    "invalid_qr": "The card's QR code could not be used. Show the back of the card instead.",
    "found": "Found. You can put the card on the reader.",
}

_SHARPNESS_MIN = 40.0  # variance of the Laplacian below this: motion blur, ask to hold still
_CONTRAST_MIN = 12.0  # grey-level standard deviation below this: nothing in view


@dataclass(frozen=True)
class Progress:
    code: str  # a key of HINTS
    message: str
    frames: int  # frames looked at so far
    seconds: float


def _as_bgr(item: Any) -> np.ndarray | None:
    if isinstance(item, np.ndarray):
        return item
    if isinstance(item, tuple):
        arrays = [x for x in item if isinstance(x, np.ndarray)]
        return arrays[0] if arrays else None
    for name in ("image", "frame", "bgr"):
        value = getattr(item, name, None)
        if isinstance(value, np.ndarray):
            return value
    return None


def _frames(source: Iterable[Any] | Callable[[], Any]) -> Iterator[Any]:
    # A camera object with read() -> frame | None (kiosk.face.camera.FrameSource) or a callable.
    pull = getattr(source, "read", None) if not hasattr(source, "__iter__") else None
    if pull is None and callable(source) and not hasattr(source, "__iter__"):
        pull = source
    if pull is not None:
        while True:
            item = pull()
            if item is None:
                return
            yield item
    else:
        yield from source  # type: ignore[misc]


def sharpness(image: np.ndarray) -> tuple[float, float]:
    """(variance of the Laplacian, grey-level standard deviation) at 640 px wide: a frame with
    contrast but no edges is a moving card; one without contrast shows nothing yet."""
    # OpenCV loads with the first frame, not when this module does
    import cv2

    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(gray, (640, int(640 * gray.shape[0] / gray.shape[1])))
    return float(cv2.Laplacian(small, cv2.CV_64F).var()), float(small.std())


class CaptureWorker:
    """Runs QR and/or MRZ capture over frames; stops at the first valid result.

    mode "qr" tries only the QR (a few ms per frame), "mrz" only the MRZ (~0.6 s per frame),
    "auto" the QR on every frame and the MRZ on every `mrz_every`-th frame.
    """

    def __init__(self, source: Iterable[Any] | Callable[[], Any], *, mode: Mode = "auto",
                 on_progress: Callable[[Progress], None] | None = None,
                 on_result: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 today: date | None = None, mrz_reader: Any = None, mrz_every: int = 1,
                 max_seconds: float | None = None):
        self._source = source
        self.mode = mode
        self._on_progress = on_progress
        self._on_result = on_result
        self._on_error = on_error
        self._today = today
        self._mrz_reader = mrz_reader
        self._mrz_every = max(1, mrz_every)
        self._max_seconds = max_seconds
        self._stop = threading.Event()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self.result: QrCapture | Any | None = None
        self.error: BaseException | None = None
        self.frames = 0

    # -- control -------------------------------------------------------------------------
    def start(self) -> CaptureWorker:
        self._thread = threading.Thread(target=self.run, name="capture-worker", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the worker to stop after the current frame (the card left, the citizen gave up)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> Any | None:
        """Block until the worker ends (result, source exhausted, stop or error)."""
        self._done.wait(timeout)
        return self.result

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> Any | None:
        """The capture loop (the thread's target; callable directly for a synchronous run)."""
        start = time.perf_counter()
        try:
            for item in _frames(self._source):
                if self._stop.is_set():
                    break
                if self._max_seconds is not None and time.perf_counter() - start > self._max_seconds:
                    break
                frame = _as_bgr(item)
                if frame is None:
                    continue
                self.frames += 1
                result, code = self._one(frame)
                if result is not None:
                    self.result = result
                    self._progress("found", start)
                    if self._on_result:
                        self._on_result(result)
                    break
                self._progress(code, start)
        except Exception as exc:  # noqa: BLE001 - reported to the UI, never lost in a thread
            self.error = exc
            if self._on_error:
                self._on_error(exc)
        finally:
            self._done.set()
        return self.result

    def _one(self, frame: np.ndarray) -> tuple[Any | None, str]:
        code = "searching"
        if self.mode in ("qr", "auto"):
            # zxing-cpp loads with the first frame that is searched for a QR code
            from kiosk.capture.qr import read_qr

            try:
                return read_qr(frame, today=self._today), "found"
            except NotCccdQr:
                code = "not_cccd_qr"
            except InvalidCccdQr:
                code = "invalid_qr"
            except QrNotFound:
                pass
        if self.mode in ("mrz", "auto") and (self.frames - 1) % self._mrz_every == 0:
            attempt = self._reader().attempt(frame)
            if attempt.capture is not None:
                return attempt.capture, "found"
            if code == "searching":
                # loaded with the MRZ reader (below)
                from kiosk.capture.mrz_ocr import hint_for

                code = hint_for(attempt)
        if code in ("searching", "show_back"):
            edges, contrast = sharpness(frame)
            if contrast >= _CONTRAST_MIN and edges < _SHARPNESS_MIN:
                code = "hold_still"
        return None, code

    def _reader(self):
        if self._mrz_reader is None:
            # the OCR (rapidocr, onnxruntime) loads with the first MRZ frame
            from kiosk.capture.mrz_ocr import shared_reader

            self._mrz_reader = shared_reader()
        return self._mrz_reader

    def _progress(self, code: str, start: float) -> None:
        if self._on_progress is None:
            return
        self._on_progress(Progress(code=code, message=HINTS[code], frames=self.frames,
                                   seconds=time.perf_counter() - start))


__all__ = ["CaptureWorker", "Progress", "HINTS"]
