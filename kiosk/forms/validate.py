"""Field validation with messages in Vietnamese (for the citizen) and English (for staff).

Messages name the field by its label and say how to fix it; they never repeat the value, so a
message may be logged or shown on a shared screen. Formats follow the documents they describe:
the personal ID number has 12 digits (Luật Căn cước 2023 Đ12; NĐ 137/2015 Đ13), the CMND 9; a
Vietnamese mobile number has 10 digits with the leading 0 (the 2018 move to 10-digit mobile
numbers) and a landline 11 (0 + 2- or 3-digit area code, the 2017 area-code change), or
+84 in place of the 0.
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.forms.model import FieldError, FieldSpec
from kiosk.identity.dates import parse_date
from kiosk.identity.id_number import id_number_problems

_PHONE = re.compile(r"^(?:0|\+84)(\d{9,10})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def _err(code: str, vi: str, en: str) -> FieldError:
    return FieldError(code, vi, en)


def required_error(spec: FieldSpec) -> FieldError:
    return _err("required", f"Chưa điền «{spec.label_vi}».", f"“{spec.label_en}” is required.")


def validate_value(spec: FieldSpec, value: str | None, *, today: date) -> tuple[FieldError, ...]:
    """Errors for one field's value (empty + required -> 'required')."""
    if value is None or not value.strip():
        return (required_error(spec),) if spec.required else ()
    v = value.strip()
    out: list[FieldError] = []
    if spec.max_length is not None and len(v) > spec.max_length:
        out.append(_err("too_long", f"«{spec.label_vi}» dài quá {spec.max_length} ký tự.",
                        f"“{spec.label_en}” is longer than {spec.max_length} characters."))
    t = spec.type
    if t == "id12" and not re.fullmatch(r"\d{12}", v):
        out.append(_err("id12", f"«{spec.label_vi}» phải gồm đúng 12 chữ số.",
                        f"“{spec.label_en}” must be exactly 12 digits."))
    elif t == "id9" and not re.fullmatch(r"\d{9}", v):
        out.append(_err("id9", f"«{spec.label_vi}» phải gồm đúng 9 chữ số.",
                        f"“{spec.label_en}” must be exactly 9 digits."))
    elif t == "phone" and not _PHONE.match(re.sub(r"[\s.\-]", "", v)):
        out.append(_err("phone", f"«{spec.label_vi}» không hợp lệ: nhập số bắt đầu bằng 0, gồm 10 "
                        "chữ số (di động) hoặc 11 chữ số (cố định).",
                        f"“{spec.label_en}” is not valid: enter a number starting with 0, 10 "
                        "digits (mobile) or 11 digits (landline)."))
    elif t == "email" and not _EMAIL.match(v):
        out.append(_err("email", f"«{spec.label_vi}» không đúng dạng ten@mien.vn.",
                        f"“{spec.label_en}” is not an email address (name@domain)."))
    elif t == "sex" and v not in ("Nam", "Nữ"):
        out.append(_err("sex", f"«{spec.label_vi}»: chọn Nam hoặc Nữ.",
                        f"“{spec.label_en}”: choose Nam (male) or Nữ (female)."))
    elif t == "choice" and v not in spec.choices:
        out.append(_err("choice", f"«{spec.label_vi}»: chọn một trong các mục đã cho.",
                        f"“{spec.label_en}”: choose one of the listed options."))
    elif t == "integer":
        out.extend(_integer(spec, v))
    elif t == "year":
        if not re.fullmatch(r"\d{4}", v) or not 1850 <= int(v) <= today.year:
            out.append(_err("year", f"«{spec.label_vi}» phải là năm có 4 chữ số.",
                            f"“{spec.label_en}” must be a 4-digit year."))
    elif t in ("date", "partial_date"):
        out.extend(_date(spec, v, today))
    return tuple(out)


def _integer(spec: FieldSpec, v: str) -> list[FieldError]:
    if not re.fullmatch(r"\d+", v):
        return [_err("integer", f"«{spec.label_vi}» phải là số.", f"“{spec.label_en}” must be a number.")]
    n = int(v)
    if (spec.minimum is not None and n < spec.minimum) or (spec.maximum is not None and n > spec.maximum):
        return [_err("range", f"«{spec.label_vi}» phải từ {spec.minimum} đến {spec.maximum}.",
                     f"“{spec.label_en}” must be between {spec.minimum} and {spec.maximum}.")]
    return []


def _date(spec: FieldSpec, v: str, today: date) -> list[FieldError]:
    try:
        d = parse_date(v)
    except ValueError:
        d = None
    if d is None or (spec.type == "date" and not d.complete):
        fmt = "ngày/tháng/năm" if spec.type == "date" else "ngày/tháng/năm (hoặc tháng/năm, năm)"
        return [_err("date", f"«{spec.label_vi}» không đúng dạng {fmt}.",
                     f"“{spec.label_en}” is not a valid date (dd/mm/yyyy).")]
    if spec.not_future and d.iso() > today.isoformat()[: len(d.iso())]:
        return [_err("future", f"«{spec.label_vi}» không được sau ngày hôm nay.",
                     f"“{spec.label_en}” cannot be in the future.")]
    return []


def id_number_checks(spec: FieldSpec, value: str, *, sex: str | None, birth_year: int | None,
                     today: date) -> tuple[tuple[FieldError, ...], tuple[FieldError, ...]]:
    """(errors, warnings) for a typed 12-digit personal ID number against what else is known
    of its holder (kiosk.identity.id_number says what the digits encode). The format error
    ("id12") is `validate_value`'s; these are the checks a well-formed number can fail."""
    errors, warnings = id_number_problems(value, sex=sex, birth_year=birth_year, today=today)
    lv, le = spec.label_vi, spec.label_en
    words = {
        "id_future": (f"«{lv}»: chữ số thứ 4 đến 6 cho năm sinh sau năm nay; kiểm tra lại số.",
                      f"“{le}”: digits 4 to 6 give a year of birth after this year; check the "
                      "number."),
        "id_sex": (f"«{lv}»: mã giới tính trong số (chữ số thứ 4) không khớp với giới tính của "
                   "người này; kiểm tra lại số.",
                   f"“{le}”: the sex code in the number (4th digit) does not match this "
                   "person's sex; check the number."),
        "id_birth_year": (f"«{lv}»: năm sinh trong số (chữ số thứ 5 và 6) không khớp với năm "
                          "sinh của người này; kiểm tra lại số hoặc năm sinh.",
                          f"“{le}”: the year of birth in the number (5th and 6th digits) does "
                          "not match this person's year of birth; check the number or the "
                          "year."),
        "id_province_unknown": (f"«{lv}»: ba chữ số đầu không phải mã tỉnh nơi đăng ký khai "
                                "sinh (trừ khi khai sinh ở nước ngoài); kiểm tra lại số.",
                                f"“{le}”: the first three digits are no province code of birth "
                                "registration (unless the birth was registered abroad); check "
                                "the number."),
    }
    return (tuple(_err(c, *words[c]) for c in errors if c in words),
            tuple(_err(c, *words[c]) for c in warnings))
