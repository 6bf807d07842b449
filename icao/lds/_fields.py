"""Helpers shared by the LDS data-group parsers: unwrap a DG template, read text fields."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class FieldSet:
    """What a DG11/DG12-style template holds (ICAO 9303-10 4.7.11-4.7.12): the tag list
    (5C), named text and binary fields, a repeatable field (also inside an A0 template with a
    count), and the tags we do not know, kept raw."""

    tags: tuple[int, ...]
    values: dict[str, object]
    repeated: tuple[str, ...]
    unknown: tuple[tuple[int, bytes], ...]


def parse_field_set(outer: tlv.Tlv, what: str, *, text_fields: dict[int, str],
                    binary_fields: dict[int, str], repeated_tag: int) -> FieldSet:
    """Walk the children of a DG11/DG12 body by tag, never by position."""
    values: dict[str, object] = {}
    unknown: list[tuple[int, bytes]] = []
    tags: tuple[int, ...] = ()
    repeated: list[str] = []
    for child in outer.children():
        if child.tag == 0x5C:
            tags = tag_list(child.value)
        elif child.tag in text_fields:
            values[text_fields[child.tag]] = text(child.value, f"{what} field")
        elif child.tag in binary_fields:
            values[binary_fields[child.tag]] = child.value
        elif child.tag == 0xA0:  # A0 { 02 count, repeated_tag ... }
            repeated.extend(text(n.value, f"{what} repeated field") for n in child.children()
                            if n.tag == repeated_tag)
        elif child.tag == repeated_tag:
            repeated.append(text(child.value, f"{what} repeated field"))
        else:
            unknown.append((child.tag, child.value))
    return FieldSet(tags, values, tuple(repeated), tuple(unknown))
