"""Key derivation (9303-11 9.7.1) against App. D and App. G values."""

from __future__ import annotations

import hashlib

from icao.crypto import AES128, AES192, AES256, TDES
from icao.kdf import KDF_ENC, KDF_MAC, KDF_PACE, kdf

H = bytes.fromhex


def test_bac_keys_with_des_parity(load_vector):
    kd = load_vector("icao9303_p11/bac_appendix_d.json")["key_derivation"]
    assert kdf(H(kd["kseed"]), KDF_ENC, TDES) == H(kd["kenc"])
    assert kdf(H(kd["kseed"]), KDF_MAC, TDES) == H(kd["kmac"])


def test_pace_password_key_and_session_keys_of_g1(load_vector):
    g1 = load_vector("icao9303_p11/pace_ecdh_gm_brainpoolp256r1_appendix_g1.json")
    assert kdf(H(g1["k_sha1_mrz"]), KDF_PACE, AES128) == H(g1["k_pi"])
    x = H(g1["key_agreement"]["shared_secret_x"])
    assert kdf(x, KDF_ENC, AES128) == H(g1["session_keys"]["ks_enc"])
    assert kdf(x, KDF_MAC, AES128) == H(g1["session_keys"]["ks_mac"])


def test_aes192_and_256_use_sha256():
    secret = b"\x42" * 20
    assert kdf(secret, 1, AES256) == hashlib.sha256(secret + b"\0\0\0\x01").digest()
    assert kdf(secret, 2, AES192) == hashlib.sha256(secret + b"\0\0\0\x02").digest()[:24]
