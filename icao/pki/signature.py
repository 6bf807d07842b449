"""Verify one signature with the scheme a certificate or SignerInfo names.

ICAO 9303-12 7.1.1 allows RSA PKCS#1 v1.5, RSASSA-PSS (RFC 4055) and ECDSA (X9.62, on any
curve; brainpool is common). CMS signatures are over DER bytes we already hold, so callers
pass exactly the bytes that were signed, never a re-encoding (RFC 5652 5.4).

API:
    verify_signature(key, scheme, hash_name, signature, data, *, pss=None) -> None
        raises CryptoError when the signature is wrong, UnsupportedProtocol when we cannot say.
    Scheme: "rsassa_pkcs1v15" | "rsassa_pss" | "ecdsa"
    signature_algorithm(sig_alg) -> (scheme, hash_name, pss_params_der | None)
"""

from __future__ import annotations

import hashlib

import ecdsa
import ecdsa.ellipticcurve
import ecdsa.util
from asn1crypto import algos
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from icao.errors import CryptoError, UnsupportedProtocol
from icao.pki.keys import FallbackEcPublicKey, PublicKey

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
    "sha384": hashes.SHA384, "sha512": hashes.SHA512,
}


def signature_algorithm(sig_alg: algos.SignedDigestAlgorithm) -> tuple[str, str, bytes | None]:
    """The scheme, hash and (for RSASSA-PSS) DER parameters an X.509 certificate or CRL names
    in its signatureAlgorithm (RFC 5280 4.1.1.2; PSS parameters per RFC 4055 3.1)."""
    scheme = sig_alg.signature_algo
    if scheme == "rsassa_pss":
        params = sig_alg["parameters"]
        return scheme, params["hash_algorithm"]["algorithm"].native, params.dump()
    return scheme, sig_alg.hash_algo, None


def hash_algorithm(name: str) -> hashes.HashAlgorithm:
    try:
        return _HASHES[name]()
    except KeyError:
        raise UnsupportedProtocol(f"hash algorithm {name} is not supported",
                                  step="pki.signature") from None


def digest(name: str, data: bytes) -> bytes:
    if name not in _HASHES:
        raise UnsupportedProtocol(f"hash algorithm {name} is not supported", step="pki.hash")
    return hashlib.new(name, data).digest()


def verify_signature(key: PublicKey, scheme: str, hash_name: str, signature: bytes,
                     data: bytes, *, pss: algos.RSASSAPSSParams | None = None) -> None:
    """Raise CryptoError unless `signature` over `data` verifies under `key`."""
    try:
        if scheme in ("rsassa_pkcs1v15", "rsa"):
            if not isinstance(key, rsa.RSAPublicKey):
                raise CryptoError("RSA signature but the key is not RSA", step="pki.signature")
            key.verify(signature, data, padding.PKCS1v15(), hash_algorithm(hash_name))
        elif scheme == "rsassa_pss":
            if not isinstance(key, rsa.RSAPublicKey):
                raise CryptoError("RSA-PSS signature but the key is not RSA",
                                  step="pki.signature")
            h, mgf_h, salt = _pss_params(pss, hash_name)
            key.verify(signature, data,
                       padding.PSS(mgf=padding.MGF1(hash_algorithm(mgf_h)), salt_length=salt),
                       hash_algorithm(h))
        elif scheme == "ecdsa":
            if isinstance(key, FallbackEcPublicKey):
                _verify_fallback(key, hash_name, signature, data)
            elif isinstance(key, ec.EllipticCurvePublicKey):
                key.verify(signature, data, ec.ECDSA(hash_algorithm(hash_name)))
            else:
                raise CryptoError("ECDSA signature but the key is not EC", step="pki.signature")
        else:
            raise UnsupportedProtocol(f"signature scheme {scheme} is not supported",
                                      step="pki.signature")
    except InvalidSignature:
        raise CryptoError("signature does not verify", step="pki.signature") from None
    except UnsupportedAlgorithm:
        raise UnsupportedProtocol(f"{scheme} with {hash_name} is not supported",
                                  step="pki.signature") from None
    except ValueError as exc:  # e.g. malformed DER ECDSA signature
        raise CryptoError(f"signature is malformed ({type(exc).__name__})",
                          step="pki.signature") from None


def _pss_params(pss: algos.RSASSAPSSParams | None, fallback_hash: str) -> tuple[str, str, int]:
    """RFC 4055 3.1: hash, MGF1 hash and salt length; defaults are SHA-1 and 20."""
    if pss is None:
        return fallback_hash, fallback_hash, hash_algorithm(fallback_hash).digest_size
    # The parameters come from the card (SignerInfo) or a certificate and asn1crypto parses them
    # only now: an unknown mask generation function leaves "parameters" as Any, which is not
    # subscriptable (TypeError, found by tests/fuzz). A signature we cannot check is wrong.
    try:
        h = pss["hash_algorithm"]["algorithm"].native
        mgf = pss["mask_gen_algorithm"]["parameters"]["algorithm"].native
        return h, mgf, int(pss["salt_length"].native)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise CryptoError(f"RSASSA-PSS parameters are malformed ({type(exc).__name__})",
                          step="pki.signature") from None


def _verify_fallback(key: FallbackEcPublicKey, hash_name: str, signature: bytes,
                     data: bytes) -> None:
    c = key.curve
    curve = ecdsa.ellipticcurve.CurveFp(c.p, c.a, c.b, c.h)
    gen = ecdsa.ellipticcurve.PointJacobi(curve, c.gx, c.gy, 1, c.n, generator=True)
    curve_obj = ecdsa.curves.Curve(c.name, curve, gen, tuple(int(x) for x in c.oid.split(".")))
    vk = ecdsa.VerifyingKey.from_public_point(
        ecdsa.ellipticcurve.Point(curve, key.x, key.y, c.n), curve=curve_obj)
    try:
        ok = vk.verify_digest(signature, digest(hash_name, data),
                              sigdecode=ecdsa.util.sigdecode_der, allow_truncate=True)
    except (ecdsa.BadSignatureError, ecdsa.der.UnexpectedDER):
        ok = False
    if not ok:
        raise CryptoError("signature does not verify", step="pki.signature")
