"""DG15: the active authentication public key (ICAO 9303-10 4.7.15, 9303-11 6.1).

6F { SubjectPublicKeyInfo }: RSA, or EC (possibly with explicit domain parameters, which
`icao.pki.keys` maps to the named curve they equal).

API: parse_dg15(raw: bytes) -> Dg15   (.spki DER, .algorithm "rsa"|"ec", .public_key())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asn1crypto import keys as akeys

from icao.errors import ParseError
from icao.lds._fields import unwrap
from icao.lds._guard import parsing

if TYPE_CHECKING:
    from icao.pki.keys import PublicKey

DG15_TAG = 0x6F


@dataclass(frozen=True)
class Dg15:
    algorithm: str            # "rsa" | "ec"
    key_size: int             # RSA modulus bits, or EC field bits
    spki: bytes = field(repr=False)
    raw: bytes = field(repr=False)

    def public_key(self) -> PublicKey:
        # Imported here, as in icao.lds.security_infos: icao.pki (passive authentication)
        # imports icao.lds, so icao.lds must not import icao.pki at module level.
        from icao.pki.keys import load_public_key

        return load_public_key(self.spki)


def parse_dg15(raw: bytes) -> Dg15:
    with parsing("DG15", step="lds.dg15"):
        spki = unwrap(raw, DG15_TAG, "DG15").value
        info = akeys.PublicKeyInfo.load(spki, strict=True)
        algo = info["algorithm"]["algorithm"].native
        if algo == "rsa":
            size = int(info["public_key"].parsed["modulus"].native).bit_length()
        elif algo == "ec":
            size = _ec_bits(spki)
        else:
            raise ParseError(f"DG15 key algorithm {algo} is not RSA or EC", step="lds.dg15")
        return Dg15(algo, size, spki, bytes(raw))


def _ec_bits(spki: bytes) -> int:
    from icao.pki.keys import load_public_key  # see Dg15.public_key

    key = load_public_key(spki)
    curve = getattr(key, "curve", None)
    if curve is None:
        raise ParseError("DG15 EC key has no curve", step="lds.dg15")
    if hasattr(curve, "key_size"):
        return int(curve.key_size)
    return int(curve.p.bit_length())
