"""Elliptic-curve arithmetic over prime fields, in pure Python, for PACE, CA and AA.

Why our own: PACE Generic Mapping needs point addition and scalar multiplication on an
arbitrary (mapped) generator, Integrated Mapping needs a map from field elements to points, and
CA/AA must accept keys with explicit domain parameters; `cryptography` exposes none of that.
Arithmetic uses Jacobian coordinates (short Weierstrass y^2 = x^3 + ax + b, BSI TR-03111 2.3).

Every point received from outside goes through `decode_point`, which enforces the checks of
BSI TR-03111 3.2.2.1 (ECC key validation): uncompressed encoding of the exact fixed width,
coordinates in [0, p-1], on the curve, not the point at infinity, and of order n when the
cofactor is not 1. A hostile card therefore cannot make us compute on an invalid point.

Not constant time: Python integers leak timing. Terminal keys are ephemeral and the chip side
is an emulator, so this is acceptable here, but do not reuse this module for long-term secrets
on a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from icao.errors import CryptoError


class Point(NamedTuple):
    """An affine point. The point at infinity is represented by `None` (see `MaybePoint`)."""

    x: int
    y: int


MaybePoint = Point | None


@dataclass(frozen=True)
class Curve:
    """Prime-field short Weierstrass curve with base point (gx, gy) of prime order n."""

    name: str
    oid: str | None
    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int
    h: int = 1

    @property
    def size(self) -> int:
        """Field element length in bytes (FE2OS width, TR-03111 3.1.3)."""
        return (self.p.bit_length() + 7) // 8

    @property
    def order_size(self) -> int:
        return (self.n.bit_length() + 7) // 8

    @property
    def generator(self) -> Point:
        return Point(self.gx, self.gy)

    def __repr__(self) -> str:  # the big integers are noise in logs
        return f"Curve({self.name})"


def is_on_curve(curve: Curve, pt: MaybePoint) -> bool:
    if pt is None:
        return False
    x, y = pt
    p = curve.p
    if not (0 <= x < p and 0 <= y < p):
        return False
    return (y * y - (x * x * x + curve.a * x + curve.b)) % p == 0


# --- Jacobian arithmetic: (X, Y, Z) represents (X/Z^2, Y/Z^3); Z == 0 is infinity ---------

_J = tuple[int, int, int]
_JINF: _J = (1, 1, 0)


def _jdouble(c: Curve, P: _J) -> _J:
    X, Y, Z = P
    if Z == 0 or Y == 0:
        return _JINF
    p = c.p
    YY = Y * Y % p
    S = 4 * X * YY % p
    Z2 = Z * Z % p
    M = (3 * X * X + c.a * Z2 * Z2) % p
    X3 = (M * M - 2 * S) % p
    Y3 = (M * (S - X3) - 8 * YY * YY) % p
    Z3 = 2 * Y * Z % p
    return (X3, Y3, Z3)


def _jadd(c: Curve, P: _J, Q: _J) -> _J:
    X1, Y1, Z1 = P
    X2, Y2, Z2 = Q
    if Z1 == 0:
        return Q
    if Z2 == 0:
        return P
    p = c.p
    Z1Z1 = Z1 * Z1 % p
    Z2Z2 = Z2 * Z2 % p
    U1 = X1 * Z2Z2 % p
    U2 = X2 * Z1Z1 % p
    S1 = Y1 * Z2 * Z2Z2 % p
    S2 = Y2 * Z1 * Z1Z1 % p
    if U1 == U2:
        return _jdouble(c, P) if S1 == S2 else _JINF
    H = (U2 - U1) % p
    R = (S2 - S1) % p
    HH = H * H % p
    HHH = H * HH % p
    V = U1 * HH % p
    X3 = (R * R - HHH - 2 * V) % p
    Y3 = (R * (V - X3) - S1 * HHH) % p
    Z3 = H * Z1 * Z2 % p
    return (X3, Y3, Z3)


def _to_affine(c: Curve, P: _J) -> MaybePoint:
    X, Y, Z = P
    if Z == 0:
        return None
    zi = pow(Z, -1, c.p)
    zi2 = zi * zi % c.p
    return Point(X * zi2 % c.p, Y * zi2 * zi % c.p)


def _jac(pt: MaybePoint) -> _J:
    return _JINF if pt is None else (pt.x, pt.y, 1)


def add(curve: Curve, P: MaybePoint, Q: MaybePoint) -> MaybePoint:
    return _to_affine(curve, _jadd(curve, _jac(P), _jac(Q)))


def neg(curve: Curve, P: MaybePoint) -> MaybePoint:
    return None if P is None else Point(P.x, (-P.y) % curve.p)


def mul(curve: Curve, k: int, P: MaybePoint) -> MaybePoint:
    """k*P with a 4-bit fixed window (k >= 0)."""
    if k < 0:
        return mul(curve, -k, neg(curve, P))
    if P is None or k == 0:
        return None
    base = _jac(P)
    table = [_JINF, base]
    for _ in range(14):
        table.append(_jadd(curve, table[-1], base))
    acc = _JINF
    for shift in range((k.bit_length() + 3) // 4 * 4 - 4, -1, -4):
        for _ in range(4):
            acc = _jdouble(curve, acc)
        nib = (k >> shift) & 0xF
        if nib:
            acc = _jadd(curve, acc, table[nib])
    return _to_affine(curve, acc)


def mul_add(curve: Curve, k1: int, P: MaybePoint, k2: int, Q: MaybePoint) -> MaybePoint:
    """k1*P + k2*Q (ECDSA verification, GM mapping s*G + H)."""
    return add(curve, mul(curve, k1, P), mul(curve, k2, Q))


# --- Encoding (BSI TR-03111 3.1.3 / 3.2.1; ICAO 9303-11 9.4.5) ---------------------------

def fe2os(curve: Curve, x: int) -> bytes:
    """Field element to octets, always `curve.size` bytes (the left-padding bug class)."""
    return x.to_bytes(curve.size, "big")


def encode_point(curve: Curve, pt: MaybePoint) -> bytes:
    """Uncompressed encoding 04 || X || Y with fixed-width coordinates."""
    if pt is None:
        raise CryptoError("cannot encode the point at infinity", step="ec")
    return b"\x04" + fe2os(curve, pt.x) + fe2os(curve, pt.y)


def decode_point(curve: Curve, data: bytes, *, step: str = "ec") -> Point:
    """Decode and fully validate a received point (TR-03111 3.2.2.1); CryptoError otherwise."""
    w = curve.size
    if len(data) != 1 + 2 * w or data[0] != 0x04:
        raise CryptoError(
            f"public point on {curve.name} must be uncompressed, {1 + 2 * w} bytes; got {len(data)}",
            step=step,
        )
    pt = Point(int.from_bytes(data[1:1 + w], "big"), int.from_bytes(data[1 + w:], "big"))
    validate_point(curve, pt, step=step)
    return pt


def validate_point(curve: Curve, pt: MaybePoint, *, step: str = "ec") -> Point:
    if pt is None:
        raise CryptoError("point at infinity received", step=step)
    if not is_on_curve(curve, pt):
        raise CryptoError(f"point is not on {curve.name}", step=step)
    if curve.h != 1 and mul(curve, curve.n, pt) is not None:
        raise CryptoError(f"point is not in the prime-order subgroup of {curve.name}", step=step)
    return pt
