"""icao.ec and icao.ecparams: constants agree with `cryptography`, arithmetic matches it, and
every malformed or invalid point is refused."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec as cec

from icao import ec
from icao.ecparams import (
    BRAINPOOL_P256R1,
    CURVES_BY_OID,
    RFC5114_1024_160,
    RFC5114_2048_224,
    RFC5114_2048_256,
    SECP256R1,
    STANDARD_DOMAIN_PARAMETERS,
    DhGroup,
    domain_parameters,
    parameter_id_of,
)
from icao.errors import CryptoError, UnsupportedProtocol

_CRYPTOGRAPHY_CURVES = {
    "P-192": cec.SECP192R1(), "P-224": cec.SECP224R1(), "P-256": cec.SECP256R1(),
    "P-384": cec.SECP384R1(), "P-521": cec.SECP521R1(), "brainpoolP256r1": cec.BrainpoolP256R1(),
    "brainpoolP384r1": cec.BrainpoolP384R1(), "brainpoolP512r1": cec.BrainpoolP512R1(),
}
CURVES = [c for c in STANDARD_DOMAIN_PARAMETERS.values() if isinstance(c, ec.Curve)]


def test_table_has_the_14_standardized_ids():
    assert sorted(STANDARD_DOMAIN_PARAMETERS) == [0, 1, 2, *range(8, 19)]
    names = [STANDARD_DOMAIN_PARAMETERS[i].name for i in range(8, 19)]
    assert names == ["P-192", "brainpoolP192r1", "P-224", "brainpoolP224r1", "P-256",
                     "brainpoolP256r1", "brainpoolP320r1", "P-384", "brainpoolP384r1",
                     "brainpoolP512r1", "P-521"]
    assert domain_parameters(13) is BRAINPOOL_P256R1
    assert parameter_id_of(SECP256R1) == 12
    with pytest.raises(UnsupportedProtocol):
        domain_parameters(5)


@pytest.mark.parametrize("curve", CURVES, ids=lambda c: c.name)
def test_generator_on_curve_with_prime_order(curve):
    assert ec.is_on_curve(curve, curve.generator)
    assert ec.mul(curve, curve.n, curve.generator) is None
    assert ec.mul(curve, curve.n - 1, curve.generator) == ec.neg(curve, curve.generator)
    assert CURVES_BY_OID[curve.oid] is curve


@pytest.mark.parametrize("name", sorted(_CRYPTOGRAPHY_CURVES))
def test_public_keys_match_cryptography(name):
    curve = next(c for c in CURVES if c.name == name)
    for d in (1, 2, 3, 0xDEADBEEF, curve.n - 2):
        pub = cec.derive_private_key(d, _CRYPTOGRAPHY_CURVES[name]).public_key().public_numbers()
        assert ec.mul(curve, d, curve.generator) == ec.Point(pub.x, pub.y)


def test_encoding_is_fixed_width_with_leading_zeros():
    c = BRAINPOOL_P256R1
    # find a multiple of G whose x has a leading zero byte: the left-padding bug class
    k, pt = 1, c.generator
    while pt.x >> 248:
        k += 1
        pt = ec.add(c, pt, c.generator)
    enc = ec.encode_point(c, pt)
    assert len(enc) == 65 and enc[1] == 0
    assert ec.decode_point(c, enc) == pt
    assert ec.fe2os(c, 1) == b"\x00" * 31 + b"\x01"


@pytest.mark.parametrize("bad,why", [
    (b"", "length"),
    (b"\x02" + b"\x00" * 32, "compressed"),
    (b"\x04" + b"\x00" * 64, "not on curve (0,0)"),
    (b"\x04" + b"\xff" * 64, "coordinates >= p"),
    (b"\x04" + b"\x01" * 63, "short"),
])
def test_decode_rejects_invalid_points(bad, why):
    with pytest.raises(CryptoError):
        ec.decode_point(BRAINPOOL_P256R1, bad)


def test_decode_rejects_point_off_curve_and_shifted_coordinate():
    c = BRAINPOOL_P256R1
    g = c.generator
    off = b"\x04" + ec.fe2os(c, g.x) + ec.fe2os(c, (g.y + 1) % c.p)
    with pytest.raises(CryptoError, match="not on"):
        ec.decode_point(c, off)
    # x + p encodes the same residue but is out of range
    big = b"\x04" + (g.x + c.p).to_bytes(33, "big")[1:] + ec.fe2os(c, g.y)
    if (g.x + c.p) < 1 << 256:
        with pytest.raises(CryptoError):
            ec.decode_point(c, big)
    with pytest.raises(CryptoError):
        ec.validate_point(c, None)


@pytest.mark.parametrize("grp", [RFC5114_1024_160, RFC5114_2048_224, RFC5114_2048_256],
                         ids=lambda g: str(g.p.bit_length()) + "/" + str(g.q.bit_length()))
def test_rfc5114_groups(grp: DhGroup):
    assert pow(grp.g, grp.q, grp.p) == 1 and grp.g != 1
    assert (grp.p - 1) % grp.q == 0
    assert pow(2, grp.p - 1, grp.p) == 1  # Fermat check that p is (probably) prime
    assert pow(3, grp.q - 1, grp.q) == 1
    assert grp.size == grp.p.bit_length() // 8


def test_random_scalar_masks_to_the_order_length():
    """P-521's order has 521 bits in 66 bytes: masking keeps rejection rare (a 1-in-128
    acceptance rate once made a run fail after 1000 draws)."""
    from icao.ecparams import SECP521R1
    from icao.pace.domain import random_scalar

    draws = []

    def rng(n: int) -> bytes:
        draws.append(n)
        return b"\xff" * n if len(draws) == 1 else b"\x01" * n

    k = random_scalar(rng, SECP521R1.n)
    assert draws == [66, 66]  # all-ones masked is still >= n, so one rejection
    assert k == int.from_bytes(b"\x01" * 66, "big") & ((1 << 521) - 1)
