"""The demo's second person: a fictional man whose card the training kiosk can place in the
virtual reader after the built-in citizen's (icao.chip.person.DEFAULT_RECORD), for the
services that need two people's cards (marriage registration, a father's card at a birth).

Name, ID number and addresses are invented; the ID number encodes his sex and birth year
(kiosk.identity.id_number: 0 = a man born 1900-1999, 88 = 1988) as a real card's would. The
tests use the same man (tests/kiosk/session/people.py), so a picture in docs/screenshots and a
test's expected value name the same person.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from icao.chip import ChipOptions, EmulatedChip
from icao.chip.person import Person

#: A man, born 1988, registered in Cần Thơ (092): the spouse, or the father.
SPOUSE: Mapping[str, str] = MappingProxyType({
    "id_number": "092088054321", "full_name": "Lê Văn Thử", "date_of_birth": "12/03/1988",
    "sex": "Nam", "ethnicity": "Kinh", "religion": "Không",
    "place_of_origin": "Xã Thử Nghiệm, Huyện Mẫu, Tỉnh Ví Dụ",
    "residence": "Số 2 Đường Giả Định, Phường Mẫu, Quận Thử, Thành phố Ví Dụ",
    "date_of_issue": "01/07/2021", "date_of_expiry": "12/03/2028",
    "father": "Lê Văn Mẫu", "mother": "Phạm Thị Ví Dụ", "spouse": "", "old_id_number": "",
})


def spouse_chip(portrait: bytes | None = None) -> EmulatedChip:
    """His vn-cccd chip, signed by the same test PKI as the demo citizen's. `portrait` (JPEG;
    default: the demo portrait, which the demo camera shows, so his face check passes)."""
    return EmulatedChip(ChipOptions(profile="vn-cccd"), Person.from_mapping(SPOUSE, portrait))
