"""Residence addresses: from the card's three-level text to the two-level units of 1 July 2025.

Why: from 1/7/2025 Viet Nam has 34 provinces and no district level (Nghị quyết 202/2025/QH15 on
provinces; the UBTVQH resolutions 1654-1687/NQ-UBTVQH15 on communes; Luật Tổ chức chính quyền
địa phương 2025). Cards issued earlier print "xã/phường, quận/huyện, tỉnh/thành phố", which
forms filed today must give in the new units. The mapping comes from the maintained
`vietnamadminunits` package (GSO danhmuchanhchinh.gso.gov.vn and sapnhap.bando.com.vn data).

Some old communes were divided between several new ones. The package can guess by geocoding the
street through an online service (ArcGIS): we never do that, because it would send a citizen's
address to a third party (PDPL 91/2025 Đ3; Decree 356/2025), and a guess is not good enough for
a legal form. Instead a split commune is flagged with its candidates and the citizen chooses.
The conversion is held in memory only; its repr shows no part of the address.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

Status = Literal["converted", "split", "current", "unresolved"]


@dataclass(frozen=True)
class WardChoice:
    """A new (2025) commune-level unit that an old, divided commune became part of."""

    ward: str
    ward_code: str | None
    province: str
    province_code: str | None
    default: bool  # the package's "isDefaultNewWard": the main successor; still not a choice


@dataclass(frozen=True, repr=False)
class AddressConversion:
    original: str
    status: Status
    street: str | None = None
    old_ward: str | None = None
    old_district: str | None = None
    old_province: str | None = None
    ward: str | None = None
    ward_code: str | None = None
    province: str | None = None
    province_code: str | None = None
    candidates: tuple[WardChoice, ...] = ()

    @property
    def needs_choice(self) -> bool:
        return self.status == "split"

    @property
    def address_2025(self) -> str | None:
        """"street, ward, province" in the current units; None until it is known."""
        if self.status not in ("converted", "current") or not self.province:
            return None
        return ", ".join(p for p in (self.street, self.ward, self.province) if p)

    def choose(self, ward_code: str) -> AddressConversion:
        """The citizen's choice among `candidates` for a split commune."""
        for c in self.candidates:
            if c.ward_code == ward_code:
                return replace(self, status="converted", ward=c.ward, ward_code=c.ward_code,
                               province=c.province, province_code=c.province_code)
        raise ValueError("ward code is not one of the candidates")

    def __repr__(self) -> str:
        return (f"AddressConversion(status={self.status!r}, candidates={len(self.candidates)}, "
                "address masked)")

    __str__ = __repr__


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _street(original: str, admin_parts: int) -> str | None:
    parts = [p.strip() for p in original.split(",")]
    street = ", ".join(p for p in parts[:-admin_parts] if p) if len(parts) > admin_parts else ""
    return street or None


def convert_address(text: str) -> AddressConversion:
    """Parse a residence as printed on the card and express it in the 2025 units."""
    # vietnamadminunits loads its tables (~0.5 s) with the first address, not at start-up
    from vietnamadminunits.converter import converter_2025 as conv
    from vietnamadminunits.parser import ParseMode, parse_address

    original = _nfc(text)
    try:
        old = parse_address(original, mode=ParseMode.LEGACY, keep_street=True, level=3)
    except Exception:  # the package raises bare Exceptions on text it cannot read
        old = None
    if old is None or not (old.ward_key and old.district_key and old.province_key):
        return _current(original)
    new_province_key = next((k for k, olds in conv.DICT_PROVINCE.items()
                             if old.province_key in olds), None)
    if new_province_key is None:
        return AddressConversion(original, "unresolved")
    old_key = f"{old.province_key}_{old.district_key}_{old.ward_key}"
    street = _street(original, 3)
    base = AddressConversion(original, "unresolved", street=street, old_ward=old.ward,
                             old_district=old.district, old_province=old.province)
    not_divided = conv.DICT_PROVINCE_WARD_NO_DIVIDED.get(new_province_key, {})
    new_ward_key = next((k for k, olds in not_divided.items() if old_key in olds), None)
    if new_ward_key:
        unit = _new_unit(new_ward_key, new_province_key)
        if unit is None:
            return base
        return replace(base, status="converted", ward=unit.ward, ward_code=unit.ward_code,
                       province=unit.province, province_code=unit.province_code)
    divided = conv.DICT_PROVINCE_WARD_DIVIDED.get(new_province_key, {}).get(old_key, [])
    choices = []
    for item in divided:
        unit = _new_unit(item["newWardKey"], new_province_key)
        if unit is not None:
            choices.append(WardChoice(unit.ward, unit.ward_code, unit.province,
                                      unit.province_code, bool(item.get("isDefaultNewWard"))))
    if not choices:
        return base
    return replace(base, status="split", candidates=tuple(choices))


def _new_unit(ward_key: str, province_key: str):
    # vietnamadminunits loads its tables (~0.5 s) with the first address, not at start-up
    from vietnamadminunits.parser import ParseMode, parse_address

    try:
        unit = parse_address(f"{ward_key}, {province_key}", mode=ParseMode.FROM_2025,
                             keep_street=False, level=2)
    except Exception:
        return None
    return unit if unit.ward and unit.province else None


def _names_units(original: str, unit) -> bool:
    """Whether the text's last two parts name the ward and the province the parser found.

    The parser matches loosely (without diacritics, anywhere in the text): a street named like
    a ward ("Đường Giả Định" is not "Phường Gia Định") or an unknown province would otherwise
    become a real unit somewhere else, a silent wrong answer on a legal form."""
    parts = [p.strip().casefold() for p in original.split(",")]
    if len(parts) < 2:
        return False
    ward, province = (unit.short_ward or "").casefold(), (unit.short_province or "").casefold()
    return bool(ward and province) and ward in parts[-2] and province in parts[-1]


def _current(original: str) -> AddressConversion:
    """Already two-level (a card issued after 1/7/2025, or an address the citizen typed)."""
    # vietnamadminunits loads its tables (~0.5 s) with the first address, not at start-up
    from vietnamadminunits.parser import ParseMode, parse_address

    try:
        unit = parse_address(original, mode=ParseMode.FROM_2025, keep_street=True, level=2)
    except Exception:
        return AddressConversion(original, "unresolved")
    if not (unit.ward and unit.province) or not _names_units(original, unit):
        return AddressConversion(original, "unresolved")
    return AddressConversion(original, "current", street=_street(original, 2), ward=unit.ward,
                             ward_code=unit.ward_code, province=unit.province,
                             province_code=unit.province_code)
