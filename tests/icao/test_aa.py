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
from icao.aa import AaResult, authenticate, new_challenge, sign, signature_length, verify
from icao.apdu import Command, Response
from icao.lds.dg15 import Dg15, parse_dg15
from icao.sm import Answer

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


class _Channel:
    """A secure channel stand-in: answers each command with the next of `answers` (a
    callable of the command, or an Answer), and records what was sent."""

    def __init__(self, *answers):
        self.answers, self.sent = list(answers), []

    def exchange(self, cmd: Command) -> Answer:
        self.sent.append(cmd)
        a = self.answers.pop(0)
        return a(cmd) if callable(a) else a

    def secure(self, sm) -> None:  # pragma: no cover - AA never restarts the session
        raise AssertionError


def _dg15(key) -> Dg15:
    return parse_dg15(tlv.encode(0x6F, _spki(key)))


def _signs(key):
    return lambda cmd: Answer(Response(sign(key, cmd.data), 0x9000))


def test_signature_length_sizes_le_from_the_dg15_key(rsa1024, rsa2048):
    p256 = cec.generate_private_key(cec.SECP256R1())
    assert [signature_length(_dg15(k)) for k in (rsa1024, rsa2048, p256)] == [128, 256, 64]


def test_authenticate_asks_exactly_the_signature_length_in_a_short_apdu(rsa1024):
    ch = _Channel(_signs(rsa1024))
    attempt = authenticate(ch, _dg15(rsa1024), rng=lambda n: b"\x11" * n)
    assert attempt.outcome.status == "passed" and not attempt.extended_refused
    assert ch.sent[0].to_bytes() == bytes.fromhex("0088000008" + "11" * 8 + "80")  # Le 128


def test_rsa_2048_uses_extended_length_when_allowed(rsa2048):
    ch = _Channel(_signs(rsa2048))
    attempt = authenticate(ch, _dg15(rsa2048), extended=True)
    assert attempt.outcome.status == "passed" and ch.sent[0].le == 256


def test_rsa_2048_without_extended_length_asks_up_to_256_for_a_chaining_chip(rsa2048):
    # the protected short answer cannot hold 256 bytes: the chip answers 6700 under SM
    ch = _Channel(Answer(Response(b"", 0x6700)))
    attempt = authenticate(ch, _dg15(rsa2048), extended=False)
    assert ch.sent[0].le == 0 and not ch.sent[0].needs_extended()
    assert attempt.outcome.status == "not_possible"
    assert "256-byte signature could not be carried" in attempt.outcome.reason


def test_bare_6700_to_an_extended_aa_is_learned_and_retried_short_for_a_short_signature():
    p384 = cec.generate_private_key(cec.SECP384R1())  # 96-byte signature fits 3DES/AES short
    ch = _Channel(Answer(Response(b"", 0x6700), bare=True), _signs(p384))
    attempt = authenticate(ch, _dg15(p384), extended=True, short_max=64)
    assert attempt.extended_refused and attempt.outcome.status == "passed"
    assert ch.sent[0].le == 96 and ch.sent[1].le == 0


@pytest.mark.parametrize("answer,status", [
    (Answer(Response(b"", 0x6700), bare=True), "not_possible"),  # the reader or chip refused
    (Answer(Response(b"", 0x6D00), bare=True), "not_possible"),  # plain: nothing proven
    (Answer(Response(b"", 0x6C40)), "not_possible"),
    (Answer(Response(b"", 0x6D00)), "failed"),  # refused under secure messaging
    (Answer(Response(b"", 0x9000)), "failed"),  # success without a signature
    (Answer(Response(b"\x01" * 128, 0x9000)), "failed"),  # a signature that does not verify
])
def test_only_a_protected_answer_can_fail_active_authentication(rsa1024, answer, status):
    attempt = authenticate(_Channel(answer), _dg15(rsa1024))
    assert attempt.outcome.status == status, attempt.outcome


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
