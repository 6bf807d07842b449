"""PACE protocol object identifiers and what each one selects (ICAO 9303-11 9.2.3, Tables 2-3).

id-PACE = 0.4.0.127.0.7.2.2.4; the next arc picks key agreement and mapping
(1 DH-GM, 2 ECDH-GM, 3 DH-IM, 4 ECDH-IM, 6 ECDH-CAM), the last one the cipher
(1 3DES-CBC-CBC, 2 AES-CBC-CMAC-128, 3 -192, 4 -256). CAM exists only with AES.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto.core import ObjectIdentifier

from icao.crypto import AES128, AES192, AES256, TDES, CipherSpec
from icao.errors import ParseError, UnsupportedProtocol

ID_PACE = "0.4.0.127.0.7.2.2.4"

_MAPPINGS = {1: ("DH", "GM"), 2: ("ECDH", "GM"), 3: ("DH", "IM"), 4: ("ECDH", "IM"), 6: ("ECDH", "CAM")}
_CIPHERS = {1: ("3DES-CBC-CBC", TDES), 2: ("AES-CBC-CMAC-128", AES128),
            3: ("AES-CBC-CMAC-192", AES192), 4: ("AES-CBC-CMAC-256", AES256)}


@dataclass(frozen=True)
class PaceProtocol:
    """One PACE OID, decoded: key agreement ("DH"/"ECDH"), mapping ("GM"/"IM"/"CAM"), cipher."""

    oid: str
    name: str
    agreement: str
    mapping: str
    spec: CipherSpec


def _build() -> dict[str, PaceProtocol]:
    table: dict[str, PaceProtocol] = {}
    for m, (agreement, mapping) in _MAPPINGS.items():
        for c, (cname, spec) in _CIPHERS.items():
            if mapping == "CAM" and c == 1:
                continue
            oid = f"{ID_PACE}.{m}.{c}"
            table[oid] = PaceProtocol(oid, f"id-PACE-{agreement}-{mapping}-{cname}", agreement, mapping, spec)
    return table


PACE_PROTOCOLS: dict[str, PaceProtocol] = _build()


def pace_protocol(oid: str) -> PaceProtocol:
    """Look up a PACE OID (dotted); UnsupportedProtocol if it is not one of 9303-11 Tables 2-3."""
    try:
        return PACE_PROTOCOLS[oid]
    except KeyError:
        raise UnsupportedProtocol(f"unknown PACE protocol OID {oid}", step="pace") from None


def oid_to_value(oid: str) -> bytes:
    """DER content octets of an OID (what DO80 of MSE:Set AT carries, tag 06 omitted)."""
    return ObjectIdentifier(oid).contents


def oid_from_value(value: bytes) -> str:
    try:
        return ObjectIdentifier.load(b"\x06" + bytes([len(value)]) + value).dotted
    except (ValueError, TypeError) as exc:
        raise ParseError("malformed object identifier", step="pace") from exc
