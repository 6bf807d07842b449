"""Command data of MSE:Set AT and the Dynamic Authentication Data 7C (9303-11 4.4.4, 4.4.5).

One place builds and parses them so terminal and chip cannot drift apart; the command
headers are `icao.iso7816.mse_set_at` and `icao.iso7816.general_authenticate`.
"""

from __future__ import annotations

from icao import tlv
from icao.errors import ParseError
from icao.pace.oids import oid_from_value, oid_to_value


def build_set_at(protocol_oid: str, password_ref: int, parameter_id: int | None) -> bytes:
    data = tlv.encode(0x80, oid_to_value(protocol_oid)) + tlv.encode(0x83, bytes([password_ref]))
    if parameter_id is not None:
        data += tlv.encode(0x84, bytes([parameter_id]))
    return data


def parse_set_at(data: bytes) -> tuple[str, int, int | None]:
    """(protocol OID, password reference, parameter ID or None); unknown tags are ignored."""
    found: dict[int, bytes] = {}
    for el in tlv.decode_all(data):
        if el.tag in found:
            raise ParseError(f"duplicate tag {el.tag:X} in MSE:Set AT", step="pace-mse")
        found[el.tag] = el.value
    if 0x80 not in found or 0x83 not in found:
        raise ParseError("MSE:Set AT lacks DO80 or DO83", step="pace-mse")
    if len(found[0x83]) != 1 or (0x84 in found and len(found[0x84]) != 1):
        raise ParseError("MSE:Set AT DO83/DO84 must be one byte", step="pace-mse")
    pid = found[0x84][0] if 0x84 in found else None
    return oid_from_value(found[0x80]), found[0x83][0], pid


def build_dynamic_auth(*objects: tuple[int, bytes]) -> bytes:
    return tlv.encode(0x7C, b"".join(tlv.encode(tag, value) for tag, value in objects))


def parse_dynamic_auth(data: bytes, *, allow_empty: bool = False) -> dict[int, bytes]:
    """Objects inside 7C as {tag: value}; duplicates and trailing bytes are ParseErrors."""
    if not data and allow_empty:
        return {}
    outer = tlv.decode(data)
    if outer.tag != 0x7C:
        raise ParseError(f"expected Dynamic Authentication Data 7C, got {outer.tag:X}", step="pace-ga")
    out: dict[int, bytes] = {}
    for el in outer.children():
        if el.tag in out:
            raise ParseError(f"duplicate tag {el.tag:X} in 7C", step="pace-ga")
        out[el.tag] = el.value
    return out
