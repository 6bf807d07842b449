"""Terminal (icao.pace.establish) against chip (icao.pace.PaceChip) in process, through real
APDU encoding: every mapping x standardized curve/group x cipher, both passwords, and the
ways a run must fail (wrong password, invalid point, bad token, wrong step order)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec as cec

from icao import ec
from icao.apdu import Command, Response
from icao.ecparams import STANDARD_DOMAIN_PARAMETERS
from icao.errors import AccessDenied, CryptoError, UnsupportedProtocol
from icao.pace import PACE_PROTOCOLS, PaceChip, establish, password_from_mrz, verify_cam
from icao.pace.messages import build_dynamic_auth, build_set_at
from tests.icao.pace.pace_support import ChipLink

CAN = b"123456"
MRZ = password_from_mrz("T22000129364081251010318")


def _cases():
    i = 0
    for proto in PACE_PROTOCOLS.values():
        for pid, params in STANDARD_DOMAIN_PARAMETERS.items():
            if (proto.agreement == "ECDH") != isinstance(params, ec.Curve):
                continue
            if proto.mapping == "IM" and isinstance(params, ec.Curve) and params.p % 4 != 3:
                continue  # P-224: IM point encoding undefined (tested separately)
            i += 1
            pw = (CAN, 2) if i % 2 else (MRZ, 1)
            yield pytest.param(proto.oid, pid, pw, id=f"{proto.name}-{params.name}-ref{pw[1]}")


def _static_key(pid: int) -> int:
    return 0x1234567890ABCDEF1234567890ABCDEF % STANDARD_DOMAIN_PARAMETERS[pid].n


@pytest.mark.parametrize("oid,pid,pw", list(_cases()))
def test_terminal_and_chip_agree(oid, pid, pw):
    password, ref = pw
    proto = PACE_PROTOCOLS[oid]
    static = _static_key(pid) if proto.mapping == "CAM" else None
    chip = PaceChip(password, ref, oid, pid, cam_private_key=static)
    link = ChipLink(chip)
    res = establish(link, password, ref, oid, pid)
    assert link.apdus == 5
    assert chip.result is not None
    assert (res.ks_enc, res.ks_mac) == (chip.result.ks_enc, chip.result.ks_mac)
    assert len(res.ks_enc) == proto.spec.key_len and res.ks_enc != res.ks_mac
    assert res.mapping == proto.mapping and res.protocol_oid == oid and res.parameter_id == pid
    assert res.chip_ephemeral_public == chip.result.chip_ephemeral_public
    if proto.mapping == "CAM":
        curve = STANDARD_DOMAIN_PARAMETERS[pid]
        pk_ic = ec.encode_point(curve, ec.mul(curve, static, curve.generator))
        assert verify_cam(res, pk_ic) is True
        wrong = ec.encode_point(curve, ec.mul(curve, static + 1, curve.generator))
        assert verify_cam(res, wrong) is False
    else:
        assert res.cam is None


GM = "0.4.0.127.0.7.2.2.4.2.2"  # id-PACE-ECDH-GM-AES-CBC-CMAC-128
DH_GM = "0.4.0.127.0.7.2.2.4.1.2"


def test_wrong_password_is_access_denied_and_chip_answers_6300():
    chip = PaceChip(CAN, 2, GM, 13)
    link = ChipLink(chip)
    with pytest.raises(AccessDenied) as info:
        establish(link, b"654321", 2, GM, 13)
    assert info.value.sw == 0x6300 and info.value.step == "pace-token"
    assert chip.result is None
    # the chip needs a new MSE:Set AT; a fresh run with the right CAN works
    assert establish(link, CAN, 2, GM, 13).ks_enc == chip.result.ks_enc


def test_dh_wrong_password_is_access_denied():
    chip = PaceChip(MRZ, 1, DH_GM, 0)
    with pytest.raises(AccessDenied):
        establish(ChipLink(chip), password_from_mrz("X" * 24), 1, DH_GM, 0)


def test_63cx_reports_tries_left():
    def send(cmd: Command) -> Response:
        if cmd.ins == 0x22:
            return Response(b"", 0x9000)
        if cmd.cla == 0x00:
            return Response(b"", 0x63C2)
        return link(cmd)

    link = ChipLink(PaceChip(CAN, 2, GM, 13))
    link(Command(0, 0x22, 0xC1, 0xA4, build_set_at(GM, 2, 13)))
    with pytest.raises(AccessDenied) as info:
        establish(send, CAN, 2, GM, 13)
    assert info.value.tries_left == 2


class _Tamper:
    """Lets the chip answer, then rewrites one data object of one step's response."""

    def __init__(self, chip: PaceChip, step: int, tag: int, value: bytes):
        self.link, self.step, self.tag, self.value, self.n = ChipLink(chip), step, tag, value, 0

    def __call__(self, cmd: Command) -> Response:
        rsp = self.link(cmd)
        if cmd.ins == 0x86:
            self.n += 1
            if self.n == self.step:
                return Response(build_dynamic_auth((self.tag, self.value)), rsp.sw)
        return rsp


def _curve():
    return STANDARD_DOMAIN_PARAMETERS[13]


@pytest.mark.parametrize("step,tag", [(2, 0x82), (3, 0x84)])
@pytest.mark.parametrize("bad", ["off-curve", "infinity-ish", "short", "generator-twist"])
def test_invalid_chip_point_is_crypto_error(step, tag, bad):
    c = _curve()
    g = c.generator
    values = {
        "off-curve": b"\x04" + ec.fe2os(c, g.x) + ec.fe2os(c, (g.y + 1) % c.p),
        "infinity-ish": b"\x00",
        "short": ec.encode_point(c, g)[:-1],
        "generator-twist": b"\x04" + ec.fe2os(c, 5) + ec.fe2os(c, 7),
    }
    with pytest.raises(CryptoError):
        establish(_Tamper(PaceChip(CAN, 2, GM, 13), step, tag, values[bad]), CAN, 2, GM, 13)


@pytest.mark.parametrize("value", [b"\x01", (0).to_bytes(128, "big"),
                                   (STANDARD_DOMAIN_PARAMETERS[0].p - 1).to_bytes(128, "big"),
                                   (2).to_bytes(128, "big"), b"\x01" * 129])
def test_invalid_dh_value_is_crypto_error(value):
    with pytest.raises(CryptoError):
        establish(_Tamper(PaceChip(CAN, 2, DH_GM, 0), 3, 0x84, value), CAN, 2, DH_GM, 0)


def test_bad_chip_token_is_crypto_error():
    with pytest.raises(CryptoError, match="token"):
        establish(_Tamper(PaceChip(CAN, 2, GM, 13), 4, 0x86, b"\x00" * 8), CAN, 2, GM, 13)


def test_unknown_oid_and_parameter_are_unsupported():
    with pytest.raises(UnsupportedProtocol):
        establish(ChipLink(PaceChip(CAN, 2, GM, 13)), CAN, 2, "0.4.0.127.0.7.2.2.4.6.1", 13)
    with pytest.raises(UnsupportedProtocol):
        establish(ChipLink(PaceChip(CAN, 2, GM, 13)), CAN, 2, GM, 7)
    with pytest.raises(UnsupportedProtocol):  # ECDH OID with a DH group
        establish(ChipLink(PaceChip(CAN, 2, GM, 13)), CAN, 2, GM, 0)
    with pytest.raises(UnsupportedProtocol, match="P-224"):
        PaceChip(CAN, 2, "0.4.0.127.0.7.2.2.4.4.2", 10)
    with pytest.raises(UnsupportedProtocol, match="P-224"):
        establish(ChipLink(PaceChip(CAN, 2, GM, 10)), CAN, 2, "0.4.0.127.0.7.2.2.4.4.2", 10)


def test_chip_refuses_mismatched_mse():
    chip = PaceChip(CAN, 2, GM, 13)
    assert chip.mse_set_at(build_set_at(DH_GM, 2, 13)) == 0x6A80
    assert chip.mse_set_at(build_set_at(GM, 1, 13)) == 0x6A88
    assert chip.mse_set_at(build_set_at(GM, 2, 12)) == 0x6A88
    assert chip.mse_set_at(b"\x80\x01") == 0x6A80
    assert chip.mse_set_at(build_set_at(GM, 2, None)) == 0x9000
    with pytest.raises(UnsupportedProtocol):
        establish(ChipLink(chip), CAN, 1, GM, 13)


def test_chip_is_strict_about_order_and_chaining():
    chip = PaceChip(CAN, 2, GM, 13)
    assert chip.general_authenticate(b"\x7c\x00") == (b"", 0x6985)  # no MSE yet
    assert chip.mse_set_at(build_set_at(GM, 2, 13)) == 0x9000
    assert chip.general_authenticate(b"\x7c\x00", last=True) == (b"", 0x6985)  # must chain
    assert chip.mse_set_at(build_set_at(GM, 2, 13)) == 0x9000
    data, sw = chip.general_authenticate(b"\x7c\x00", last=False)
    assert sw == 0x9000 and data[:3] == b"\x7c\x12\x80"
    # key agreement data where mapping data is due
    c = _curve()
    pk = ec.encode_point(c, c.generator)
    assert chip.general_authenticate(build_dynamic_auth((0x83, pk)), last=False)[1] == 0x6A80
    # the run is over: further steps need a new MSE:Set AT
    assert chip.general_authenticate(build_dynamic_auth((0x81, pk)), last=False)[1] == 0x6985


def test_chip_refuses_invalid_terminal_point():
    chip = PaceChip(CAN, 2, GM, 13)
    chip.mse_set_at(build_set_at(GM, 2, 13))
    chip.general_authenticate(b"\x7c\x00", last=False)
    c = _curve()
    bad = b"\x04" + ec.fe2os(c, 1) + ec.fe2os(c, 1)
    assert chip.general_authenticate(build_dynamic_auth((0x81, bad)), last=False) == (b"", 0x6A80)


def test_cam_chip_accepts_cryptography_key_and_result_matches():
    key = cec.generate_private_key(cec.BrainpoolP256R1())
    oid = "0.4.0.127.0.7.2.2.4.6.2"
    chip = PaceChip(CAN, 2, oid, 13, cam_private_key=key)
    res = establish(ChipLink(chip), CAN, 2, oid, 13)
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    spki = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert verify_cam(res, spki) is True
    other = cec.generate_private_key(cec.BrainpoolP256R1()).public_key()
    assert verify_cam(res, other.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)) is False
    p256 = cec.generate_private_key(cec.SECP256R1()).public_key()
    assert verify_cam(res, p256.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)) is False


def test_verify_cam_is_false_without_cam_data():
    res = establish(ChipLink(PaceChip(CAN, 2, GM, 13)), CAN, 2, GM, 13)
    c = _curve()
    assert res.cam is None and verify_cam(res, ec.encode_point(c, c.generator)) is False


def test_cam_chip_refuses_a_static_key_on_another_curve():
    with pytest.raises(ValueError, match="brainpoolP256r1"):
        PaceChip(CAN, 2, "0.4.0.127.0.7.2.2.4.6.2", 13,
                 cam_private_key=cec.generate_private_key(cec.SECP256R1()))
    with pytest.raises(ValueError, match="static private key"):
        PaceChip(CAN, 2, "0.4.0.127.0.7.2.2.4.6.2", 13)


def test_mse_warning_63cx_is_reported_and_63c0_is_blocked():
    link = ChipLink(PaceChip(CAN, 2, GM, 13))

    def warn(sw):
        def send(cmd: Command) -> Response:
            rsp = link(cmd)
            return Response(rsp.data, sw) if cmd.ins == 0x22 else rsp
        return send

    assert establish(warn(0x63C2), CAN, 2, GM, 13).tries_left == 2
    assert establish(warn(0x9000), CAN, 2, GM, 13).tries_left is None
    with pytest.raises(AccessDenied) as info:
        establish(warn(0x63C0), CAN, 2, GM, 13)
    assert info.value.tries_left == 0 and info.value.step == "pace-mse"
