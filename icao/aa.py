"""Active Authentication (ICAO 9303-11 6.1): the chip signs a fresh 8-byte challenge with the
private key whose public half is in DG15, proving it is not a copy.

RSA: ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery: the chip picks
M1, the challenge is the non-recoverable M2, and the recovered representative is
6A || M1 || H(M1 || M2) || trailer, with trailer BC (SHA-1 implicit) or hh CC with the
ISO/IEC 10118-3 hash identifier hh (33 SHA-1, 34 SHA-256, 35 SHA-512, 36 SHA-384, 38 SHA-224).
ECDSA: plain format r || s (BSI TR-03111 5.2.1), the hash named by DG14's
ActiveAuthenticationInfo, else chosen by the key size.

Public API
----------
Terminal::

    new_challenge(rng=None) -> bytes                                   # 8 bytes
    verify(public_key_info_der, challenge, signature, *, hash_oid=None) -> AaResult
    signature_length(dg15: icao.lds.dg15.Dg15) -> int    # sizes Le from the DG15 key
    authenticate(channel, dg15, *, hash_oid=None, extended=None, short_max=223, rng=None)
        -> AaAttempt(outcome: icao.document.ActiveAuthOutcome, extended_refused: bool)
        (INTERNAL AUTHENTICATE over the reader's secure channel, then verify)
    AaResult(valid: bool, reason: str, algorithm: str)

    public_key_info_der: DER SubjectPublicKeyInfo (DG15's content; a whole DG15 with tag 6F
    is unwrapped too). hash_oid: ActiveAuthenticationInfo.signatureAlgorithm (ECDSA only).

Chip::

    sign(private_key, challenge, *, hash_name=None, explicit_trailer=False, rng=None) -> bytes
        private_key: a `cryptography` RSA or EC private key.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec as cec
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from icao import ec, tlv
from icao.document import ActiveAuthOutcome
from icao.ecparams import parse_public_key_info
from icao.errors import IcaoError, ParseError
from icao.iso7816 import internal_authenticate
from icao.lds.dg15 import Dg15
from icao.sm import SecureChannel

CHALLENGE_LENGTH = 8

# ISO/IEC 10118-3 dedicated hash-function identifiers used in the two-byte trailer.
_TRAILER_HASH = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}
_HASH_TRAILER = {v: k for k, v in _TRAILER_HASH.items()}

# BSI TR-03111 ecdsa-plain-signatures and ANSI X9.62 ecdsa-with-SHA* (DG14 AAInfo).
_ECDSA_HASH_OIDS = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1", "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256", "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512", "0.4.0.127.0.7.1.1.4.1.6": "ripemd160",
    "1.2.840.10045.4.1": "sha1", "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256", "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
}
_CRYPTOGRAPHY_HASH: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
    "sha384": hashes.SHA384, "sha512": hashes.SHA512}


@dataclass(frozen=True)
class AaResult:
    """The verdict; `reason` says why in words staff and logs can use (no personal data)."""

    valid: bool
    reason: str
    algorithm: str


def new_challenge(rng: Callable[[int], bytes] | None = None) -> bytes:
    """A fresh random challenge (9303-11 6.1: 8 bytes)."""
    c = (rng or secrets.token_bytes)(CHALLENGE_LENGTH)
    if len(c) != CHALLENGE_LENGTH:
        raise ValueError("challenge must be 8 bytes")
    return c


def _hash(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def _hash_for_order(bits: int) -> str:
    """Default ECDSA hash when DG14 names none: the SHA-2 whose length matches the key."""
    if bits <= 224:
        return "sha224"
    if bits <= 256:
        return "sha256"
    if bits <= 384:
        return "sha384"
    return "sha512"


def _spki(public_key_info_der: bytes) -> bytes:
    if public_key_info_der[:1] == b"\x6f":  # a whole DG15
        return tlv.decode(public_key_info_der).value
    return public_key_info_der


# --- Terminal ------------------------------------------------------------------------------

def verify(public_key_info_der: bytes, challenge: bytes, signature: bytes, *,
           hash_oid: str | None = None) -> AaResult:
    try:
        spki = asn1_keys.PublicKeyInfo.load(_spki(public_key_info_der))
        algo = spki["algorithm"]["algorithm"].native
        if algo == "rsa":
            key = spki["public_key"].parsed
            return _verify_rsa(key["modulus"].native, key["public_exponent"].native,
                               challenge, signature)
        if algo == "ec":
            return _verify_ecdsa(spki.dump(), challenge, signature, hash_oid)
        return AaResult(False, f"unsupported AA key algorithm {algo}", str(algo))
    except (IcaoError, ValueError, TypeError, KeyError) as exc:
        if isinstance(exc, IcaoError) and not isinstance(exc, ParseError):
            return AaResult(False, f"AA public key not usable: {exc.message}", "unknown")
        return AaResult(False, "AA public key (DG15) does not parse", "unknown")


def _verify_rsa(n: int, e: int, challenge: bytes, signature: bytes) -> AaResult:
    k = n.bit_length()
    alg = f"RSA-{k} ISO/IEC 9796-2 scheme 1"
    s = int.from_bytes(signature, "big")
    if not signature or len(signature) > (k + 7) // 8 or not 0 < s < n:
        return AaResult(False, "signature length or value out of range for the key", alg)
    j = pow(s, e, n)
    if j & 0xF != 0xC:  # ISO/IEC 9796-2: signer may have sent n - J^d; J ends in nibble C
        j = n - j
    size = (k - 1 + 7) // 8
    if j.bit_length() > 8 * size:
        return AaResult(False, "recovered message is longer than the representative", alg)
    rep = j.to_bytes(size, "big")
    if rep[-1] & 0xF != 0xC:
        return AaResult(False, "recovered message has no ISO/IEC 9796-2 trailer", alg)
    if rep[-1] == 0xBC:
        hash_name, t_len = "sha1", 1
    elif rep[-1] == 0xCC and rep[-2] in _TRAILER_HASH:
        hash_name, t_len = _TRAILER_HASH[rep[-2]], 2
    else:
        return AaResult(False, "unknown ISO/IEC 9796-2 trailer", alg)
    alg = f"{alg} {hash_name.upper().replace('SHA', 'SHA-')}"
    if rep[0] != 0x6A:
        return AaResult(False, "recovered message lacks the partial-recovery header 6A", alg)
    h_len = hashlib.new(hash_name).digest_size
    if len(rep) < 1 + h_len + t_len:
        return AaResult(False, "key too short for this hash", alg)
    m1 = rep[1:len(rep) - t_len - h_len]
    digest = rep[len(rep) - t_len - h_len:len(rep) - t_len]
    if secrets.compare_digest(_hash(hash_name, m1 + challenge), digest):
        return AaResult(True, "signature over the challenge verifies", alg)
    return AaResult(False, "hash in the signature does not match the challenge", alg)


def _verify_ecdsa(spki_der: bytes, challenge: bytes, signature: bytes,
                  hash_oid: str | None) -> AaResult:
    params, point = parse_public_key_info(spki_der)
    if not isinstance(params, ec.Curve):
        return AaResult(False, "AA key is not an EC or RSA key", "unknown")
    curve = params
    if hash_oid is not None:
        if hash_oid not in _ECDSA_HASH_OIDS:
            return AaResult(False, f"unknown AA signature algorithm {hash_oid}", "ECDSA")
        hash_name, source = _ECDSA_HASH_OIDS[hash_oid], "from DG14"
    else:
        hash_name, source = _hash_for_order(curve.n.bit_length()), "by key size"
    alg = f"ECDSA {curve.name} {hash_name.upper().replace('SHA', 'SHA-')} ({source})"
    if hash_name not in hashlib.algorithms_available:
        return AaResult(False, f"hash {hash_name} is not available on this system", alg)
    q = ec.decode_point(curve, point, step="aa")
    w = curve.order_size
    if len(signature) != 2 * w:
        return AaResult(False, f"plain ECDSA signature must be {2 * w} bytes, got {len(signature)}", alg)
    r, s = int.from_bytes(signature[:w], "big"), int.from_bytes(signature[w:], "big")
    if not (0 < r < curve.n and 0 < s < curve.n):
        return AaResult(False, "signature value out of range", alg)
    # BSI TR-03111 4.2.1.2: e = leftmost bits of the hash, as many as the order has.
    h = _hash(hash_name, challenge)
    e = int.from_bytes(h, "big")
    if len(h) * 8 > curve.n.bit_length():
        e >>= len(h) * 8 - curve.n.bit_length()
    s_inv = pow(s, -1, curve.n)
    x = ec.mul_add(curve, e * s_inv % curve.n, curve.generator, r * s_inv % curve.n, q)
    if x is not None and x.x % curve.n == r:
        return AaResult(True, "signature over the challenge verifies", alg)
    return AaResult(False, "ECDSA signature does not verify", alg)


@dataclass(frozen=True)
class AaAttempt:
    """What one run of the AA flow gave, and what it taught about extended length."""

    outcome: ActiveAuthOutcome
    extended_refused: bool = False  # a bare 6700 answered an extended INTERNAL AUTHENTICATE


def signature_length(dg15: Dg15) -> int:
    """Bytes of the chip's signature: the RSA modulus size (ISO/IEC 9796-2), or r || s at the
    order's width (BSI TR-03111 5.2.1; the standard curves' order has the field's size)."""
    width = (dg15.key_size + 7) // 8
    return width if dg15.algorithm == "rsa" else 2 * width


def authenticate(channel: SecureChannel, dg15: Dg15, *, hash_oid: str | None = None,
                 extended: bool | None = None, short_max: int = 223,
                 rng: Callable[[int], bytes] | None = None) -> AaAttempt:
    """INTERNAL AUTHENTICATE under secure messaging with a fresh challenge (9303-11 6.1.2).

    Le is sized from the DG15 key: an ECDSA-256 (64 bytes) or RSA-1024 (128 bytes) signature
    fits a short protected answer (at most `short_max` plain bytes: 223 AES, 231 3DES); an
    RSA-2048 one (256 bytes) needs an extended answer (`extended` not False), else it is asked
    with a short Le 256 in case the chip chains its answer (61xx, ISO/IEC 7816-4 5.3.4).

    "failed" only when the chip answered under secure messaging and what it said disproves
    it (a signature that does not verify, a refusal); a plain status word, or a length the
    chip or reader cannot carry, is "not_possible": nothing was proven either way. A lost
    session (`SessionLost`) or card (`OSError`) propagates: the reader restarts and retries.
    """
    length = signature_length(dg15)
    challenge = new_challenge(rng)
    use_extended = length > short_max and extended is not False
    # Le 0 in a short command is "up to 256" (DO97 00), which is what chaining chips expect.
    answer = channel.exchange(internal_authenticate(challenge, le=length if use_extended or
                                                    length <= short_max else 0))
    refused = False
    if answer.bare and answer.sw == 0x6700 and use_extended:
        refused = True  # the chip does not take extended length after all
        if length > 256:
            return AaAttempt(_not_possible(answer.sw, length), refused)
        challenge = new_challenge(rng)
        answer = channel.exchange(internal_authenticate(challenge, le=0))
    if answer.bare or answer.sw == 0x6700 or answer.sw >> 8 == 0x6C:
        return AaAttempt(_not_possible(answer.sw, length), refused)
    if answer.sw != 0x9000 or not answer.data:
        return AaAttempt(ActiveAuthOutcome("failed", f"the chip refused to sign the challenge "
                                           f"under secure messaging (SW {answer.sw:04X})"),
                         refused)
    result = verify(dg15.spki, challenge, answer.data, hash_oid=hash_oid)
    return AaAttempt(ActiveAuthOutcome("passed" if result.valid else "failed", result.reason,
                                       result.algorithm), refused)


def _not_possible(sw: int, length: int) -> ActiveAuthOutcome:
    return ActiveAuthOutcome("not_possible", f"the {length}-byte signature could not be "
                             f"carried (SW {sw:04X}: the reader or the chip refused the "
                             "command's length); nothing was proven, read the card again")


# --- Chip ----------------------------------------------------------------------------------

def sign(private_key: object, challenge: bytes, *, hash_name: str | None = None,
         explicit_trailer: bool = False, rng: Callable[[int], bytes] | None = None) -> bytes:
    """The chip's answer to INTERNAL AUTHENTICATE."""
    if isinstance(private_key, rsa.RSAPrivateKey):
        return _sign_rsa(private_key, challenge, hash_name or "sha1", explicit_trailer,
                         rng or secrets.token_bytes)
    if isinstance(private_key, cec.EllipticCurvePrivateKey):
        name = hash_name or _hash_for_order(private_key.curve.key_size)
        der = private_key.sign(challenge, cec.ECDSA(_CRYPTOGRAPHY_HASH[name]()))
        r, s = decode_dss_signature(der)
        w = (private_key.curve.key_size + 7) // 8
        return r.to_bytes(w, "big") + s.to_bytes(w, "big")
    raise TypeError("AA key must be a cryptography RSA or EC private key")


def _sign_rsa(key: rsa.RSAPrivateKey, challenge: bytes, hash_name: str, explicit: bool,
              rng: Callable[[int], bytes]) -> bytes:
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    size = (n.bit_length() - 1 + 7) // 8
    if hash_name == "sha1" and not explicit:
        trailer = b"\xbc"
    else:
        trailer = bytes([_HASH_TRAILER[hash_name], 0xCC])
    h_len = hashlib.new(hash_name).digest_size
    m1 = rng(size - 1 - h_len - len(trailer))
    rep = b"\x6a" + m1 + _hash(hash_name, m1 + challenge) + trailer
    return pow(int.from_bytes(rep, "big"), d, n).to_bytes((n.bit_length() + 7) // 8, "big")
