"""PACE, terminal side (ICAO 9303-11 4.4.4 / 4.4.5): one function per protocol step, named
after it, each sending its command built by `icao.iso7816`:

1. `mse_set_at`              MSE:Set AT selects protocol, password and parameters (4.4.4.1);
2. `get_encrypted_nonce`     GENERAL AUTHENTICATE, empty 7C -> z = E(K_pi, s) (4.4.5.1 step 1);
3. `map_nonce`               GM: exchange mapping keys; IM: send t (4.4.3.3, step 2);
4. `perform_key_agreement`   exchange ephemeral keys on the mapped generator (step 3);
5. `mutual_authentication`   exchange and verify the tokens; CAM data with the chip's (step 4).

GENERAL AUTHENTICATE chains its steps: CLA 10 for every step but the last (ISO/IEC 7816-4
5.1.1). The chip's token is verified before any key is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from icao import iso7816
from icao.apdu import Command, Response
from icao.crypto import CipherSpec
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
from icao.pace.domain import DhDomain, Domain, EcDomain, Rng, default_rng
from icao.pace.im import integrated_map
from icao.pace.mapping import starting_domain
from icao.pace.messages import build_dynamic_auth, build_set_at, parse_dynamic_auth
from icao.pace.nonce import decrypt_nonce, key_size, password_key
from icao.pace.oids import PaceProtocol, pace_protocol
from icao.pace.result import CamResult, PaceResult
from icao.pace.tokens import check_token, compute_token

Send = Callable[[Command], Response]
#: Each group (elliptic curve or MODP) keeps its own element type through a step.
G = TypeVar("G", EcDomain, DhDomain)


@dataclass(frozen=True)
class Mapped:
    """After step 3: the mapped group, and PK_Map,IC for PACE-CAM (empty otherwise)."""

    domain: Domain
    chip_mapping_public: bytes = b""


@dataclass(frozen=True)
class Agreed:
    """After step 4: session keys and both ephemeral public keys as sent."""

    ks_enc: bytes
    ks_mac: bytes
    terminal_public: bytes
    chip_public: bytes


def _tries_left(sw: int) -> int | None:
    return sw & 0x0F if sw & 0xFFF0 == 0x63C0 else None


def _general_authenticate(send: Send, step: str, objects: tuple[tuple[int, bytes], ...], *,
                          last: bool = False, allow_empty: bool = False) -> dict[int, bytes]:
    rsp = send(iso7816.general_authenticate(build_dynamic_auth(*objects), last=last))
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


def mse_set_at(send: Send, protocol_oid: str, password_ref: int,
               parameter_id: int | None) -> int | None:
    """Step 1, MSE:Set AT (9303-11 4.4.4.1). 63Cx here is a warning (retry counter x), 63C0
    blocked. Returns the tries left when the card warned, else None."""
    rsp = send(iso7816.mse_set_at(build_set_at(protocol_oid, password_ref, parameter_id)))
    if rsp.sw == 0x9000:
        return None
    if rsp.sw & 0xFFF0 == 0x63C0 and rsp.sw & 0x0F:
        return rsp.sw & 0x0F
    if rsp.sw == 0x63C0:
        raise AccessDenied("the card's password is blocked", step="pace-mse", sw=rsp.sw,
                           tries_left=0)
    if rsp.sw in (0x6A80, 0x6A88):
        raise UnsupportedProtocol("the card does not accept this PACE protocol, password or "
                                  "domain parameters", step="pace-mse", sw=rsp.sw)
    raise CardError("MSE:Set AT for PACE failed", step="pace-mse", sw=rsp.sw)


#: The name 9303-11 gives step 1 as well; kept for callers of the earlier API.
set_at = mse_set_at


def get_encrypted_nonce(send: Send, spec: CipherSpec, password: bytes) -> bytes:
    """Step 2: the chip's nonce s, encrypted under K_pi = KDF(pi, 3) (9303-11 4.4.3.1)."""
    objs = _general_authenticate(send, "pace-nonce", ())
    return decrypt_nonce(spec, password_key(password, spec), _require(objs, 0x80, "pace-nonce"))


def map_nonce(send: Send, proto: PaceProtocol, domain: Domain, nonce: bytes,
              rng: Rng) -> Mapped:
    """Step 3: map s to an ephemeral generator (9303-11 4.4.3.3): Generic Mapping (and CAM)
    by an anonymous key agreement, Integrated Mapping by a pseudo-random function of s, t."""
    if proto.mapping == "IM":
        t = rng(key_size(proto.spec))
        objs = _general_authenticate(send, "pace-map", ((0x81, t),), allow_empty=True)
        if objs.get(0x82, b""):
            raise CryptoError("chip sent mapping data in Integrated Mapping", step="pace-map")
        return Mapped(integrated_map(domain, proto.spec, nonce, t))
    if isinstance(domain, EcDomain):
        return _generic_map(send, domain, nonce, rng)
    return _generic_map(send, domain, nonce, rng)


def _generic_map(send: Send, domain: G, nonce: bytes, rng: Rng) -> Mapped:
    sk_map = domain.private_key(rng)
    pk_map = domain.public(sk_map)
    objs = _general_authenticate(send, "pace-map", ((0x81, domain.encode(pk_map)),))
    chip_map_bytes = _require(objs, 0x82, "pace-map")
    chip_map = domain.decode(chip_map_bytes, step="pace-map")
    if chip_map == pk_map:
        raise CryptoError("chip echoed the terminal's mapping key", step="pace-map")
    h = domain.agree_element(sk_map, chip_map, step="pace-map")
    return Mapped(domain.generic_map(int.from_bytes(nonce, "big"), h), chip_map_bytes)


def perform_key_agreement(send: Send, mapped: Domain, spec: CipherSpec, rng: Rng) -> Agreed:
    """Step 4: ephemeral Diffie-Hellman on the mapped generator, then KS_enc / KS_mac
    (9303-11 4.4.1 step 4, 9.7.1)."""
    if isinstance(mapped, EcDomain):
        return _agree(send, mapped, spec, rng)
    return _agree(send, mapped, spec, rng)


def _agree(send: Send, mapped: G, spec: CipherSpec, rng: Rng) -> Agreed:
    sk = mapped.private_key(rng)
    pk = mapped.public(sk)
    pk_bytes = mapped.encode(pk)
    objs = _general_authenticate(send, "pace-ka", ((0x83, pk_bytes),))
    chip_pk_bytes = _require(objs, 0x84, "pace-ka")
    chip_pk = mapped.decode(chip_pk_bytes, step="pace-ka")
    if chip_pk == pk:
        raise CryptoError("chip echoed the terminal's ephemeral key", step="pace-ka")
    shared = mapped.agree(sk, chip_pk, step="pace-ka")
    return Agreed(kdf(shared, KDF_ENC, spec), kdf(shared, KDF_MAC, spec), pk_bytes,
                  chip_pk_bytes)


def mutual_authentication(send: Send, proto: PaceProtocol, mapped: Mapped,
                          keys: Agreed) -> dict[int, bytes]:
    """Step 5: send T_IFD over the chip's key, check T_IC over ours (9303-11 4.4.3.4: each
    token covers the other side's key as received). Returns the chip's last data objects."""
    spec, pk_tag = proto.spec, mapped.domain.pk_tag
    t_ifd = compute_token(spec, keys.ks_mac, proto.oid, pk_tag, keys.chip_public)
    objs = _general_authenticate(send, "pace-token", ((0x85, t_ifd),), last=True)
    check_token(spec, keys.ks_mac, proto.oid, pk_tag, keys.terminal_public,
                _require(objs, 0x86, "pace-token"), who="card")
    return objs


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
    tries = mse_set_at(send, protocol_oid, password_ref,
                       parameter_id if send_parameter_id else None)
    try:
        nonce = get_encrypted_nonce(send, proto.spec, password)
        mapped = map_nonce(send, proto, domain, nonce, rng)
        keys = perform_key_agreement(send, mapped.domain, proto.spec, rng)
        objs = mutual_authentication(send, proto, mapped, keys)
        result = _result(proto, parameter_id, mapped, keys, objs)
    except IcaoError:
        raise
    except (ValueError, ArithmeticError) as exc:  # defensive: never leak an untyped error
        raise CryptoError("PACE computation failed on the card's data", step="pace") from exc
    return replace(result, tries_left=tries) if tries is not None else result


def _result(proto: PaceProtocol, parameter_id: int | None, mapped: Mapped, keys: Agreed,
            objs: dict[int, bytes]) -> PaceResult:
    cam = None
    if proto.mapping == "CAM":
        if not isinstance(mapped.domain, EcDomain):  # pace_protocol: CAM is ECDH only
            raise CryptoError("Chip Authentication Mapping needs an elliptic curve",
                              step="pace-cam")
        a_ic = _require(objs, 0x8A, "pace-cam")
        ca_ic = cam_mod.decrypt_ca_data(proto.spec, keys.ks_enc, a_ic, mapped.domain.curve)
        cam = CamResult(mapped.domain.curve, ca_ic, mapped.chip_mapping_public)
    elif 0x8A in objs:
        raise CryptoError("chip sent CAM data outside Chip Authentication Mapping",
                          step="pace-token")
    car = tuple(objs[t] for t in (0x87, 0x88) if t in objs)
    return PaceResult(proto.spec, keys.ks_enc, keys.ks_mac, proto.oid, parameter_id,
                      proto.mapping, keys.chip_public, cam, car)
