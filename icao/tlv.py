"""BER-TLV as ISO/IEC 7816-4 and ICAO 9303-10 use it.

Every malformed input raises `ParseError` and nothing else; parsing is linear in the input size
and the nesting depth is bounded, so a hostile card cannot make us recurse or loop forever.
Lengths are definite only (indefinite length is not allowed in the LDS), at most 4 length bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from icao.errors import ParseError

MAX_DEPTH = 32
MAX_LENGTH_BYTES = 4
MAX_TAG_BYTES = 4


@dataclass(frozen=True)
class Tlv:
    """One decoded element. `raw` is the exact encoding read (tag + length + value)."""

    tag: int
    value: bytes
    raw: bytes = field(repr=False, default=b"")

    @property
    def constructed(self) -> bool:
        return bool(_first_tag_byte(self.tag) & 0x20)

    def children(self, *, depth: int = 0) -> list[Tlv]:
        """Decode the value as a sequence of TLVs (only for constructed tags)."""
        if not self.constructed:
            raise ParseError(f"tag {self.tag:X} is primitive, it has no children", step="tlv")
        return decode_all(self.value, depth=depth + 1)

    def find(self, tag: int) -> Tlv | None:
        """First direct child with `tag`, or None."""
        for child in self.children():
            if child.tag == tag:
                return child
        return None

    def require(self, tag: int) -> Tlv:
        child = self.find(tag)
        if child is None:
            raise ParseError(f"required tag {tag:X} missing inside {self.tag:X}", step="tlv")
        return child


def _first_tag_byte(tag: int) -> int:
    while tag > 0xFF:
        tag >>= 8
    return tag


def read_tag(data: bytes | memoryview, pos: int) -> tuple[int, int]:
    """Return (tag, position after the tag)."""
    end = len(data)
    if pos >= end:
        raise ParseError("truncated: tag expected", step="tlv")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # multi-byte tag (ISO/IEC 8825-1 8.1.2.4)
        count = 1
        while True:
            if pos >= end:
                raise ParseError("truncated multi-byte tag", step="tlv")
            b = data[pos]
            pos += 1
            count += 1
            if count > MAX_TAG_BYTES:
                raise ParseError("tag longer than 4 bytes", step="tlv")
            tag = (tag << 8) | b
            if not b & 0x80:
                break
    return tag, pos


def read_length(data: bytes | memoryview, pos: int) -> tuple[int, int]:
    """Return (length, position after the length). Definite form only."""
    end = len(data)
    if pos >= end:
        raise ParseError("truncated: length expected", step="tlv")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    if first == 0x80:
        raise ParseError("indefinite length is not allowed", step="tlv")
    count = first & 0x7F
    if count > MAX_LENGTH_BYTES:
        raise ParseError(f"length field of {count} bytes is too long", step="tlv")
    if pos + count > end:
        raise ParseError("truncated length field", step="tlv")
    length = int.from_bytes(bytes(data[pos:pos + count]), "big")
    return length, pos + count


def decode_one(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    """Decode the element at `pos`; return it and the position after it."""
    start = pos
    tag, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise ParseError(
            f"tag {tag:X} claims {length} bytes but only {len(data) - pos} remain", step="tlv"
        )
    return Tlv(tag, bytes(data[pos:end]), bytes(data[start:end])), end


def decode(data: bytes) -> Tlv:
    """Decode exactly one element that must fill `data` (trailing bytes are an error)."""
    data = _as_bytes(data)
    tlv, end = decode_one(data, 0)
    if end != len(data):
        raise ParseError(f"{len(data) - end} unexpected bytes after tag {tlv.tag:X}", step="tlv")
    return tlv


def decode_prefix(data: bytes) -> Tlv:
    """Decode the first element and ignore what follows (files padded by the chip)."""
    return decode_one(_as_bytes(data), 0)[0]


def decode_all(data: bytes, *, depth: int = 0) -> list[Tlv]:
    """Decode a concatenation of elements."""
    if depth > MAX_DEPTH:
        raise ParseError(f"TLV nested deeper than {MAX_DEPTH} levels", step="tlv")
    data = _as_bytes(data)
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        tlv, pos = decode_one(data, pos)
        out.append(tlv)
    return out


def iter_tree(data: bytes, *, depth: int = 0) -> Iterator[tuple[int, Tlv]]:
    """Depth-first walk over every element, yielding (depth, element); bounded depth."""
    for tlv in decode_all(data, depth=depth):
        yield depth, tlv
        if tlv.constructed:
            yield from iter_tree(tlv.value, depth=depth + 1)


def header_length(data: bytes) -> tuple[int, int, int]:
    """Parse only tag and length of the element at the start of `data`.

    Returns (tag, header size, value length). Used to learn a file's total size from its first
    bytes before reading the rest (ICAO 9303-10 files are one TLV each).
    """
    data = _as_bytes(data)
    tag, pos = read_tag(data, 0)
    length, pos = read_length(data, pos)
    return tag, pos, length


def encode_tag(tag: int) -> bytes:
    if tag < 0:
        raise ValueError("negative tag")
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode_length(length: int) -> bytes:
    if length < 0:
        raise ValueError("negative length")
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    if len(body) > MAX_LENGTH_BYTES:
        raise ValueError("length too large")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    """Encode one element (DER minimal length)."""
    return encode_tag(tag) + encode_length(len(value)) + bytes(value)


def _as_bytes(data: bytes | bytearray | memoryview) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise ParseError(f"expected bytes, got {type(data).__name__}", step="tlv")
