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
from icao.mrz import parse as parse_mrz
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
        """A whole MRZ (TD1 3x30, TD2 2x36, TD3 2x44) as typed, OCR'd or scanned, every check
        digit verified by `icao.mrz.parse` (a wrong one raises MrzCheckError, a ParseError)."""
        parsed = parse_mrz(text)
        return cls.from_mrz_fields(parsed.document_number, parsed.birth_date,
                                   parsed.expiry_date)

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
