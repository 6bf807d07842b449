"""Command/Response APDUs (ISO/IEC 7816-3 12.1.3) and the ICAO command builders."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icao import iso7816
from icao.apdu import Command, Response, parse_command
from icao.errors import ParseError

H = bytes.fromhex


@pytest.mark.parametrize("cmd,raw", [
    (Command(0x00, 0xA4, 0x00, 0x0C), "00A4000C"),
    (Command(0x00, 0xB0, 0x00, 0x00, le=256), "00B0000000"),
    (Command(0x00, 0xA4, 0x02, 0x0C, H("011E")), "00A4020C02011E"),
    (Command(0x00, 0x88, 0, 0, H("0102030405060708"), le=0), "00880000080102030405060708" + "00"),
    (Command(0x00, 0xB0, 0, 0, le=65536), "00B0000000" + "0000"),
    (Command(0x00, 0xB0, 0, 0, le=1024), "00B00000000400"),
    (Command(0x00, 0xD6, 0, 0, b"\x01" * 300), "00D60000" + "00012C" + "01" * 300),
    (Command(0x00, 0xD6, 0, 0, b"\x01" * 300, le=512), "00D60000" + "00012C" + "01" * 300 + "0200"),
])
def test_encodings(cmd, raw):
    assert cmd.to_bytes() == H(raw)


@pytest.mark.parametrize("raw", ["00", "00A4000C0000", "00A4000C0301", "00A4000C000002AA",
                                 "00A4000C000003AA"])
def test_inconsistent_commands_are_parse_errors(raw):
    with pytest.raises(ParseError):
        parse_command(H(raw))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.one_of(st.none(), st.integers(1, 65536)), st.booleans())
def test_command_round_trip(data, le, extended):
    cmd = Command(0x00, 0xB0, 0x01, 0x02, data, le=le, extended=extended)
    back = parse_command(cmd.to_bytes())
    assert (back.cla, back.ins, back.p1, back.p2, back.data, back.le) == (0, 0xB0, 1, 2, data, le)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80))
def test_parse_command_raises_only_parse_error(raw):
    try:
        parse_command(raw)
    except ParseError:
        pass


def test_response_split_and_short_response():
    r = Response.from_bytes(H("60149000"))
    assert (r.data, r.sw, r.sw1, r.sw2, r.ok) == (H("6014"), 0x9000, 0x90, 0x00, True)
    assert r.to_bytes() == H("60149000")
    with pytest.raises(ParseError):
        Response.from_bytes(b"\x90")


def test_icao_command_builders():
    assert iso7816.select_mf().to_bytes() == H("00A4000C023F00")
    assert iso7816.select_fid(0x011C).to_bytes() == H("00A4020C02011C")
    assert iso7816.select_aid().to_bytes() == H("00A4040C07A0000002471001")
    assert iso7816.read_binary(0, 4, sfi=0x1C).to_bytes() == H("00B09C0004")
    assert iso7816.read_binary(0x7FFF, 0x20).to_bytes() == H("00B07FFF20")
    assert iso7816.read_binary(0x8000, 0x20).to_bytes() == H("00B10000045402800020")
    assert iso7816.read_binary(70000, 1024).to_bytes() == H("00B100000000055403011170" + "0400")
    assert iso7816.get_challenge().to_bytes() == H("0084000008")
    assert iso7816.internal_authenticate(H("0011223344556677")).to_bytes() == \
        H("0088000008001122334455667700")
    assert iso7816.mse_set_at(H("800A04007F00070202040202830101")).to_bytes() == \
        H("0022C1A40F800A04007F00070202040202830101")
    assert iso7816.mse_set_kat(H("9101AA")).to_bytes() == H("002241A6039101AA")
    assert iso7816.general_authenticate(iso7816.dynamic_auth_data(0, b""), last=False,
                                        le=0).to_bytes() == H("10860000027C0000")
    assert iso7816.unwrap_odd_response(H("5303010203")) == H("010203")
    with pytest.raises(ParseError):
        iso7816.unwrap_odd_response(H("5403010203"))
    with pytest.raises(ValueError):
        iso7816.read_binary(256, 4, sfi=1)


def test_command_and_response_reprs_show_lengths_never_data():
    from icao.apdu import Command, Response

    cmd = Command(0x0C, 0xB0, 0x00, 0x00, b"L898902C<369080619406236", le=223)
    assert repr(cmd) == "Command(0C B0 00 00, data=<24 bytes>, le=223)"
    assert repr(Response(b"NGUYEN<<VAN<A", 0x9000)) == "Response(data=<13 bytes>, sw=0x9000)"
