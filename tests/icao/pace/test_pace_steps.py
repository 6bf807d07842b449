"""PACE's terminal side step by step (issue 13: one function per protocol step, named after
it, each building its command with icao.iso7816), against the chip side (icao.pace.PaceChip)
through real APDU encoding both ways."""

from __future__ import annotations

from icao.apdu import Command, Response
from icao.pace import PaceChip, pace_protocol
from icao.pace.mapping import starting_domain
from icao.pace.terminal import (
    get_encrypted_nonce,
    map_nonce,
    mse_set_at,
    mutual_authentication,
    perform_key_agreement,
)
from tests.icao.pace.pace_support import ChipLink

GM = "0.4.0.127.0.7.2.2.4.2.2"  # id-PACE-ECDH-GM-AES-CBC-CMAC-128


def test_each_step_sends_its_own_command_and_the_run_opens_a_session():
    chip = PaceChip(b"123456", 2, GM, 13)
    link = ChipLink(chip)
    sent: list[Command] = []

    def send(cmd: Command) -> Response:
        sent.append(cmd)
        return link(cmd)

    proto = pace_protocol(GM)
    assert mse_set_at(send, GM, 2, 13) is None
    nonce = get_encrypted_nonce(send, proto.spec, b"123456")
    mapped = map_nonce(send, proto, starting_domain(proto, 13, None), nonce, lambda n: b"\x11" * n)
    keys = perform_key_agreement(send, mapped.domain, proto.spec, lambda n: b"\x22" * n)
    objs = mutual_authentication(send, proto, mapped, keys)
    assert 0x86 in objs
    headers = [(c.cla, c.ins, c.p1, c.p2) for c in sent]
    assert headers == [(0x00, 0x22, 0xC1, 0xA4), (0x10, 0x86, 0, 0), (0x10, 0x86, 0, 0),
                       (0x10, 0x86, 0, 0), (0x00, 0x86, 0, 0)]
    assert sent[1].data == b"\x7c\x00" and sent[1].le == 0  # the nonce step asks with an empty 7C
    assert chip.result is not None and chip.result.ks_mac == keys.ks_mac
