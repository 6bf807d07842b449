"""Machine readable zone: parse and build TD1, TD2 and TD3 (ICAO 9303-3, -4, -5, -6).

Pure: no I/O. `parse` checks every check digit (9303-3 4.9) and reports each one, so OCR can
reject a misread line instead of guessing; `format_td1` / `format_td3` build valid MRZ text for
the emulated chip and for rendered test cards.

Vietnamese CCCD / Can cuoc TD1 layout (9303-5 4.2.2 with national optional data):
  line 1: "ID" "VNM" <document number: last 9 digits of the 12-digit ID number> <check digit>
          <optional data: the 12-digit ID number, "<<", then a check digit over it>
  line 2: birth, sex, expiry, "VNM", optional data (unused), composite check digit
  line 3: name.
Confirmed: the document number is the last 9 digits of the ID number, and the optional data
starts with the full ID number (reader SDK notes in tests/data/vectors/vnm and a public sample
MRZ checked here digit by digit; the sample is not reproduced, it is personal data). In that
sample the ID number's check digit sits at position 30, after two fillers; because fillers
weigh 0 it equals the check digit of the whole optional-data field 16-29. Inferred: that every
card uses this position, so `parse` also accepts the digit right after the ID number
(position 28), which is what a reading of "its own check digit" without the sample suggests.

Names are split for printing only: the kiosk takes names from the chip (DG13), never from OCR.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from icao.errors import ParseError
from icao.mrz_check import check_digit

Format = Literal["TD1", "TD2", "TD3"]

#: Lines and line length of each format (9303-3 4.2; -4 4.2.2; -5 4.2.2; -6 4.2.2).
LAYOUTS: dict[str, tuple[int, int]] = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44)}

_MRZ_LINE = re.compile(r"^[A-Z0-9<]+$")
_VN_ID = re.compile(r"^[0-9]{12}$")

#: Names of the entries in `Mrz.checks`, in the order they are checked.
CHECK_FIELDS = (
    "document_number",
    "birth_date",
    "expiry_date",
    "optional_data",  # TD3 personal number only
    "id_number",  # Vietnam only: the 12-digit ID number's own check digit
    "id_number_matches_document",  # Vietnam only: document number = last 9 digits
    "composite",
)


class MrzCheckError(ParseError):
    """A check digit (or a Vietnamese consistency rule) failed; `field` names which one."""

    advice = ("The MRZ did not read correctly. Scan the back of the card again, flat and well "
              "lit, or type the CAN instead.")

    def __init__(self, field_name: str):
        super().__init__(f"MRZ check failed: {field_name}", step="mrz")
        self.field = field_name


@dataclass(frozen=True)
class Mrz:
    """A parsed MRZ. Dates stay YYMMDD strings; `birth_as_date`/`expiry_as_date` add centuries.

    The repr masks everything personal, so a Mrz may appear in a log line or a traceback.
    """

    format: Format
    document_code: str
    issuing_state: str
    document_number: str
    birth_date: str
    expiry_date: str
    sex: str  # "M", "F" or "X" (the MRZ's "<")
    nationality: str
    optional_data: str  # line 1 (TD1) or line 2 (TD2/TD3) optional data, trailing fillers removed
    optional_data_2: str  # TD1 line 2 optional data; "" for TD2/TD3
    names: tuple[str, str]  # (primary identifier, secondary identifier), for printing only
    id_number: str | None  # Vietnam: the 12-digit personal ID number; else None
    lines: tuple[str, ...]
    checks: MappingProxyType[str, bool] = field(hash=False)

    @property
    def valid(self) -> bool:
        """True when every check in `checks` passed."""
        return all(self.checks.values())

    @property
    def failed_checks(self) -> tuple[str, ...]:
        return tuple(k for k, ok in self.checks.items() if not ok)

    @property
    def can(self) -> str | None:
        """Vietnam: the CAN is the last 6 digits of the ID number (printed on the card too)."""
        return self.id_number[-6:] if self.id_number else None

    @property
    def mrz_information(self) -> str:
        """The BAC/PACE password source (9303-11 4.3.2 and D.2): document number (at least 9
        characters, "<"-padded) + check digit, birth + check digit, expiry + check digit."""
        doc = self.document_number.ljust(9, "<")
        return (doc + check_digit(doc) + self.birth_date + check_digit(self.birth_date)
                + self.expiry_date + check_digit(self.expiry_date))

    def birth_as_date(self, *, today: date) -> date | None:
        return birth_date(self.birth_date, today=today)

    def expiry_as_date(self, *, today: date) -> date | None:
        return expiry_date(self.expiry_date, today=today)

    def __repr__(self) -> str:
        checks = ", ".join(f"{k}={'ok' if v else 'FAILED'}" for k, v in self.checks.items())
        return (f"Mrz(format={self.format!r}, document_code={self.document_code!r}, "
                f"issuing_state={self.issuing_state!r}, checks=[{checks}], personal data masked)")

    __str__ = __repr__


# --- dates --------------------------------------------------------------------------------

def _date(yymmdd: str, year: int) -> date | None:
    try:
        return date(year, int(yymmdd[2:4]), int(yymmdd[4:6]))
    except ValueError:
        return None


def birth_date(yymmdd: str, *, today: date) -> date | None:
    """Birth is in the past: the latest century that puts it on or before `today`.

    9303-3 gives only two digits of the year; None when the date is unknown ("<") or invalid.
    """
    if not yymmdd.isdigit() or len(yymmdd) != 6:
        return None
    yy = int(yymmdd[:2])
    year = 2000 + yy
    d = _date(yymmdd, year)
    if d is None or d > today:
        year -= 100
        d = _date(yymmdd, year)
    return d


def expiry_date(yymmdd: str, *, today: date) -> date | None:
    """Expiry is taken in the window [today - 50 years, today + 50 years): a card that expired
    long ago still reads as expired, and Vietnamese cards (valid up to about 40 years) fit."""
    if not yymmdd.isdigit() or len(yymmdd) != 6:
        return None
    yy = int(yymmdd[:2])
    century = (today.year + 50) // 100 * 100
    year = century + yy
    if year >= today.year + 50:
        year -= 100
    return _date(yymmdd, year)


# --- parsing ------------------------------------------------------------------------------

def split_lines(text: str) -> tuple[Format, tuple[str, ...]]:
    """Lines of an MRZ from text with line breaks (or one run of 90, 72 or 88 characters)."""
    # Upper-cased: staff may type the MRZ in lower case; the MRZ alphabet has no case.
    rows = [re.sub(r"\s+", "", r).upper() for r in text.strip().splitlines()]
    rows = [r for r in rows if r]
    if len(rows) == 1:
        flat = rows[0]
        for n, width in LAYOUTS.values():
            if len(flat) == n * width:
                rows = [flat[i * width:(i + 1) * width] for i in range(n)]
                break
    for fmt, (n, width) in LAYOUTS.items():
        if len(rows) == n and all(len(r) == width for r in rows):
            for i, r in enumerate(rows, 1):
                if not _MRZ_LINE.match(r):
                    raise ParseError(f"MRZ line {i} holds a character outside A-Z, 0-9 and '<'",
                                     step="mrz")
            return fmt, tuple(rows)  # type: ignore[return-value]
    shape = "x".join(str(len(r)) for r in rows) or "empty"
    raise ParseError(f"MRZ shape {len(rows)} lines ({shape}) is not TD1 3x30, TD2 2x36 or "
                     "TD3 2x44", step="mrz")


def _cd_ok(data: str, cd: str) -> bool:
    return cd.isdigit() and check_digit(data) == cd


def _strip(s: str) -> str:
    return s.rstrip("<")


def _names(field_text: str) -> tuple[str, str]:
    # 9303-3 4.6: primary and secondary identifiers are separated by "<<"; "<" between words.
    primary, _, secondary = field_text.partition("<<")
    return (primary.replace("<", " ").strip(), secondary.replace("<", " ").strip())


def _document_number(number_field: str, cd: str, optional: str) -> tuple[str, str, str]:
    """Document number, its check digit, and what is left of the optional data.

    9303-3 4.2.2 / 9303-5 note j / 9303-11 D.2: a number longer than 9 characters fills the
    field, puts "<" in the check digit position, and continues in the optional data, followed
    by its check digit and a "<".
    """
    if cd == "<" and number_field[-1] != "<":
        overflow = optional.split("<", 1)[0]
        if len(overflow) >= 2:
            return number_field + overflow[:-1], overflow[-1], optional[len(overflow):]
    return _strip(number_field), cd, optional


def _vn_id(document_code: str, issuing_state: str, opt: str) -> tuple[str | None, str | None]:
    """The Vietnamese 12-digit ID number and its check digit from TD1 line-1 optional data."""
    if issuing_state != "VNM" or not document_code.startswith("I"):
        return None, None
    head = opt[:12]
    if not _VN_ID.match(head):
        return None, None
    rest = opt[12:]
    if rest[:2] == "<<" and rest[2:3].isdigit() and not _strip(rest[3:]):
        return head, rest[2]  # position 30, as in the public sample
    if rest[:1].isdigit() and not _strip(rest[1:]):
        return head, rest[0]  # position 28
    return head, ""  # the ID number without a usable check digit: reported as failed


def parse(text: str, *, strict: bool = True) -> Mrz:
    """Parse TD1/TD2/TD3 MRZ text and check every check digit.

    strict: raise `MrzCheckError` naming the first failing check. Otherwise return the Mrz with
    its `checks`, so a caller (OCR) can reject it. A wrong check digit is never corrected here.
    """
    fmt, lines = split_lines(text)
    checks: dict[str, bool] = {}
    optional_2 = ""
    vn_id = vn_cd = None
    if fmt == "TD1":
        l1, l2, l3 = lines
        code, state = _strip(l1[0:2]), _strip(l1[2:5])
        number, number_cd, optional = _document_number(l1[5:14], l1[14], l1[15:30])
        birth, birth_cd, sex, expiry, expiry_cd = l2[0:6], l2[6], l2[7], l2[8:14], l2[14]
        nationality, optional_2, composite_cd = _strip(l2[15:18]), l2[18:29], l2[29]
        composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]  # 9303-5 4.2.2.3
        names = _names(l3)
        vn_id, vn_cd = _vn_id(code, state, l1[15:30])
    else:
        l1, l2 = lines
        code, state = _strip(l1[0:2]), _strip(l1[2:5])
        names = _names(l1[5:])
        birth, birth_cd, sex, expiry, expiry_cd = l2[13:19], l2[19], l2[20], l2[21:27], l2[27]
        nationality = _strip(l2[10:13])
        if fmt == "TD2":
            number, number_cd, optional = _document_number(l2[0:9], l2[9], l2[28:35])
            composite, composite_cd = l2[0:10] + l2[13:20] + l2[21:35], l2[35]  # 9303-6 4.2.2.3
        else:
            number, number_cd, optional = _strip(l2[0:9]), l2[9], l2[28:42]
            composite, composite_cd = l2[0:10] + l2[13:20] + l2[21:43], l2[43]  # 9303-4 4.2.2.3

    checks["document_number"] = _cd_ok(number, number_cd) if len(number) > 9 else \
        _cd_ok(number.ljust(9, "<"), number_cd)
    checks["birth_date"] = _cd_ok(birth, birth_cd)
    checks["expiry_date"] = _cd_ok(expiry, expiry_cd)
    if fmt == "TD3":
        # 9303-4 4.2.2: the personal number's check digit may be "<" when the field is unused.
        pn, pn_cd = l2[28:42], l2[42]
        checks["optional_data"] = _cd_ok(pn, pn_cd) or (pn_cd == "<" and not _strip(pn))
    if vn_id is not None:
        checks["id_number"] = _cd_ok(vn_id, vn_cd or "")
        checks["id_number_matches_document"] = number == vn_id[-9:]
    checks["composite"] = _cd_ok(composite, composite_cd)

    if strict:
        for name, ok in checks.items():
            if not ok:
                raise MrzCheckError(name)
    return Mrz(
        format=fmt,
        document_code=code,
        issuing_state=state,
        document_number=number,
        birth_date=birth,
        expiry_date=expiry,
        sex="X" if sex == "<" else sex,
        nationality=nationality,
        optional_data=_strip(optional),
        optional_data_2=_strip(optional_2),
        names=names,
        id_number=vn_id,
        lines=lines,
        checks=MappingProxyType(checks),
    )


# --- building -----------------------------------------------------------------------------

def to_mrz_chars(text: str) -> str:
    """Upper-case A-Z with "<" for spaces and punctuation (9303-3 6, transliteration).

    Vietnamese: diacritics dropped and "Đ" written as "D", as on the cards.
    """
    text = text.replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return re.sub(r"[^A-Z0-9]", "<", ascii_text)


def _name_field(surname: str, given_names: str, width: int) -> str:
    name = to_mrz_chars(surname.strip())
    if given_names.strip():
        name += "<<" + to_mrz_chars(given_names.strip())
    return name[:width].ljust(width, "<")  # 9303-3 4.6.4: truncate, never wrap


def _check_date(name: str, yymmdd: str) -> None:
    if not re.fullmatch(r"[0-9]{2}[0-9<]{4}", yymmdd):
        raise ValueError(f"{name} must be YYMMDD")


def _number_fields(document_number: str, opt_width: int, optional: str) -> tuple[str, str]:
    """Document-number field (10 chars incl. check digit) and the optional data, with the
    9303-3 overflow for numbers longer than 9 characters."""
    doc = to_mrz_chars(document_number)
    if len(doc) <= 9:
        padded = doc.ljust(9, "<")
        return padded + check_digit(padded), optional
    overflow = doc[9:] + check_digit(doc) + "<"
    if len(overflow) + len(optional) > opt_width:
        raise ValueError("document number too long for the optional data")
    return doc[:9] + "<", overflow + optional


def format_td1(*, document_number: str | None = None, birth_date: str, expiry_date: str,
               sex: str, surname: str, given_names: str = "", document_code: str = "ID",
               issuing_state: str = "VNM", nationality: str = "VNM", optional_data: str = "",
               optional_data_2: str = "", id_number: str | None = None) -> str:
    """Three 30-character lines joined by "\\n" (9303-5 4.2.2), every check digit computed.

    With `id_number` (Vietnam), the document number defaults to its last 9 digits and the
    optional data becomes ID number + "<<" + its check digit, the layout described above.
    """
    if id_number is not None:
        if not _VN_ID.match(id_number):
            raise ValueError("id_number must be 12 digits")
        document_number = document_number or id_number[-9:]
        optional_data = id_number + "<<" + check_digit(id_number)
    if not document_number:
        raise ValueError("document_number or id_number is required")
    _check_date("birth_date", birth_date)
    _check_date("expiry_date", expiry_date)
    number, optional = _number_fields(document_number, 15, to_mrz_chars(optional_data))
    if len(optional) > 15 or len(optional_data_2) > 11:
        raise ValueError("optional data too long for TD1")
    l1 = (to_mrz_chars(document_code).ljust(2, "<") + to_mrz_chars(issuing_state).ljust(3, "<")
          + number + optional.ljust(15, "<"))
    sex_char = "<" if sex.upper() in ("X", "<", "") else sex.upper()
    l2 = (birth_date + check_digit(birth_date) + sex_char + expiry_date + check_digit(expiry_date)
          + to_mrz_chars(nationality).ljust(3, "<") + to_mrz_chars(optional_data_2).ljust(11, "<"))
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return "\n".join((l1, l2, _name_field(surname, given_names, 30)))


def format_td3(*, document_number: str, birth_date: str, expiry_date: str, sex: str,
               surname: str, given_names: str = "", document_code: str = "P",
               issuing_state: str = "VNM", nationality: str = "VNM",
               personal_number: str = "") -> str:
    """Two 44-character lines joined by "\\n" (9303-4 4.2.2), every check digit computed."""
    _check_date("birth_date", birth_date)
    _check_date("expiry_date", expiry_date)
    doc = to_mrz_chars(document_number)
    if len(doc) > 9:
        raise ValueError("TD3 document numbers have at most 9 characters")
    doc = doc.ljust(9, "<")
    pn = to_mrz_chars(personal_number)
    if len(pn) > 14:
        raise ValueError("personal number has at most 14 characters")
    pn = pn.ljust(14, "<")
    # 9303-4: the personal number's check digit may be "<" when the field is empty; we write 0.
    pn_cd = check_digit(pn)
    sex_char = "<" if sex.upper() in ("X", "<", "") else sex.upper()
    l1 = (to_mrz_chars(document_code).ljust(2, "<") + to_mrz_chars(issuing_state).ljust(3, "<")
          + _name_field(surname, given_names, 39))
    l2 = (doc + check_digit(doc) + to_mrz_chars(nationality).ljust(3, "<") + birth_date
          + check_digit(birth_date) + sex_char + expiry_date + check_digit(expiry_date) + pn + pn_cd)
    l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:43])
    return "\n".join((l1, l2))
