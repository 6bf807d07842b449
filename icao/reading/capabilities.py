"""Capabilities first (issue 15): may this read send extended-length APDUs, and how large?

Three sources must all allow extended length before the reader sends one:
- the card: ISO/IEC 7816-4 8.1.1.2.7 card capabilities (third software function table, b7
  "extended Lc and Le fields") in the ATR/ATS historical bytes, as the transport decodes
  them (`transport.extended_length`), or, when present, EF.ATR/INFO (7816-4 8.2.1.1: FID
  2F01, SFI 01 in the MF) with the same card capabilities in DO 47 and the buffer sizes in
  DO 7F66 "extended length information" (two INTEGERs: the largest command and response
  APDU). A "no" from either is final; a card that announces nothing (every ISO 14443
  type B card has no capabilities object) is probed: extended first, learned on refusal;
- the reader: `ReadOptions.extended` (from the reader profile, kiosk/diag/profiles.py):
  False when the reader cannot carry extended APDUs;
- what this read learned: a bare 6700 to an extended APDU, or a transport that could not
  carry one, turns extended length off for the rest of the read.
"""

from __future__ import annotations

from dataclasses import dataclass

from icao import iso7816, tlv
from icao.crypto import CipherKind
from icao.document import Capabilities, ExtendedSource
from icao.errors import ParseError
from icao.reading.channel import Channel
from icao.sm import MAX_SHORT_PLAIN

#: EF.ATR/INFO (ISO/IEC 7816-4 8.2.1.1).
SFI_ATR_INFO = 0x01
TAG_CARD_CAPABILITIES = 0x47
TAG_EXTENDED_LENGTH_INFO = 0x7F66
#: Protected READ BINARY answer overhead beyond the padded data: DO87 header (4) and its
#: padding indicator (1), DO99 (4), DO8E (10) and SW1 SW2 (2) (9303-11 9.8.5).
_SM_OVERHEAD = 4 + 1 + 4 + 10 + 2


@dataclass(frozen=True)
class AtrInfo:
    """What EF.ATR/INFO says about extended length (None: it says nothing)."""

    extended: bool | None
    max_command: int | None = None
    max_response: int | None = None


def parse_atr_info(raw: bytes) -> AtrInfo:
    """Decode EF.ATR/INFO's interindustry data objects; unknown ones are skipped.

    Raises ParseError when the bytes are not BER-TLV (a broken file is ignored by the caller).
    """
    extended: bool | None = None
    max_command = max_response = None
    for element in _objects(bytes(raw)):
        if element.tag == TAG_CARD_CAPABILITIES and len(element.value) >= 3:
            extended = bool(element.value[2] & 0x40)
        elif element.tag == TAG_EXTENDED_LENGTH_INFO:
            sizes = [int.from_bytes(c.value, "big") for c in tlv.decode_all(element.value)
                     if c.tag == 0x02 and 0 < len(c.value) <= 4]
            if len(sizes) < 2:
                raise ParseError("DO 7F66 needs two buffer sizes", step="capabilities")
            max_command, max_response = sizes[0], sizes[1]
            extended = True if extended is None else extended
    return AtrInfo(extended, max_command, max_response)


def _objects(data: bytes) -> list[tlv.Tlv]:
    """The data objects, up to the erased tail (00 or FF) of a fixed-size EF (7816-4 5.2.2)."""
    out: list[tlv.Tlv] = []
    while data and data[0] not in (0x00, 0xFF):
        element = tlv.decode_prefix(data)
        out.append(element)
        data = data[len(element.raw):]
    return out


def read_atr_info(channel: Channel) -> AtrInfo | None:
    """READ BINARY of EF.ATR/INFO by SFI, one plain APDU; None when absent or unreadable."""
    answer = channel.plain(iso7816.read_binary(0, 256, sfi=SFI_ATR_INFO))
    if answer.sw not in (0x9000, 0x6282) or not answer.data:
        return None
    try:
        return parse_atr_info(answer.data)
    except ParseError:
        return None


def max_plain(max_response: int) -> int:
    """The largest READ BINARY data size whose protected answer fits `max_response` bytes,
    for either cipher (padding to 16-byte blocks covers 3DES's 8)."""
    room = max_response - _SM_OVERHEAD
    return max(MAX_SHORT_PLAIN[CipherKind.AES], (room // 16) * 16 - 1)


class CapabilityState:
    """The facts gathered during a read, and the decision they give."""

    def __init__(self, reader: bool | None, atr: bool | None):
        self.reader = reader
        self.atr = atr
        self.ef_atr_info: AtrInfo | None = None
        self.checked_ef_atr_info = False

    def needs_ef_atr_info(self) -> bool:
        """EF.ATR/INFO can only matter when neither the reader nor the ATR has said no."""
        return not self.checked_ef_atr_info and self.reader is not False and self.atr is not False

    def decision(self) -> tuple[bool, ExtendedSource]:
        if self.reader is False:
            return False, "reader profile"
        if self.atr is False:
            return False, "atr"
        info = self.ef_atr_info.extended if self.ef_atr_info else None
        if info is False:
            return False, "ef.atr"
        if self.atr:
            return True, "atr"
        if info:
            return True, "ef.atr"
        if self.reader:
            return True, "reader profile"
        # Nobody said: many cards (every ISO 14443 type B one) carry no capabilities at all.
        # Try, and learn from a refusal (a bare 6700, or a transport that cannot carry it).
        return True, "probed"

    def allows_extended(self) -> bool:
        return self.decision()[0]

    def summary(self, max_read: int, used: bool) -> Capabilities:
        """`used`: whether extended length was still allowed at the end of the read."""
        extended, source = self.decision()
        if extended and not used:
            extended, source = False, "learned"
        info = self.ef_atr_info
        return Capabilities(extended, source, self.atr, info.extended if info else None,
                            self.reader, info.max_command if info else None,
                            info.max_response if info else None, max_read)
