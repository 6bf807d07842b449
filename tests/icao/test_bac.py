"""BAC against ICAO 9303-11 App. D.2-D.4, byte for byte, and against the chip's side."""

from __future__ import annotations

import pytest

from icao import bac, iso7816
from icao.apdu import Response
from icao.crypto import TDES
from icao.errors import AccessDenied
from icao.keys import AccessKey
from icao.sm import SecureMessaging

H = bytes.fromhex


@pytest.fixture(scope="module")
def d(load_vector):
    return load_vector("icao9303_p11/bac_appendix_d.json")


def test_d2_key_seed_and_keys_from_mrz_fields(d):
    kd = d["key_derivation"]
    key = AccessKey.from_mrz_fields(kd["document_number"], kd["date_of_birth"],
                                    kd["date_of_expiry"])
    assert key.mrz_information() == kd["mrz_information"]
    assert key.bac_seed() == H(kd["kseed"])
    keys = bac.derive_keys(key.bac_seed())
    assert keys.k_enc == H(kd["kenc"])
    assert keys.k_mac == H(kd["kmac"])


def test_d3_mutual_authentication_request_response_and_session_keys(d):
    kd, ma = d["key_derivation"], d["mutual_authentication"]
    keys = bac.derive_keys(H(kd["kseed"]))
    rnd_ic, rnd_ifd, k_ifd = H(ma["rnd_ic"]), H(ma["rnd_ifd"]), H(ma["k_ifd"])
    request = bac.build_authentication(keys, rnd_ic, rnd_ifd, k_ifd)
    assert request == H(ma["ext_auth_cmd_data"])
    assert iso7816.mutual_authenticate(request).to_bytes() == H(ma["ext_auth_capdu_constructed"])
    assert iso7816.get_challenge().to_bytes() == H(ma["get_challenge_capdu"])
    result = bac.check_response(keys, H(ma["ext_auth_resp_data"]), rnd_ic, rnd_ifd, k_ifd)
    assert result.ks_enc == H(ma["ks_enc"])
    assert result.ks_mac == H(ma["ks_mac"])
    assert result.ssc == int(ma["ssc"], 16)


def test_d3_chip_side_produces_the_appendix_answer(d):
    kd, ma = d["key_derivation"], d["mutual_authentication"]
    keys = bac.derive_keys(H(kd["kseed"]))
    answer = bac.chip_respond(keys, H(ma["rnd_ic"]), H(ma["k_ic"]), H(ma["ext_auth_cmd_data"]))
    assert answer is not None
    data, result = answer
    assert data == H(ma["ext_auth_resp_data"])
    assert (result.ks_enc, result.ks_mac, result.ssc) == (
        H(ma["ks_enc"]), H(ma["ks_mac"]), int(ma["ssc"], 16))


def test_d3_chip_side_rejects_a_wrong_mac(d):
    kd, ma = d["key_derivation"], d["mutual_authentication"]
    keys = bac.derive_keys(H(kd["kseed"]))
    data = bytearray(H(ma["ext_auth_cmd_data"]))
    data[-1] ^= 1
    assert bac.chip_respond(keys, H(ma["rnd_ic"]), H(ma["k_ic"]), bytes(data)) is None


def test_d3_establish_over_a_send_function_with_injected_randomness(d):
    kd, ma = d["key_derivation"], d["mutual_authentication"]
    key = AccessKey.from_mrz_fields(kd["document_number"], kd["date_of_birth"],
                                    kd["date_of_expiry"])
    sent = []

    def send(cmd):
        sent.append(cmd.to_bytes())
        if cmd.ins == 0x84:
            return Response(H(ma["rnd_ic"]), 0x9000)
        return Response(H(ma["ext_auth_resp_data"]), 0x9000)

    randoms = iter([H(ma["rnd_ifd"]), H(ma["k_ifd"])])
    result = bac.establish(send, key, rng=lambda n: next(randoms))
    assert sent == [H(ma["get_challenge_capdu"]), H(ma["ext_auth_capdu_constructed"])]
    assert result.ssc == int(ma["ssc"], 16)


def test_wrong_mrz_is_access_denied_with_the_status_word(d):
    key = AccessKey.from_mrz_fields("L898902C<", "690806", "940623")

    def send(cmd):
        if cmd.ins == 0x84:
            return Response(b"\x01" * 8, 0x9000)
        return Response(b"", 0x6300)

    with pytest.raises(AccessDenied) as info:
        bac.establish(send, key)
    assert info.value.sw == 0x6300
    assert info.value.step == "bac"


def test_d4_protected_select_and_two_reads_byte_exact(d):
    ma = d["mutual_authentication"]
    sm = SecureMessaging(TDES, H(ma["ks_enc"]), H(ma["ks_mac"]), int(ma["ssc"], 16))
    commands = [iso7816.select_fid(0x011E), iso7816.read_binary(0, 4),
                iso7816.read_binary(4, 0x12)]
    plain = b""
    for step, cmd in zip(d["secure_messaging"], commands, strict=True):
        assert cmd.to_bytes() == H(step["unprotected_capdu"])
        assert sm.protect(cmd) == H(step["protected_capdu"])
        assert sm.ssc == int(step["ssc_for_command"], 16)
        resp = sm.unprotect(H(step["protected_rapdu"]))
        assert sm.ssc == int(step["ssc_for_response"], 16)
        assert resp.to_bytes() == H(step["unprotected_rapdu"])
        plain += resp.data
    assert plain == H(d["ef_com_plain"])
