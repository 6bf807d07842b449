"""Active Authentication: chip-side sign() against terminal-side verify() for RSA ISO/IEC 9796-2
(every trailer) and plain ECDSA (named and explicit curves), tampering, and real DG15s."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives.asymmetric import ec as cec
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given, settings
from hypothesis import strategies as st

from icao import tlv
from icao.aa import AaResult, authenticate, new_challenge, sign, verify
from icao.apdu import Command, Response
from icao.errors import CardError

CHALLENGE = bytes.fromhex("0102030405060708")


def _spki(key) -> bytes:
    return key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


@pytest.fixture(scope="module")
def rsa1024():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


@pytest.fixture(scope="module")
def rsa2048():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_new_challenge_is_8_random_bytes():
    assert len(new_challenge()) == 8 and new_challenge() != new_challenge()
    assert new_challenge(lambda n: b"\xaa" * n) == b"\xaa" * 8


@pytest.mark.parametrize("hash_name,explicit,trailer", [
    ("sha1", False, "BC"), ("sha1", True, "33CC"), ("sha224", False, "38CC"),
    ("sha256", False, "34CC"), ("sha384", False, "36CC"), ("sha512", False, "35CC"),
])
def test_rsa_9796_2_every_trailer(rsa1024, hash_name, explicit, trailer):
    sig = sign(rsa1024, CHALLENGE, hash_name=hash_name, explicit_trailer=explicit)
    assert len(sig) == 128
    # the recovered representative really has the header, hash and trailer we claim
    pub = rsa1024.public_key().public_numbers()
    rep = pow(int.from_bytes(sig, "big"), pub.e, pub.n).to_bytes(128, "big")
    assert rep[0] == 0x6A and rep.hex().upper().endswith(trailer)
    t = len(trailer) // 2
    h = hashlib.new(hash_name).digest_size
    assert rep[-t - h:-t] == hashlib.new(hash_name, rep[1:-t - h] + CHALLENGE).digest()
    res = verify(_spki(rsa1024), CHALLENGE, sig)
    assert res.valid, res.reason
    assert res.algorithm == f"RSA-1024 ISO/IEC 9796-2 scheme 1 {hash_name.upper().replace('SHA', 'SHA-')}"


def test_rsa_tampered_signature_or_other_challenge_fails(rsa1024):
    sig = bytearray(sign(rsa1024, CHALLENGE))
    assert not verify(_spki(rsa1024), bytes.fromhex("0102030405060709"), bytes(sig)).valid
    assert verify(_spki(rsa1024), bytes.fromhex("0102030405060709"), bytes(sig)).reason == \
        "hash in the signature does not match the challenge"
    sig[40] ^= 0x01
    res = verify(_spki(rsa1024), CHALLENGE, bytes(sig))
    assert not res.valid and res.reason
    assert not verify(_spki(rsa1024), CHALLENGE, b"").valid
    assert not verify(_spki(rsa1024), CHALLENGE, b"\xff" * 128).valid  # >= n


def test_rsa_accepts_the_n_minus_s_form(rsa1024):
    """ISO/IEC 9796-2 lets the signer send min(s, n - s); J is then n - s^e mod n."""
    sig = int.from_bytes(sign(rsa1024, CHALLENGE), "big")
    n = rsa1024.public_key().public_numbers().n
    assert verify(_spki(rsa1024), CHALLENGE, (n - sig).to_bytes(128, "big")).valid


def test_rsa_2048_sha256_and_dg15_wrapper(rsa2048):
    sig = sign(rsa2048, CHALLENGE, hash_name="sha256")
    dg15 = tlv.encode(0x6F, _spki(rsa2048))
    res = verify(dg15, CHALLENGE, sig)
    assert res.valid and res.algorithm.startswith("RSA-2048")
    assert not verify(_spki(rsa2048), CHALLENGE, sig[:-1] + bytes([sig[-1] ^ 1])).valid


@pytest.mark.parametrize("curve", [cec.SECP256R1(), cec.BrainpoolP256R1(), cec.SECP384R1(),
                                   cec.BrainpoolP512R1(), cec.SECP521R1()], ids=lambda c: c.name)
def test_ecdsa_plain_roundtrip_default_hash(curve):
    key = cec.generate_private_key(curve)
    sig = sign(key, CHALLENGE)
    w = (curve.key_size + 7) // 8
    assert len(sig) == 2 * w
    res = verify(_spki(key), CHALLENGE, sig)
    assert res.valid, res.reason
    assert "by key size" in res.algorithm
    bad = bytearray(sig)
    bad[-1] ^= 1
    assert not verify(_spki(key), CHALLENGE, bytes(bad)).valid
    assert not verify(_spki(key), CHALLENGE[::-1], sig).valid


def test_ecdsa_hash_named_by_dg14():
    key = cec.generate_private_key(cec.BrainpoolP256R1())
    sig = sign(key, CHALLENGE, hash_name="sha1")
    res = verify(_spki(key), CHALLENGE, sig, hash_oid="0.4.0.127.0.7.1.1.4.1.1")
    assert res.valid and res.algorithm == "ECDSA brainpoolP256r1 SHA-1 (from DG14)"
    assert not verify(_spki(key), CHALLENGE, sig).valid  # SHA-256 assumed without AAInfo
    assert verify(_spki(key), CHALLENGE, sig, hash_oid="1.2.840.10045.4.1").valid
    unknown = verify(_spki(key), CHALLENGE, sig, hash_oid="1.2.3")
    assert not unknown.valid and "unknown AA signature algorithm" in unknown.reason


def test_ecdsa_with_explicit_domain_parameters(load_vector):
    """DG15 keys often carry explicit parameters, which `cryptography` refuses to load."""
    from icao.lds.security_infos import parse_security_infos

    de = parse_security_infos(load_vector("lds/gmrtd_real_documents_sod/DE/DG14.bin"))
    explicit = asn1_keys.PublicKeyInfo.load(de.ca_public_keys[0].spki)  # brainpoolP256r1, explicit
    key = cec.generate_private_key(cec.BrainpoolP256R1())
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    spki = asn1_keys.PublicKeyInfo({"algorithm": explicit["algorithm"], "public_key": point}).dump()
    sig = sign(key, CHALLENGE)
    assert verify(spki, CHALLENGE, sig).valid
    assert not verify(spki, CHALLENGE, sig[32:] + sig[:32]).valid


def test_ecdsa_wrong_length_and_range():
    key = cec.generate_private_key(cec.SECP256R1())
    assert "64 bytes" in verify(_spki(key), CHALLENGE, b"\x01" * 63).reason
    assert verify(_spki(key), CHALLENGE, b"\x00" * 64).reason == "signature value out of range"


def test_real_dg15s_parse_and_refuse_garbage(load_vector):
    for doc in ("lds/gmrtd_real_documents_sod/NZ/DG15.bin", "lds/etsi_tr103200_eacaa/DG15.bin"):
        res = verify(load_vector(doc), CHALLENGE, b"\x01" * 64)
        assert res.valid is False and res.algorithm != "unknown"
    assert verify(b"\x30\x03\x02\x01\x00", CHALLENGE, b"\x01").reason == "AA public key (DG15) does not parse"


def test_authenticate_sends_internal_authenticate(rsa1024):
    seen: list[Command] = []

    def card(cmd: Command) -> Response:
        seen.append(cmd)
        return Response(sign(rsa1024, cmd.data), 0x9000)

    res = authenticate(card, _spki(rsa1024), rng=lambda n: b"\x11" * n)
    assert res.valid
    assert seen[0].to_bytes() == bytes.fromhex("0088000008" + "11" * 8 + "00")
    with pytest.raises(CardError):
        authenticate(lambda c: Response(b"", 0x6D00), _spki(rsa1024))


@settings(max_examples=60, deadline=None)
@given(sig=st.binary(max_size=140), challenge=st.binary(min_size=8, max_size=8),
       cut=st.integers(0, 300), flip=st.integers(0, 2000))
def test_verify_never_raises_on_hostile_input(sig, challenge, cut, flip):
    key = _FUZZ_KEYS[flip % 2]
    spki = bytearray(key)
    spki[flip % len(spki)] ^= 0x01 if flip > 1000 else 0x00
    res = verify(bytes(spki[: len(spki) - cut % 5]), challenge, sig,
                 hash_oid="0.4.0.127.0.7.1.1.4.1.3" if flip % 3 == 0 else None)
    assert isinstance(res, AaResult) and res.valid is False and res.reason


_FUZZ_KEYS = (
    _spki(cec.generate_private_key(cec.BrainpoolP256R1())),
    _spki(rsa.generate_private_key(public_exponent=65537, key_size=1024)),
)
