"""Adaptive reading and resumption: extended length, 6700, 6Cxx, B1 offsets, lost cards."""

from __future__ import annotations

import pytest

from icao.chip import Faults, Person
from icao.chip.card import EmulatedChip
from icao.chip.options import ChipOptions
from icao.crypto import CipherKind
from icao.errors import CardRemoved, IcaoError
from icao.reader import DEFAULT_FILES, ReadOptions, read
from icao.sm import MAX_SHORT_PLAIN
from tests.icao.chip.support import can_key, chip_file, make_chip, mrz_key, read_binaries, transport

NO_AUTH = ReadOptions(chip_auth=False, active_auth=False)


def _dg2_reads(log) -> list[bytes]:
    """READ BINARYs of DG2: from its SFI read (P1 = 82) to the next file's first read."""
    reads = read_binaries(log)
    start = next(i for i, c in enumerate(reads) if c[2] == 0x82)
    out = [reads[start]]
    for c in reads[start + 1:]:
        if c[2] & 0x80:
            break
        out.append(c)
    return out


def test_extended_length_reads_dg2_in_at_most_three_read_binaries():
    chip = make_chip()
    t = transport(chip)
    doc = read(t, can_key(chip))
    assert doc.files["DG2"] == chip_file(chip, "DG2") and len(doc.files["DG2"]) > 20000
    assert len(_dg2_reads(t.log)) <= 3
    assert doc.read_size == 65536


def test_chip_without_extended_length_answers_bare_6700_and_the_ssc_stays_in_sync():
    chip = make_chip(ext_length=False, quirks={"keeps-sm-on-error"})  # the lenient chip
    t = transport(chip)
    doc = read(t, can_key(chip))
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    bare = [r for _, r in t.log if r == b"\x67\x00"]
    assert len(bare) == 1  # learnt once, remembered for the session
    assert doc.read_size <= MAX_SHORT_PLAIN[CipherKind.AES]
    assert doc.warnings == () and doc.reconnects == 0
    assert doc.chip_auth.status == "passed"


def test_plain_6700_fault_on_extended_reads_is_handled_like_no_extended_length():
    chip = make_chip(faults=Faults(plain_6700_ext=True))
    doc = read(transport(chip), can_key(chip), options=NO_AUTH)
    assert doc.files["DG2"] == chip_file(chip, "DG2") and doc.reconnects == 0


def test_max_le_160_answers_6cxx_and_the_reader_uses_exactly_160():
    chip = make_chip(max_le=160)
    t = transport(chip)
    doc = read(t, can_key(chip), options=NO_AUTH)
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    assert doc.read_size == 160
    six_c = [r for _, r in t.log if r[-2:] == b"\x6c\xa0"]
    assert len(six_c) == 1  # learnt once (reading EF.CardAccess), remembered for the session
    later = _dg2_reads(t.log)[1:]
    assert later and all(b"\x97\x01\xa0" in c for c in later[:-1])  # last one: the rest
    assert doc.warnings == ()


def test_max_le_1024_steps_down_the_ladder_to_1024():
    chip = make_chip(max_le=1024)
    t = transport(chip)
    doc = read(t, can_key(chip), options=NO_AUTH)
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    assert doc.read_size == 1024


def test_reader_told_not_to_use_extended_length_never_sends_it():
    chip = make_chip()
    t = transport(chip)
    doc = read(t, can_key(chip), options=ReadOptions(extended=False, chip_auth=False,
                                                     active_auth=False))
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    assert not any(len(c) > 5 and c[4] == 0 for c in read_binaries(t.log))  # no extended Lc


@pytest.mark.parametrize("ext,max_le", [(True, 1024), (False, None)])
def test_files_larger_than_32767_bytes_use_odd_read_binary(ext, max_le):
    big = Person.from_mapping({}, portrait=bytes(range(256)) * 160)  # 40 KB "JPEG"
    chip = EmulatedChip(ChipOptions(ext_length=ext, max_le=max_le), big)
    t = transport(chip)
    doc = read(t, can_key(chip), files=("DG2",), options=NO_AUTH)
    assert doc.files["DG2"] == chip.files.emrtd["DG2"] and len(doc.files["DG2"]) > 40000
    reads = read_binaries(t.log)
    odd = [c for c in reads if c[1] == 0xB1]
    even_offsets = [(c[2] << 8) | c[3] for c in reads if c[1] == 0xB0 and not c[2] & 0x80]
    assert odd and max(even_offsets) <= 0x7FFF


def test_whole_40_kb_file_in_two_reads_with_extended_length():
    big = Person.from_mapping({}, portrait=bytes(range(256)) * 160)
    chip = EmulatedChip(ChipOptions(), big)
    t = transport(chip)
    doc = read(t, can_key(chip), files=("DG2",), options=NO_AUTH)
    assert doc.files["DG2"] == chip.files.emrtd["DG2"]
    # EF.ATR/INFO, EF.CardAccess, then DG2's header and the rest
    assert len(read_binaries(t.log)) == 2 + 2


def test_bac_3des_session_with_short_reads_is_byte_exact():
    chip = make_chip(access="bac", ext_length=False)
    doc = read(transport(chip), mrz_key(chip), options=NO_AUTH)
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    assert doc.read_size <= MAX_SHORT_PLAIN[CipherKind.TDES]


def test_corrupted_response_mac_restarts_the_session_and_finishes():
    chip = make_chip(faults=Faults(corrupt_mac_at=12))
    doc = read(transport(chip), can_key(chip))
    assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES)
    assert doc.reconnects == 1
    assert any("SecureMessagingError" in w for w in doc.warnings)


def test_a_card_that_keeps_falling_off_ends_in_card_removed():
    chip = make_chip(faults=Faults(drop_every=4))
    with pytest.raises(CardRemoved) as info:
        read(transport(chip), can_key(chip))
    assert "reader" in info.value.advice


def _reference(kind: str):
    chip = make_chip(access="bac") if kind == "bac" else make_chip()
    key = mrz_key(chip) if kind == "bac" else can_key(chip)
    t = transport(chip)
    doc = read(t, key)
    return chip, key, doc, t.sent


@pytest.mark.parametrize("kind", ["pace", "bac"])
def test_card_pulled_at_every_apdu_index_resumes_or_fails_cleanly(kind):
    chip, key, reference, total = _reference(kind)
    resumed = 0
    for index in range(total):
        chip.power_on()
        t = transport(chip, fail_at={index})
        try:
            doc = read(t, key)
        except IcaoError:
            continue  # a clean, typed error is acceptable
        resumed += 1
        assert doc.files == reference.files, index
        assert doc.reconnects == 1 and t.reconnects == 1
        assert doc.chip_auth.status == "passed" and doc.active_auth.status == "passed", index
    assert resumed == total  # with reconnect available, every pull is survived


def test_resumed_read_continues_at_the_offset_reached():
    chip = make_chip(ext_length=False)
    t = transport(chip)
    read(t, can_key(chip), options=NO_AUTH)
    reads = read_binaries(t.log)
    # pull the card in the middle of DG2 (the 10th short read of it)
    dg2_first = next(i for i, c in enumerate(reads) if c[2] == 0x82)
    index = [i for i, (c, _) in enumerate(t.log) if c is reads[dg2_first + 10]][0]
    chip.power_on()
    t2 = transport(chip, fail_at={index})
    doc = read(t2, can_key(chip), options=NO_AUTH)
    assert doc.files["DG2"] == chip_file(chip, "DG2")
    # after the resume the next DG2 read (by FID, then B0) continues, not restarts at 0
    after = t2.log[index:]
    offsets = [(c[2] << 8 | c[3]) for c, _ in after if c[1] == 0xB0 and not c[2] & 0x80]
    assert offsets and offsets[0] > 0
