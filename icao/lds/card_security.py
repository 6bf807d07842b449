"""EF.CardSecurity (ICAO 9303-11 9.2, BSI TR-03110-3 A.1.2.2): SecurityInfos signed by the DS,
needed for PACE-CAM (the chip's static key) and verified like EF.SOD by `icao.pki.verify`.

API: parse_card_security(raw: bytes) -> CardSecurity   (.infos, .signed)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.errors import ParseError
from icao.lds.cms import SignedObject, parse_signed_data
from icao.lds.security_infos import SecurityInfos, parse_security_infos

ID_SECURITY_OBJECT = "0.4.0.127.0.7.3.2.1"


@dataclass(frozen=True)
class CardSecurity:
    infos: SecurityInfos
    signed: SignedObject = field(repr=False)
    raw: bytes = field(repr=False)


def parse_card_security(raw: bytes) -> CardSecurity:
    signed = parse_signed_data(bytes(raw), what="EF.CardSecurity")
    if signed.econtent_type != ID_SECURITY_OBJECT:
        raise ParseError("EF.CardSecurity does not hold SecurityInfos", step="lds.card_security")
    return CardSecurity(parse_security_infos(signed.econtent), signed, bytes(raw))
