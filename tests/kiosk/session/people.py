"""Fictional people for two-person tests, and their emulated chips (built once per process).

The built-in citizen of icao.chip (a woman born 2003, portrait obama.jpg) files; these are the
others on the form. Names, numbers and addresses are invented; each ID number encodes the sex
and birth year of its record (kiosk.identity.id_number), as a real card's would. Portraits are
the public-domain photographs of tests/data/faces, shrunk to the size of a real DG2 (~20 KB):
the spouse and the mother are pictured by another photograph of the same face as the demo
camera shows (so the face check passes), the impostor by a different face.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from icao.chip import ChipOptions, ChipTransport, EmulatedChip
from icao.chip.person import Person
from icao.keys import AccessKey
from icao.pki.store import TrustStore
from icao.reader import DEFAULT_FILES, read
from kiosk.demo import SPOUSE
from kiosk.reading import ChipRead, inspect

FACES = Path(__file__).resolve().parents[2] / "data" / "faces"

#: A man, born 1988, registered in Cần Thơ (092): the spouse, or the father. The demo's
#: second person (kiosk.demo.people), so the screenshots and the tests name the same man.
HUSBAND = dict(SPOUSE)
#: A woman, born 1992, registered in Hà Nội (001): a mother, or a second bride.
WIFE = {
    "id_number": "001192067890", "full_name": "Trần Thị Giả Định", "date_of_birth": "20/11/1992",
    "sex": "Nữ", "ethnicity": "Kinh", "religion": "Không",
    "place_of_origin": "Xã Mẫu, Huyện Thử, Tỉnh Ví Dụ",
    "residence": "Số 2 Đường Giả Định, Phường Mẫu, Quận Thử, Thành phố Ví Dụ",
    "date_of_issue": "15/04/2022", "date_of_expiry": "20/11/2032",
    "father": "Trần Văn Mẫu", "mother": "Nguyễn Thị Thử", "spouse": "", "old_id_number": "",
}


@cache
def dg2_size(name: str) -> bytes:
    """A face photograph as a DG2 portrait: 400 x 500, JPEG quality 55 (~20 KB)."""
    from PIL import Image

    image = Image.open(FACES / name).convert("RGB")
    image.thumbnail((400, 500))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=55)
    return out.getvalue()


def person(record: dict[str, str], face: str = "obama2.jpg") -> Person:
    return Person.from_mapping(record, dg2_size(face))


def chip(record: dict[str, str] | None = None, face: str = "obama2.jpg",
         **options: object) -> EmulatedChip:
    """An emulated vn-cccd chip of `record` (None: the built-in citizen)."""
    who = person(record, face) if record is not None else None
    return EmulatedChip(ChipOptions(profile="vn-cccd", **options), who)  # type: ignore[arg-type]


def judge(card: EmulatedChip, *, trusted: bool = True,
          files: tuple[str, ...] = DEFAULT_FILES) -> ChipRead:
    """A real read of `card` (in process, through icao.chip's transport), judged by the
    kiosk's pipeline; `trusted`: its CSCA is in the trust store."""
    document = read(ChipTransport(card), AccessKey.from_can(card.access_data.can), files)
    trust = TrustStore()
    if trusted:
        trust.add_certificate(card.files.csca_der)
    return inspect(document, trust, datetime.now(UTC))


def chip_read(record: dict[str, str] | None = None, face: str = "obama2.jpg", *,
              trusted: bool = True, files: tuple[str, ...] = DEFAULT_FILES,
              **options: object) -> ChipRead:
    """A real read of the chip of `record` (None: the built-in citizen), judged."""
    return judge(chip(record, face, **options), trusted=trusted, files=files)
