"""Typed errors of the PC/SC layer.

The subclassing is the contract with `icao`: it knows nothing of `nfc`, and catches
`ConnectionError` (the card or reader went away) and `TimeoutError` (the card went silent).
Messages say what staff or a technician should do; they never carry APDU data, because
command and response bodies can hold personal data.
"""

from __future__ import annotations


class NfcError(Exception):
    """Base of every error raised by `nfc`.

    `code` is the PC/SC return code (e.g. 0x80100069) when one caused the error.
    """

    def __init__(self, message: str, *, code: int | None = None):
        self.code = code
        self.message = message
        super().__init__(message if code is None else f"{message} (PC/SC 0x{code:08X})")


class CardRemoved(NfcError, ConnectionError):
    """The card left the reader's field (or was reset) during or before an exchange."""


class ReaderUnavailable(NfcError, ConnectionError):
    """The reader is unknown, unplugged, or holds no card to connect to."""


class TransmitFailed(NfcError, OSError):
    """The reader could not carry an APDU although the card still appears present."""


class PcscUnavailable(NfcError, ConnectionError):
    """The PC/SC service (pcscd) is not running or cannot be reached."""


class ApduTimeout(NfcError, TimeoutError):
    """The card did not answer an APDU within the per-APDU bound."""


class AtrError(NfcError, ValueError):
    """An answer-to-reset that does not follow ISO/IEC 7816-3."""


PCSCD_ADVICE = (
    "The smart-card service (pcscd) is not running. Start it "
    "(`systemctl start pcscd`, or `pcscd --foreground &` on a machine without systemd) "
    "and try again; if it keeps failing, call a technician."
)
