"""DG13 of the Vietnamese chip ID card (CCCD 2021, thẻ Căn cước 2024): parse and build.

DG13 is an optional data group (ICAO 9303-10 4.7.13, "optional details", content defined by the
issuing State). Vietnam fills it with the citizen's details as a set of numbered fields. No
public specification exists; the layout below follows the open-source readers summarised in
tests/data/vectors/vnm/cccd_dg13_structure_and_notes.json::

    6D L                                   APPLICATION 13 (the DG13 file tag)
      30 L                                 content
        02 01 01                           INTEGER version 1
        06 06 28 D3 16 01 00 08            OID 1.0.10646.1.0.8 (ISO/IEC 10646 UTF-8)
        31 L                               SET of fields
          30 L { 02 01 n ; value }         one field: INTEGER number, value

A value is a UTF8String (0C) or PrintableString (13). Field 13 (parents) is a SEQUENCE holding
the father's and the mother's names, field 14 (spouse) a SEQUENCE holding the spouse's name
(empty or absent when single); each name may be a string or a SEQUENCE wrapping one string.
Some readers describe an older flat form with the fields directly under 6D; we accept both.

Why parse by field number, not position (DESIGN.md): fields may be absent, and lengths can be
long-form for long addresses. Unknown field numbers are kept raw rather than dropped, because a
later card generation may add fields we must not silently lose. The raw file bytes are kept:
they are what EF.SOD hashes (ICAO 9303-11 5.1: verify the bytes read, never a re-encoding).

`encode_dg13(record)` builds the detailed form for the emulated chip (icao/chip). `record` is a
mapping with any of these keys (absent or None -> field omitted)::

    id_number          str  field 1, 12 digits (PrintableString)
    full_name          str  field 2
    date_of_birth      str  field 3, "dd/mm/yyyy" (or "mm/yyyy" / "yyyy" when partial)
    sex                str  field 4, "Nam" / "Nữ"
    nationality        str  field 5, "Việt Nam"
    ethnicity          str  field 6, e.g. "Kinh"
    religion           str  field 7, e.g. "Không"
    place_of_origin    str  field 8, quê quán
    residence          str  field 9, nơi thường trú
    identifying_marks  str  field 10
    date_of_issue      str  field 11, "dd/mm/yyyy"
    date_of_expiry     str  field 12, "dd/mm/yyyy" or "Không thời hạn"
    father             str  field 13 (first name in the nested SEQUENCE)
    mother             str  field 13 (second)
    spouse             str  field 14; "" encodes the empty SEQUENCE of a single person
    old_id_number      str  field 15, 9-digit CMND
    field16            str  field 16, meaning unconfirmed; kept as text
    unknown            Mapping[int, bytes]  extra fields: number -> complete value TLV bytes

Strings that fit the PrintableString alphabet (X.680 41.4) are encoded as PrintableString in
fields 1, 3, 11, 12, 15 and 16, as the Swift reader's prefix table shows for field 1; all other
text is UTF8String.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from icao import tlv
from icao.errors import ParseError

TAG_DG13 = 0x6D
TAG_INTEGER = 0x02
TAG_OID = 0x06
TAG_UTF8 = 0x0C
TAG_PRINTABLE = 0x13
TAG_SEQUENCE = 0x30
TAG_SET = 0x31
STRING_TAGS = frozenset({TAG_UTF8, TAG_PRINTABLE})

#: DER of OID 1.0.10646.1.0.8 (the ISO/IEC 10646 UTF-8 arc) that the header carries.
UTF8_OID = bytes.fromhex("28D316010008")
STEP = "dg13"

#: Field numbers and the attribute names they map to (vnm notes, "dg13_layout_detailed").
FIELD_NAMES: Mapping[int, str] = MappingProxyType({
    1: "id_number",
    2: "full_name",
    3: "date_of_birth",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "residence",
    10: "identifying_marks",
    11: "date_of_issue",
    12: "date_of_expiry",
    13: "parents",
    14: "spouse",
    15: "old_id_number",
    16: "field16",
})
NESTED_FIELDS = frozenset({13, 14})
_PRINTABLE_FIELDS = frozenset({1, 3, 11, 12, 15, 16})
_PRINTABLE_RE = re.compile(r"[A-Za-z0-9 '()+,\-./:=?]*\Z")
MAX_FIELD_NUMBER = 0xFFFF


@dataclass(frozen=True)
class Dg13Field:
    """One numbered field. `texts` has one string for a flat field, the nested names otherwise.

    `value_raw` is the value's complete TLV (tag + length + value) exactly as read.
    """

    number: int
    value_tag: int | None
    texts: tuple[str, ...] = field(repr=False)
    value_raw: bytes = field(repr=False)

    @property
    def text(self) -> str | None:
        """The single text of a flat field (None when the value is empty or absent)."""
        return self.texts[0] if self.texts else None

    def __repr__(self) -> str:  # never the value: it is personal data
        tag = "none" if self.value_tag is None else f"{self.value_tag:02X}"
        return f"Dg13Field(number={self.number}, value_tag={tag}, items={len(self.texts)})"


@dataclass(frozen=True, repr=False)
class Dg13:
    """A parsed DG13. Named attributes are None when the chip left the field out."""

    raw: bytes
    version: int | None
    fields: Mapping[int, Dg13Field]
    #: Fields whose number we do not know: number -> value TLV bytes, kept, never interpreted.
    unknown: Mapping[int, bytes]
    id_number: str | None = None
    full_name: str | None = None
    date_of_birth: str | None = None
    sex: str | None = None
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    residence: str | None = None
    identifying_marks: str | None = None
    date_of_issue: str | None = None
    date_of_expiry: str | None = None
    father: str | None = None
    mother: str | None = None
    spouse: str | None = None
    old_id_number: str | None = None
    field16: str | None = None

    def __repr__(self) -> str:
        present = ",".join(str(n) for n in sorted(self.fields))
        unknown = ",".join(str(n) for n in sorted(self.unknown))
        return f"Dg13(version={self.version}, fields=[{present}], unknown=[{unknown}], size={len(self.raw)})"

    __str__ = __repr__


# --- parsing ---------------------------------------------------------------------------------


def parse_dg13(raw: bytes) -> Dg13:
    """Parse EF.DG13 (tag 6D). Any malformed input raises `ParseError` (never other errors)."""
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise ParseError("DG13 must be bytes", step=STEP)
    raw = bytes(raw)
    try:
        outer = tlv.decode_prefix(raw)
        if outer.tag != TAG_DG13:
            raise ParseError(f"DG13 must start with tag 6D, found {outer.tag:X}", step=STEP)
        version, entries = _collect_entries(outer.children())
        fields: dict[int, Dg13Field] = {}
        unknown: dict[int, bytes] = {}
        for entry in entries:
            number, parsed = _parse_entry(entry)
            if number in fields or number in unknown:
                raise ParseError(f"DG13 field {number} appears twice", step=STEP)
            if number in FIELD_NAMES:
                fields[number] = parsed
            else:
                unknown[number] = parsed.value_raw
        named = _named(fields)
    except ParseError:
        raise
    except (ValueError, IndexError, TypeError, RecursionError) as exc:  # defensive: one type out
        raise ParseError(f"DG13 is malformed ({type(exc).__name__})", step=STEP) from None
    return Dg13(raw=raw, version=version, fields=MappingProxyType(fields),
                unknown=MappingProxyType(unknown), **named)


def _collect_entries(children: list[tlv.Tlv]) -> tuple[int | None, list[tlv.Tlv]]:
    """Find the field entries under 6D: inside the versioned header's SET, or directly (flat)."""
    version: int | None = None
    entries: list[tlv.Tlv] = []
    for child in children:
        if child.tag == TAG_SEQUENCE:
            inner = child.children()
            if _is_header(inner):
                if version is not None:
                    raise ParseError("DG13 has two content headers", step=STEP)
                version = _integer(inner[0])
                if inner[1].value != UTF8_OID:
                    raise ParseError("DG13 header names an unexpected character set", step=STEP)
                for item in inner[2:]:
                    if item.tag != TAG_SET:
                        raise ParseError(f"DG13 header: unexpected tag {item.tag:X}", step=STEP)
                    entries.extend(item.children())
            else:
                entries.append(child)
        elif child.tag == TAG_SET:
            entries.extend(child.children())
        else:
            raise ParseError(f"DG13: unexpected tag {child.tag:X} at the top level", step=STEP)
    return version, entries


def _is_header(inner: list[tlv.Tlv]) -> bool:
    return (len(inner) >= 3 and inner[0].tag == TAG_INTEGER and inner[1].tag == TAG_OID
            and inner[2].tag == TAG_SET)


def _parse_entry(entry: tlv.Tlv) -> tuple[int, Dg13Field]:
    if entry.tag != TAG_SEQUENCE:
        raise ParseError(f"DG13 field entry must be a SEQUENCE, found {entry.tag:X}", step=STEP)
    parts = entry.children()
    if not parts or parts[0].tag != TAG_INTEGER:
        raise ParseError("DG13 field entry does not start with its number", step=STEP)
    number = _integer(parts[0])
    if not 0 < number <= MAX_FIELD_NUMBER:
        raise ParseError(f"DG13 field number {number} out of range", step=STEP)
    values = parts[1:]
    if len(values) > 1 and number not in NESTED_FIELDS:
        raise ParseError(f"DG13 field {number} holds {len(values)} values", step=STEP)
    if not values:
        return number, Dg13Field(number, None, (), b"")
    value = values[0] if len(values) == 1 else None
    if number not in FIELD_NAMES:
        raw = b"".join(v.raw for v in values)
        return number, Dg13Field(number, values[0].tag, (), raw)
    if number in NESTED_FIELDS:
        texts = tuple(t for v in values for t in _nested_texts(v, number))
        return number, Dg13Field(number, values[0].tag, texts, b"".join(v.raw for v in values))
    assert value is not None
    if value.tag not in STRING_TAGS:
        raise ParseError(f"DG13 field {number}: expected a string, found tag {value.tag:X}",
                         step=STEP)
    text = _string(value, number)
    return number, Dg13Field(number, value.tag, (text,) if text else (), value.raw)


def _nested_texts(value: tlv.Tlv, number: int) -> list[str]:
    """Names in field 13/14: strings, or SEQUENCEs wrapping strings, at most two levels."""
    if value.tag in STRING_TAGS:
        text = _string(value, number)
        return [text] if text else []
    if value.tag != TAG_SEQUENCE:
        raise ParseError(f"DG13 field {number}: unexpected tag {value.tag:X}", step=STEP)
    out: list[str] = []
    for item in value.children():
        if item.tag in STRING_TAGS:
            out.append(_string(item, number))
        elif item.tag == TAG_SEQUENCE:
            inner = item.children()
            if len(inner) > 1 or any(i.tag not in STRING_TAGS for i in inner):
                raise ParseError(f"DG13 field {number}: unexpected nested value", step=STEP)
            out.append(_string(inner[0], number) if inner else "")
        else:
            raise ParseError(f"DG13 field {number}: unexpected tag {item.tag:X}", step=STEP)
    return out


def _string(value: tlv.Tlv, number: int) -> str:
    try:
        text = value.value.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(f"DG13 field {number} is not valid UTF-8", step=STEP) from None
    if value.tag == TAG_PRINTABLE and not text.isascii():
        raise ParseError(f"DG13 field {number}: PrintableString with non-ASCII bytes", step=STEP)
    if "\x00" in text:
        raise ParseError(f"DG13 field {number} contains a NUL character", step=STEP)
    return text


def _integer(item: tlv.Tlv) -> int:
    """A small non-negative DER INTEGER (X.690 8.3)."""
    if item.tag != TAG_INTEGER:
        raise ParseError(f"expected INTEGER, found tag {item.tag:X}", step=STEP)
    if not 1 <= len(item.value) <= 4:
        raise ParseError("DG13 INTEGER of unexpected size", step=STEP)
    if item.value[0] & 0x80:
        raise ParseError("DG13 INTEGER is negative", step=STEP)
    return int.from_bytes(item.value, "big")


def _named(fields: Mapping[int, Dg13Field]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for number, name in FIELD_NAMES.items():
        f = fields.get(number)
        if number == 13:
            texts = f.texts if f else ()
            out["father"] = texts[0] or None if len(texts) > 0 else None
            out["mother"] = texts[1] or None if len(texts) > 1 else None
        elif number == 14:
            out["spouse"] = (f.texts[0] or None) if f and f.texts else None
        else:
            out[name] = f.text if f else None
    return out


# --- building (the emulated chip) -------------------------------------------------------------


def encode_dg13(record: Mapping[str, Any]) -> bytes:
    """Build a DG13 (detailed form, header with version 1 and the UTF-8 OID) from a person record.

    See the module docstring for the record's keys. Raises ValueError on an unknown key or a
    value of the wrong type, so a typo in a test profile fails loudly instead of dropping a field.
    """
    allowed = set(FIELD_NAMES.values()) - {"parents"} | {"father", "mother", "unknown"}
    bad = set(record) - allowed
    if bad:
        raise ValueError(f"encode_dg13: unknown record keys {sorted(bad)}")
    entries: dict[int, bytes] = {}
    for number, name in FIELD_NAMES.items():
        if number == 13:
            father, mother = record.get("father"), record.get("mother")
            if father is None and mother is None:
                continue
            names = b"".join(
                tlv.encode(TAG_SEQUENCE, _encode_text(n or "", 13)) for n in (father, mother)
            )
            entries[13] = tlv.encode(TAG_SEQUENCE, names)
        elif number == 14:
            spouse = record.get("spouse")
            if spouse is None:
                continue
            entries[14] = tlv.encode(TAG_SEQUENCE, _encode_text(spouse, 14) if spouse else b"")
        else:
            value = record.get(name)
            if value is not None:
                entries[number] = _encode_text(value, number)
    for number, value_tlv in (record.get("unknown") or {}).items():
        if number in FIELD_NAMES or not 0 < int(number) <= MAX_FIELD_NUMBER:
            raise ValueError(f"encode_dg13: unknown field number {number} is reserved or invalid")
        if not isinstance(value_tlv, (bytes, bytearray)):
            raise ValueError("encode_dg13: unknown field values are complete TLV bytes")
        entries[int(number)] = bytes(value_tlv)
    body = b"".join(
        tlv.encode(TAG_SEQUENCE, _encode_int(n) + v) for n, v in sorted(entries.items())
    )
    content = (_encode_int(1) + tlv.encode(TAG_OID, UTF8_OID) + tlv.encode(TAG_SET, body))
    return tlv.encode(TAG_DG13, tlv.encode(TAG_SEQUENCE, content))


def _encode_text(value: Any, number: int) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"encode_dg13: field {number} must be a string")
    if number in _PRINTABLE_FIELDS and _PRINTABLE_RE.match(value):
        return tlv.encode(TAG_PRINTABLE, value.encode("ascii"))
    return tlv.encode(TAG_UTF8, value.encode("utf-8"))


def _encode_int(n: int) -> bytes:
    body = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big")  # room for the sign bit
    return tlv.encode(TAG_INTEGER, body)
