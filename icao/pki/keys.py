"""SubjectPublicKeyInfo -> a key object that can verify, whatever the curve encoding.

Why this exists: ICAO 9303-12 7.1.1 lets CSCA/DS/chip keys carry *explicit* EC domain
parameters (RFC 3279 2.3.5 ECParameters/specifiedCurve). `cryptography` refuses those, so we
compare p, a, b, G, n and h against the curves we know and substitute the named-curve OID
(RFC 5480 2.1.1.1). Curves `cryptography` lacks (brainpoolP224r1, P320r1, ...) fall back to
the pure-Python `ecdsa` package, which is slow but correct and only used for them.

API:
    load_public_key(spki_der: bytes) -> PublicKey
    named_curve_for(specified: asn1crypto.keys.SpecifiedECDomain) -> NamedCurve
    CURVES: tuple[NamedCurve, ...]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Union

import ecdsa.curves
import ecdsa.ellipticcurve
from asn1crypto import algos, core
from asn1crypto import keys as akeys
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from icao.errors import ParseError, UnsupportedProtocol


@dataclass(frozen=True)
class NamedCurve:
    """A short-Weierstrass prime curve y^2 = x^3 + ax + b over GF(p), with its OID."""

    name: str
    oid: str
    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int
    h: int

    @property
    def byte_length(self) -> int:
        return (self.p.bit_length() + 7) // 8


@dataclass(frozen=True)
class FallbackEcPublicKey:
    """An EC public key on a curve `cryptography` does not implement (verified with `ecdsa`)."""

    curve: NamedCurve
    x: int
    y: int

    def __repr__(self) -> str:
        return f"FallbackEcPublicKey(curve={self.curve.name})"


if TYPE_CHECKING:  # importing dh at run time emits a deprecation warning (FFDH)
    from cryptography.hazmat.primitives.asymmetric.dh import DHPublicKey

PublicKey = Union[
    rsa.RSAPublicKey, ec.EllipticCurvePublicKey, "DHPublicKey", FallbackEcPublicKey
]


def _build_curves() -> tuple[NamedCurve, ...]:
    out = []
    for c in ecdsa.curves.curves:
        curve = c.curve
        if not isinstance(curve, ecdsa.ellipticcurve.CurveFp):
            continue  # Edwards curves: not used by ICAO 9303
        g = c.generator
        out.append(NamedCurve(
            name=c.name, oid=".".join(str(i) for i in c.oid),
            p=curve.p(), a=curve.a() % curve.p(), b=curve.b(), gx=g.x(), gy=g.y(),
            n=c.order, h=curve.cofactor() or 1,
        ))
    return tuple(out)


CURVES: tuple[NamedCurve, ...] = _build_curves()
_BY_OID = {c.oid: c for c in CURVES}


def curve_by_oid(oid: str) -> NamedCurve | None:
    return _BY_OID.get(oid)


def _decode_point(point: bytes, p: int, a: int, b: int) -> tuple[int, int]:
    """SEC 1 2.3.4: octet string to point (uncompressed or compressed)."""
    size = (p.bit_length() + 7) // 8
    if len(point) == 1 + 2 * size and point[0] == 0x04:
        return int.from_bytes(point[1:1 + size], "big"), int.from_bytes(point[1 + size:], "big")
    if len(point) == 1 + size and point[0] in (0x02, 0x03):
        x = int.from_bytes(point[1:], "big")
        rhs = (pow(x, 3, p) + a * x + b) % p
        if p % 4 != 3:
            raise UnsupportedProtocol("compressed EC point on a curve with p != 3 mod 4",
                                      step="pki.keys")
        y = pow(rhs, (p + 1) // 4, p)
        if (y * y) % p != rhs:
            raise ParseError("compressed EC point is not on the curve", step="pki.keys")
        if (y & 1) != (point[0] & 1):
            y = p - y
        return x, y
    raise ParseError("EC point has an unexpected encoding", step="pki.keys")


def named_curve_for(specified: akeys.SpecifiedECDomain) -> NamedCurve:
    """Map explicit domain parameters to the known curve they equal (RFC 3279 2.3.5)."""
    try:
        field = specified["field_id"]
        if field["field_type"].native != "prime_field":
            raise UnsupportedProtocol("EC key over a binary field", step="pki.keys")
        p = int(field["parameters"].native)
        a = int.from_bytes(specified["curve"]["a"].native, "big") % p
        b = int.from_bytes(specified["curve"]["b"].native, "big") % p
        gx, gy = _decode_point(bytes(specified["base"].native), p, a, b)
        n = int(specified["order"].native)
    except (ValueError, TypeError, KeyError) as exc:
        raise ParseError(f"explicit EC parameters do not parse ({type(exc).__name__})",
                         step="pki.keys") from None
    for c in CURVES:
        if (c.p, c.a, c.b, c.gx, c.gy, c.n) == (p, a, b, gx, gy, n):
            return c
    raise UnsupportedProtocol(
        f"EC key uses explicit parameters of an unknown {p.bit_length()}-bit curve",
        step="pki.keys")


#: BSI TR-03110-3 A.1.1.1 / ICAO 9303-11 9.5.1 standardized domain parameter ids (EC only).
STANDARDIZED_DOMAIN_PARAMETERS = "0.4.0.127.0.7.1.2"
def _standardized_curve_oids() -> dict[int, str]:
    # one table for the whole package: icao.ecparams (9303-11 9.5.1), the EC entries only
    from icao.ec import Curve
    from icao.ecparams import STANDARD_DOMAIN_PARAMETERS

    return {pid: c.oid for pid, c in STANDARD_DOMAIN_PARAMETERS.items()
            if isinstance(c, Curve) and c.oid}


STANDARDIZED_CURVES: dict[int, str] = _standardized_curve_oids()


class _Spki(core.Sequence):
    """RFC 5280 4.1 shape only, for algorithm OIDs asn1crypto does not know."""

    _fields = [("algorithm", algos.AnyAlgorithmIdentifier), ("public_key", core.BitString)]


def _standardized_key(spki_der: bytes) -> PublicKey:
    """SPKI whose algorithm is standardizedDomainParameters with an INTEGER id (as in
    EF.CardSecurity's PACE-CAM keys): the id names the curve (9303-11 Table 9.5.1)."""
    info = _Spki.load(spki_der, strict=True)
    param_id = info["algorithm"]["parameters"].native
    oid = STANDARDIZED_CURVES.get(param_id) if isinstance(param_id, int) else None
    if oid is None:
        raise UnsupportedProtocol("standardized domain parameters are not an EC curve we know",
                                  step="pki.keys")
    named = akeys.PublicKeyInfo({
        "algorithm": {"algorithm": "ec",
                      "parameters": akeys.ECDomainParameters(name="named", value=oid)},
        "public_key": bytes(info["public_key"].contents[1:]),
    })
    return load_public_key(named.dump())


@lru_cache(maxsize=512)
def load_public_key(spki_der: bytes) -> PublicKey:
    """Decode a DER SubjectPublicKeyInfo (RSA, EC named/explicit, DH) into a verifying key.

    Cached: CSCA and DS keys are loaded once per process however many documents we check.
    """
    try:
        if _Spki.load(spki_der, strict=True)["algorithm"]["algorithm"].dotted == \
                STANDARDIZED_DOMAIN_PARAMETERS:
            return _standardized_key(spki_der)
        info = akeys.PublicKeyInfo.load(spki_der, strict=True)
        algo = info["algorithm"]["algorithm"].native
        params = info["algorithm"]["parameters"]
    except (ValueError, TypeError, KeyError) as exc:
        raise ParseError(f"public key does not parse ({type(exc).__name__})",
                         step="pki.keys") from None
    try:
        if algo == "ec" and params.name == "specified":
            curve = named_curve_for(params.chosen)
            point = bytes(info["public_key"])
            if cryptography_supports(curve.oid):
                named = akeys.PublicKeyInfo({
                    "algorithm": {"algorithm": "ec",
                                  "parameters": akeys.ECDomainParameters(
                                      name="named", value=curve.oid)},
                    "public_key": point,
                })
                return _supported(load_der_public_key(named.dump()))
            x, y = _decode_point(point, curve.p, curve.a, curve.b)
            return FallbackEcPublicKey(curve, x, y)
        if algo == "ec" and params.name == "named":
            oid = params.chosen.dotted
            if not cryptography_supports(oid):
                known = curve_by_oid(oid)
                if known is None:
                    raise UnsupportedProtocol("EC key on an unknown named curve",
                                              step="pki.keys")
                x, y = _decode_point(bytes(info["public_key"]), known.p, known.a, known.b)
                return FallbackEcPublicKey(known, x, y)
        return _supported(load_der_public_key(spki_der))
    except UnsupportedAlgorithm:
        raise UnsupportedProtocol(f"public key algorithm {algo} is not supported",
                                  step="pki.keys") from None
    except (ValueError, TypeError, KeyError) as exc:
        raise ParseError(f"public key does not decode ({type(exc).__name__})",
                         step="pki.keys") from None


def _supported(key: object) -> PublicKey:
    """9303-12 7.1.1 signs with RSA or ECDSA (and 9303-11 agrees keys with DH): any other
    key type cryptography can load (EdDSA, DSA, ML-DSA ...) is not one we verify with."""
    if isinstance(key, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey)):
        return key
    # Imported here: importing dh at module level emits a deprecation warning (FFDH), and
    # only DG14's DH chip-authentication keys come this way.
    from cryptography.hazmat.primitives.asymmetric import dh

    if isinstance(key, dh.DHPublicKey):
        return key
    raise UnsupportedProtocol(f"public key type {type(key).__name__} is not supported",
                              step="pki.keys")


_CRYPTOGRAPHY_CURVES = {
    "1.2.840.10045.3.1.1", "1.3.132.0.33", "1.2.840.10045.3.1.7", "1.3.132.0.34",
    "1.3.132.0.35", "1.3.132.0.10", "1.3.36.3.3.2.8.1.1.7", "1.3.36.3.3.2.8.1.1.11",
    "1.3.36.3.3.2.8.1.1.13",
}


def cryptography_supports(oid: str) -> bool:
    return oid in _CRYPTOGRAPHY_CURVES
