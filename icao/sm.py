"""Secure messaging, reader side (ICAO 9303-11 sec. 9.8; ISO/IEC 7816-4 10).

Protects command APDUs and checks protected responses for 3DES (retail MAC, zero IV, 8-byte
SSC) and AES (CMAC, IV = E(KSenc, SSC), 16-byte SSC). Rules this module enforces:

- the MAC of every response is verified before any byte of it is decrypted or used
  (9303-11 9.8.5);
- DO99 (the protected status) is required in every protected response;
- a plain status word answered instead of a protected response is raised as
  `UnprotectedStatus` and the send sequence counter is put back to where it was before the
  command: the chip rejected the APDU before its SM layer counted it. This is the bug class of
  gmrtd issue 457 (an extended READ answered with a bare 6700 desynchronised every later
  command);
- extended-length protected APDUs (Lc on 3 bytes, Le 0000) whenever the command or the expected
  response does not fit short encoding.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Protocol

from icao import tlv
from icao.apdu import Command, Response
from icao.crypto import (
    CipherKind,
    CipherSpec,
    decrypt_cbc,
    encrypt_block,
    encrypt_cbc,
    mac,
    pad,
    unpad,
)
from icao.errors import CryptoError, IcaoError, ParseError, SecureMessagingError

TAG_PLAIN_ODD = 0x85  # cryptogram, odd INS (no padding-content indicator)
TAG_CRYPTOGRAM = 0x87  # padding-content indicator 01 || cryptogram
TAG_LE = 0x97
TAG_STATUS = 0x99
TAG_MAC = 0x8E

#: The largest plain response that still fits a short protected response (256 bytes):
#: DO87 header 3 + indicator 1 + padded data, + DO99 (4) + DO8E (10).
MAX_SHORT_PLAIN = {CipherKind.TDES: 231, CipherKind.AES: 223}


class UnprotectedStatus(SecureMessagingError):
    """The card answered a bare status word (no DO99/DO8E) inside a secure session.

    The SSC has been restored; the caller decides from `sw` whether to retry smaller (6700,
    6Cxx) or give up. It is never treated as a successful answer.
    """

    advice = "The card refused a command. If this repeats, remove the card and tap it again."


@dataclass(frozen=True)
class Answer:
    """A response as the secure channel saw it: `bare` when the card answered a plain status
    word inside a secure session (no DO99/DO8E; the SSC was restored, nothing was decrypted).
    """

    response: Response
    bare: bool = False

    @property
    def sw(self) -> int:
        return self.response.sw

    @property
    def data(self) -> bytes:
        return self.response.data


class SecureChannel(Protocol):
    """What chip and active authentication need from the reader's channel (icao.reading):
    send a command protected by the current session, and restart the session with new keys
    (9303-11 6.2: after chip authentication, with SSC 0)."""

    def exchange(self, cmd: Command) -> Answer: ...

    def secure(self, sm: SecureMessaging | None) -> None: ...


def ssc_bytes(spec: CipherSpec, ssc: int) -> bytes:
    """SSC as the block-sized big-endian counter (8 bytes 3DES, 16 bytes AES; 9303-11 9.8.2)."""
    return (ssc % (1 << (8 * spec.block_size))).to_bytes(spec.block_size, "big")


def encode_le(le: int, extended: bool) -> bytes:
    """DO97 value: 1 byte (256 -> 00) or 2 bytes when extended (65536 -> 0000)."""
    if extended and le > 256:
        return (le & 0xFFFF).to_bytes(2, "big")
    return bytes([le & 0xFF])


def decode_le(value: bytes) -> int:
    if len(value) == 1:
        return value[0] or 256
    if len(value) == 2:
        return int.from_bytes(value, "big") or 65536
    raise ParseError("DO97 must hold 1 or 2 bytes", step="sm")


class SmCodec:
    """The symmetric part shared by both ends: keys, SSC, IV, MAC and cryptogram handling."""

    def __init__(self, spec: CipherSpec, ks_enc: bytes, ks_mac: bytes, ssc: int):
        if len(ks_enc) != spec.key_len or len(ks_mac) != spec.key_len:
            raise CryptoError(f"{spec.name} session keys must be {spec.key_len} bytes",
                              step="sm")
        self.spec = spec
        self._ks_enc = bytes(ks_enc)
        self._ks_mac = bytes(ks_mac)
        self.ssc = int(ssc)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.spec.name}, ssc={self.ssc})"

    # 9303-11 9.8.6.1: 3DES uses a zero IV; 9.8.6.2: AES uses E(KSenc, SSC).
    def _iv(self) -> bytes:
        if self.spec.kind is CipherKind.TDES:
            return b"\x00" * 8
        return encrypt_block(self.spec, self._ks_enc, ssc_bytes(self.spec, self.ssc))

    def encrypt(self, data: bytes) -> bytes:
        return encrypt_cbc(self.spec, self._ks_enc, pad(data, self.spec.block_size), self._iv())

    def decrypt(self, cryptogram: bytes) -> bytes:
        if not cryptogram or len(cryptogram) % self.spec.block_size:
            raise SecureMessagingError("cryptogram is not a whole number of blocks", step="sm")
        plain = decrypt_cbc(self.spec, self._ks_enc, cryptogram, self._iv())
        try:
            return unpad(plain)
        except CryptoError as exc:
            raise SecureMessagingError("decrypted data has bad padding", step="sm") from exc

    def mac(self, data: bytes) -> bytes:
        """MAC over SSC || data (9303-11 9.8.3). AES CMAC input is padded explicitly."""
        message = ssc_bytes(self.spec, self.ssc) + data
        if self.spec.kind is CipherKind.AES:
            message = pad(message, 16)
        return mac(self.spec, self._ks_mac, message)

    def check_mac(self, data: bytes, received: bytes) -> bool:
        return hmac.compare_digest(self.mac(data), received)

    def padded_header(self, cla: int, ins: int, p1: int, p2: int) -> bytes:
        return pad(bytes([cla, ins, p1, p2]), self.spec.block_size)


class SecureMessaging(SmCodec):
    """Reader-side SM session: `protect` a command, then `unprotect` its answer, in turn."""

    def __init__(self, spec: CipherSpec, ks_enc: bytes, ks_mac: bytes, ssc: int = 0):
        super().__init__(spec, ks_enc, ks_mac, ssc)
        self._ssc_before: int | None = None

    def protect(self, cmd: Command) -> bytes:
        """Wrap `cmd` (9303-11 9.8.4): CLA|0C, DO87/DO85 data, DO97 Le, DO8E MAC."""
        if cmd.cla & 0x0C:
            raise SecureMessagingError("command is already protected", step="sm")
        self._ssc_before = self.ssc
        self.ssc += 1
        cla = cmd.cla | 0x0C
        short_max = MAX_SHORT_PLAIN[self.spec.kind]
        # The protected answer to Le > short_max no longer fits 256 bytes: ask extended.
        extended = cmd.extended or (cmd.le is not None and cmd.le > short_max)
        body = b""
        if cmd.data:
            cryptogram = self.encrypt(cmd.data)
            if cmd.ins & 1:
                body += tlv.encode(TAG_PLAIN_ODD, cryptogram)
            else:
                body += tlv.encode(TAG_CRYPTOGRAM, b"\x01" + cryptogram)
        if cmd.le is not None:
            body += tlv.encode(TAG_LE, encode_le(cmd.le, cmd.le > 256))
        mac_value = self.mac(self.padded_header(cla, cmd.ins, cmd.p1, cmd.p2) + body)
        body += tlv.encode(TAG_MAC, mac_value)
        extended = extended or len(body) > 255
        # Le of the protected APDU: 00 / 0000, "as much as the card has" (9303-11 9.8.4).
        return Command(cla, cmd.ins, cmd.p1, cmd.p2, body, le=65536 if extended else 256,
                       extended=extended).to_bytes()

    def unprotect(self, raw_response: bytes) -> Response:
        """Verify and unwrap a protected response (9303-11 9.8.5).

        Raises `UnprotectedStatus` for a bare error status (SSC restored) and
        `SecureMessagingError` for anything else that is wrong; never another exception type.
        """
        try:
            return self._unprotect(bytes(raw_response))
        except IcaoError:
            raise
        except Exception as exc:  # noqa: BLE001 - the contract: only typed errors escape
            raise SecureMessagingError(f"unreadable protected response ({type(exc).__name__})",
                                       step="sm") from exc

    def _unprotect(self, raw: bytes) -> Response:
        if len(raw) < 2:
            raise SecureMessagingError("response shorter than a status word", step="sm")
        sw = int.from_bytes(raw[-2:], "big")
        data = raw[:-2]
        if not data:
            if self._ssc_before is not None:
                self.ssc = self._ssc_before  # the card did not count this command
            self._ssc_before = None
            if sw == 0x9000 or sw >> 8 in (0x61,):
                # 9303-11 9.8.5: a successful answer must be protected (gmrtd issue 320).
                raise SecureMessagingError("card answered success without secure messaging",
                                           step="sm", sw=sw)
            raise UnprotectedStatus("card answered a bare status word", step="sm", sw=sw)
        self._ssc_before = None
        self.ssc += 1
        try:
            elements = tlv.decode_all(data)
        except ParseError as exc:
            raise SecureMessagingError("protected response is not valid TLV", step="sm",
                                       sw=sw) from exc
        cryptogram: bytes | None = None
        odd = False
        status: bytes | None = None
        mac_value: bytes | None = None
        mac_input = b""
        seen: set[int] = set()
        for el in elements:
            if el.tag in seen:
                raise SecureMessagingError(f"duplicate DO{el.tag:X} in response", step="sm")
            seen.add(el.tag)
            if mac_value is not None:
                raise SecureMessagingError("data after DO8E in response", step="sm")
            if el.tag in (TAG_CRYPTOGRAM, TAG_PLAIN_ODD):
                if cryptogram is not None:
                    raise SecureMessagingError("two cryptograms in response", step="sm")
                cryptogram, odd = el.value, el.tag == TAG_PLAIN_ODD
                mac_input += el.raw
            elif el.tag == TAG_STATUS:
                status = el.value
                mac_input += el.raw
            elif el.tag == TAG_MAC:
                mac_value = el.value
            else:
                raise SecureMessagingError(f"unexpected DO{el.tag:X} in response", step="sm")
        if mac_value is None:
            raise SecureMessagingError("response has no MAC (DO8E)", step="sm", sw=sw)
        if status is None:
            raise SecureMessagingError("response has no protected status (DO99)", step="sm",
                                       sw=sw)
        if len(status) != 2:
            raise SecureMessagingError("DO99 must hold 2 bytes", step="sm", sw=sw)
        if len(mac_value) != 8 or not self.check_mac(mac_input, mac_value):
            raise SecureMessagingError("response MAC is wrong", step="sm", sw=sw)
        inner_sw = int.from_bytes(status, "big")
        if inner_sw != sw:
            raise SecureMessagingError("protected status differs from the status word",
                                       step="sm", sw=sw)
        plain = b""
        if cryptogram is not None:
            if odd:
                plain = self.decrypt(cryptogram)
            else:
                if not cryptogram or cryptogram[0] != 0x01:
                    raise SecureMessagingError("DO87 padding indicator is not 01", step="sm")
                plain = self.decrypt(cryptogram[1:])
        return Response(plain, inner_sw)
