"""Typed errors of image capture, each with advice for counter staff and no personal data."""

from __future__ import annotations


class CaptureError(Exception):
    """Base of every capture error. `advice` is a sentence staff can act on."""

    advice: str = "Try again, or type the 6-digit CAN printed on the card."

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class QrNotFound(CaptureError):
    """No QR code could be decoded in the image."""

    advice = ("No QR code was found. Hold the card's QR code (front of 2021 cards, back of 2024 "
              "cards) flat, about 15 cm from the camera, and keep it still.")


class NotCccdQr(CaptureError):
    """A QR code was decoded but it is not a Vietnamese ID card's QR (payment, URL, ...)."""

    advice = ("This QR code is not the ID card's. Show the QR code printed on the chip ID card "
              "itself, not one from a phone, bill or app.")


class InvalidCccdQr(CaptureError):
    """The QR looks like an ID card's but a field fails validation; `field` names it."""

    advice = "The card's QR code holds data that does not validate. Read the chip with the CAN instead."

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


class MrzNotFound(CaptureError):
    """No MRZ whose check digits all pass was read from the image."""

    advice = ("The MRZ (three lines at the bottom of the back of the card) could not be read. "
              "Hold the back of the card flat and closer to the camera, out of direct glare.")


class OcrUnavailable(CaptureError):
    """The offline OCR model files are missing or fail to load: a broken installation."""

    advice = "The MRZ reader is not installed correctly. Use the QR code or the CAN, and call a technician."
