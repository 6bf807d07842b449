"""Chip Authentication Mapping: the encrypted chip authentication data (ICAO 9303-11 4.4.3.5).

Chip: CA_IC = SK_IC^-1 * SK_Map,IC mod n, FE2OS at the order's width, padded (ISO 9797-1
method 2), AES-CBC with IV = E(KS_enc, -1). Terminal: decrypt now, and once PK_IC is read from
EF.CardSecurity (and passive authentication has passed) check PK_Map,IC = CA_IC * PK_IC.
"""

from __future__ import annotations

from icao import ec
from icao.crypto import CipherKind, CipherSpec, decrypt_cbc, encrypt_block, encrypt_cbc, pad, unpad
from icao.ec import Curve
from icao.ecparams import parse_public_key_info
from icao.errors import CryptoError
from icao.pace.result import PaceResult


def _iv(spec: CipherSpec, ks_enc: bytes) -> bytes:
    if spec.kind is not CipherKind.AES:
        raise CryptoError("Chip Authentication Mapping is defined for AES only", step="pace-cam")
    return encrypt_block(spec, ks_enc, b"\xff" * 16)


def chip_authentication_data(curve: Curve, static_private: int, mapping_private: int) -> bytes:
    ca = pow(static_private, -1, curve.n) * mapping_private % curve.n
    return ca.to_bytes(curve.order_size, "big")


def encrypt_ca_data(spec: CipherSpec, ks_enc: bytes, ca_ic: bytes) -> bytes:
    return encrypt_cbc(spec, ks_enc, pad(ca_ic, 16), _iv(spec, ks_enc))


def decrypt_ca_data(spec: CipherSpec, ks_enc: bytes, a_ic: bytes, curve: Curve) -> bytes:
    ca_ic = unpad(decrypt_cbc(spec, ks_enc, a_ic, _iv(spec, ks_enc)))
    if len(ca_ic) != curve.order_size or not 0 < int.from_bytes(ca_ic, "big") < curve.n:
        raise CryptoError("encrypted chip authentication data is malformed", step="pace-cam")
    return ca_ic


def _static_point(curve: Curve, key_info: bytes) -> ec.Point:
    """PK_IC from a DER SubjectPublicKeyInfo (ChipAuthenticationPublicKeyInfo) or a raw point."""
    if key_info[:1] == b"\x04":
        return ec.decode_point(curve, key_info, step="pace-cam")
    params, point = parse_public_key_info(key_info)
    if not isinstance(params, Curve) or (params.p, params.a, params.b, params.n) != (
        curve.p, curve.a, curve.b, curve.n
    ):
        raise CryptoError("chip static key is not on the PACE curve", step="pace-cam")
    return ec.decode_point(curve, point, step="pace-cam")


def verify_cam(result: PaceResult, chip_static_public_key_info: bytes) -> bool:
    """True iff PK_Map,IC = CA_IC * PK_IC (9303-11 4.4.3.5.2).

    Only meaningful once passive authentication has validated the document security object
    holding PK_IC. Raises ParseError if the key info does not parse; returns False otherwise.
    """
    cam = result.cam
    if cam is None:
        return False
    curve = cam.curve
    try:
        pk_ic = _static_point(curve, chip_static_public_key_info)
        pk_map = ec.decode_point(curve, cam.chip_mapping_public, step="pace-cam")
    except CryptoError:
        return False
    return ec.mul(curve, int.from_bytes(cam.ca_ic, "big"), pk_ic) == pk_map
