"""The 12-digit personal ID number (số định danh cá nhân) typed by hand: what it encodes.

Why: a party whose card cannot be read (a deceased person, a parent who is not present) is
identified by a number typed on the keypad, and a typo would put the wrong person on a legal
form. The number has no check digit, but its first six digits encode facts the form also
holds (Nghị định 137/2015/NĐ-CP Đ13; Thông tư 59/2021/TT-BCA Đ7, which kept the codes of
Thông tư 07/2016/TT-BCA Phụ lục I):

    PPP  the province (or, for a birth registered abroad, the country) of birth registration
    G    century of birth and sex: 0/1 = 1900-1999 male/female, 2/3 = 2000s, 4/5 = 2100s,
         6/7 = 2200s, 8/9 = 2300s (even male, odd female)
    YY   the last two digits of the year of birth
    then six random digits.

So a typed number can be checked against the sex and the birth year typed or read for the same
person, and its encoded birth year cannot lie in the future. The province list is the 63
codes of Phụ lục I (checked against the GSO list in the `vietnamadminunits` package); the 34
provinces of 1 July 2025 kept codes from that list. Country codes for births registered abroad
were not found [NF], so an unknown code is a warning to re-check, not an error. Nothing here
keeps or logs the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: Phụ lục I, Thông tư 07/2016/TT-BCA (kept by Thông tư 59/2021/TT-BCA): code -> province.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

_TWELVE = re.compile(r"\d{12}")


@dataclass(frozen=True, repr=False)
class IdNumber:
    """What a well-formed number encodes. repr names no value."""

    province_code: str
    province: str | None  # None: not a province code (abroad, or a typo)
    sex: str  # "Nam" / "Nữ", as cards print it
    birth_year: int

    def __repr__(self) -> str:
        return "IdNumber(value masked)"


class IdNumberFormatError(ValueError):
    """Not 12 digits. The message never repeats the input."""


def parse_id_number(text: str) -> IdNumber:
    """Decode a 12-digit number; raises IdNumberFormatError when it is not 12 digits."""
    value = (text or "").strip()
    if not _TWELVE.fullmatch(value):
        raise IdNumberFormatError("a personal ID number has exactly 12 digits")
    code, gender_century = value[:3], int(value[3])
    century = 1900 + 100 * (gender_century // 2)
    return IdNumber(province_code=code, province=PROVINCE_CODES.get(code),
                    sex="Nữ" if gender_century % 2 else "Nam",
                    birth_year=century + int(value[4:6]))


def id_number_problems(text: str, *, sex: str | None = None, birth_year: int | None = None,
                       today: date | None = None) -> tuple[list[str], list[str]]:
    """(errors, warnings) as codes, for a typed number and what else is known of its holder.

    errors:   "id12" (not 12 digits), "id_future" (encoded birth year after today),
              "id_sex" (encodes the other sex), "id_birth_year" (encodes another year)
    warnings: "id_province_unknown" (the first three digits are no province code)
    """
    try:
        info = parse_id_number(text)
    except IdNumberFormatError:
        return ["id12"], []
    errors: list[str] = []
    if info.birth_year > (today or date.today()).year:
        errors.append("id_future")
    if sex in ("Nam", "Nữ") and sex != info.sex:
        errors.append("id_sex")
    if birth_year is not None and birth_year != info.birth_year:
        errors.append("id_birth_year")
    warnings = [] if info.province is not None else ["id_province_unknown"]
    return errors, warnings
