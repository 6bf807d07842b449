"""Block-cipher primitives: published MAC vectors, padding, and typed failures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icao.crypto import (
    AES128,
    AES192,
    AES256,
    TDES,
    CipherSpec,
    aes_cmac,
    decrypt_cbc,
    encrypt_block,
    encrypt_cbc,
    mac,
    pad,
    retail_mac,
    unpad,
)
from icao.errors import CryptoError

H = bytes.fromhex


def test_aes_cmac_rfc4493_examples_truncated():
    key = H("2b7e151628aed2a6abf7158809cf4f3c")
    assert aes_cmac(key, b"", 16) == H("bb1d6929e95937287fa37d129b756746")
    assert aes_cmac(key, H("6bc1bee22e409f96e93d7e117393172a"), 16) == \
        H("070a16b46b4d4144f79bdd9dd04a287c")
    assert mac(AES128, key, b"") == H("bb1d6929e9593728")


def test_retail_mac_of_appendix_d3(load_vector):
    ma = load_vector("icao9303_p11/bac_appendix_d.json")["mutual_authentication"]
    kmac = H(load_vector("icao9303_p11/bac_appendix_d.json")["key_derivation"]["kmac"])
    assert retail_mac(kmac, H(ma["e_ifd"])) == H(ma["m_ifd"])
    assert mac(TDES, kmac, H(ma["e_ifd"])) == H(ma["m_ifd"])


def test_3des_cbc_of_appendix_d3(load_vector):
    d = load_vector("icao9303_p11/bac_appendix_d.json")
    kenc = H(d["key_derivation"]["kenc"])
    ma = d["mutual_authentication"]
    assert encrypt_cbc(TDES, kenc, H(ma["s"])) == H(ma["e_ifd"])
    assert decrypt_cbc(TDES, kenc, H(ma["e_ic"])) == H(ma["r_decrypted"])


def test_aes_block_and_fips197_example():
    assert encrypt_block(AES128, H("000102030405060708090a0b0c0d0e0f"),
                         H("00112233445566778899aabbccddeeff")) == \
        H("69c4e0d86a7b0430d8cdb78070b4c55a")


def test_cipher_spec_parse_and_sizes():
    assert CipherSpec.parse("3des") is TDES
    assert CipherSpec.parse("AES-128") == AES128
    assert CipherSpec.parse("aes_192") == AES192
    assert (AES256.key_len, AES256.block_size, TDES.key_len, TDES.block_size) == (32, 16, 16, 8)
    assert [s.name for s in (TDES, AES128, AES256)] == ["3DES", "AES-128", "AES-256"]
    with pytest.raises(ValueError):
        CipherSpec.parse("rc4")


def test_padding_method_2():
    assert pad(b"", 8) == H("8000000000000000")
    assert pad(H("0102030405060708"), 8) == H("01020304050607088000000000000000")
    with pytest.raises(CryptoError):
        unpad(b"\x00" * 8)
    with pytest.raises(CryptoError):
        unpad(b"")


@given(st.binary(max_size=70), st.sampled_from([8, 16]))
def test_pad_unpad_round_trip(data, block):
    padded = pad(data, block)
    assert len(padded) % block == 0
    assert unpad(padded) == data


def test_misaligned_data_and_bad_keys_are_crypto_errors():
    with pytest.raises(CryptoError):
        encrypt_cbc(AES128, b"\x00" * 16, b"\x00" * 15)
    with pytest.raises(CryptoError):
        decrypt_cbc(TDES, b"\x00" * 16, b"")
    with pytest.raises(CryptoError):
        retail_mac(b"\x00" * 8, b"")
    with pytest.raises(CryptoError):
        encrypt_cbc(TDES, b"\x00" * 10, b"\x00" * 8)
