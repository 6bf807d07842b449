"""Pieces of one exchange of `nfc.transport`: what a failed SCardTransmit means, and the
APDU rewriting for T=0-style answers (ISO/IEC 7816-3 12.2, 7816-4 5.1.3 / 5.3.4): the GET
RESPONSE class byte and the re-send with the Le the card asked for."""

from __future__ import annotations

from nfc import _pcsc
from nfc.errors import CardRemoved, TransmitFailed
from nfc.readers import wait_card_present

#: How long a NOT_TRANSACTED may take to show up as "card gone" in pcscd (polls every 400 ms).
REMOVAL_CONFIRM = 1.0


def classify(rc: int, resp: bytes, reader: str) -> bytes:
    """The response, or the typed error for a failed exchange. Runs on the caller's
    thread, so the removal check below does not eat into the APDU timeout."""
    if rc == _pcsc.S_SUCCESS and len(resp) >= 2:
        return resp
    if rc in (_pcsc.S_SUCCESS, _pcsc.E_NOT_TRANSACTED, _pcsc.F_COMM_ERROR):
        # A card that vanishes mid-exchange shows up as NOT_TRANSACTED (RIG.md), a comm
        # error, or (vpcd) an empty "successful" answer; pcscd's presence poll tells
        # whether the card is really gone.
        if wait_card_present(reader, False, REMOVAL_CONFIRM):
            raise CardRemoved(
                "The card left the reader during an exchange. Place it flat on the "
                "reader and keep it still.", code=None if rc == _pcsc.S_SUCCESS else rc,
            )
        if rc == _pcsc.S_SUCCESS:
            raise TransmitFailed(
                f"The card answered {len(resp)} bytes, no status word. Remove the card "
                "and place it again."
            )
    raise _pcsc.error_for(rc, "exchange a command with the card")


def get_response_cla(cla: int) -> int:
    """GET RESPONSE keeps the logical channel of the command it continues (ISO/IEC 7816-4
    5.4.1), without secure messaging or chaining bits (it is a T=0 transport command)."""
    if cla & 0x40:
        return 0x40 | (cla & 0x0F)  # further interindustry class: channels 4-19
    return cla & 0x03


def with_short_le(apdu: bytes, le: int) -> bytes:
    """The same command with a 1-byte Le = `le` (6Cxx: ISO/IEC 7816-3 12.2.2 case 2)."""
    body = apdu[4:]
    n = len(body)
    if n == 0:
        return apdu + bytes([le])
    if n == 1:
        return apdu[:4] + bytes([le])
    if body[0] != 0 or n < 3:
        lc = body[0]
        if n == 1 + lc:
            return apdu + bytes([le])
        return apdu[:5 + lc] + bytes([le])
    # Extended command told to use a short Le: keep data, extended Le field carries xx.
    if n == 3:
        return apdu[:4] + b"\x00" + le.to_bytes(2, "big")
    lc = int.from_bytes(body[1:3], "big")
    return apdu[:7 + lc] + le.to_bytes(2, "big")
