"""Access keys without typing: the card's QR code (CAN) and the MRZ read by the camera.

Public API (no Qt; the UI calls these from its workers):
  kiosk.capture.qr.read_qr(image, *, today=None) -> QrCapture
  kiosk.capture.qr_payload.parse_payload(text, *, today=None) -> QrCapture
  kiosk.capture.mrz_ocr.read_mrz(image, *, thorough=True) -> MrzCapture   (shared engine)
  kiosk.capture.mrz_ocr.shared_reader().attempt(frame) -> MrzAttempt     (one live frame)
  kiosk.capture.worker.CaptureWorker(source, *, mode="auto", on_progress=None,
      on_result=None, on_error=None, today=None, mrz_reader=None, mrz_every=1,
      max_seconds=None) with start(), stop(), wait(timeout), run(), result, error
  QrCapture.access_key() / MrzCapture.access_key() -> icao.keys.AccessKey

Heavy modules (OpenCV, zxing-cpp, rapidocr) load only when these are imported.
"""

from kiosk.capture.errors import (
    CaptureError,
    InvalidCccdQr,
    MrzNotFound,
    NotCccdQr,
    OcrUnavailable,
    QrNotFound,
)
from kiosk.capture.qr_payload import NOT_VERIFIED_NOTE, QrCapture, QrFields, parse_payload

__all__ = [
    "CaptureError", "InvalidCccdQr", "MrzNotFound", "NotCccdQr", "OcrUnavailable", "QrNotFound",
    "NOT_VERIFIED_NOTE", "QrCapture", "QrFields", "parse_payload",
]
