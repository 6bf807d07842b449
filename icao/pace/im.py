"""Integrated Mapping (ICAO 9303-11 4.4.3.3.2 and Appendix B; BSI TR-03110-3 A.3.4.2).

G~ = f_G(R_p(s, t)) for ECDH, g~ = R_p(s, t)^((p-1)/q) mod p for DH. R_p is the block-cipher
pseudo-random function of Figure 2; f_G is the point encoding of Brier et al. (BCIMRT2010)
for p = 3 mod 4, which covers every standardized curve but NIST P-224.
"""

from __future__ import annotations

from icao import ec
from icao.crypto import CipherKind, CipherSpec, encrypt_cbc
from icao.ec import Point
from icao.errors import CryptoError, UnsupportedProtocol
from icao.pace.domain import DhDomain, Domain, EcDomain
from icao.pace.nonce import key_size

# 9303-11 4.4.3.3.2: constants for l = 128 (3DES, AES-128) and l = 256 (AES-192, AES-256).
_C0_128 = bytes.fromhex("a668892a7c41e3ca739f40b057d85904")
_C1_128 = bytes.fromhex("a4e136ac725f738b01c1f60217c188ad")
_C0_256 = bytes.fromhex("d463d65234124ef7897054986dca0a174e28df758cbaa03f240616414d5a1676")
_C1_256 = bytes.fromhex("54bd7255f0aaf831bec3423fcf39d69b6cbf066677d0faae5aadd99df8e53517")


def prf_bytes(spec: CipherSpec, s: bytes, t: bytes, p: int) -> bytes:
    """x1 || ... || xn of Figure 2, before reduction mod p (n*l >= log2 p + 64)."""
    k = key_size(spec)
    long = spec.kind is CipherKind.AES and spec.key_bits > 128
    c0, c1 = (_C0_256, _C1_256) if long else (_C0_128, _C1_128)
    l_bits = len(c0) * 8
    if len(t) != k or len(s) != len(c0):
        raise CryptoError(
            f"IM nonces of {len(s)}/{len(t)} bytes; {spec.name} needs s of {len(c0)} and t of {k}",
            step="pace-map",
        )
    n = -(-(p.bit_length() + 64) // l_bits)
    key = encrypt_cbc(spec, t, s)
    out = []
    for _ in range(n):
        key = key[:k]  # truncation only bites for AES-192
        out.append(encrypt_cbc(spec, key, c1))
        key = encrypt_cbc(spec, key, c0)
    return b"".join(out)


def prf(spec: CipherSpec, s: bytes, t: bytes, p: int) -> int:
    """R_p(s, t) = int(x1 || ... || xn) mod p."""
    return int.from_bytes(prf_bytes(spec, s, t, p), "big") % p


def point_encoding(curve: ec.Curve, t: int) -> Point:
    """f_G: field element -> point (9303-11 Appendix B, for p = 3 mod 4)."""
    p, a, b = curve.p, curve.a, curve.b
    if p % 4 != 3:
        raise UnsupportedProtocol(
            f"Integrated Mapping is not defined on {curve.name} (p = 1 mod 4)", step="pace-map"
        )
    alpha = -t * t % p
    d = (alpha + alpha * alpha) % p
    if t % p == 0 or d == 0 or a % p == 0:
        raise CryptoError("degenerate Integrated Mapping input", step="pace-map")
    x2 = -b * pow(a, -1, p) * (1 + pow(d, -1, p)) % p
    x3 = alpha * x2 % p
    h2 = (x2 * x2 * x2 + a * x2 + b) % p
    u = t * t * t * h2 % p
    big_a = pow(h2, p - 1 - (p + 1) // 4, p)
    if big_a * big_a * h2 % p == 1:
        pt = Point(x2, big_a * h2 % p)
    else:
        pt = Point(x3, big_a * u % p)
    if curve.h != 1:
        mapped = ec.mul(curve, curve.h, pt)
        if mapped is None:
            raise CryptoError("Integrated Mapping gave the point at infinity", step="pace-map")
        pt = mapped
    return pt


def integrated_map(domain: Domain, spec: CipherSpec, s: bytes, t: bytes) -> Domain:
    if isinstance(domain, EcDomain):
        x = prf(spec, s, t, domain.curve.p)
        return domain.with_generator(point_encoding(domain.curve, x))
    assert isinstance(domain, DhDomain)
    grp = domain.group
    x = prf(spec, s, t, grp.p)
    g = pow(x, (grp.p - 1) // grp.q, grp.p)  # f_g(x) = x^a, a the cofactor; must not be 1
    if g == 1:
        raise CryptoError("Integrated Mapping gave the identity", step="pace-map")
    return domain.with_generator(g)
