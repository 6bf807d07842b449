"""Keys with explicit EC domain parameters (RFC 3279 2.3.5) and the signature schemes."""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import keys as akeys
from cryptography.hazmat.primitives.asymmetric import ec

from icao.errors import CryptoError, UnsupportedProtocol
from icao.lds.security_infos import parse_security_infos
from icao.pki.cert import parse_certificate
from icao.pki.keys import FallbackEcPublicKey, load_public_key, named_curve_for

VN = "pki/VN_CSCA_ePassport_Vietnam_2022-2037.der"


def test_vietnam_csca_explicit_brainpool_p512_loads(vectors: Path) -> None:
    cert = parse_certificate((vectors / VN).read_bytes())
    key = cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    assert key.curve.name == "brainpoolP512r1"
    assert cert.subject == ("CN=CSCA ePassport Vietnam,O=Vietnam Government Information "
                            "Security Commission,C=VN")
    assert cert.signature_scheme == "ecdsa" and cert.signature_hash == "sha512"


def test_vietnam_csca_verifies_its_own_signature(vectors: Path) -> None:
    cert = parse_certificate((vectors / VN).read_bytes())
    assert cert.self_issued
    cert.verify_issued_by(cert)


def test_vietnam_csca_with_a_flipped_signature_byte_fails(vectors: Path) -> None:
    raw = bytearray((vectors / VN).read_bytes())
    raw[-10] ^= 0x01
    cert = parse_certificate(bytes(raw))
    with pytest.raises(CryptoError):
        cert.verify_issued_by(cert)


def test_brainpool_p224_explicit_key_falls_back_to_pure_python(vectors: Path) -> None:
    infos = parse_security_infos((vectors / "lds/etsi_tr103200_eacaa/DG14.bin").read_bytes())
    key = infos.ca_public_keys[0].public_key()
    assert isinstance(key, FallbackEcPublicKey)
    assert key.curve.name == "BRAINPOOLP224r1"
    assert key.curve.oid == "1.3.36.3.3.2.8.1.1.5"


def test_unknown_explicit_curve_is_unsupported(vectors: Path) -> None:
    cert = akeys.PublicKeyInfo.load(parse_certificate((vectors / VN).read_bytes()).spki)
    params = cert["algorithm"]["parameters"].chosen
    changed = params.copy()
    changed["order"] = params["order"].native - 2
    with pytest.raises(UnsupportedProtocol, match="unknown 512-bit curve"):
        named_curve_for(changed)


def test_fallback_ecdsa_verifies_and_rejects() -> None:
    """brainpoolP224r1 via `ecdsa` (cryptography lacks it): sign with ecdsa, verify ours."""
    import hashlib

    import ecdsa
    import ecdsa.util

    from icao.pki.signature import verify_signature

    sk = ecdsa.SigningKey.from_secret_exponent(123456789, curve=ecdsa.curves.BRAINPOOLP224r1)
    spki = sk.get_verifying_key().to_der()
    key = load_public_key(spki)
    assert isinstance(key, FallbackEcPublicKey)
    sig = sk.sign_deterministic(b"chip", hashfunc=hashlib.sha256,
                                sigencode=ecdsa.util.sigencode_der)
    verify_signature(key, "ecdsa", "sha256", sig, b"chip")
    with pytest.raises(CryptoError):
        verify_signature(key, "ecdsa", "sha256", sig, b"chop")
