"""BER-TLV: exact decoding, round trips, and only ParseError on hostile input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icao import tlv
from icao.errors import ParseError

H = bytes.fromhex


def test_ef_com_from_appendix_d_decodes_exactly():
    com = tlv.decode(H("60145F0104303130365F36063034303030305C026175"))
    assert com.tag == 0x60 and com.constructed
    children = com.children()
    assert [c.tag for c in children] == [0x5F01, 0x5F36, 0x5C]
    assert children[0].value == b"0106"
    assert com.require(0x5C).value == H("6175")
    assert com.find(0x99) is None


def test_long_lengths_and_multi_byte_tags():
    value = b"\xAB" * 70000
    enc = tlv.encode(0x7F61, value)
    assert enc[:6] == H("7F6183011170")
    el = tlv.decode(enc)
    assert (el.tag, len(el.value), el.raw) == (0x7F61, 70000, enc)
    assert tlv.header_length(enc[:10]) == (0x7F61, 6, 70000)


@pytest.mark.parametrize("raw,reason", [
    ("", "tag expected"),
    ("5F", "multi-byte tag"),
    ("01", "length expected"),
    ("0180", "indefinite"),
    ("0185FFFFFFFFFF", "too long"),
    ("0182FF", "truncated length"),
    ("0105AA", "claims 5 bytes"),
    ("1FFFFFFF7F00", "longer than 4"),
])
def test_malformed_inputs_are_parse_errors(raw, reason):
    with pytest.raises(ParseError, match=reason):
        tlv.decode(H(raw))


def test_trailing_bytes_are_an_error_but_prefix_decoding_allows_padding():
    with pytest.raises(ParseError, match="unexpected bytes"):
        tlv.decode(H("010100FF"))
    assert tlv.decode_prefix(H("010100FFFF")).value == b"\x00"


def test_nesting_is_bounded():
    data = b"\x00"
    for _ in range(tlv.MAX_DEPTH + 5):
        data = tlv.encode(0x30, data)
    with pytest.raises(ParseError, match="deeper"):
        list(tlv.iter_tree(data))


def test_primitive_has_no_children_and_non_bytes_input_is_a_parse_error():
    with pytest.raises(ParseError):
        tlv.decode(H("0401AA")).children()
    with pytest.raises(ParseError):
        tlv.decode("0401AA")  # type: ignore[arg-type]


def test_many_small_elements_decode_in_linear_time():
    data = tlv.encode(0x02, b"\x01") * 100_000
    start = time.process_time()
    assert len(tlv.decode_all(data)) == 100_000
    assert time.process_time() - start < 5


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_parse_error(data):
    for fn in (tlv.decode, tlv.decode_prefix, tlv.decode_all, tlv.header_length,
               lambda d: list(tlv.iter_tree(d))):
        try:
            fn(data)
        except ParseError:
            pass


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([0x01, 0x30, 0x5F1F, 0x7F49, 0x5F8101]), st.binary(max_size=600))
def test_encode_decode_round_trip(tag, value):
    enc = tlv.encode(tag, value)
    el = tlv.decode(enc)
    assert (el.tag, el.value, el.raw) == (tag, value, enc)
