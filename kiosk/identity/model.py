"""`Identity`: one person as the kiosk knows them, each field with where it came from.

Why a source per field: the form shows staff which values the chip vouches for (read through
secure messaging and, when `pa_passed`, signed by the issuer: ICAO 9303-11 5.1) and which the
citizen typed or the unverified QR gave. Identifying marks (DG13 field 10) stay in memory only:
no form needs them, `to_json` never exports them and the store never receives them
(VN_SERVICES.md 4: keep only what the purpose needs, PDPL 91/2025 Đ3).

No caches: an Identity is a plain frozen value. The session wipes it by dropping references.
The repr shows which fields are present and their sources, never their values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from types import MappingProxyType

from kiosk.identity.address import AddressConversion
from kiosk.identity.dates import NO_EXPIRY_VI, PartialDate
from kiosk.identity.names import PersonName


class Source(StrEnum):
    CHIP_DG13 = "chip_dg13"
    CHIP_DG1 = "chip_dg1"
    QR = "qr_unverified"
    CITIZEN = "citizen"

    @property
    def from_chip(self) -> bool:
        return self in (Source.CHIP_DG13, Source.CHIP_DG1)


#: Identity attributes that carry a source (the personal fields).
PERSONAL_FIELDS = (
    "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "nationality",
    "ethnicity", "religion", "place_of_origin", "residence", "identifying_marks",
    "date_of_issue", "date_of_expiry", "father", "mother", "spouse",
)


@dataclass(frozen=True, repr=False)
class Identity:
    id_number: str | None = None
    old_id_number: str | None = None
    full_name: str | None = None
    name: PersonName | None = None
    date_of_birth: PartialDate | None = None
    sex: str | None = None  # "Nam" / "Nữ" as on the card
    nationality: str | None = None
    ethnicity: str | None = None
    ethnicity_code: int | None = None  # QĐ 121-TCTK/PPCĐ; None if the text matched no group
    religion: str | None = None
    place_of_origin: str | None = None  # quê quán: never a place of birth
    residence: str | None = None  # nơi thường trú, as printed
    residence_conversion: AddressConversion | None = None
    identifying_marks: str | None = field(default=None, compare=False)
    date_of_issue: PartialDate | None = None
    date_of_expiry: PartialDate | None = None
    no_expiry: bool = False  # "Không thời hạn"
    father: str | None = None
    mother: str | None = None
    spouse: str | None = None
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    pa_passed: bool = False
    #: Fields where a second source disagrees with the one used, e.g. "dg1.date_of_birth",
    #: "qr.full_name". Names only, never values.
    discrepancies: tuple[str, ...] = ()

    # --- convenience --------------------------------------------------------------------------

    @property
    def ho(self) -> str | None:
        return self.name.ho if self.name else None

    @property
    def chu_dem(self) -> str | None:
        return self.name.chu_dem if self.name else None

    @property
    def ten(self) -> str | None:
        return self.name.ten if self.name else None

    @property
    def chu_dem_va_ten(self) -> str | None:
        return self.name.chu_dem_va_ten if self.name else None

    @property
    def birth_year(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth else None

    @property
    def residence_2025(self) -> str | None:
        """The residence in the current two-level units, when known without a choice."""
        conv = self.residence_conversion
        return conv.address_2025 if conv else None

    @property
    def card_generation(self) -> str | None:
        """"can_cuoc_2024" for cards issued from 1/7/2024 (Luật Căn cước 2023 in force, TT
        16/2024/TT-BCA card), "cccd_2021" before (chip CCCD, TT 06/2021/TT-BCA), else None.

        Why: the 2024 card prints "Nơi đăng ký khai sinh" where the 2021 card prints "Quê
        quán", and whether DG13 field 8 follows is unconfirmed (VN_SERVICES.md 1, cautions).
        """
        d = self.date_of_issue
        if d is None:
            return None
        return "can_cuoc_2024" if (d.year, d.month or 0) >= (2024, 7) else "cccd_2021"

    def display_lines(self, language: str = "vi") -> list[tuple[str, str]]:
        """(label, value) pairs for the staff verification panel, in card order.

        Identifying marks are left out (data minimisation: face matching does that job).
        A value from the unverified QR is marked, so staff do not take it for chip data.
        """
        en = language == "en"
        rows: list[tuple[str, str]] = []

        def add(vi: str, english: str, value: object, source_of: str | None = None) -> None:
            if value is None or value == "":
                return
            text = str(value)
            if source_of and self.sources.get(source_of) is Source.QR:
                text += " (QR, unverified)" if en else " (mã QR, chưa xác thực)"
            rows.append((english if en else vi, text))

        add("Số định danh cá nhân", "Personal ID number", self.id_number, "id_number")
        add("Số CMND cũ", "Old ID (CMND) number", self.old_id_number, "old_id_number")
        add("Họ, chữ đệm và tên", "Full name", self.full_name, "full_name")
        add("Ngày sinh", "Date of birth",
            self.date_of_birth.vi() if self.date_of_birth else None, "date_of_birth")
        add("Giới tính", "Sex", self.sex, "sex")
        add("Quốc tịch", "Nationality", self.nationality)
        add("Dân tộc", "Ethnicity", self.ethnicity)
        add("Tôn giáo", "Religion", self.religion)
        add("Quê quán", "Place of origin", self.place_of_origin)
        add("Nơi thường trú", "Permanent residence", self.residence, "residence")
        conv = self.residence_conversion
        if conv is not None and conv.status == "converted":
            add("Địa chỉ theo đơn vị hành chính mới", "Address in the 2025 units",
                conv.address_2025)
        elif conv is not None and conv.status == "split":
            add("Địa chỉ theo đơn vị hành chính mới", "Address in the 2025 units",
                "xã/phường cũ đã chia tách: công dân chọn xã/phường mới" if not en else
                "the old commune was divided: the citizen chooses the new one")
        add("Ngày cấp", "Date of issue",
            self.date_of_issue.vi() if self.date_of_issue else None, "date_of_issue")
        expiry = (NO_EXPIRY_VI if self.no_expiry else
                  self.date_of_expiry.vi() if self.date_of_expiry else None)
        add("Có giá trị đến", "Valid until", expiry, "date_of_expiry")
        add("Họ tên cha", "Father", self.father)
        add("Họ tên mẹ", "Mother", self.mother)
        add("Họ tên vợ/chồng", "Spouse", self.spouse)
        return rows

    def source(self, name: str) -> Source | None:
        return self.sources.get(name)

    def with_residence_choice(self, ward_code: str) -> Identity:
        """The citizen chose the new commune of a split one (see AddressConversion.choose)."""
        if self.residence_conversion is None:
            raise ValueError("no residence to choose for")
        return replace(self, residence_conversion=self.residence_conversion.choose(ward_code))

    def without_identifying_marks(self) -> Identity:
        srcs = {k: v for k, v in self.sources.items() if k != "identifying_marks"}
        return replace(self, identifying_marks=None, sources=MappingProxyType(srcs))

    def __repr__(self) -> str:
        present = [f.name for f in fields(self)
                   if f.name in PERSONAL_FIELDS and getattr(self, f.name) is not None]
        srcs = ",".join(f"{k}:{self.sources[k].value}" for k in present if k in self.sources)
        return (f"Identity(pa_passed={self.pa_passed}, fields=[{srcs}], "
                f"discrepancies={list(self.discrepancies)}, personal data masked)")

    __str__ = __repr__
