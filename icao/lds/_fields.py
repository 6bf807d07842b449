"""Helpers shared by the LDS data-group parsers: unwrap a DG template, read text fields."""

from __future__ import annotations

from icao import tlv
from icao.errors import ParseError

#: 9303-10 4.6.1 Table 35: the tag of each data group's template.
DG_TAGS: dict[int, int] = {1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67,
                           8: 0x68, 9: 0x69, 10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E,
                           15: 0x6F, 16: 0x70}
TAG_TO_DG: dict[int, int] = {v: k for k, v in DG_TAGS.items()}


def unwrap(raw: bytes, tag: int, what: str) -> tlv.Tlv:
    """The DG's outer template; ParseError if the tag is wrong or bytes trail it."""
    outer = tlv.decode(bytes(raw))
    if outer.tag != tag:
        raise ParseError(f"{what} starts with tag {outer.tag:X}, expected {tag:X}",
                         step="lds")
    return outer


def text(value: bytes, what: str) -> str:
    """9303-10 4.7: LDS 1.8 text is UTF-8 (older files are ASCII, a subset)."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(f"{what} is not valid UTF-8", step="lds") from None


def tag_list(value: bytes) -> tuple[int, ...]:
    """A 5C tag list: concatenated BER tags."""
    tags, pos = [], 0
    while pos < len(value):
        tag, pos = tlv.read_tag(value, pos)
        tags.append(tag)
    return tuple(tags)
