"""Secure messaging: AES vectors, SSC discipline on bare status words, only typed errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icao import iso7816
from icao.apdu import Command, Response
from icao.crypto import AES128, AES256, TDES
from icao.errors import IcaoError, SecureMessagingError
from icao.sm import SecureMessaging, SmCodec, UnprotectedStatus

H = bytes.fromhex


@pytest.fixture(scope="module")
def aes(load_vector):
    return load_vector("icao9303_p11/sm_aes_gmrtd_sessions.json")["cases"]


def test_aes128_protect_mse_set_at_byte_exact(aes):
    case = aes[0]
    sm = SecureMessaging(AES128, H(case["ks_enc"]), H(case["ks_mac"]), int(case["ssc_before"], 16))
    from icao.apdu import parse_command
    cmd = parse_command(H(case["unprotected_capdu"]))
    assert sm.protect(cmd) == H(case["protected_capdu"])
    assert sm.ssc == int(case["ssc_used"], 16)
    assert sm._iv() == H(case["iv"])


def test_aes128_unprotect_real_chip_read_byte_exact(aes):
    case = aes[1]
    sm = SecureMessaging(AES128, H(case["ks_enc"]), H(case["ks_mac"]), int(case["ssc_before"], 16))
    resp = sm.unprotect(H(case["protected_rapdu"]))
    assert sm.ssc == int(case["ssc_used"], 16)
    assert resp.data == H(case["decrypted_data"])
    assert resp.sw == int(case["sw"], 16)


def test_aes256_decrypt_do87_value(aes):
    case = aes[2]
    codec = SmCodec(AES256, H(case["ks_enc"]), H(case["ks_mac"]), int(case["ssc_used"], 16))
    assert codec._iv() == H(case["iv"])
    assert codec.decrypt(H(case["do87_value"])[1:]) == H(case["decrypted_data"])


def test_aes128_response_with_one_flipped_bit_fails_its_mac_before_decryption(aes):
    case = aes[1]
    raw = bytearray(H(case["protected_rapdu"]))
    raw[10] ^= 0x01
    sm = SecureMessaging(AES128, H(case["ks_enc"]), H(case["ks_mac"]), int(case["ssc_before"], 16))
    with pytest.raises(SecureMessagingError, match="MAC"):
        sm.unprotect(bytes(raw))


def _pair(spec, ssc=5):
    key_len = spec.key_len
    return SecureMessaging(spec, b"\x11" * key_len, b"\x22" * key_len, ssc)


@pytest.mark.parametrize("sw", [0x6700, 0x6C10, 0x6A82, 0x6988])
def test_bare_error_status_restores_the_ssc(sw):
    """gmrtd issue 457: a naked 6700 to an extended read must not advance the SSC."""
    sm = _pair(AES128)
    sm.protect(iso7816.read_binary(0, 1024))
    assert sm.ssc == 6
    with pytest.raises(UnprotectedStatus) as info:
        sm.unprotect(sw.to_bytes(2, "big"))
    assert info.value.sw == sw
    assert sm.ssc == 5


def test_bare_success_is_a_downgrade_and_rejected():
    sm = _pair(TDES)
    sm.protect(iso7816.select_fid(0x0101))
    with pytest.raises(SecureMessagingError) as info:
        sm.unprotect(b"\x90\x00")
    assert not isinstance(info.value, UnprotectedStatus)


def test_missing_do99_is_rejected():
    from icao import tlv
    sm = _pair(TDES)
    sm.protect(iso7816.select_fid(0x0101))
    mac = sm.mac(b"")
    with pytest.raises(SecureMessagingError, match="DO99"):
        sm.unprotect(tlv.encode(0x8E, mac) + b"\x90\x00")


def test_extended_le_uses_extended_protected_apdu_and_two_byte_do97():
    sm = _pair(AES128)
    raw = sm.protect(iso7816.read_binary(0, 1024))
    # CLA INS P1 P2 00 Lc(2) ... Le 0000; DO97 0400
    assert raw[:5] == bytes([0x0C, 0xB0, 0x00, 0x00, 0x00])
    assert raw[-2:] == b"\x00\x00"
    assert b"\x97\x02\x04\x00" in raw


def test_short_le_that_fits_stays_short():
    sm = _pair(AES128)
    raw = sm.protect(iso7816.read_binary(0, 223))
    assert raw[4] != 0 and raw[-1] == 0 and b"\x97\x01\xdf" in raw


def test_odd_instruction_uses_do85():
    sm = _pair(TDES)
    raw = sm.protect(iso7816.read_binary(40000, 100))
    assert raw[1] == 0xB1 and raw[5] == 0x85


def test_protecting_a_protected_command_is_refused():
    with pytest.raises(SecureMessagingError):
        _pair(TDES).protect(Command(0x0C, 0xB0, 0, 0, le=4))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from([TDES, AES128, AES256]))
def test_unprotect_of_random_bytes_raises_only_typed_errors(raw, spec):
    sm = _pair(spec)
    sm.protect(iso7816.read_binary(0, 16))
    try:
        sm.unprotect(raw)
    except IcaoError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=120), st.integers(0, 200))
def test_unprotect_of_tlv_shaped_garbage_raises_only_typed_errors(body, flip):
    from icao import tlv
    sm = _pair(AES128)
    sm.protect(iso7816.read_binary(0, 16))
    raw = tlv.encode(0x87, b"\x01" + body) + tlv.encode(0x99, b"\x90\x00") + \
        tlv.encode(0x8E, body[:8].ljust(8, b"\0")) + b"\x90\x00"
    try:
        sm.unprotect(raw)
    except IcaoError:
        pass


@settings(max_examples=200, deadline=None)
@given(spec=st.sampled_from([TDES, AES128, AES256]), data=st.binary(max_size=300),
       le=st.one_of(st.none(), st.integers(1, 65536)), ins=st.sampled_from([0xB0, 0xB1, 0x22,
                                                                            0x86, 0x88]),
       answer=st.binary(max_size=600), sw=st.sampled_from([0x9000, 0x6282, 0x6A82, 0x6982]),
       ssc=st.integers(0, 2**64 - 2))
def test_reader_and_card_sides_agree_on_every_command_and_answer(spec, data, le, ins, answer,
                                                                  sw, ssc):
    from icao.apdu import parse_command
    from icao.chip.smcard import CardSecureMessaging

    keys = (b"\x01" * spec.key_len, b"\x02" * spec.key_len)
    reader = SecureMessaging(spec, *keys, ssc)
    card = CardSecureMessaging(spec, *keys, ssc)
    cmd = Command(0x00, ins, 0x01, 0x02, data, le=le)
    inner = card.unwrap(parse_command(reader.protect(cmd)))
    assert (inner.cla, inner.ins, inner.p1, inner.p2, inner.data, inner.le) == (
        0, ins, 1, 2, data, le)
    assert reader.unprotect(card.wrap(ins, answer, sw)) == Response(answer, sw)
    assert reader.ssc == card.ssc == ssc + 2
