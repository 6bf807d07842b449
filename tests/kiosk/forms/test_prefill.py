"""Pre-fill: sources per field, two-person forms, and validation messages in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.forms import UnknownFieldError, load_services, prefill
from kiosk.identity import identity_from_json

from .conftest import KIOSK, TODAY, load


def test_ct01_from_chip_with_sources_and_converted_address(woman):
    d = prefill("dang-ky-thuong-tru", woman, {"so_dien_thoai": "0912 345 678"}, kiosk=KIOSK,
                today=TODAY)
    assert d.value("ho_ten") == "Nguyễn Thị Ánh Tuyết"
    assert d.get("ho_ten").source == "chip_dg13"
    assert d.value("ngay_sinh") == "05/09/1990" and d.get("ngay_sinh").iso == "1990-09-05"
    assert d.value("so_dinh_danh") == "001190012345"
    assert (d.value("kinh_gui"), d.get("kinh_gui").source) == (KIOSK["agency"], "kiosk")
    assert (d.value("so_dien_thoai"), d.get("so_dien_thoai").source) == ("0912 345 678",
                                                                         "citizen")
    assert d.value("noi_dung_de_nghi") == "Đăng ký thường trú."
    assert d.get("noi_dung_de_nghi").source == "kiosk"
    assert d.get("email").source == "missing"
    assert sorted(d.errors) == ["dia_chi_dang_ky"]
    assert d.pa_passed is True and d.second_pa_passed is None


def test_address_field_uses_the_2025_units_and_says_so(woman):
    d = prefill("cap-ho-chieu-pho-thong", woman, today=TODAY)
    f = d.get("noi_thuong_tru")
    assert f.value == "Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert f.notes == ("converted_2025",) and f.source == "chip_dg13"
    assert (d.value("ho"), d.value("chu_dem_ten")) == ("Nguyễn", "Thị Ánh Tuyết")
    assert d.get("noi_sinh").source == "missing"  # never quê quán


def test_split_commune_must_be_chosen(man):
    d = prefill("cap-ho-chieu-pho-thong", man, today=TODAY)
    f = d.get("noi_thuong_tru")
    assert f.value == "Ấp 3, Xã Tân Thành, Huyện Thới Lai, Thành phố Cần Thơ"
    assert f.notes == ("split_commune",)
    assert f.choices == ("Xã Tân Thạnh, Thành phố Cần Thơ", "Xã Trường Thành, Thành phố Cần Thơ")
    assert [e.code for e in f.errors] == ["address_split"]
    assert f.errors[0].vi == ("Xã/phường cũ trong địa chỉ đã được chia cho nhiều xã/phường mới "
                              "từ 01/7/2025: công dân chọn xã/phường mới.")
    chosen = prefill("cap-ho-chieu-pho-thong", man.with_residence_choice("31288"), today=TODAY)
    g = chosen.get("noi_thuong_tru")
    assert g.value == "Ấp 3, Xã Trường Thành, Thành phố Cần Thơ" and g.errors == ()


def test_citizen_correction_overrides_the_chip_and_is_marked(woman):
    d = prefill("dang-ky-thue-ca-nhan", woman, {"ho_ten": "Nguyễn Thị Ánh  Tuyết"},
                today=TODAY)
    assert d.get("ho_ten").source == "chip_dg13" and d.get("ho_ten").notes == ()
    d = prefill("dang-ky-thue-ca-nhan", woman, {"ho_ten": "Nguyễn Thị Ánh Tuyền"}, today=TODAY)
    assert (d.value("ho_ten"), d.get("ho_ten").source, d.get("ho_ten").notes) == (
        "Nguyễn Thị Ánh Tuyền", "citizen", ("edited",))


@pytest.mark.parametrize("field, value, code, vi, en", [
    ("so_dien_thoai", "12345", "phone",
     "«Số điện thoại» không hợp lệ: nhập số bắt đầu bằng 0, gồm 10 chữ số (di động) hoặc 11 "
     "chữ số (cố định).",
     "“Phone number” is not valid: enter a number starting with 0, 10 digits (mobile) or 11 "
     "digits (landline)."),
    ("email", "tuyet.example.vn", "email", "«Email» không đúng dạng ten@mien.vn.",
     "“Email” is not an email address (name@domain)."),
    ("ngay_cap", "30/02/2021", "date", "«Ngày cấp» không đúng dạng ngày/tháng/năm.",
     "“Date of issue” is not a valid date (dd/mm/yyyy)."),
    ("ngay_cap", "01/02/2027", "future", "«Ngày cấp» không được sau ngày hôm nay.",
     "“Date of issue” cannot be in the future."),
    ("so_dinh_danh", "00119001234", "id12", "«Số định danh cá nhân» phải gồm đúng 12 chữ số.",
     "“Personal ID number” must be exactly 12 digits."),
    ("loai_de_nghi", "Khác", "choice", "«Loại đề nghị»: chọn một trong các mục đã cho.",
     "“Request type”: choose one of the listed options."),
])
def test_validation_messages_in_vietnamese_and_english(woman, field, value, code, vi, en):
    d = prefill("dang-ky-thue-ca-nhan", woman, {field: value}, today=TODAY)
    (err,) = d.get(field).errors
    assert (err.code, err.vi, err.en) == (code, vi, en)
    assert value not in err.vi + err.en
    assert not d.valid


def test_required_field_message(woman):
    d = prefill("dang-ky-thue-ca-nhan", woman, today=TODAY)
    (err,) = d.get("loai_de_nghi").errors
    assert (err.code, err.vi, err.en) == ("required", "Chưa điền «Loại đề nghị».",
                                          "“Request type” is required.")


def test_marriage_places_each_card_by_sex_whatever_the_order(woman, man):
    for first, second in ((woman, man), (man, woman)):
        d = prefill("dang-ky-ket-hon", first, second_identity=second, kiosk=KIOSK, today=TODAY)
        assert d.value("woman_ho_ten") == "Nguyễn Thị Ánh Tuyết"
        assert d.value("man_ho_ten") == "Lê Minh Đức"
        assert d.value("man_so_dinh_danh") == "092088054321"
        assert d.form_errors == ()
        assert d.second_pa_passed is True


def test_marriage_needs_the_second_card_and_one_woman_one_man(woman):
    d = prefill("dang-ky-ket-hon", woman, today=TODAY)
    assert [e.code for e in d.form_errors] == ["second_identity_required"]
    assert d.get("man_ho_ten").source == "missing"
    twin = identity_from_json({**load("identity.json"), "id_number": "001190099999"})
    d = prefill("dang-ky-ket-hon", woman, second_identity=twin, today=TODAY)
    assert [e.code for e in d.form_errors] == ["marriage_sexes"]


def test_chip_spouse_field_is_a_hint_for_staff(woman, man):
    married = identity_from_json({**load("identity_second.json"), "spouse": "Phạm Thị Hoa"})
    d = prefill("dang-ky-ket-hon", woman, second_identity=married, today=TODAY)
    assert "chip_spouse_present" in d.get("man_ho_ten").notes
    assert d.form_errors == ()


def test_birth_registration_takes_mother_and_father_from_their_cards(woman, man):
    d = prefill("dang-ky-khai-sinh", man, {"quan_he": "Cha"}, second_identity=woman,
                today=TODAY)
    assert d.value("ho_ten") == "Lê Minh Đức"  # the requester is the card read first
    assert d.value("mother_ho_ten") == "Nguyễn Thị Ánh Tuyết"
    assert d.value("mother_nam_sinh") == "1990"
    assert d.value("father_ho_ten") == "Lê Minh Đức"
    assert d.get("noi_sinh_tre").source == "missing"
    assert d.get("tre_que_quan").source == "missing"


def test_partial_birth_date_and_no_expiry_print_as_on_the_card():
    old = identity_from_json({"full_name": "Trần Văn Hùng", "date_of_birth": "03/1955",
                              "sex": "Nam", "date_of_expiry": "Không thời hạn"})
    d = prefill("huong-tro-cap-that-nghiep", old, today=TODAY)
    f = d.get("ngay_sinh")
    assert (f.value, f.iso, f.notes, f.errors) == ("03/1955", "1955-03", ("partial_date",), ())


def test_unknown_extra_fields_are_refused_without_values(woman):
    with pytest.raises(UnknownFieldError) as err:
        prefill("dang-ky-ket-hon", woman, {"so_dien_thoai": "0912345678"})
    assert "so_dien_thoai" in str(err.value) and "0912345678" not in str(err.value)


def test_every_service_prefills_from_the_fixture(woman, man):
    for s in load_services():
        d = prefill(s, woman, second_identity=man if s.second_party else None, kiosk=KIOSK,
                    today=date(2026, 1, 15))
        name_field = {15: "woman_ho_ten", 16: "chu_dem_ten"}.get(s.number, "ho_ten")
        expected = "Thị Ánh Tuyết" if s.number == 16 else "Nguyễn Thị Ánh Tuyết"
        assert d.get(name_field).value == expected, s.code
        chip = [f for f in d.fields if f.source == "chip_dg13"]
        assert len(chip) >= 2, s.code


def test_draft_repr_shows_no_values(woman):
    d = prefill("cap-ho-chieu-pho-thong", woman, today=TODAY)
    text = repr(d) + repr(d.fields)
    assert "Nguyễn" not in text and "001190012345" not in text and "Hàng Bạc" not in text


def test_place_of_origin_from_a_2024_card_is_flagged_for_staff(woman):
    d = prefill("xac-nhan-so-cmnd", woman, today=TODAY)
    assert woman.card_generation == "cccd_2021"
    assert d.get("que_quan").notes == ()
    card_2024 = identity_from_json({**load("identity.json"), "date_of_issue": "15/08/2025"})
    assert card_2024.card_generation == "can_cuoc_2024"
    f = prefill("xac-nhan-so-cmnd", card_2024, today=TODAY).get("que_quan")
    assert (f.value, f.notes) == ("Xã Đông Hội, Huyện Đông Anh, Thành phố Hà Nội",
                                  ("origin_field_unconfirmed",))


@pytest.mark.parametrize("phone, ok", [
    ("0912345678", True), ("091 234 5678", True), ("+84912345678", True),
    ("02438251234", True), ("091234567", False), ("912345678", False), ("0912a45678", False),
])
def test_phone_numbers(woman, phone, ok):
    d = prefill("dang-ky-thue-ca-nhan", woman, {"so_dien_thoai": phone}, today=TODAY)
    assert (d.get("so_dien_thoai").errors == ()) is ok
