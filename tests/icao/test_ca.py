"""Chip Authentication v1: terminal (icao.ca.authenticate) against chip (icao.ca.CaChip)
through real secure messaging (icao.sm reader side, icao.chip.smcard card side), for ECDH and
DH with 3DES and AES; a clone without the private key fails; real DG14s decode and drive the
right commands."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec as cec
from hypothesis import given, settings
from hypothesis import strategies as st

from icao import ec, tlv
from icao.apdu import Command, Response, parse_command
from icao.ca import CaChip, CaResult, authenticate, ca_protocol
from icao.chip.smcard import CardSecureMessaging, SmViolation
from icao.crypto import AES128, AES256, TDES
from icao.ecparams import BRAINPOOL_P256R1, STANDARD_DOMAIN_PARAMETERS, parse_public_key_info
from icao.errors import SecureMessagingError, UnsupportedProtocol
from icao.lds.security_infos import parse_security_infos
from icao.sm import SecureMessaging

PACE_KEYS = (AES128, bytes(range(16)), bytes(range(16, 32)))


class SmChipLink:
    """The reader's SM session on one side, the card's SM and a CaChip on the other."""

    def __init__(self, chip: CaChip, spec=PACE_KEYS[0], ks_enc=PACE_KEYS[1], ks_mac=PACE_KEYS[2]):
        self.chip = chip
        self.term = SecureMessaging(spec, ks_enc, ks_mac)
        self.card = CardSecureMessaging(spec, ks_enc, ks_mac, 0)
        self.sent: list[Command] = []

    def __call__(self, cmd: Command) -> Response:
        self.sent.append(cmd)
        try:
            plain = self.card.unwrap(parse_command(self.term.protect(cmd)))
        except SmViolation:
            return self.term.unprotect(b"\x69\x88")  # card ends the session, plain 6988
        data, sw = b"", 0x9000
        if plain.ins == 0x22 and (plain.p1, plain.p2) == (0x41, 0xA6):
            sw = self.chip.mse_set_kat(plain.data)
        elif plain.ins == 0x22 and (plain.p1, plain.p2) == (0x41, 0xA4):
            sw = self.chip.mse_set_at(plain.data)
        elif plain.ins == 0x86:
            data, sw = self.chip.general_authenticate(plain.data)
        elif plain.ins == 0xB0:
            data = b"\x60\x03\x5f\x01\x00"  # something to read under the new keys
        raw = self.card.wrap(plain.ins, data, sw)
        return self.term.unprotect(raw)

    def restart(self, terminal: CaResult) -> None:
        """Both sides restart SM with SSC 0: the terminal with its keys, the card with its own."""
        self.term = SecureMessaging(terminal.spec, terminal.ks_enc, terminal.ks_mac)
        card = self.chip.result
        assert card is not None
        self.card = CardSecureMessaging(card.spec, card.ks_enc, card.ks_mac, 0)


class _Info:
    def __init__(self, protocol_oid, key_id=None):
        self.protocol_oid, self.key_id = protocol_oid, key_id


def _ec_chip(oid: str, key_id=None) -> CaChip:
    return CaChip(cec.generate_private_key(cec.BrainpoolP256R1()), oid, key_id=key_id)


CASES = [
    ("0.4.0.127.0.7.2.2.3.2.1", "ecdh-3des"),
    ("0.4.0.127.0.7.2.2.3.2.2", "ecdh-aes128"),
    ("0.4.0.127.0.7.2.2.3.2.4", "ecdh-aes256"),
    ("0.4.0.127.0.7.2.2.3.1.1", "dh-3des"),
    ("0.4.0.127.0.7.2.2.3.1.3", "dh-aes192"),
]


def _chip_for(oid: str, key_id=None) -> CaChip:
    if ".3.1." in oid:
        grp = STANDARD_DOMAIN_PARAMETERS[0]
        return CaChip(0x1F2E3D4C5B6A79880123456789 % grp.q, oid, key_id=key_id,
                      domain_parameters=grp)
    return _ec_chip(oid, key_id=key_id)


@pytest.mark.parametrize("oid", [c[0] for c in CASES], ids=[c[1] for c in CASES])
def test_terminal_and_chip_agree_and_sm_restarts(oid):
    chip = _chip_for(oid, key_id=7)
    link = SmChipLink(chip)
    res = authenticate(link, _Info(oid, 7), chip.public_key_info())
    assert chip.result is not None
    assert (res.ks_enc, res.ks_mac) == (chip.result.ks_enc, chip.result.ks_mac)
    assert res.spec == ca_protocol(oid)[1] and res.protocol_oid == oid
    if res.spec == TDES:
        assert [(c.ins, c.p1, c.p2) for c in link.sent] == [(0x22, 0x41, 0xA6)]
        assert tlv.decode_all(link.sent[0].data)[1].value == b"\x07"
    else:
        assert [(c.ins, c.p1, c.p2) for c in link.sent] == [(0x22, 0x41, 0xA4), (0x86, 0, 0)]
    link.restart(res)
    assert link(Command(0x00, 0xB0, 0x00, 0x00, le=5)).data == b"\x60\x03\x5f\x01\x00"


def test_clone_without_the_private_key_fails_at_the_next_command():
    oid = "0.4.0.127.0.7.2.2.3.2.2"
    genuine = _ec_chip(oid)
    clone = _ec_chip(oid)  # right DG14 (genuine's key), different chip key
    link = SmChipLink(clone)
    res = authenticate(link, _Info(oid), genuine.public_key_info())
    link.restart(res)
    with pytest.raises(SecureMessagingError) as info:
        link(Command(0x00, 0xB0, 0x00, 0x00, le=5))
    assert info.value.sw == 0x6988


def test_ca_info_absent_implies_3des():
    chip = _ec_chip("0.4.0.127.0.7.2.2.3.2.1")
    link = SmChipLink(chip)
    res = authenticate(link, None, chip.public_key_info())
    assert res.spec == TDES and res.protocol_oid == "0.4.0.127.0.7.2.2.3.2.1"


def test_chip_refuses_wrong_key_id_and_invalid_point():
    oid = "0.4.0.127.0.7.2.2.3.2.2"
    chip = _ec_chip(oid, key_id=1)
    assert chip.mse_set_at(tlv.encode(0x80, bytes.fromhex("04007F00070202030202")) + b"\x84\x01\x02") == 0x6A88
    assert chip.general_authenticate(b"\x7c\x00") == (b"", 0x6985)
    assert chip.mse_set_at(tlv.encode(0x80, bytes.fromhex("04007F00070202030202"))) == 0x9000
    c = BRAINPOOL_P256R1
    bad = b"\x04" + ec.fe2os(c, 3) + ec.fe2os(c, 4)
    assert chip.general_authenticate(tlv.encode(0x7C, tlv.encode(0x80, bad))) == (b"", 0x6A80)
    assert chip.result is None
    assert chip.mse_set_kat(tlv.encode(0x91, bad)) == 0x6985  # AES chip: no Set KAT


def test_protocol_and_key_type_must_match():
    with pytest.raises(UnsupportedProtocol):
        ca_protocol("0.4.0.127.0.7.2.2.3.2.9")
    chip = _ec_chip("0.4.0.127.0.7.2.2.3.2.2")
    with pytest.raises(UnsupportedProtocol):
        authenticate(SmChipLink(chip), _Info("0.4.0.127.0.7.2.2.3.1.2"), chip.public_key_info())


class _Recorder:
    def __init__(self):
        self.sent: list[Command] = []

    def __call__(self, cmd: Command) -> Response:
        self.sent.append(cmd)
        return Response(b"\x7c\x00" if cmd.ins == 0x86 else b"", 0x9000)


def test_german_dg14_drives_aes_ca_with_key_reference(load_vector):
    infos = parse_security_infos(load_vector("lds/gmrtd_real_documents_sod/DE/DG14.bin"))
    (ca_info,), (pk_info,) = infos.ca_infos, infos.ca_public_keys
    rec = _Recorder()
    res = authenticate(rec, ca_info, pk_info)
    assert res.spec == AES128
    mse, ga = rec.sent
    assert (mse.ins, mse.p1, mse.p2) == (0x22, 0x41, 0xA4)
    assert mse.data == bytes.fromhex("800A04007F00070202030202") + b"\x84\x01\xc3"  # key ID 195
    curve, _ = parse_public_key_info(pk_info.spki)  # explicit parameters = brainpoolP256r1
    assert curve is BRAINPOOL_P256R1
    eph = tlv.decode(ga.data).require(0x80).value
    assert ec.decode_point(curve, eph) and eph == res.terminal_ephemeral_public


@pytest.mark.parametrize("doc,expected", [
    ("lds/gmrtd_real_documents_sod/FI/DG14.bin", ("brainpoolP384r1", AES256)),
    ("lds/gmrtd_real_documents_sod/MY/DG14.bin", ("brainpoolP256r1", TDES)),
    ("lds/bsi_tr03105_5_reference_dataset/DG14.bin", ("brainpoolP224r1", TDES)),
])
def test_real_dg14s_decode_to_a_usable_ca(load_vector, doc, expected):
    infos = parse_security_infos(load_vector(doc))
    rec = _Recorder()
    res = authenticate(rec, infos.ca_infos[0], infos.ca_public_keys[0])
    curve, _ = parse_public_key_info(infos.ca_public_keys[0].spki)
    assert (curve.name, res.spec) == expected


@pytest.mark.parametrize("curve", [cec.SECP256R1(), cec.SECP384R1(), cec.BrainpoolP384R1()],
                         ids=lambda c: c.name)
def test_cryptography_keys_on_other_curves(curve):
    oid = "0.4.0.127.0.7.2.2.3.2.2"
    chip = CaChip(cec.generate_private_key(curve), oid)
    link = SmChipLink(chip)
    res = authenticate(link, _Info(oid), chip.public_key_info())
    link.restart(res)
    assert link(Command(0x00, 0xB0, 0x00, 0x00, le=5)).sw == 0x9000


@pytest.mark.filterwarnings("ignore:Diffie-Hellman over finite fields")
def test_cryptography_dh_key_on_a_standard_group():
    from cryptography.hazmat.primitives.asymmetric import dh

    grp = STANDARD_DOMAIN_PARAMETERS[0]
    key = dh.DHParameterNumbers(grp.p, grp.g, grp.q).parameters().generate_private_key()
    oid = "0.4.0.127.0.7.2.2.3.1.2"
    chip = CaChip(key, oid)
    params, pub = parse_public_key_info(chip.public_key_info())
    assert params is grp and int.from_bytes(pub, "big") == key.public_key().public_numbers().y
    link = SmChipLink(chip)
    res = authenticate(link, _Info(oid), chip.public_key_info())
    link.restart(res)
    assert link(Command(0x00, 0xB0, 0x00, 0x00, le=5)).sw == 0x9000


_FUZZ_CHIPS = {oid: _chip_for(oid) for oid in ("0.4.0.127.0.7.2.2.3.2.1", "0.4.0.127.0.7.2.2.3.2.2")}


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(["kat", "at", "ga"]), data=st.binary(max_size=90),
       oid=st.sampled_from(sorted(_FUZZ_CHIPS)))
def test_ca_chip_answers_any_input_with_a_status_word(kind, data, oid):
    chip = _FUZZ_CHIPS[oid]
    if kind == "kat":
        sw = chip.mse_set_kat(data)
    elif kind == "at":
        sw = chip.mse_set_at(data)
    else:
        chip.mse_set_at(tlv.encode(0x80, bytes.fromhex("04007F00070202030202")))
        _, sw = chip.general_authenticate(data)
    assert sw in (0x9000, 0x6985, 0x6A80, 0x6A88)
    assert sw != 0x9000 or chip.result is not None or kind == "at"
