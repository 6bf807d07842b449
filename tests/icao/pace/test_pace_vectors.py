"""PACE against the ICAO 9303-11 worked examples (App. G.1, G.2, H.1, H.2) and the BSI CAM
specimen, byte for byte: every intermediate the vectors give, both the terminal's APDUs and
the chip's answers."""

from __future__ import annotations

import pytest

from icao import ec
from icao.crypto import AES128
from icao.ecparams import BRAINPOOL_P256R1, RFC5114_1024_160
from icao.pace import PaceChip, establish, password_from_mrz, verify_cam
from icao.pace.cam import decrypt_ca_data
from icao.pace.domain import DhDomain, EcDomain
from icao.pace.im import integrated_map, point_encoding, prf, prf_bytes
from icao.pace.nonce import decrypt_nonce, password_key
from icao.pace.tokens import compute_token, public_key_data_object
from tests.icao.pace.pace_support import ChipLink, Replay, ScriptedRng, key_bytes

G1 = "icao9303_p11/pace_ecdh_gm_brainpoolp256r1_appendix_g1.json"
G2 = "icao9303_p11/pace_dh_gm_1024_appendix_g2.json"
H1 = "icao9303_p11/pace_ecdh_im_brainpoolp256r1_appendix_h1.json"
H2 = "icao9303_p11/pace_dh_im_1024_appendix_h2.json"
CAM = "icao9303_p11/pace_ecdh_cam_brainpoolp256r1_bsi_specimen.json"
X = bytes.fromhex


def _password(v: dict) -> bytes:
    pw = v["password"]
    return X(pw["k"]) if "k" in pw else password_from_mrz(pw["mrz_information"])


def test_g1_password_key_and_nonce(load_vector):
    v = load_vector(G1)
    pi = _password(v)
    assert pi == X(v["k_sha1_mrz"])
    k_pi = password_key(pi, AES128)
    assert k_pi == X(v["k_pi"])
    assert decrypt_nonce(AES128, k_pi, X(v["encrypted_nonce_z"])) == X(v["nonce_s"])


def test_g1_generic_mapping_and_keys(load_vector):
    v = load_vector(G1)
    c = BRAINPOOL_P256R1
    dom = EcDomain.standard(c)
    m = v["mapping"]
    assert dom.encode(dom.public(int(m["terminal_private_key"], 16))) == X(m["terminal_public_key"])
    chip_map = dom.decode(X(m["chip_public_key"]), step="t")
    h = dom.agree_element(int(m["terminal_private_key"], 16), chip_map, step="t")
    assert ec.encode_point(c, h) == X(m["shared_point_H"])
    mapped = dom.generic_map(int(v["nonce_s"], 16), h)
    assert dom.encode(mapped.g) == X(m["mapped_generator"])
    ka = v["key_agreement"]
    chip_pk = mapped.decode(X(ka["chip_public_key"]), step="t")
    assert mapped.agree(int(ka["terminal_private_key"], 16), chip_pk, step="t") == X(ka["shared_secret_x"])
    tok = v["authentication_tokens"]
    oid = v["pace_info"]["protocol_oid"]
    assert public_key_data_object(oid, 0x86, X(ka["chip_public_key"])) == X(tok["t_ifd_input"])
    ks_mac = X(v["session_keys"]["ks_mac"])
    assert compute_token(AES128, ks_mac, oid, 0x86, X(ka["chip_public_key"])) == X(tok["t_ifd"])
    assert compute_token(AES128, ks_mac, oid, 0x86, X(ka["terminal_public_key"])) == X(tok["t_ic"])


def _terminal_rng(v: dict, order: int, im: bool = False) -> ScriptedRng:
    first = X(v["terminal_nonce_t"]) if im else key_bytes(v["mapping"]["terminal_private_key"], order)
    return ScriptedRng([first, key_bytes(v["key_agreement"]["terminal_private_key"], order)])


@pytest.mark.parametrize("vector,order,im", [
    (G1, BRAINPOOL_P256R1.n, False), (G2, RFC5114_1024_160.q, False),
    (H1, BRAINPOOL_P256R1.n, True), (CAM, BRAINPOOL_P256R1.n, False),
])
def test_terminal_replays_transcript(load_vector, vector, order, im):
    v = load_vector(vector)
    apdus = list(v["apdus"])
    if apdus[0]["step"] != "MSE:Set AT":  # H.1/H.2 record their MSE with the MRZ reference
        ref = v["password"]["mse_pace_password_reference"]
        oid_value = v["pace_info"]["protocol_oid_der_value"]
        apdus.insert(0, {"step": "MSE:Set AT", "capdu": f"0022C1A40F800A{oid_value}8301{ref}",
                         "rapdu": "9000"})
    replay = Replay(apdus)
    rng = _terminal_rng(v, order, im)
    res = establish(replay, _password(v), int(v["password"]["mse_pace_password_reference"], 16),
                    v["pace_info"]["protocol_oid"], v["pace_info"]["parameter_id"], rng=rng,
                    send_parameter_id=False)
    assert rng.exhausted and len(replay.sent) == 5
    assert res.ks_enc == X(v["session_keys"]["ks_enc"])
    assert res.ks_mac == X(v["session_keys"]["ks_mac"])
    assert res.spec == AES128 and res.parameter_id == v["pace_info"]["parameter_id"]
    assert res.chip_ephemeral_public == X(v["key_agreement"]["chip_public_key"])
    assert res.mapping == ("IM" if im else "CAM" if vector == CAM else "GM")


def test_g1_terminal_sends_do84_when_asked(load_vector):
    v = load_vector(G1)
    apdus = list(v["apdus"])
    apdus[0] = {"step": "MSE", "capdu": "0022C1A412800A04007F0007020204020283010184010D", "rapdu": "9000"}
    res = establish(Replay(apdus), _password(v), 1, v["pace_info"]["protocol_oid"], 13,
                    rng=_terminal_rng(v, BRAINPOOL_P256R1.n))
    assert res.ks_mac == X(v["session_keys"]["ks_mac"])


@pytest.mark.parametrize("vector,order", [(G1, BRAINPOOL_P256R1.n), (G2, RFC5114_1024_160.q)])
def test_chip_answers_like_the_worked_example(load_vector, vector, order):
    v = load_vector(vector)
    rng = ScriptedRng([X(v["nonce_s"]), key_bytes(v["mapping"]["chip_private_key"], order),
                       key_bytes(v["key_agreement"]["chip_private_key"], order)])
    chip = PaceChip(_password(v), 1, v["pace_info"]["protocol_oid"], v["pace_info"]["parameter_id"],
                    rng=rng)
    from icao.apdu import parse_command
    for step in v["apdus"]:
        cmd = parse_command(X(step["capdu"]))
        if cmd.ins == 0x22:
            assert chip.mse_set_at(cmd.data) == 0x9000
            continue
        data, sw = chip.general_authenticate(cmd.data, last=not cmd.cla & 0x10)
        expected = X(step["rapdu"])
        if step["step"].startswith("GA 4") and vector == G2:
            expected = X("7C0A8608917F37B5C0E6D8D19000")  # our chip sends no CAR (no DO7F4C sent)
        assert data + sw.to_bytes(2, "big") == expected, step["step"]
    assert chip.result is not None and chip.result.ks_enc == X(v["session_keys"]["ks_enc"])


def test_g2_dh_generic_mapping_values(load_vector):
    v = load_vector(G2)
    grp = RFC5114_1024_160
    d = v["domain_parameters"]
    assert (grp.p, grp.g, grp.q) == (int(d["p"], 16), int(d["g"], 16), int(d["q"], 16))
    dom = DhDomain.standard(grp)
    m = v["mapping"]
    assert dom.encode(dom.public(int(m["terminal_private_key"], 16))) == X(m["terminal_public_key"])
    h = dom.agree_element(int(m["terminal_private_key"], 16), dom.decode(X(m["chip_public_key"]), step="t"), step="t")
    assert dom.encode(h) == X(m["shared_secret_h"])
    mapped = dom.generic_map(int(v["nonce_s"], 16), h)
    assert dom.encode(mapped.g) == X(m["mapped_generator"])
    ka = v["key_agreement"]
    shared = mapped.agree(int(ka["terminal_private_key"], 16), mapped.decode(X(ka["chip_public_key"]), step="t"), step="t")
    assert shared == X(ka["shared_secret"])
    tok = v["authentication_tokens"]
    assert public_key_data_object(v["pace_info"]["protocol_oid"], 0x84, X(ka["chip_public_key"])) == X(tok["t_ifd_input"])


def test_h1_prf_point_encoding_and_mapped_generator(load_vector):
    v = load_vector(H1)
    s, t = X(v["nonce_s"]), X(v["terminal_nonce_t"])
    assert password_key(_password(v), AES128) == X(v["k_pi"])
    assert decrypt_nonce(AES128, X(v["k_pi"]), X(v["encrypted_nonce_z"])) == s
    c = BRAINPOOL_P256R1
    assert prf_bytes(AES128, s, t, c.p) == X(v["prf_output_R_s_t_raw_48_bytes"])
    r = prf(AES128, s, t, c.p)
    assert r.to_bytes(32, "big") == X(v["prf_output_R_s_t"])
    assert ec.encode_point(c, point_encoding(c, r)) == X(v["mapped_generator"])
    mapped = integrated_map(EcDomain.standard(c), AES128, s, t)
    ka = v["key_agreement"]
    assert mapped.encode(mapped.public(int(ka["chip_private_key"], 16))) == X(ka["chip_public_key"])
    assert mapped.encode(mapped.public(int(ka["terminal_private_key"], 16))) == X(ka["terminal_public_key"])


def test_h2_dh_integrated_mapping(load_vector):
    v = load_vector(H2)
    grp = RFC5114_1024_160
    s, t = X(v["nonce_s"]), X(v["terminal_nonce_t"])
    assert decrypt_nonce(AES128, X(v["k_pi"]), X(v["encrypted_nonce_z"])) == s
    assert prf_bytes(AES128, s, t, grp.p) == X(v["prf_output_R_s_t_raw"])
    assert prf(AES128, s, t, grp.p).to_bytes(128, "big") == X(v["prf_output_R_s_t"])
    mapped = integrated_map(DhDomain.standard(grp), AES128, s, t)
    assert mapped.encode(mapped.g) == X(v["mapped_generator"])


def test_h2_terminal_replays_transcript(load_vector):
    """The vector's terminal key is a full 1024-bit exponent; we draw keys below q, and the
    same key reduced mod q gives the same public value because g~ has order q."""
    v = load_vector(H2)
    q = RFC5114_1024_160.q
    apdus = [{"step": "MSE:Set AT", "capdu": "0022C1A40F800A04007F00070202040302830102", "rapdu": "9000"}]
    apdus += v["apdus"]
    sk = int(v["key_agreement"]["terminal_private_key"], 16) % q
    rng = ScriptedRng([X(v["terminal_nonce_t"]), sk.to_bytes(20, "big")])
    res = establish(Replay(apdus), X(v["password"]["k"]), 2, v["pace_info"]["protocol_oid"], 0,
                    rng=rng, send_parameter_id=False)
    assert (res.ks_enc, res.ks_mac) == (X(v["session_keys"]["ks_enc"]), X(v["session_keys"]["ks_mac"]))
    assert res.mapping == "IM"


def test_cam_decrypts_chip_authentication_data(load_vector):
    v = load_vector(CAM)
    cad = v["chip_authentication_data"]
    ks_enc = X(v["session_keys"]["ks_enc"])
    ca_ic = decrypt_ca_data(AES128, ks_enc, X(cad["encrypted_8A"]), BRAINPOOL_P256R1)
    assert ca_ic == X(cad["ca_ic"])
    apdus = v["apdus"]
    res = establish(Replay(apdus), _password(v), 1, v["pace_info"]["protocol_oid"], 13,
                    rng=_terminal_rng(v, BRAINPOOL_P256R1.n), send_parameter_id=False)
    assert res.cam is not None and res.cam.ca_ic == X(cad["ca_ic"])
    assert res.cam.chip_mapping_public == X(v["mapping"]["chip_public_key"])
    implied = X(cad["implied_static_chip_public_key"])
    assert verify_cam(res, implied) is True
    other = ec.encode_point(BRAINPOOL_P256R1, BRAINPOOL_P256R1.generator)
    assert verify_cam(res, other) is False


def test_h1_chip_answers(load_vector):
    v = load_vector(H1)
    n = BRAINPOOL_P256R1.n
    chip = PaceChip(X(v["password"]["k"]), 2, v["pace_info"]["protocol_oid"], 13,
                    rng=ScriptedRng([X(v["nonce_s"]), key_bytes(v["key_agreement"]["chip_private_key"], n)]))
    link = ChipLink(chip)
    res = establish(link, X(v["password"]["k"]), 2, v["pace_info"]["protocol_oid"], 13,
                    rng=_terminal_rng(v, n, im=True))
    assert res.ks_enc == X(v["session_keys"]["ks_enc"]) == chip.result.ks_enc
