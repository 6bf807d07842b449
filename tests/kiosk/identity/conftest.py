"""Identity fixtures: fictional people's DG13 records and DG1 built with the real encoders."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from icao import mrz, tlv
from icao.lds.dg13 import encode_dg13
from kiosk.identity import Identity, QrInput, build_identity
from kiosk.reading import unverified_views

#: A 2021 CCCD holder (fictional): every DG13 field, old three-level address, old CMND number.
CARD_2021 = {
    "id_number": "001190012345",
    "full_name": "Nguyễn Thị Ánh Tuyết",
    "date_of_birth": "05/09/1990",
    "sex": "Nữ",
    "nationality": "Việt Nam",
    "ethnicity": "Kinh",
    "religion": "Không",
    "place_of_origin": "Xã Đông Hội, Huyện Đông Anh, Thành phố Hà Nội",
    "residence": "Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Thành phố Hà Nội",
    "identifying_marks": "Nốt ruồi C:1cm trên trước mép phải",
    "date_of_issue": "10/08/2021",
    "date_of_expiry": "05/09/2030",
    "father": "Nguyễn Văn Bình",
    "mother": "Trần Thị Cúc",
    "spouse": "",
    "old_id_number": "013456789",
}

#: A 2024 "thẻ Căn cước" holder over 60 (fictional): no old CMND (field 15), no identifying
#: marks (the 2024 card does not print them), no expiry, a 16-character field 16 whose meaning
#: is unconfirmed, and a residence already in the two-level units of 1/7/2025.
CARD_2024 = {
    "id_number": "079155001234",
    "full_name": "Trần Văn Hùng",
    "date_of_birth": "03/1955",
    "sex": "Nam",
    "nationality": "Việt Nam",
    "ethnicity": "Hoa",
    "religion": "Phật giáo",
    "place_of_origin": "Thành phố Hồ Chí Minh",
    "residence": "Số 5 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh",
    "date_of_issue": "15/08/2025",
    "date_of_expiry": "Không thời hạn",
    "father": "Trần Văn Phúc",
    "mother": "Lý Thị Mai",
    "field16": "0A1B2C3D4E5F6071",
}


def dg1_for(record: dict, *, birth: str, expiry: str, sex: str, surname: str,
            given: str) -> bytes:
    """DG1 (ICAO 9303-10 4.7.1: 61 { 5F1F MRZ }) with the Vietnamese TD1 layout."""
    text = mrz.format_td1(birth_date=birth, expiry_date=expiry, sex=sex, surname=surname,
                          given_names=given, id_number=record["id_number"])
    return tlv.encode(0x61, tlv.encode(0x5F1F, text.replace("\n", "").encode("ascii")))


@pytest.fixture
def files_2021() -> dict[str, bytes]:
    return {
        "DG13": encode_dg13(CARD_2021),
        "DG1": dg1_for(CARD_2021, birth="900905", expiry="300905", sex="F", surname="NGUYEN",
                       given="THI ANH TUYET"),
    }


@pytest.fixture
def files_2024() -> dict[str, bytes]:
    return {"DG13": encode_dg13(CARD_2024)}


def identity_of(files: Mapping[str, bytes], *, pa_passed: bool = False, qr: QrInput | None = None,
                today: date | None = None) -> Identity:
    """The identity the kiosk builds from these chip files: parsed once by the reading
    service's parsers (kiosk.reading.unverified_views), then kiosk.identity.build_identity. A file
    that does not parse raises its typed error (the service keeps it in `views.errors`)."""
    views = unverified_views(files)
    for error in views.errors.values():
        raise error
    return build_identity(dg13=views.dg13, dg1=views.dg1, pa_passed=pa_passed, qr=qr,
                          today=today)
