"""The citizen's access key from what the access-key screen has: a typed CAN, or a camera
frame showing the card's QR code (CAN) or its MRZ (BAC key). Blocking decodes: the screen runs
them in a worker on the newest frame."""

from __future__ import annotations

import numpy as np

from icao.errors import ParseError
from icao.keys import AccessKey
from kiosk.capture.errors import CaptureError
from kiosk.capture.qr_payload import QrCapture

#: The key, and the QR capture when the key came from the QR code (its fields pre-fill what
#: the chip lacks, marked unverified).
KeyCapture = tuple[AccessKey, QrCapture | None]


def key_from_can(can: str) -> AccessKey:
    """A 6-digit CAN; ValueError (without the digits) when it is not one."""
    try:
        return AccessKey.from_can(can)
    except ParseError as exc:
        raise ValueError(str(exc)) from exc


def decode_qr(frame: np.ndarray) -> KeyCapture | None:
    """The CAN key and the QR capture when the frame shows a CCCD QR code, else None."""
    from kiosk.capture.qr import read_qr  # zxing-cpp and OpenCV load only when a frame comes

    try:
        capture = read_qr(frame)
    except CaptureError:
        return None
    return key_from_can(capture.can), capture


def decode_mrz(frame: np.ndarray) -> KeyCapture | None:
    """The BAC key when the frame shows an MRZ whose every check digit passes, else None."""
    from kiosk.capture.mrz_ocr import read_mrz  # the OCR engine is heavy: load it on demand

    try:
        capture = read_mrz(frame)
    except CaptureError:
        return None
    return capture.access_key(), None
