"""nfc.atr: ISO/IEC 7816-3 structure and 7816-4 historical bytes of real cards' ATRs
(from pcsc-tools' smartcard_list.txt) and of our default virtual card."""

from __future__ import annotations

import pytest

from nfc.atr import CompactTlv, parse_atr
from nfc.errors import AtrError
from nfc.vpcd import DEFAULT_ATR


def test_default_virtual_card_atr_announces_extended_length():
    a = parse_atr(DEFAULT_ATR)
    assert a.raw == bytes.fromhex("3B8580018073C021C0D6")
    assert a.contactless is True
    assert a.protocols == (1,)
    assert a.interface_bytes == (("TD1", 0x80), ("TD2", 0x01))
    assert a.historical == bytes.fromhex("8073C021C0")
    assert a.category == 0x80
    assert a.objects == (CompactTlv(0x7, bytes.fromhex("C021C0")),)
    assert a.card_capabilities == bytes.fromhex("C021C0")
    assert a.extended_length is True
    assert a.command_chaining is True
    assert (a.tck, a.tck_ok) == (0xD6, True)


def test_type_b_passport_without_historical_bytes_says_nothing_about_extended_length():
    # "ISO 14443 Type B without historical bytes": Spanish and Canadian passports
    a = parse_atr(bytes.fromhex("3B80800101"))
    assert a.contactless is True
    assert a.historical == b""
    assert a.extended_length is None
    assert a.tck_ok is True


def test_category_00_historical_bytes_end_with_the_status_indicator():
    # German (test) passport 2010, UK passport 2010
    a = parse_atr(bytes.fromhex("3B848001000090 0095".replace(" ", "")))
    assert a.category == 0x00
    assert a.objects == ()
    assert a.status == bytes.fromhex("009000")
    assert a.extended_length is None
    assert a.tck_ok is True


def test_pcsc_storage_card_is_recognised_by_the_pcsc_rid():
    a = parse_atr(bytes.fromhex("3B8F8001804F0CA000000306030001000000006A"))
    assert a.pcsc_storage_card is True
    assert a.protocols == (1,)
    assert a.extended_length is None


def test_contact_card_with_t15_global_bytes_and_capabilities_without_extended_length():
    a = parse_atr(bytes.fromhex("3B9E94801FC78031E073FE211B66D00217F71300F3"))
    assert a.contactless is False
    assert a.protocols == (0,)  # T=15 is global interface bytes, not a protocol
    assert a.interface_bytes == (("TA1", 0x94), ("TD1", 0x80), ("TD2", 0x1F), ("TA3", 0xC7))
    assert a.objects == (CompactTlv(0x3, b"\xe0"), CompactTlv(0x7, bytes.fromhex("FE211B")),
                         CompactTlv(0x6, bytes.fromhex("D00217F71300")))
    assert a.extended_length is False
    assert a.command_chaining is False
    assert a.tck_ok is True


def test_t0_only_card_has_no_tck_and_proprietary_historical_bytes():
    a = parse_atr(bytes.fromhex("3B1696BA000E010603"))  # Vinaphone Vietnam SIM
    assert a.protocols == (0,)
    assert a.interface_bytes == (("TA1", 0x96),)
    assert (a.tck, a.tck_ok) == (None, None)
    assert a.historical == bytes.fromhex("BA000E010603")
    assert a.category is None and a.objects == ()


def test_wrong_tck_is_reported_not_raised():
    assert parse_atr(bytes.fromhex("3B80800100")).tck_ok is False


@pytest.mark.parametrize("hex_atr, why", [
    ("3B", "2 to 33 bytes"),
    ("3A00", "TS must be 3B or 3F"),
    ("3B8580018073C021", "historical bytes"),
    ("3B858001", "historical bytes"),
    ("3B8580018073C021C0", "lacks its TCK"),
    ("3B1696BA000E01060300", "trailing bytes"),
    ("3B90", "interface byte TA1"),
])
def test_malformed_atrs_raise_atr_error(hex_atr, why):
    with pytest.raises(AtrError, match=why):
        parse_atr(bytes.fromhex(hex_atr))


def test_describe_is_plain_json_values():
    assert parse_atr(DEFAULT_ATR).describe() == {
        "hex": "3B 85 80 01 80 73 C0 21 C0 D6",
        "convention": "direct",
        "protocols": ["T=1"],
        "historical_bytes": "80 73 C0 21 C0",
        "tck_ok": True,
        "contactless": True,
        "pcsc_storage_card": False,
        "card_capabilities": "C021C0",
        "extended_length": True,
    }
