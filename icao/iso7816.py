"""Command builders for the ISO/IEC 7816-4 commands an eMRTD reader sends (ICAO 9303-11 sec. 4-7).

One function per command so that the APDU layout lives in exactly one place; the protocol
modules (bac, pace, ca, aa, reader) only decide *when* to send what. Every builder returns a
plain `icao.apdu.Command`; secure messaging wraps it later.
"""

from __future__ import annotations

from icao import tlv
from icao.apdu import Command
from icao.errors import ParseError

INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0
INS_READ_BINARY_ODD = 0xB1
INS_GET_CHALLENGE = 0x84
INS_MUTUAL_AUTHENTICATE = 0x82  # 9303-11 4.3.4.1 calls it EXTERNAL AUTHENTICATE / MUTUAL AUTH
INS_INTERNAL_AUTHENTICATE = 0x88
INS_MSE = 0x22
INS_GENERAL_AUTHENTICATE = 0x86

#: The eMRTD LDS1 application (9303-10 3.1.3).
AID_EMRTD = bytes.fromhex("A0000002471001")

FID_MF = 0x3F00
FID_CARD_ACCESS = 0x011C
FID_CARD_SECURITY = 0x011D
FID_ATR_INFO = 0x2F01

#: P1-P2 of MSE:Set AT for PACE/CA/TA (9303-11 4.4.4.1, BSI TR-03110-3 B.1).
MSE_SET_AT_PACE = 0xC1A4
MSE_SET_AT_CA = 0x41A4
MSE_SET_KAT = 0x41A6

#: B0 with an offset in P1-P2 reaches 15 bits only (ISO 7816-4 11.2.3): beyond, use B1.
MAX_B0_OFFSET = 0x7FFF


def select_mf() -> Command:
    """SELECT MF (3F00). Many eMRTDs, Vietnamese CCCDs among them, answer 6D00: never fatal."""
    return Command(0x00, INS_SELECT, 0x00, 0x0C, FID_MF.to_bytes(2, "big"))


def select_fid(fid: int, *, p1: int = 0x02) -> Command:
    """SELECT EF by file identifier, no FCI wanted (P2 0C), 9303-11 4.1 / 7816-4 11.2.2.

    P1 02 selects an EF under the current DF; P1 00 is what some readers use for EF.CardAccess
    in the MF. The chip decides; both are accepted by our emulated chip.
    """
    if not 0 <= fid <= 0xFFFF:
        raise ValueError("file identifier out of range")
    return Command(0x00, INS_SELECT, p1, 0x0C, fid.to_bytes(2, "big"))


def select_aid(aid: bytes = AID_EMRTD) -> Command:
    """SELECT the eMRTD application by AID, no FCI (9303-10 3.1.3)."""
    return Command(0x00, INS_SELECT, 0x04, 0x0C, bytes(aid))


def read_binary(offset: int, le: int, *, sfi: int | None = None) -> Command:
    """READ BINARY of `le` bytes at `offset` of the current EF, or of the EF named by `sfi`.

    - With an SFI (7816-4 11.2.3, P1 = 100xxxxx) the offset must fit one byte.
    - Offsets up to 32767 go in P1-P2 of INS B0.
    - Larger offsets use the odd instruction B1 with the offset in DO54 (7816-4 11.2.3,
      9303-10 3.6.3: files above 32 KB, e.g. large DG2 portraits).
    """
    if le <= 0 or le > 65536:
        raise ValueError("READ BINARY length must be 1..65536")
    if offset < 0:
        raise ValueError("negative offset")
    if sfi is not None:
        if not 1 <= sfi <= 30 or offset > 0xFF:
            raise ValueError("SFI read needs SFI 1..30 and an offset below 256")
        return Command(0x00, INS_READ_BINARY, 0x80 | sfi, offset, le=le)
    if offset <= MAX_B0_OFFSET:
        return Command(0x00, INS_READ_BINARY, offset >> 8, offset & 0xFF, le=le)
    return read_binary_odd(offset, le)


def read_binary_odd(offset: int, le: int) -> Command:
    """READ BINARY B1 with the offset as DO54 (minimal big-endian, at most 3 bytes)."""
    body = offset.to_bytes(max(1, (offset.bit_length() + 7) // 8), "big")
    if len(body) > 3:
        raise ValueError("offset too large")
    # Le counts the response data, DO53 header included: the payload is up to 4 bytes shorter;
    # the reader advances by what it actually received.
    return Command(0x00, INS_READ_BINARY_ODD, 0x00, 0x00, tlv.encode(0x54, body), le=le)


def unwrap_odd_response(data: bytes) -> bytes:
    """The data of a B1 response is a DO53 holding the bytes read (7816-4 11.2.3)."""
    if not data:
        return b""
    element = tlv.decode_prefix(data)
    if element.tag != 0x53:
        raise ParseError(f"READ BINARY (B1) answered tag {element.tag:X}, expected 53",
                         step="read")
    return element.value


def get_challenge(le: int = 8) -> Command:
    """GET CHALLENGE: BAC's RND.IC (9303-11 4.3.4.1) or AA's nonce source."""
    return Command(0x00, INS_GET_CHALLENGE, 0x00, 0x00, le=le)


def mutual_authenticate(data: bytes, le: int = 40) -> Command:
    """EXTERNAL/MUTUAL AUTHENTICATE with E.IFD || M.IFD (9303-11 4.3.4.1, D.3)."""
    return Command(0x00, INS_MUTUAL_AUTHENTICATE, 0x00, 0x00, bytes(data), le=le)


def internal_authenticate(challenge: bytes, le: int = 0) -> Command:
    """INTERNAL AUTHENTICATE for active authentication (9303-11 6.1)."""
    return Command(0x00, INS_INTERNAL_AUTHENTICATE, 0x00, 0x00, bytes(challenge), le=le)


def mse_set_at(data: bytes, p1p2: int = MSE_SET_AT_PACE) -> Command:
    """MSE:Set AT (9303-11 4.4.4.1 for PACE with P1P2 C1A4; CA v2/v1-AES with 41A4)."""
    return Command(0x00, INS_MSE, p1p2 >> 8, p1p2 & 0xFF, bytes(data))


def mse_set_kat(data: bytes) -> Command:
    """MSE:Set KAT for chip authentication v1 with 3DES (9303-11 6.2.4.1)."""
    return Command(0x00, INS_MSE, 0x41, 0xA6, bytes(data))


def general_authenticate(data: bytes, *, last: bool = True, le: int | None = 0) -> Command:
    """GENERAL AUTHENTICATE with a 7C dynamic authentication data object (9303-11 4.4.4.2).

    PACE chains its steps: every step but the last sets CLA bit 0x10 (command chaining,
    7816-4 5.1.1), which is how the chip knows the protocol is not finished.
    """
    return Command(0x00 if last else 0x10, INS_GENERAL_AUTHENTICATE, 0x00, 0x00, bytes(data),
                   le=le)


def dynamic_auth_data(tag: int, value: bytes) -> bytes:
    """7C { tag value } as GENERAL AUTHENTICATE carries it; empty value allowed."""
    return tlv.encode(0x7C, tlv.encode(tag, value) if tag else b"")
