"""Reference data and small parsers: ethnic groups, dates, names, the card's QR payload."""

from __future__ import annotations

import pytest

from kiosk.identity import (
    PartialDate,
    QrFormatError,
    ethnic_groups,
    lookup_ethnicity,
    parse_date,
    parse_qr,
    split_name,
)
from kiosk.identity.ethnicity import _key


def test_54_groups_with_official_codes():
    groups = ethnic_groups()
    assert [g.code for g in groups] == list(range(1, 55))
    assert (groups[0].name, groups[24].name, groups[53].name) == ("Kinh", "Giáy", "Rơ-măm")
    owners: dict[str, int] = {}
    for g in groups:
        for name in (g.name, *g.aliases):
            assert owners.setdefault(_key(name), g.code) == g.code, name


@pytest.mark.parametrize("text, code", [
    ("Kinh", 1), ("KINH", 1), ("H'Mông", 8), ("Mông", 8), ("Khmer", 5), ("Ê Đê", 12),
    ("Gia Rai", 10), ("Cơ Lao", 47), ("Co", 30), ("Bru-Vân Kiều", 23), ("Ơ Đu", 53),
])
def test_ethnicity_spellings_map_to_codes(text, code):
    assert lookup_ethnicity(text).code == code


def test_unknown_ethnicity_is_none():
    assert lookup_ethnicity("Không rõ") is None and lookup_ethnicity(None) is None


@pytest.mark.parametrize("text, expected, vi, iso", [
    ("05/09/1990", PartialDate(1990, 9, 5), "05/09/1990", "1990-09-05"),
    ("00/09/1990", PartialDate(1990, 9), "09/1990", "1990-09"),
    ("09/1990", PartialDate(1990, 9), "09/1990", "1990-09"),
    ("1990", PartialDate(1990), "1990", "1990"),
    ("05091990", PartialDate(1990, 9, 5), "05/09/1990", "1990-09-05"),
    ("1990-09-05", PartialDate(1990, 9, 5), "05/09/1990", "1990-09-05"),
])
def test_dates_full_and_partial(text, expected, vi, iso):
    d = parse_date(text)
    assert d == expected and d.vi() == vi and d.iso() == iso


@pytest.mark.parametrize("text", ["31/02/1990", "1990/09", "abc", "05/13/1990"])
def test_bad_dates_raise_without_the_value(text):
    with pytest.raises(ValueError) as err:
        parse_date(text)
    assert text not in str(err.value)


def test_name_split():
    n = split_name("  Nguyễn   Thị Ánh Tuyết ")
    assert (n.ho, n.chu_dem, n.ten, n.full) == ("Nguyễn", "Thị Ánh", "Tuyết",
                                                "Nguyễn Thị Ánh Tuyết")
    assert (split_name("Lê Đức").chu_dem, split_name("Lê Đức").ten) == ("", "Đức")
    assert split_name("Y Moan").ho == "Y"
    assert repr(n) == "PersonName(words=4)"


def test_qr_2021_and_2024_payloads():
    q = parse_qr("001190012345|013456789|Nguyễn Thị Ánh Tuyết|05091990|Nữ|Hà Nội|10082021")
    assert (q.id_number, q.old_id_number, q.full_name, q.date_of_birth, q.sex, q.residence,
            q.date_of_issue, q.extra) == ("001190012345", "013456789", "Nguyễn Thị Ánh Tuyết",
                                          "05091990", "Nữ", "Hà Nội", "10082021", ())
    q24 = parse_qr("079155001234||Trần Văn Hùng|00031955|Nam|TP HCM|15082025||||")
    assert q24.old_id_number is None and q24.extra == ("", "", "", "")
    six = parse_qr("001190012345|Nguyễn Thị Ánh Tuyết|05091990|Nữ|Hà Nội|10082021")
    assert six.old_id_number is None and six.full_name == "Nguyễn Thị Ánh Tuyết"
    assert repr(q) == "QrData(personal data masked)"


def test_qr_that_is_not_a_card_payload():
    with pytest.raises(QrFormatError) as err:
        parse_qr("https://example.vn/secret-001190012345")
    assert "001190012345" not in str(err.value)
