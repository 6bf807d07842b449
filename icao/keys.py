"""Access keys: what opens the chip (ICAO 9303-11 sec. 4.3 BAC, 4.4 PACE, 9.7.2-9.7.3).

One type for every way the counter obtains the secret: a typed CAN, the CAN taken from the
12-digit ID number (Vietnamese cards print the ID; the CAN is its last 6 digits), the three MRZ
fields typed by staff, or a whole MRZ typed, OCR'd or scanned. The secret never appears in a
repr, a log line or an exception message.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

from icao.errors import ParseError, UnsupportedProtocol
from icao.mrz_check import check_digit

#: PACE password references (9303-11 4.4.4.1, table of MSE:Set AT DO83).
PASSWORD_REF_MRZ = 1
PASSWORD_REF_CAN = 2

_DATE = re.compile(r"^\d{6}$")
_DOC = re.compile(r"^[0-9A-Z<]{1,}$")


@dataclass(frozen=True)
class AccessKey:
    """A CAN or the MRZ information; build it with one of the `from_*` constructors."""

    kind: Literal["can", "mrz"]
    _can: str = field(default="", repr=False, compare=True)
    _document_number: str = field(default="", repr=False)
    _birth: str = field(default="", repr=False)
    _expiry: str = field(default="", repr=False)

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_can(cls, can: str) -> AccessKey:
        """A Card Access Number: exactly 6 digits (9303-11 9.7.3; CCCD cards use 6)."""
        can = str(can).strip()
        if not (len(can) == 6 and can.isascii() and can.isdigit()):
            raise ParseError("the CAN must be exactly 6 digits", step="access-key")
        return cls("can", _can=can)

    @classmethod
    def from_id_number(cls, id_number: str) -> AccessKey:
        """Vietnamese CCCD / Can cuoc: the CAN is the last 6 digits of the 12-digit ID number."""
        digits = str(id_number).replace(" ", "").strip()
        if not (len(digits) == 12 and digits.isascii() and digits.isdigit()):
            raise ParseError("the ID number must be exactly 12 digits", step="access-key")
        return cls.from_can(digits[-6:])

    @classmethod
    def from_mrz_fields(cls, document_number: str, birth_yymmdd: str,
                        expiry_yymmdd: str) -> AccessKey:
        """Document number (any length; fillers '<' allowed) and the two dates as YYMMDD."""
        doc = str(document_number).strip().upper().replace(" ", "")
        birth = str(birth_yymmdd).strip()
        expiry = str(expiry_yymmdd).strip()
        if not doc or not _DOC.match(doc) or not doc.strip("<"):
            raise ParseError("the document number may only hold A-Z, 0-9 and '<'",
                             step="access-key")
        if not (_DATE.match(birth) and _DATE.match(expiry)):
            raise ParseError("dates must be 6 digits, YYMMDD", step="access-key")
        return cls("mrz", _document_number=doc, _birth=birth, _expiry=expiry)

    @classmethod
    def from_mrz_text(cls, text: str) -> AccessKey:
        """A whole MRZ (TD1 3x30, TD2 2x36, TD3 2x44) as typed, OCR'd or scanned."""
        try:
            from icao import mrz as _mrz  # the MRZ engineer's parser, when present
        except ImportError:  # pragma: no cover - depends on the tree's state
            _mrz = None
        parse = getattr(_mrz, "parse", None)
        if parse is not None:
            try:
                parsed = parse(text)
                doc = _first_attr(parsed, "document_number")
                birth = _first_attr(parsed, "birth_date_raw", "date_of_birth_raw",
                                    "birth_yymmdd", "date_of_birth", "birth_date")
                expiry = _first_attr(parsed, "expiry_date_raw", "date_of_expiry_raw",
                                     "expiry_yymmdd", "date_of_expiry", "expiry_date")
                if isinstance(doc, str) and isinstance(birth, str) and isinstance(expiry, str) \
                        and _DATE.match(birth) and _DATE.match(expiry):
                    return cls.from_mrz_fields(doc, birth, expiry)
            except ParseError:
                raise
            except Exception:  # noqa: BLE001 - fall back to the minimal reading below
                pass
        return cls.from_mrz_fields(*_bac_fields_from_mrz(text))

    # -- what the protocols need ----------------------------------------------------------
    @property
    def password_ref(self) -> int:
        """DO83 of MSE:Set AT: 1 = MRZ, 2 = CAN (9303-11 4.4.4.1)."""
        return PASSWORD_REF_CAN if self.kind == "can" else PASSWORD_REF_MRZ

    def mrz_information(self) -> str:
        """Document number + cd + birth + cd + expiry + cd (9303-11 9.7.2, long numbers D.2).

        Document numbers shorter than 9 characters are padded with '<'; longer ones are used
        whole, with the check digit computed over the whole number (the D.2 note for TD1).
        """
        if self.kind != "mrz":
            raise UnsupportedProtocol("this access key is a CAN; BAC needs the MRZ",
                                      step="access-key")
        doc = self._document_number
        if len(doc) < 9:
            doc = doc.ljust(9, "<")
        return (doc + check_digit(doc) + self._birth + check_digit(self._birth)
                + self._expiry + check_digit(self._expiry))

    def pace_password(self) -> bytes:
        """PACE password pi: the CAN as ASCII, or SHA-1(MRZ information) (9303-11 9.7.3)."""
        if self.kind == "can":
            return self._can.encode("ascii")
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()

    def bac_seed(self) -> bytes:
        """K_seed = first 16 bytes of SHA-1(MRZ information) (9303-11 9.7.2, App. D.2)."""
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()[:16]

    def __repr__(self) -> str:
        return f"AccessKey(kind={self.kind!r}, secret=***)"

    __str__ = __repr__


def _first_attr(obj: object, *names: str) -> object:
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str):
            return value
    return None


def _clean_lines(text: str) -> list[str]:
    lines = [re.sub(r"\s+", "", ln).upper() for ln in str(text).replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if len(lines) == 1:  # pasted as one line
        one = lines[0]
        for width, count in ((30, 3), (36, 2), (44, 2)):
            if len(one) == width * count:
                return [one[i * width:(i + 1) * width] for i in range(count)]
    return lines


def _bac_fields_from_mrz(text: str) -> tuple[str, str, str]:
    """Document number, birth and expiry from an MRZ, check digits verified (9303-3 4.9).

    A minimal reading used when `icao.mrz` is absent: only the BAC fields matter here.
    """
    lines = _clean_lines(text)
    shape = tuple(len(ln) for ln in lines)
    if shape == (30, 30, 30):  # TD1, 9303-5 4.2.2
        l1, l2 = lines[0], lines[1]
        doc, doc_cd, optional = l1[5:14], l1[14], l1[15:30]
        birth, birth_cd, expiry, expiry_cd = l2[0:6], l2[6], l2[8:14], l2[14]
    elif shape in ((36, 36), (44, 44)):  # TD2 (9303-6) and TD3 (9303-4) share line 2's start
        l2 = lines[1]
        doc, doc_cd = l2[0:9], l2[9]
        optional = l2[28:35] if shape == (36, 36) else ""
        birth, birth_cd, expiry, expiry_cd = l2[13:19], l2[19], l2[21:27], l2[27]
    else:
        raise ParseError("not a TD1, TD2 or TD3 MRZ (wrong number or length of lines)",
                         step="mrz")
    if doc_cd == "<" and optional:
        # 9303-5 4.2.2 note j / 9303-11 D.2: the document number continues in the optional
        # data, ending with its check digit and a filler.
        rest = optional.split("<", 1)[0]
        if len(rest) < 2:
            raise ParseError("long document number is truncated", step="mrz")
        doc, doc_cd = doc + rest[:-1], rest[-1]
    for value, cd, what in ((doc, doc_cd, "document number"), (birth, birth_cd, "birth date"),
                            (expiry, expiry_cd, "expiry date")):
        if check_digit(value) != cd:
            raise ParseError(f"MRZ check digit of the {what} is wrong; rescan or retype the MRZ",
                             step="mrz")
    return doc, birth, expiry
