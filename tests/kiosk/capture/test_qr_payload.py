"""kiosk/capture/qr_payload.py: every CCCD QR form parsed exactly; other QR codes refused."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.capture import InvalidCccdQr, NotCccdQr, parse_payload
from kiosk.capture.qr_payload import NOT_VERIFIED_NOTE

# Fictional citizen (made-up ID number; 0 = male born in the 1900s, 85 = year of birth).
ID = "001085012345"
NAME = "Nguyễn Văn Đức"
ADDR = "Thôn Đông, Xã Hòa Bình, Huyện Kiến Xương, Thái Bình"


def test_2021_seven_fields_exact():
    q = parse_payload(f"{ID}|123456789|{NAME}|07031985|Nam|{ADDR}|15062021")
    assert (q.id_number, q.can, q.verified, q.note) == (ID, "012345", False, NOT_VERIFIED_NOTE)
    f = q.fields
    assert f.variant == "cccd-7"
    assert (f.old_id_number, f.full_name, f.sex, f.address) == ("123456789", NAME, "Nam", ADDR)
    assert (f.birth_date, f.issue_date, f.extra) == (date(1985, 3, 7), date(2021, 6, 15), ())
    assert q.warnings == ()


def test_2021_without_old_id_value():
    q = parse_payload(f"{ID}||{NAME}|07031985|Nam|{ADDR}|15062021")
    assert q.fields.variant == "cccd-7" and q.fields.old_id_number is None


def test_variant_without_old_id_field():
    q = parse_payload(f"{ID}|{NAME}|07031985|Nam|{ADDR}|15062021")
    f = q.fields
    assert (f.variant, f.old_id_number, f.full_name, f.address) == ("no-old-id", None, NAME, ADDR)
    assert (f.birth_date, f.issue_date) == (date(1985, 3, 7), date(2021, 6, 15))


def test_2024_extended_form_keeps_extra_fields_raw():
    q = parse_payload(f"{ID}|123456789|{NAME}|07031985|Nam|{ADDR}|04102024||||")
    f = q.fields
    assert (f.variant, f.extra, f.issue_date) == ("extended-2024", ("", "", "", ""),
                                                  date(2024, 10, 4))
    q2 = parse_payload(f"{ID}||{NAME}|07031985|Nam|{ADDR}|04102024|036085000111|Nguyễn Văn A|")
    assert q2.fields.extra == ("036085000111", "Nguyễn Văn A", "")


def test_decomposed_unicode_is_normalised_to_nfc():
    import unicodedata

    nfd = unicodedata.normalize("NFD", f"{ID}||{NAME}|07031985|Nữ|{ADDR}|15062021")
    q = parse_payload(nfd)
    assert q.fields.full_name == NAME and q.fields.sex == "Nữ"
    assert q.warnings == ("the sex does not match the ID number's sex digit",)


@pytest.mark.parametrize("payload", [
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
    "00020101021138570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304ABCD",
    "hello world",
    "a|b|c|d|e|f|g",
    "",
])
def test_non_cccd_qr_is_typed_error(payload):
    with pytest.raises(NotCccdQr) as exc:
        parse_payload(payload)
    assert exc.value.advice.startswith("This QR code is not the ID card's")


@pytest.mark.parametrize("payload, field", [
    (f"00108501234|123456789|{NAME}|07031985|Nam|{ADDR}|15062021", "id_number"),
    (f"{ID}|1234|{NAME}|07031985|Nam|{ADDR}|15062021", "old_id_number"),
    (f"{ID}|123456789|{NAME}|31021985|Nam|{ADDR}|15062021", "birth_date"),
    (f"{ID}|123456789|{NAME}|07031985|Nam|{ADDR}|1506202", "issue_date"),
    (f"{ID}|123456789|{NAME}|07031985|Male|{ADDR}|15062021", "sex"),
    (f"{ID}|123456789||07031985|Nam|{ADDR}|15062021", "full_name"),
    (f"{ID}|123456789|{NAME}|07031985|Nam|{ADDR}|15061984", "birth_date"),
])
def test_invalid_field_names_the_field_not_the_value(payload, field):
    with pytest.raises(InvalidCccdQr) as exc:
        parse_payload(payload)
    assert exc.value.field == field
    for secret in (ID, NAME, "07031985", "123456789"):
        assert secret not in str(exc.value)


def test_issue_date_in_future_with_injected_today():
    with pytest.raises(InvalidCccdQr) as exc:
        parse_payload(f"{ID}||{NAME}|07031985|Nam|{ADDR}|15062027", today=date(2026, 11, 28))
    assert exc.value.field == "issue_date"


def test_id_structure_mismatch_is_a_warning_only():
    q = parse_payload(f"{ID}||{NAME}|07031986|Nam|{ADDR}|15062021")
    assert q.warnings == ("the birth year does not match the ID number's year digits",)


def test_repr_masks_and_chip_confirmation():
    q = parse_payload(f"{ID}|123456789|{NAME}|07031985|Nam|{ADDR}|15062021")
    for text in (repr(q), str(q), repr(q.fields)):
        for secret in (ID, "012345", NAME, "Nguy", "1985", "123456789"):
            assert secret not in text
    v = q.confirmed_by_chip(ID)
    assert v.verified and v.note == "confirmed by the chip" and not q.verified
    with pytest.raises(InvalidCccdQr):
        q.confirmed_by_chip("001085012346")


def test_access_key_is_the_can():
    key = parse_payload(f"{ID}||{NAME}|07031985|Nam|{ADDR}|15062021").access_key()
    assert key.kind == "can" and key.pace_password() == b"012345"
