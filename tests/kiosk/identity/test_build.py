"""Identity from the files of a chip read: DG13 first, DG1 fallback and cross-check, QR last."""

from __future__ import annotations

from datetime import date

import pytest

from icao.errors import ParseError
from icao.lds.dg13 import encode_dg13
from kiosk.identity import (
    IdentityError,
    PartialDate,
    Source,
    build_identity,
    identity_from_json,
    identity_to_json,
)

from .conftest import CARD_2021, dg1_for, identity_of

TODAY = date(2026, 11, 28)


def test_2021_card_every_field_from_dg13_and_dg1_agrees(files_2021):
    ident = identity_of(files_2021, pa_passed=True, today=TODAY)
    assert ident.id_number == "001190012345"
    assert ident.old_id_number == "013456789"
    assert ident.full_name == "Nguyễn Thị Ánh Tuyết"
    assert (ident.ho, ident.chu_dem, ident.ten) == ("Nguyễn", "Thị Ánh", "Tuyết")
    assert ident.chu_dem_va_ten == "Thị Ánh Tuyết"
    assert ident.date_of_birth == PartialDate(1990, 9, 5)
    assert ident.sex == "Nữ"
    assert ident.nationality == "Việt Nam"
    assert (ident.ethnicity, ident.ethnicity_code) == ("Kinh", 1)
    assert ident.religion == "Không"
    assert ident.place_of_origin == CARD_2021["place_of_origin"]
    assert ident.residence == CARD_2021["residence"]
    assert ident.identifying_marks == CARD_2021["identifying_marks"]
    assert ident.date_of_issue == PartialDate(2021, 8, 10)
    assert ident.date_of_expiry == PartialDate(2030, 9, 5)
    assert not ident.no_expiry
    assert (ident.father, ident.mother, ident.spouse) == ("Nguyễn Văn Bình", "Trần Thị Cúc", None)
    assert ident.pa_passed is True
    assert ident.discrepancies == ()
    assert set(ident.sources.values()) == {Source.CHIP_DG13}
    assert ident.residence_2025 == ("Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, "
                                    "Thành phố Hà Nội")


def test_dg1_that_disagrees_is_reported_by_field_name_only(files_2021):
    files = dict(files_2021)
    files["DG1"] = dg1_for(CARD_2021, birth="900906", expiry="300905", sex="M",
                           surname="NGUYEN", given="THI ANH TUYEN")
    ident = identity_of(files, today=TODAY)
    assert ident.discrepancies == ("dg1.full_name", "dg1.sex", "dg1.date_of_birth")
    assert ident.date_of_birth == PartialDate(1990, 9, 5)  # DG13 still wins
    assert ident.pa_passed is False


def test_dg1_alone_fills_fields_marked_chip_dg1(files_2021):
    ident = identity_of({"DG1": files_2021["DG1"]}, today=TODAY)
    assert ident.full_name == "NGUYEN THI ANH TUYET"
    assert ident.id_number == "001190012345"
    assert ident.date_of_birth == PartialDate(1990, 9, 5)
    assert ident.date_of_expiry == PartialDate(2030, 9, 5)
    assert ident.sex == "Nữ" and ident.nationality == "Việt Nam"
    assert ident.source("full_name") is Source.CHIP_DG1
    assert ident.residence is None and ident.ethnicity is None


def test_2024_card_no_old_id_no_expiry_partial_birth_current_address(files_2024):
    ident = identity_of(files_2024, pa_passed=True, today=TODAY)
    assert ident.old_id_number is None
    assert ident.identifying_marks is None
    assert ident.no_expiry is True and ident.date_of_expiry is None
    assert ident.source("date_of_expiry") is Source.CHIP_DG13
    assert ident.date_of_birth == PartialDate(1955, 3, None)
    assert ident.date_of_birth.vi() == "03/1955" and ident.birth_year == 1955
    assert ident.ethnicity_code == 4  # Hoa
    conv = ident.residence_conversion
    assert conv.status == "current"
    assert ident.residence_2025 == "Số 5 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh"
    assert identity_to_json(ident)["date_of_expiry"] == "Không thời hạn"
    assert ident.pa_passed is True


def test_absent_dg13_fields_stay_absent_and_later_fields_keep_their_names():
    record = {k: v for k, v in CARD_2021.items()
              if k not in ("religion", "identifying_marks", "father", "mother", "spouse")}
    ident = identity_of({"DG13": encode_dg13(record)}, today=TODAY)
    assert ident.religion is None and ident.father is None and ident.mother is None
    assert ident.date_of_issue == PartialDate(2021, 8, 10)
    assert "religion" not in ident.sources


def test_qr_fills_only_gaps_and_is_marked_unverified(files_2021):
    record = {k: v for k, v in CARD_2021.items() if k != "date_of_issue"}
    qr = ("001190012345|013456789|Nguyễn Thị Ánh Tuyết|05091990|Nữ|"
          "Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Thành phố Hà Nội|"
          "10082021||||")
    ident = identity_of({"DG13": encode_dg13(record)}, qr=qr, today=TODAY)
    assert ident.date_of_issue == PartialDate(2021, 8, 10)
    assert ident.source("date_of_issue") is Source.QR
    assert ident.source("full_name") is Source.CHIP_DG13
    assert ident.discrepancies == ()


def test_qr_that_disagrees_with_the_chip_is_reported(files_2021):
    qr = "001190012345||Nguyễn Thị Ánh Tuyền|05091990|Nữ|Khác|10082021"
    ident = identity_of(files_2021, qr=qr, today=TODAY)
    assert ident.full_name == "Nguyễn Thị Ánh Tuyết"
    assert ident.discrepancies == ("qr.full_name", "qr.residence")


def test_nothing_read_is_an_identity_error():
    with pytest.raises(IdentityError, match="read the card again"):
        build_identity(dg13=None, dg1=None, pa_passed=False)


def test_malformed_dg13_is_a_parse_error():
    with pytest.raises(ParseError):
        identity_of({"DG13": b"\x6d\x05\x30\x03\x02\x01"})


def test_repr_never_shows_personal_data(files_2021):
    ident = identity_of(files_2021, pa_passed=True, today=TODAY)
    text = repr(ident) + str(ident) + repr(ident.name) + repr(ident.date_of_birth) \
        + repr(ident.residence_conversion)
    for value in CARD_2021.values():
        if len(value) > 3:
            assert value not in text, value
    assert "1990" not in text and "personal data masked" in text


def test_json_round_trip_drops_identifying_marks(files_2021):
    ident = identity_of(files_2021, pa_passed=True, today=TODAY)
    doc = identity_to_json(ident)
    assert "identifying_marks" not in doc
    assert CARD_2021["identifying_marks"] not in str(doc)
    back = identity_from_json(doc)
    assert back.identifying_marks is None
    assert back == ident.without_identifying_marks()
    assert back.date_of_birth == PartialDate(1990, 9, 5)
    assert back.source("full_name") is Source.CHIP_DG13


def test_no_hidden_state_identities_are_plain_values(files_2021):
    a = identity_of(files_2021, today=TODAY)
    b = identity_of(files_2021, today=TODAY)
    assert a == b and a is not b
    import dataclasses

    # nothing cached beside the declared fields (the session wipes by dropping the reference)
    assert set(vars(a)) == {f.name for f in dataclasses.fields(a)}
    a.residence_2025, a.ho  # noqa: B018 - derived values are computed, not stored
    assert set(vars(a)) == {f.name for f in dataclasses.fields(a)}


def test_display_lines_for_the_staff_panel(files_2021):
    qr = "001190012345|013456789|Nguyễn Thị Ánh Tuyết|05091990|Nữ|x|10082021"
    record = {k: v for k, v in CARD_2021.items() if k != "date_of_issue"}
    ident = identity_of({"DG13": encode_dg13(record)}, qr=qr, today=TODAY)
    lines = dict(ident.display_lines("vi"))
    assert lines["Họ, chữ đệm và tên"] == "Nguyễn Thị Ánh Tuyết"
    assert lines["Ngày sinh"] == "05/09/1990"
    assert lines["Ngày cấp"] == "10/08/2021 (mã QR, chưa xác thực)"
    assert lines["Địa chỉ theo đơn vị hành chính mới"] == (
        "Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội")
    assert CARD_2021["identifying_marks"] not in str(lines)
    en = dict(ident.display_lines("en"))
    assert en["Valid until"] == "05/09/2030" and en["Date of issue"].endswith("(QR, unverified)")


def test_qr_capture_from_the_capture_step_is_accepted(files_2021):
    from kiosk.capture.qr_payload import parse_payload

    record = {k: v for k, v in CARD_2021.items() if k not in ("date_of_issue", "old_id_number")}
    capture = parse_payload("001190012345|013456789|Nguyễn Thị Ánh Tuyết|05091990|Nữ|"
                            "Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, "
                            "Thành phố Hà Nội|10082021")
    ident = identity_of({"DG13": encode_dg13(record)}, qr=capture, today=TODAY)
    assert ident.date_of_issue == PartialDate(2021, 8, 10)
    assert ident.old_id_number == "013456789"
    assert ident.source("old_id_number") is Source.QR
    assert ident.discrepancies == ()
