"""Thin helpers over pyscard's raw PC/SC binding (`smartcard.scard`): contexts and error mapping.

The raw binding rather than pyscard's object layer because the transport needs the exact
return codes (removed card vs. failed transmit) and control over each context's lifetime.
"""

from __future__ import annotations

from smartcard import scard

from nfc.errors import (
    PCSCD_ADVICE,
    ApduTimeout,
    CardRemoved,
    NfcError,
    PcscUnavailable,
    ReaderUnavailable,
    TransmitFailed,
)

# PC/SC return codes (pcsc-lite pcsclite.h), as unsigned 32-bit values.
S_SUCCESS = 0x00000000
E_CANCELLED = 0x80100002
E_INVALID_HANDLE = 0x80100003
E_UNKNOWN_READER = 0x80100009
E_TIMEOUT = 0x8010000A
E_SHARING_VIOLATION = 0x8010000B
E_NO_SMARTCARD = 0x8010000C
E_PROTO_MISMATCH = 0x8010000F
E_NOT_TRANSACTED = 0x80100016
E_READER_UNAVAILABLE = 0x80100017
E_NO_SERVICE = 0x8010001D
E_SERVICE_STOPPED = 0x8010001E
E_NO_READERS_AVAILABLE = 0x8010002E
F_COMM_ERROR = 0x80100013
W_UNRESPONSIVE_CARD = 0x80100066
W_UNPOWERED_CARD = 0x80100067
W_RESET_CARD = 0x80100068
W_REMOVED_CARD = 0x80100069

_REMOVED = {W_REMOVED_CARD, W_RESET_CARD, E_NO_SMARTCARD, W_UNPOWERED_CARD}
_NO_SERVICE = {E_NO_SERVICE, E_SERVICE_STOPPED}
_READER_GONE = {E_UNKNOWN_READER, E_READER_UNAVAILABLE, E_NO_READERS_AVAILABLE}


def code(hresult: int) -> int:
    """The binding returns codes as Python ints; normalise to unsigned 32 bits."""
    return hresult & 0xFFFFFFFF


def error_for(hresult: int, action: str) -> NfcError:
    """Map a PC/SC return code to the typed error a caller can act on.

    `action` names what was being done ("connect to the card"); it must not hold APDU data.
    """
    rc = code(hresult)
    if rc in _NO_SERVICE:
        return PcscUnavailable(PCSCD_ADVICE, code=rc)
    if rc in _REMOVED:
        return CardRemoved(
            f"The card left the reader while trying to {action}. "
            "Place it flat on the reader and keep it still.",
            code=rc,
        )
    if rc in _READER_GONE:
        return ReaderUnavailable(
            f"The reader is not available ({action}). Check its cable and that it is listed "
            "by `kiosk diag readers`.",
            code=rc,
        )
    if rc == E_TIMEOUT:
        return ApduTimeout(f"The reader timed out while trying to {action}.", code=rc)
    if rc == W_UNRESPONSIVE_CARD:
        return TransmitFailed(
            f"The card does not respond ({action}). Remove it and place it again.", code=rc
        )
    if rc == E_SHARING_VIOLATION:
        return ReaderUnavailable(
            f"Another program holds the card exclusively ({action}). Close other smart-card "
            "programs and try again.",
            code=rc,
        )
    msg = scard.SCardGetErrorMessage(hresult)
    return TransmitFailed(f"Could not {action}: {msg}.", code=rc)


def establish_context() -> int:
    """A new PC/SC context; PcscUnavailable when pcscd is not running."""
    hresult, hcontext = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if code(hresult) != S_SUCCESS:
        raise error_for(hresult, "reach the smart-card service")
    return hcontext


def release_context(hcontext: int) -> None:
    scard.SCardReleaseContext(hcontext)


def list_reader_names(hcontext: int) -> list[str]:
    """Reader names; [] when none is connected (pcsc-lite reports that as an error code)."""
    hresult, readers = scard.SCardListReaders(hcontext, [])
    rc = code(hresult)
    if rc == E_NO_READERS_AVAILABLE:
        return []
    if rc != S_SUCCESS:
        raise error_for(hresult, "list the readers")
    return list(readers)
