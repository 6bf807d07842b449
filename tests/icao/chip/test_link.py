"""The ISO/IEC 14443-4 link model and the chip's compute times, with the arithmetic written
out (icao.chip.link)."""

from __future__ import annotations

import pytest

from icao.chip import ChipOptions, ChipTransport, EmulatedChip, LinkModel
from icao.chip.link import FC, ComputeModel, Exchange, Totals
from icao.reader import read
from tests.icao.chip.support import can_key, make_chip

FDT = 1172 / FC


@pytest.mark.parametrize("kbps,divisor", [(106, 128), (212, 64), (424, 32), (848, 16)])
def test_bit_rates_are_the_fc_divisors_of_iso14443_2(kbps, divisor):
    assert LinkModel(kbps=kbps).etu_s == divisor / FC


def test_a_speed_off_the_table_is_a_plain_bit_rate():
    assert LinkModel(kbps=100).etu_s == pytest.approx(1e-5)


def test_one_short_exchange_is_one_frame_each_way():
    link = LinkModel(kbps=106)
    etu = 128 / FC
    ex = link.exchange(12, 2)
    # I-block: SOF 12 etu, (PCB + 12 + CRC 2) x 10 etu, EOF 10 etu; then the FDT
    expected = ((12 + 150 + 10) + (12 + 50 + 10)) * etu + 2 * FDT
    assert ex == Exchange(pytest.approx(expected), 0.0, 2, 0)


def test_long_apdus_are_chained_with_an_r_ack_per_block_but_the_last():
    link = LinkModel(kbps=424, fsc=256, fsd=256)
    etu = 32 / FC
    ex = link.exchange(300, 1000)
    # command: 253 + 47 bytes of INF (256 - PCB - CRC); response 253, 253, 253, 241
    blocks = [253, 47, 253, 253, 253, 241]
    acks = 1 + 3
    expected = sum((12 + (n + 3) * 10 + 10) * etu + FDT for n in blocks) \
        + acks * ((12 + 3 * 10 + 10) * etu + FDT)
    assert ex.frames == len(blocks) + acks == 10
    assert ex.air_s == pytest.approx(expected)


def test_a_cid_and_smaller_frames_cost_more_blocks():
    small = LinkModel(kbps=106, fsc=64, fsd=64, cid=True)
    # INF per block: 64 - PCB - CID - CRC = 60; 300 bytes = 5 blocks and 4 R(ACK)
    assert small.exchange(10, 300).frames == 1 + 5 + 4
    assert small.exchange(10, 300).air_s > LinkModel(kbps=106).exchange(10, 300).air_s


def test_compute_longer_than_fwt_asks_for_time_with_s_wtx_round_trips():
    link = LinkModel(kbps=106, fwi=8)
    fwt = 256 * 16 / FC * 2 ** 8
    assert link.fwt_s == pytest.approx(0.0773, abs=1e-4)
    ex = link.exchange(20, 30, compute_s=0.3)
    assert ex.wtx == 3 == int(0.3 // fwt)  # ceil(0.3 / 77.3 ms) - 1
    no_wait = link.exchange(20, 30)
    etu = 128 / FC
    wtx_frame = (12 + 4 * 10 + 10) * etu + FDT  # PCB + WTXM + CRC
    assert ex.air_s == pytest.approx(no_wait.air_s + 3 * 2 * wtx_frame)
    assert ex.frames == no_wait.frames + 6 and ex.seconds == ex.air_s + 0.3


@pytest.mark.parametrize("kwargs,message", [({"kbps": 0}, "positive"),
                                            ({"kbps": 106, "fsc": 100}, "fsc"),
                                            ({"kbps": 106, "fwi": 15}, "FWI")])
def test_bad_link_parameters_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LinkModel(**kwargs)


def test_compute_model_per_operation_and_scale():
    model = ComputeModel()
    assert [model.seconds(op) for op in ("pace-mapping", "pace-key-agreement", "ca",
                                         "aa-rsa1024", "aa-rsa2048", "aa-ecdsa", None)] == \
        pytest.approx([0.3, 0.3, 0.15, 0.03, 0.125, 0.148, 0.0])
    assert ComputeModel(ecdh_ms=100, scale=2).seconds("ca") == pytest.approx(0.2)
    with pytest.raises(ValueError):
        ComputeModel(ecdh_ms=-1)


def test_a_full_read_is_charged_air_per_apdu_and_compute_per_operation():
    slept: list[float] = []
    link = LinkModel(kbps=424)
    chip = EmulatedChip(ChipOptions(link=link), files=make_chip().files, sleep=slept.append)
    transport = ChipTransport(chip, log=[])
    doc = read(transport, can_key(chip))
    assert doc.active_auth.status == "passed"
    t = chip.timing
    assert t.apdus == doc.apdu_count == len(transport.log)
    assert t.compute_s == pytest.approx(0.3 + 0.3 + 0.15 + 0.03)  # PACE, CA, AA RSA-1024
    assert t.wtx == 3 + 3 + 1  # 300 ms twice (3 WTX each), 150 ms once (1)
    wtx_air = t.wtx * 2 * ((12 + 4 * 10 + 10) * 32 / FC + FDT)
    assert t.air_s == pytest.approx(sum(link.exchange(len(c), len(r)).air_s
                                        for c, r in transport.log) + wtx_air)
    assert sum(slept) <= t.air_s + t.compute_s


def test_totals_add_and_copy():
    totals = Totals()
    totals.add(Exchange(0.5, 0.25, 3, 1))
    snapshot = totals.copy()
    totals.add(Exchange(0.5, 0.0, 2))
    assert (snapshot.apdus, snapshot.air_s, snapshot.compute_s) == (1, 0.5, 0.25)
    assert (totals.apdus, totals.frames, totals.wtx) == (2, 5, 1)
