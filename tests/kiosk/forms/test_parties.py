"""Pre-fill with parties: each other person given as a card read, a typed ID number, or the
declarant themself; the typed number checked against what the form holds for that person;
the form-level errors in both languages."""

from __future__ import annotations

import pytest

from kiosk.forms import UnknownFieldError, draft_to_json, prefill
from kiosk.forms.model import PartyRecord, TypedId
from kiosk.identity import identity_from_json

from .conftest import KIOSK, TODAY, load

# the man of the fixtures is 092088054321: Cần Thơ, male, born 1988
MALE_1988 = "092088054321"
FEMALE_1990 = "001190012345"


def test_marriage_fills_each_column_from_the_card_of_that_sex_whatever_the_order(woman, man):
    for declarant, spouse in ((woman, man), (man, woman)):
        d = prefill("dang-ky-ket-hon", declarant, parties={"spouse": spouse}, kiosk=KIOSK,
                    today=TODAY)
        assert (d.value("woman_ho_ten"), d.value("man_ho_ten")) == (
            "Nguyễn Thị Ánh Tuyết", "Lê Minh Đức")
        assert d.get("man_so_dinh_danh").source == "chip_dg13"
        assert d.form_errors == ()
        assert d.parties == (PartyRecord("spouse", "card", True),)


def test_marriage_without_the_spouse_says_which_card_and_what_to_do(woman):
    d = prefill("dang-ky-ket-hon", woman, parties={}, today=TODAY)
    (err,) = d.form_errors
    assert (err.code, err.vi, err.en) == (
        "second_identity_required",
        "Chưa đọc thẻ của vợ/chồng. Bấm «Làm lại» và đặt từng thẻ lên đầu đọc khi máy yêu "
        "cầu, hoặc gọi cán bộ.",
        "The spouse's card has not been read. Tap “Start over” and place each card on the "
        "reader when the kiosk asks for it, or call staff.")
    assert d.parties == (PartyRecord("spouse", "none"),)
    assert not d.valid


def test_birth_with_the_declarant_as_mother_and_the_fathers_number_typed(woman):
    d = prefill("dang-ky-khai-sinh", woman,
                parties={"mother": "declarant", "father": TypedId(MALE_1988)}, today=TODAY)
    assert d.value("mother_ho_ten") == "Nguyễn Thị Ánh Tuyết"
    assert d.get("mother_ho_ten").source == "chip_dg13"
    f = d.get("father_so_dinh_danh")
    assert (f.value, f.source, f.errors, f.warnings) == (MALE_1988, "citizen", (), ())
    assert d.get("father_ho_ten").source == "missing"  # typed at review
    assert d.form_errors == ()
    assert d.parties == (PartyRecord("mother", "declarant"), PartyRecord("father", "typed"),
                         PartyRecord("child", "none"))
    doc = draft_to_json(d)
    assert doc["verification"]["parties"] == [
        {"role": "mother", "input": "declarant", "pa_passed": None},
        {"role": "father", "input": "typed", "pa_passed": None},
        {"role": "child", "input": "none", "pa_passed": None}]
    assert doc["verification"]["second_pa_passed"] is None


def test_a_typed_mothers_number_that_encodes_a_man_is_refused(woman, man):
    d = prefill("dang-ky-khai-sinh", man,
                parties={"mother": TypedId(MALE_1988[:-1] + "0")}, today=TODAY)
    (err,) = d.get("mother_so_dinh_danh").errors
    assert err.code == "id_sex"
    assert err.vi == ("«Số định danh cá nhân»: mã giới tính trong số (chữ số thứ 4) không khớp "
                      "với giới tính của người này; kiểm tra lại số.")
    assert MALE_1988[:-1] not in err.vi + err.en
    assert not d.valid


def test_the_deceased_number_is_checked_against_the_sex_and_birth_date_typed_for_them(woman):
    number = {"nguoi_chet_so_dinh_danh": MALE_1988}
    parties = {"deceased": TypedId(MALE_1988)}
    ok = prefill("dang-ky-khai-tu", woman, {"nguoi_chet_gioi_tinh": "Nam",
                                            "nguoi_chet_ngay_sinh": "12/03/1988"},
                 parties=parties, today=TODAY)
    assert ok.get("nguoi_chet_so_dinh_danh").errors == ()
    assert ok.value("nguoi_chet_so_dinh_danh") == MALE_1988
    wrong = prefill("dang-ky-khai-tu", woman, {"nguoi_chet_gioi_tinh": "Nữ",
                                               "nguoi_chet_ngay_sinh": "12/03/1989"},
                    parties=parties, today=TODAY)
    assert [e.code for e in wrong.get("nguoi_chet_so_dinh_danh").errors] == [
        "id_sex", "id_birth_year"]
    # the same checks apply when the number is typed at review instead of at the party step
    typed = prefill("dang-ky-khai-tu", woman, {**number, "nguoi_chet_gioi_tinh": "Nữ"},
                    parties={}, today=TODAY)
    assert [e.code for e in typed.get("nguoi_chet_so_dinh_danh").errors] == ["id_sex"]


def test_a_number_without_a_province_code_is_a_warning_for_a_second_look(woman):
    d = prefill("dang-ky-khai-tu", woman, parties={"deceased": TypedId("003088054321")},
                today=TODAY)
    f = d.get("nguoi_chet_so_dinh_danh")
    assert f.errors == () and [w.code for w in f.warnings] == ["id_province_unknown"]
    assert "id_province_unknown" in f.notes


def test_chip_numbers_are_not_second_guessed(woman):
    # the card's own number is the state's: only typed numbers are checked
    odd = identity_from_json({**load("identity.json"), "id_number": "003090012345"})
    d = prefill("xac-nhan-so-cmnd", odd, today=TODAY)
    assert d.get("so_dinh_danh").errors == () and d.get("so_dinh_danh").warnings == ()


def test_a_card_of_the_wrong_sex_for_its_party_and_the_same_person_twice(woman, man):
    d = prefill("dang-ky-khai-sinh", woman, parties={"father": woman}, today=TODAY)
    assert [e.code for e in d.form_errors] == ["party_sex", "party_duplicate"]
    assert d.form_errors[0].en == ("The card read for “The father” states another sex; tap "
                                   "“Start over” and read this person's own card, or call "
                                   "staff.")
    d = prefill("dang-ky-khai-sinh", man, parties={"mother": "declarant"}, today=TODAY)
    assert [e.code for e in d.form_errors] == ["party_sex"]


def test_second_identity_is_still_understood_as_before(woman, man):
    for service, expected in (("dang-ky-ket-hon", {"spouse": "card"}),
                              ("dang-ky-khai-sinh", {"mother": "declarant", "father": "card",
                                                     "child": "none"}),
                              ("dang-ky-khai-tu", {"deceased": "card"})):
        d = prefill(service, woman, second_identity=man, today=TODAY)
        assert {p.role: p.input for p in d.parties} == expected, service
        assert d.second_pa_passed is True


def test_unknown_party_roles_are_refused(woman, man):
    with pytest.raises(UnknownFieldError, match=r"no parties named \['spouse'\]"):
        prefill("dang-ky-khai-sinh", woman, parties={"spouse": man})
