"""Access keys without typing: the card's QR code (CAN) and the MRZ read by the camera.

Public API (no Qt; the UI calls these from its workers):
  read_qr(image, today=None) -> QrCapture            kiosk.capture.qr
  parse_payload(text, today=None) -> QrCapture       kiosk.capture.qr_payload
  read_mrz(image) -> MrzCapture                      kiosk.capture.mrz_ocr (shared OCR engine)
  MrzReader().attempt(image) -> MrzAttempt           one frame, with hints
  CaptureWorker(frames, mode, on_progress, on_result) kiosk.capture.worker

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
