"""PACE, terminal side (ICAO 9303-11 4.4.4 / 4.4.5): MSE:Set AT, then the GENERAL
AUTHENTICATE chain (CLA 10 for every step but the last).

Steps, one function each: encrypted nonce, mapping (GM, IM or CAM), key agreement, mutual
authentication. The chip's token is verified before any key is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from icao.apdu import Command, Response
from icao.ecparams import DomainParameters
from icao.errors import (
    AccessDenied,
    CardError,
    CryptoError,
    IcaoError,
    ParseError,
    UnsupportedProtocol,
)
from icao.kdf import KDF_ENC, KDF_MAC, kdf
from icao.pace import cam as cam_mod
from icao.pace.domain import Domain, EcDomain, Rng, default_rng
from icao.pace.im import integrated_map
from icao.pace.mapping import starting_domain
from icao.pace.messages import (
    CLA_CHAINING,
    GA_INS,
    MSE_CLA,
    MSE_INS,
    MSE_P1_SET_AT,
    MSE_P2_AT,
    build_dynamic_auth,
    build_set_at,
    parse_dynamic_auth,
)
from icao.pace.nonce import decrypt_nonce, key_size, password_key
from icao.pace.oids import PaceProtocol, pace_protocol
from icao.pace.result import CamResult, PaceResult
from icao.pace.tokens import check_token, compute_token

Send = Callable[[Command], Response]


def _tries_left(sw: int) -> int | None:
    return sw & 0x0F if sw & 0xFFF0 == 0x63C0 else None


def _general_authenticate(send: Send, step: str, objects: tuple[tuple[int, bytes], ...], *,
                          last: bool = False, allow_empty: bool = False) -> dict[int, bytes]:
    cmd = Command(0x00 if last else CLA_CHAINING, GA_INS, 0x00, 0x00,
                  build_dynamic_auth(*objects), le=0)
    rsp = send(cmd)
    if rsp.sw != 0x9000:
        if last and (rsp.sw == 0x6300 or rsp.sw & 0xFFF0 == 0x63C0):
            # 9303-11 4.4.4.2: 6300 "authentication failed" at the token step = wrong password
            raise AccessDenied("the card refused the access number (CAN or MRZ)",
                               step=step, sw=rsp.sw, tries_left=_tries_left(rsp.sw))
        if rsp.sw == 0x6983:  # ISO/IEC 7816-4: authentication method blocked
            raise AccessDenied("the card has blocked this access number", step=step,
                               sw=rsp.sw, tries_left=0)
        if rsp.sw in (0x6A80, 0x6A88):
            raise CardError("the card rejected the PACE data", step=step, sw=rsp.sw)
        raise CardError("PACE step failed on the card", step=step, sw=rsp.sw)
    try:
        return parse_dynamic_auth(rsp.data, allow_empty=allow_empty)
    except ParseError as exc:
        raise CryptoError("malformed PACE response from the card", step=step) from exc


def _require(objects: dict[int, bytes], tag: int, step: str) -> bytes:
    if tag not in objects:
        raise CryptoError(f"PACE response lacks data object {tag:02X}", step=step)
    return objects[tag]


def set_at(send: Send, protocol_oid: str, password_ref: int,
           parameter_id: int | None) -> int | None:
    """MSE:Set AT (9303-11 4.4.4.1). 63Cx here is a warning (retry counter x), 63C0 blocked.
    Returns the tries left when the card warned, else None."""
    data = build_set_at(protocol_oid, password_ref, parameter_id)
    rsp = send(Command(MSE_CLA, MSE_INS, MSE_P1_SET_AT, MSE_P2_AT, data))
    if rsp.sw == 0x9000:
        return None
    if rsp.sw & 0xFFF0 == 0x63C0 and rsp.sw & 0x0F:
        return rsp.sw & 0x0F
    if rsp.sw == 0x63C0:
        raise AccessDenied("the card's password is blocked", step="pace-mse", sw=rsp.sw, tries_left=0)
    if rsp.sw in (0x6A80, 0x6A88):
        raise UnsupportedProtocol("the card does not accept this PACE protocol, password or "
                                  "domain parameters", step="pace-mse", sw=rsp.sw)
    raise CardError("MSE:Set AT for PACE failed", step="pace-mse", sw=rsp.sw)


def establish(send: Send, password: bytes, password_ref: int, protocol_oid: str,
              parameter_id: int | None, *, rng: Rng | None = None,
              send_parameter_id: bool = True,
              domain_parameters: DomainParameters | None = None) -> PaceResult:
    """Run PACE over the plain channel `send`; return the session keys once the chip's token
    has been verified. `password` is pi (icao.pace.nonce). `send_parameter_id=False` omits DO84
    (9303-11 4.4.4.1: only required when the chip has several parameter sets)."""
    rng = rng or default_rng
    proto = pace_protocol(protocol_oid)
    domain = starting_domain(proto, parameter_id, domain_parameters)
    tries = set_at(send, protocol_oid, password_ref, parameter_id if send_parameter_id else None)
    try:
        result = _run(send, proto, domain, password, parameter_id, rng)
    except IcaoError:
        raise
    except (ValueError, ArithmeticError) as exc:  # defensive: never leak an untyped error
        raise CryptoError("PACE computation failed on the card's data", step="pace") from exc
    return replace(result, tries_left=tries) if tries is not None else result


def _run(send: Send, proto: PaceProtocol, domain: Domain, password: bytes,
         parameter_id: int | None, rng: Rng) -> PaceResult:
    spec = proto.spec
    # Step 1 (4.4.5.1): encrypted nonce.
    objs = _general_authenticate(send, "pace-nonce", ())
    s = decrypt_nonce(spec, password_key(password, spec), _require(objs, 0x80, "pace-nonce"))

    # Step 2 (4.4.3.3): map the nonce to an ephemeral generator.
    cam_mapping_public = b""
    sk_map = 0
    if proto.mapping == "IM":
        t = rng(key_size(spec))
        objs = _general_authenticate(send, "pace-map", ((0x81, t),), allow_empty=True)
        if objs.get(0x82, b""):
            raise CryptoError("chip sent mapping data in Integrated Mapping", step="pace-map")
        mapped = integrated_map(domain, spec, s, t)
    else:
        sk_map = domain.private_key(rng)
        pk_map = domain.public(sk_map)
        pk_map_bytes = domain.encode(pk_map)
        objs = _general_authenticate(send, "pace-map", ((0x81, pk_map_bytes),))
        cam_mapping_public = _require(objs, 0x82, "pace-map")
        chip_map = domain.decode(cam_mapping_public, step="pace-map")
        if chip_map == pk_map:
            raise CryptoError("chip echoed the terminal's mapping key", step="pace-map")
        h = domain.agree_element(sk_map, chip_map, step="pace-map")
        mapped = domain.generic_map(int.from_bytes(s, "big"), h)

    # Step 3 (4.4.1 step 4): ephemeral key agreement on the mapped generator.
    sk = mapped.private_key(rng)
    pk = mapped.public(sk)
    pk_bytes = mapped.encode(pk)
    objs = _general_authenticate(send, "pace-ka", ((0x83, pk_bytes),))
    chip_pk_bytes = _require(objs, 0x84, "pace-ka")
    chip_pk = mapped.decode(chip_pk_bytes, step="pace-ka")
    if chip_pk == pk:
        raise CryptoError("chip echoed the terminal's ephemeral key", step="pace-ka")
    shared = mapped.agree(sk, chip_pk, step="pace-ka")
    ks_enc, ks_mac = kdf(shared, KDF_ENC, spec), kdf(shared, KDF_MAC, spec)

    # Step 4 (4.4.3.4): exchange and verify authentication tokens.
    # The token covers the key as received (9303-11 4.4.3.4).
    t_ifd = compute_token(spec, ks_mac, proto.oid, mapped.pk_tag, chip_pk_bytes)
    objs = _general_authenticate(send, "pace-token", ((0x85, t_ifd),), last=True)
    check_token(spec, ks_mac, proto.oid, mapped.pk_tag, pk_bytes,
                _require(objs, 0x86, "pace-token"), who="card")

    cam = None
    if proto.mapping == "CAM":
        assert isinstance(mapped, EcDomain)
        a_ic = _require(objs, 0x8A, "pace-cam")
        ca_ic = cam_mod.decrypt_ca_data(spec, ks_enc, a_ic, mapped.curve)
        cam = CamResult(mapped.curve, ca_ic, cam_mapping_public)
    elif 0x8A in objs:
        raise CryptoError("chip sent CAM data outside Chip Authentication Mapping", step="pace-token")
    car = tuple(objs[t] for t in (0x87, 0x88) if t in objs)
    return PaceResult(spec, ks_enc, ks_mac, proto.oid, parameter_id, proto.mapping,
                      chip_pk_bytes, cam, car)
