"""The 12-digit personal ID number: what its first six digits encode, and the checks a typed
number must pass (Nghị định 137/2015/NĐ-CP Đ13; Thông tư 59/2021/TT-BCA, 07/2016 Phụ lục I)."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.identity import IdNumberFormatError, id_number_problems, parse_id_number
from kiosk.identity.id_number import PROVINCE_CODES

TODAY = date(2026, 1, 15)


@pytest.mark.parametrize("number, province, sex, year", [
    ("001190012345", "Hà Nội", "Nữ", 1990),       # 1: female, 20th century
    ("092088054321", "Cần Thơ", "Nam", 1988),     # 0: male, 20th century
    ("079203012345", "Hồ Chí Minh", "Nam", 2003),  # 2: male, 21st century
    ("038325000001", "Thanh Hóa", "Nữ", 2025),    # 3: female, 21st century
    ("096499000001", "Cà Mau", "Nam", 2199),      # 4: male, 22nd century (decodes; not born)
])
def test_the_first_six_digits_encode_province_sex_and_birth_year(number, province, sex, year):
    info = parse_id_number(number)
    assert (info.province, info.sex, info.birth_year) == (province, sex, year)
    assert number not in repr(info)


def test_the_province_list_is_phu_luc_i():
    # 63 provinces, codes 001-096 with gaps; the 34 provinces of 2025 kept codes from it
    assert len(PROVINCE_CODES) == 63
    assert min(PROVINCE_CODES) == "001" and max(PROVINCE_CODES) == "096"
    assert {"003", "005", "097"}.isdisjoint(PROVINCE_CODES)
    assert {"008", "015", "052", "080", "082", "091"} <= set(PROVINCE_CODES)


@pytest.mark.parametrize("text", ["", "12345678901", "1234567890123", "00119001234a",
                                  "001 190 012345"])
def test_anything_but_twelve_digits_is_a_format_error(text):
    with pytest.raises(IdNumberFormatError) as err:
        parse_id_number(text)
    assert text.strip() == "" or text not in str(err.value)
    assert id_number_problems(text, today=TODAY) == (["id12"], [])


def test_checks_against_what_is_known_of_the_holder():
    assert id_number_problems("001190012345", sex="Nữ", birth_year=1990, today=TODAY) == ([], [])
    assert id_number_problems("001190012345", sex="Nam", today=TODAY) == (["id_sex"], [])
    assert id_number_problems("001190012345", birth_year=1991, today=TODAY) == (
        ["id_birth_year"], [])
    # 4th digit 3 = female, born 2000-2099: "27" would be 2027, after today
    assert id_number_problems("001327000001", today=TODAY) == (["id_future"], [])
    assert id_number_problems("001427000001", today=TODAY)[0] == ["id_future"]
    # unknown sex / year: nothing to compare
    assert id_number_problems("001190012345", sex=None, birth_year=None, today=TODAY) == ([], [])


def test_an_unknown_province_code_is_a_warning_not_an_error():
    # births registered abroad may carry a country code [NF]: re-check, do not refuse
    assert id_number_problems("003190012345", sex="Nữ", today=TODAY) == (
        [], ["id_province_unknown"])
    assert parse_id_number("003190012345").province is None
