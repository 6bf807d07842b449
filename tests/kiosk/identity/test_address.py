"""Old three-level addresses to the 34-province, two-level units of 1 July 2025."""

from __future__ import annotations

import pytest

from kiosk.identity import convert_address


@pytest.fixture(autouse=True)
def no_geocoding(monkeypatch):
    """The package can geocode a street through ArcGIS; a citizen's address must never leave."""
    import vietnamadminunits.converter.converter_2025 as conv
    import vietnamadminunits.parser.utils as utils

    def refuse(*_a, **_k):
        raise AssertionError("geocoding attempted")

    monkeypatch.setattr(utils, "get_geo_location", refuse)
    monkeypatch.setattr(conv, "get_geo_location", refuse)


def test_old_address_converted_street_kept_as_written():
    c = convert_address("Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, "
                        "Thành phố Hà Nội")
    assert c.status == "converted"
    assert (c.old_ward, c.old_district, c.old_province) == (
        "Phường Hàng Bạc", "Quận Hoàn Kiếm", "Thành phố Hà Nội")
    assert (c.ward, c.ward_code, c.province, c.province_code) == (
        "Phường Hoàn Kiếm", "00070", "Thành phố Hà Nội", "01")
    assert c.street == "Số 12 ngõ 34 phố Hàng Bạc"
    assert c.address_2025 == "Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert not c.needs_choice


def test_rural_commune_merged_into_a_new_commune():
    c = convert_address("Thôn Đông, Xã Đông Hội, Huyện Đông Anh, Thành phố Hà Nội")
    assert c.status == "converted"
    assert c.address_2025 == "Thôn Đông, Xã Đông Anh, Thành phố Hà Nội"


def test_split_commune_is_flagged_with_candidates_and_no_guess():
    c = convert_address("Ấp 3, Xã Tân Thành, Huyện Thới Lai, Thành phố Cần Thơ")
    assert c.status == "split" and c.needs_choice
    assert c.address_2025 is None
    assert [(w.ward, w.ward_code, w.province, w.default) for w in c.candidates] == [
        ("Xã Tân Thạnh", "31666", "Thành phố Cần Thơ", False),
        ("Xã Trường Thành", "31288", "Thành phố Cần Thơ", True),
    ]
    chosen = c.choose("31288")
    assert chosen.status == "converted"
    assert chosen.address_2025 == "Ấp 3, Xã Trường Thành, Thành phố Cần Thơ"
    with pytest.raises(ValueError, match="not one of the candidates"):
        c.choose("00070")


def test_two_level_address_is_current():
    c = convert_address("Số 5, Phường Hoàn Kiếm, Thành phố Hà Nội")
    assert c.status == "current"
    assert c.address_2025 == "Số 5, Phường Hoàn Kiếm, Thành phố Hà Nội"


def test_a_street_named_like_a_ward_in_an_unknown_province_is_unresolved_not_moved():
    """The demo citizen's invented address: the parser alone reads "Đường Giả Định" as the
    real "Phường Gia Định" of Hồ Chí Minh city; the form must keep the text as written."""
    for text in ("Số 1 Đường Giả Định, Phường Mẫu, Quận Thử, Thành phố Ví Dụ",
                 "Số 1 Đường Giả Định, Phường Mẫu, Thành phố Ví Dụ"):
        c = convert_address(text)
        assert c.status == "unresolved" and c.address_2025 is None


def test_unreadable_address_is_unresolved_not_an_exception():
    c = convert_address("không rõ")
    assert c.status == "unresolved" and c.address_2025 is None


def test_repr_masks_the_address():
    c = convert_address("Ấp 3, Xã Tân Thành, Huyện Thới Lai, Thành phố Cần Thơ")
    assert repr(c) == "AddressConversion(status='split', candidates=2, address masked)"
