"""Reading one elementary file, adaptively (ICAO 9303-10 3.6; ISO/IEC 7816-4 11.2.3).

- The first chunk is read by short file identifier when the chip allows it (one APDU less
  per file), else after a SELECT by file identifier. Its TLV header gives the file size. 6A82
  to an SFI read is "absent" when EF.COM does not list the file, else SELECT decides; a chip
  that refuses SFI reads (6A81, 6A86, 6B00, 6D00, ...) is read by SELECT from then on.
- The rest is read in chunks of the current read size: extended length where reader and chip
  allow it, stepping down 65536 -> 1024 -> 256 -> 224 -> 160 on 6700, and to the exact size on
  6Cxx. A bare 6700 to an extended APDU means "no extended length": later reads stay short.
  The size that works is kept for the rest of the session (and reported in the Document).
- Offsets past 32767 use READ BINARY with the odd instruction (B1, offset in DO54).
- What was read survives a lost card: `Partial` keeps the bytes and the read resumes at its
  offset after re-authentication.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from icao import iso7816, tlv
from icao.errors import CardError, ParseError
from icao.reading.channel import Answer, Channel
from icao.sm import MAX_SHORT_PLAIN

LADDER = (65536, 1024, 256, 224, 160)
#: No ICAO file is near this size; a header claiming more is a broken or hostile chip.
MAX_FILE_SIZE = 4 * 1024 * 1024
SW_OK = 0x9000
SW_EOF = 0x6282
SW_SECURITY = 0x6982
SW_NOT_FOUND = 0x6A82
SW_WRONG_LENGTH = 0x6700
SW_WRONG_P1P2 = 0x6B00  # ISO/IEC 7816-4 5.6: offset outside the EF
#: Enough for any ICAO file's tag (1-2 bytes) and length (up to 4 bytes).
HEADER_LE = 8


class FileAbsent(Exception):
    """The chip has no such file (6A82)."""


class FileDenied(Exception):
    """The file exists but needs an access right we do not have (6982, e.g. DG3/DG4)."""


@dataclass
class ReadSizes:
    """The adaptive READ BINARY size, shared by every file of a read."""

    current: int = 65536
    ext_ok: bool | None = None  # None: not known yet; False: not allowed or refused
    sfi_ok: bool = True  # False: the chip refused a READ BINARY by SFI that SELECT answers

    def short_max(self, channel: Channel) -> int:
        if channel.sm is None:
            return 256
        return MAX_SHORT_PLAIN[channel.sm.spec.kind]

    def le(self, channel: Channel, remaining: int, *, first: bool = False) -> int:
        limit = self.current
        if first or self.ext_ok is False or channel.sm is None:
            limit = min(limit, self.short_max(channel))
        return max(1, min(limit, remaining))

    def step_down(self, failed_le: int, *, bare: bool, extended: bool) -> None:
        """6700 (or a timeout) at `failed_le`: take the next smaller size of the ladder."""
        if bare and extended:
            self.ext_ok = False  # gmrtd 457: the chip does not do extended length at all
        smaller = [s for s in LADDER if s < failed_le]
        if not smaller:
            raise CardError("the chip refuses even the smallest read size", step="read",
                            sw=SW_WRONG_LENGTH)
        self.current = smaller[0]  # `le` clamps to short_max while ext_ok is False

    def exact(self, sw2: int) -> None:
        """6Cxx: the chip says how many bytes it will give (ISO/IEC 7816-4 5.1.3)."""
        self.current = sw2 or 256


@dataclass
class Partial:
    """A file being read: bytes so far and, once the header was seen, the total size."""

    data: bytearray = field(default_factory=bytearray)
    total: int | None = None
    selected: bool = False  # selected in the current session
    sfi_refused: bool = False  # its SFI read failed: SELECT it (also after a restart)
    first_le: int | None = None  # HEADER_LE once the chip refused a first read past the end


Progress = Callable[[str, int, int], None]


def read_file(channel: Channel, name: str, fid: int, sfi: int | None, sizes: ReadSizes,
              part: Partial, on_bytes: Progress | None = None, *,
              listed: bool | None = None) -> bytes:
    """Read file `name` to its end, resuming from `part`. Raises FileAbsent / FileDenied.
    `listed`: whether EF.COM lists the file (None: unknown), to believe a 6A82."""
    if part.total is None:
        first = _read_first(channel, name, fid, sfi, sizes, part, listed)
        part.total = _total_size(name, first)
        part.data[:] = first[:part.total]
        if on_bytes:
            on_bytes(name, min(len(part.data), part.total), part.total)
    elif not part.selected:
        _select(channel, fid)
        part.selected = True
    while len(part.data) < part.total:
        offset = len(part.data)
        remaining = part.total - offset
        le = sizes.le(channel, remaining + (4 if offset > iso7816.MAX_B0_OFFSET else 0))
        cmd = iso7816.read_binary(offset, le)
        answer = channel.exchange(cmd)
        if answer.sw in (SW_OK, SW_EOF):
            chunk = answer.data
            if cmd.ins == iso7816.INS_READ_BINARY_ODD:
                chunk = iso7816.unwrap_odd_response(chunk)
            if not chunk:
                raise ParseError(f"{name}: the chip returned no data before the file's end",
                                 step="read", sw=answer.sw)
            part.data += chunk[:remaining]
            if on_bytes:
                on_bytes(name, len(part.data), part.total)
        else:
            _adapt(channel, sizes, answer, le, cmd.needs_extended() or _protected_ext(
                channel, le))
    return bytes(part.data)


def _protected_ext(channel: Channel, le: int) -> bool:
    return channel.sm is not None and le > MAX_SHORT_PLAIN[channel.sm.spec.kind]


def _adapt(channel: Channel, sizes: ReadSizes, answer: Answer, le: int, extended: bool) -> None:
    sw = answer.sw
    if sw >> 8 == 0x6C:
        sizes.exact(sw & 0xFF)
    elif sw == SW_WRONG_LENGTH:
        sizes.step_down(le, bare=answer.bare, extended=extended)
    elif sw == SW_SECURITY:
        raise FileDenied()
    else:
        raise CardError("READ BINARY failed", step="read", sw=sw)


def _select(channel: Channel, fid: int) -> None:
    answer = channel.exchange(iso7816.select_fid(fid))
    if answer.sw == SW_NOT_FOUND:
        raise FileAbsent()
    if answer.sw == SW_SECURITY:
        raise FileDenied()
    if answer.sw != SW_OK:
        raise CardError("SELECT of a file failed", step="select", sw=answer.sw)


def _read_first(channel: Channel, name: str, fid: int, sfi: int | None, sizes: ReadSizes,
                part: Partial, listed: bool | None) -> bytes:
    """First chunk, short Le: by SFI if possible, else SELECT then READ BINARY."""
    use_sfi = sfi is not None and sizes.sfi_ok and not part.sfi_refused
    while True:
        le = part.first_le or sizes.le(channel, 65536, first=True)
        if use_sfi:
            cmd = iso7816.read_binary(0, le, sfi=sfi)
        else:
            if not part.selected:
                _select(channel, fid)
                part.selected = True
            cmd = iso7816.read_binary(0, le)
        answer = channel.exchange(cmd)
        if answer.sw in (SW_OK, SW_EOF) and answer.data:
            part.selected = True
            return answer.data
        if answer.sw >> 8 == 0x6C or answer.sw == SW_WRONG_LENGTH:
            _adapt(channel, sizes, answer, le, False)
            continue
        if answer.sw == SW_SECURITY:
            raise FileDenied()
        if answer.sw in (SW_WRONG_P1P2, SW_EOF) and part.first_le is None:
            # Asked past the end of a small file, some chips answer 6B00 (or 6282 without
            # data) rather than 6282 with what there is: ask for the TLV header only, then
            # exactly the rest (remembered across a session restart).
            part.first_le = HEADER_LE
            continue
        if use_sfi and answer.sw == SW_NOT_FOUND and listed is False:
            # ISO/IEC 7816-4 5.6: 6A82 "file not found", and EF.COM agrees: no SELECT to
            # confirm it (on a chip that ends the session on errors, a second restart).
            raise FileAbsent()
        if use_sfi:
            # 6A82 for a file EF.COM lists: SELECT decides (a chip that contradicts itself is
            # an error, not an absent file). 6981, 6986, 6B00...: the chip does not read by
            # SFI: SELECT from now on (the file too after a restart).
            use_sfi, part.sfi_refused = False, True
            if answer.sw != SW_NOT_FOUND:
                sizes.sfi_ok = False
            continue
        raise CardError(f"reading {name} failed", step="read", sw=answer.sw)


def _total_size(name: str, first: bytes) -> int:
    try:
        _tag, header, length = tlv.header_length(first)
    except ParseError as exc:
        raise ParseError(f"{name} does not start with a valid TLV header", step="read") from exc
    total = header + length
    if total > MAX_FILE_SIZE:
        raise ParseError(f"{name} claims {total} bytes, more than any ICAO file", step="read")
    return total
