"""Typed errors for everything the chip or its files can do wrong.

Each error carries the protocol step and, where the card answered, its status word, plus a
message that counter staff can act on. Messages never contain personal data: no names, no ID
numbers, no MRZ, no file contents.
"""

from __future__ import annotations


class IcaoError(Exception):
    """Base of every error raised by `icao`."""

    #: A sentence for counter staff: what happened and what to do next.
    advice: str = "Try again. If it keeps failing, call a technician."

    def __init__(self, message: str, *, step: str | None = None, sw: int | None = None):
        self.step = step
        self.sw = sw
        parts = [message]
        if step:
            parts.append(f"step={step}")
        if sw is not None:
            parts.append(f"SW={sw:04X}")
        super().__init__(" | ".join(parts))
        self.message = message


class ParseError(IcaoError, ValueError):
    """Malformed bytes: a TLV, an MRZ, an LDS file or a certificate that does not parse."""

    advice = "The card returned data that could not be read. Try the card again; if it repeats, the card may be damaged."


class AccessDenied(IcaoError):
    """Wrong CAN or MRZ: the chip refused the password."""

    advice = "The access number did not open the card. Check the 6-digit CAN (last 6 digits of the ID number) or scan the MRZ again."

    def __init__(self, message: str, *, step: str | None = None, sw: int | None = None,
                 tries_left: int | None = None):
        super().__init__(message, step=step, sw=sw)
        self.tries_left = tries_left


class CardRemoved(IcaoError):
    """The card left the field (or the reader vanished) in the middle of an exchange."""

    advice = "The card was moved away from the reader. Place it flat on the reader and keep it still."


class CardError(IcaoError):
    """The card answered a status word that the protocol step cannot accept."""


class SecureMessagingError(IcaoError):
    """A protected response failed its MAC, lacked a required data object, or lost sync."""

    advice = "The secure channel to the card broke. Remove the card and tap it again."


class SessionLost(SecureMessagingError):
    """The chip ended the secure session: a plain 6882/6987/6988 after secure messaging was
    established, or a plain error right after a refused command (ICAO 9303-11 9.8: many chips
    abort secure messaging on any error). The reader re-establishes the session and goes on;
    this escapes only when that keeps failing."""

    advice = "The card kept dropping the secure channel. Remove the card and tap it again."


class ReadTimeout(IcaoError):
    """The read did not finish within its deadline (`ReadOptions.deadline_s`)."""

    advice = ("Reading the card took too long. Remove the card, place it flat on the reader "
              "and try again; if it repeats, call a technician.")


class CardSilent(ReadTimeout):
    """The card stopped answering: no answer within the APDU timeout, and none before the
    read's deadline either. Not `CardRemoved`: the reader still sees the card."""

    advice = ("The card does not answer. Remove it, wait a moment, and place it flat on the "
              "reader again; if it repeats, the card may be damaged: call staff.")


class UnsupportedProtocol(IcaoError):
    """The card offers only protocols, curves or ciphers this reader does not implement."""

    advice = "This card uses a protocol the kiosk does not support. Call a technician."


class CryptoError(IcaoError):
    """A cryptographic step failed (bad point, bad authentication token, bad signature)."""

    advice = "The card's cryptographic answer was wrong. The card may be damaged or not genuine; call staff."
