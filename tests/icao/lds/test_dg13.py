"""DG13 (Vietnam): parse by field number, build for the emulated chip, reject malformed input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icao import tlv
from icao.errors import ParseError
from icao.lds.dg13 import encode_dg13, parse_dg13

RECORD = {
    "id_number": "001099012345",
    "full_name": "Nguyễn Thị Ánh Tuyết",
    "date_of_birth": "05/09/1990",
    "sex": "Nữ",
    "nationality": "Việt Nam",
    "ethnicity": "Kinh",
    "religion": "Không",
    "place_of_origin": "Xã Đông Hội, Huyện Đông Anh, Thành phố Hà Nội",
    "residence": "Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Thành phố Hà Nội",
    "identifying_marks": "Nốt ruồi C:1cm trên trước mép phải",
    "date_of_issue": "10/08/2021",
    "date_of_expiry": "05/09/2030",
    "father": "Nguyễn Văn Bình",
    "mother": "Trần Thị Cúc",
    "spouse": "Lê Minh Đức",
    "old_id_number": "013456789",
}


def test_built_record_round_trips_every_named_field():
    dg = parse_dg13(encode_dg13(RECORD))
    for key, value in RECORD.items():
        assert getattr(dg, key) == value, key
    assert dg.version == 1
    assert sorted(dg.fields) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    assert dict(dg.unknown) == {}


def test_encoding_uses_the_detailed_header_and_printable_id_number():
    raw = encode_dg13({"id_number": "001099012345"})
    # 6D { 30 { INTEGER 1, OID 1.0.10646.1.0.8, SET { 30 { INTEGER 1, PrintableString } } } }
    assert raw.hex() == ("6d223020020101060628d316010008"
                         "31133011020101130c303031303939303132333435")
    outer = tlv.decode(raw)
    content = outer.children()[0].children()
    assert [c.tag for c in content] == [0x02, 0x06, 0x31]
    assert content[1].value == bytes.fromhex("28D316010008")
    entry = content[2].children()[0].children()
    assert entry[0].value == b"\x01" and entry[1].tag == 0x13
    assert entry[1].value == b"001099012345"


def test_raw_bytes_are_kept_exactly():
    raw = encode_dg13(RECORD) + b"\x00\x00"  # chips may pad the file
    assert parse_dg13(raw).raw == raw


def test_absent_fields_are_none_not_shifted():
    # A 2024-style card without religion (7), identifying marks (10), spouse (14), old ID (15):
    # the later fields must still land on their own names (parsing is by number, not position).
    record = {k: v for k, v in RECORD.items()
              if k not in ("religion", "identifying_marks", "spouse", "old_id_number")}
    dg = parse_dg13(encode_dg13(record))
    assert dg.religion is None and dg.identifying_marks is None
    assert dg.spouse is None and dg.old_id_number is None
    assert dg.place_of_origin == RECORD["place_of_origin"]
    assert dg.date_of_issue == "10/08/2021"
    assert sorted(dg.fields) == [1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 13]


def test_single_person_empty_spouse_sequence_reads_as_none():
    dg = parse_dg13(encode_dg13({"full_name": "A", "spouse": ""}))
    assert dg.spouse is None
    assert 14 in dg.fields and dg.fields[14].texts == ()


def test_no_expiry_text_round_trips_as_utf8():
    raw = encode_dg13({"date_of_expiry": "Không thời hạn"})
    dg = parse_dg13(raw)
    assert dg.date_of_expiry == "Không thời hạn"
    assert dg.fields[12].value_tag == 0x0C


def test_unknown_fields_are_kept_raw():
    raw = encode_dg13({"full_name": "A", "field16": "0123456789ABCDEF",
                       "unknown": {17: bytes.fromhex("0c026869"), 300: bytes.fromhex("0401ff")}})
    dg = parse_dg13(raw)
    assert dict(dg.unknown) == {17: bytes.fromhex("0c026869"), 300: bytes.fromhex("0401ff")}
    assert dg.field16 == "0123456789ABCDEF"


def test_long_form_lengths_for_long_addresses():
    address = "Thôn Đông, " * 40
    raw = encode_dg13({"residence": address})
    assert len(raw) > 256
    assert parse_dg13(raw).residence == address


def test_flat_layout_from_the_notes_parses_by_number():
    # The synthetic flat example of the vnm notes (fields directly under 6D, no header).
    raw = bytes.fromhex("6D3E30110201010C0C30303030303030303030303030110201020C0C4E475559454E"
                        "2056414E2041300F0201030C0A30312F30312F31393930300502010D0C00")
    dg = parse_dg13(raw)
    assert dg.version is None
    assert dg.id_number == "000000000000"
    assert dg.full_name == "NGUYEN VAN A"
    assert dg.date_of_birth == "01/01/1990"
    assert dg.father is None and dg.mother is None


def test_parents_as_plain_strings_inside_the_sequence():
    # NFC_CCCD_Reader's fixture shape: 13 -> SEQUENCE { UTF8String father, UTF8String mother }
    names = tlv.encode(0x0C, b"Cha") + tlv.encode(0x0C, "Mẹ".encode())
    entry = tlv.encode(0x30, bytes.fromhex("02010D") + tlv.encode(0x30, names))
    raw = tlv.encode(0x6D, tlv.encode(0x30, bytes.fromhex("020101060628D316010008")
                                      + tlv.encode(0x31, entry)))
    dg = parse_dg13(raw)
    assert (dg.father, dg.mother) == ("Cha", "Mẹ")


def test_repr_shows_no_personal_data():
    dg = parse_dg13(encode_dg13(RECORD))
    text = repr(dg) + str(dg) + repr(dg.fields[2]) + repr(list(dg.fields.values()))
    for value in RECORD.values():
        assert value not in text
    assert text.startswith("Dg13(version=1, fields=[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]")


@pytest.mark.parametrize("hexdata, fragment", [
    ("", "truncated"),
    ("6C00", "tag 6D"),
    ("6D03020101", "unexpected tag 2"),
    ("6D0B3009020101020101020101", "holds 2 values"),
    ("6D07300502010204", "claims"),
    ("6D0530030C0141", "does not start with its number"),
    ("6D073005020180" "0C00", "negative"),
    ("6D073005020100" "0C00", "out of range"),
])
def test_malformed_inputs_raise_parse_error(hexdata, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_dg13(bytes.fromhex(hexdata))


def test_duplicate_field_number_is_rejected():
    one = tlv.encode(0x30, bytes.fromhex("020102") + tlv.encode(0x0C, b"A"))
    with pytest.raises(ParseError, match="appears twice"):
        parse_dg13(tlv.encode(0x6D, one + one))


def test_invalid_utf8_is_a_parse_error_without_the_bytes():
    entry = tlv.encode(0x30, bytes.fromhex("020102") + tlv.encode(0x0C, b"\xff\xfe"))
    with pytest.raises(ParseError, match="not valid UTF-8") as err:
        parse_dg13(tlv.encode(0x6D, entry))
    assert "fffe" not in str(err.value).lower()


def test_wrong_value_type_for_a_text_field():
    entry = tlv.encode(0x30, bytes.fromhex("020102") + tlv.encode(0x04, b"A"))
    with pytest.raises(ParseError, match="expected a string"):
        parse_dg13(tlv.encode(0x6D, entry))


def test_encoder_rejects_typos():
    with pytest.raises(ValueError, match="unknown record keys"):
        encode_dg13({"fullname": "A"})


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_only_ever_raise_parse_error(data):
    try:
        parse_dg13(b"\x6d" + bytes([len(data)]) + data if len(data) < 128 else data)
    except ParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_valid_files_only_ever_raise_parse_error(data):
    raw = bytearray(encode_dg13(RECORD))
    pos = data.draw(st.integers(0, len(raw) - 1))
    raw[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(raw)))
    try:
        parse_dg13(bytes(raw[:cut]))
    except ParseError:
        pass
