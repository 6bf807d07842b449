"""Secure messaging, card side (ICAO 9303-11 9.8): unwrap protected commands, wrap answers.

Strict on purpose, so the reader is tested against the rules real chips enforce: a wrong MAC
or a missing DO8E ends the session (the caller answers 6988); every answer carries DO99.
"""

from __future__ import annotations

from icao import tlv
from icao.apdu import Command
from icao.errors import IcaoError
from icao.sm import TAG_CRYPTOGRAM, TAG_LE, TAG_MAC, TAG_PLAIN_ODD, TAG_STATUS, SmCodec, decode_le


class SmViolation(Exception):
    """The protected command does not verify; the session must end (SW 6988)."""


class CardSecureMessaging(SmCodec):
    """The chip's half of an SM session: one `unwrap` then one `wrap`, in turn."""

    def unwrap(self, cmd: Command) -> Command:
        """Check DO8E over header, DO87/DO85 and DO97, then decrypt (9303-11 9.8.4)."""
        if cmd.cla & 0x0C != 0x0C:
            raise SmViolation("command not protected")
        self.ssc += 1
        try:
            elements = tlv.decode_all(cmd.data)
        except IcaoError as exc:
            raise SmViolation("protected data is not TLV") from exc
        cryptogram: bytes | None = None
        odd = False
        le: int | None = None
        mac_value: bytes | None = None
        mac_input = b""
        for el in elements:
            if mac_value is not None:
                raise SmViolation("data after DO8E")
            if el.tag in (TAG_CRYPTOGRAM, TAG_PLAIN_ODD) and cryptogram is None:
                cryptogram, odd = el.value, el.tag == TAG_PLAIN_ODD
                mac_input += el.raw
            elif el.tag == TAG_LE and le is None:
                try:
                    le = decode_le(el.value)
                except IcaoError as exc:
                    raise SmViolation("bad DO97") from exc
                mac_input += el.raw
            elif el.tag == TAG_MAC:
                mac_value = el.value
            else:
                raise SmViolation(f"unexpected DO{el.tag:X}")
        if mac_value is None or len(mac_value) != 8:
            raise SmViolation("no MAC")
        header = self.padded_header(cmd.cla, cmd.ins, cmd.p1, cmd.p2)
        if not self.check_mac(header + mac_input, mac_value):
            raise SmViolation("wrong MAC")
        data = b""
        if cryptogram is not None:
            try:
                if odd:
                    data = self.decrypt(cryptogram)
                else:
                    if not cryptogram or cryptogram[0] != 0x01:
                        raise SmViolation("bad padding indicator")
                    data = self.decrypt(cryptogram[1:])
            except IcaoError as exc:
                raise SmViolation("cryptogram does not decrypt") from exc
        return Command(cmd.cla & ~0x0C & 0xFF, cmd.ins, cmd.p1, cmd.p2, data, le=le,
                       extended=cmd.extended)

    def wrap(self, ins: int, data: bytes, sw: int, *, corrupt_mac: bool = False) -> bytes:
        """DO87 (or DO85 for odd INS) + DO99 + DO8E, then the status word (9303-11 9.8.5)."""
        self.ssc += 1
        body = b""
        if data:
            cryptogram = self.encrypt(data)
            body += (tlv.encode(TAG_PLAIN_ODD, cryptogram) if ins & 1
                     else tlv.encode(TAG_CRYPTOGRAM, b"\x01" + cryptogram))
        body += tlv.encode(TAG_STATUS, sw.to_bytes(2, "big"))
        mac_value = self.mac(body)
        if corrupt_mac:
            mac_value = bytes([mac_value[0] ^ 0xFF]) + mac_value[1:]
        return body + tlv.encode(TAG_MAC, mac_value) + sw.to_bytes(2, "big")
