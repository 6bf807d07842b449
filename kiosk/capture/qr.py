"""Decode the card's QR code from a camera frame with zxing-cpp (docs/reference/MODELS.md).

zxing-cpp reads 40/40 mildly damaged frames in a few ms; blurred or small codes need a second
pass on a 2x upscaled, sharpened copy (unsharp mask restores the module edges the blur spread),
and rarely a third at 3x.
The payload's bytes are decoded as UTF-8 here, not by zxing's charset guess: CCCD QR codes
carry UTF-8 Vietnamese without an ECI, which a guess can take for Latin-1.
"""

from __future__ import annotations

from datetime import date

import cv2
import numpy as np

from kiosk.capture.errors import NotCccdQr, QrNotFound
from kiosk.capture.qr_payload import QrCapture, parse_payload


def _gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _sharpened(gray: np.ndarray, factor: float) -> np.ndarray:
    big = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    soft = cv2.GaussianBlur(big, (0, 0), factor)
    return cv2.addWeighted(big, 1.8, soft, -0.8, 0)


def _texts(gray: np.ndarray) -> list[str]:
    # zxing-cpp (native) loads with the first image decoded, not at start-up
    import zxingcpp

    out = []
    for code in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
        raw = bytes(code.bytes)
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(code.text)
    return out


#: Upscale factors of the retries: 2x recovers blurred codes of ~3 px per module; 3x the few
#: at ~2.5 px per module that 2x misses (measured on the bench's hard level: 99/100 -> 100/100).
RETRY_FACTORS = (2.0, 3.0)


def decode_texts(image: np.ndarray) -> list[str]:
    """Every QR text in the frame: first pass as is, then upscaled and sharpened retries."""
    gray = _gray(image)
    texts = _texts(gray)
    for factor in RETRY_FACTORS:
        if texts:
            break
        texts = _texts(_sharpened(gray, factor))
    return texts


def read_qr(image: np.ndarray, *, today: date | None = None) -> QrCapture:
    """The CCCD QR capture from a BGR (or grayscale) frame.

    Raises QrNotFound when no QR decodes, NotCccdQr when the only QR codes are not an ID
    card's (a payment code held up by mistake), InvalidCccdQr when an ID card's QR fails
    validation.
    """
    texts = decode_texts(image)
    if not texts:
        raise QrNotFound("no QR code could be decoded in the image")
    last_error: NotCccdQr | None = None
    for text in texts:
        try:
            return parse_payload(text, today=today)
        except NotCccdQr as exc:
            last_error = exc
    assert last_error is not None
    raise last_error
