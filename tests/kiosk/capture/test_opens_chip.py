"""The access key from a QR or an OCR'd MRZ opens the emulated chip (in process)."""

from __future__ import annotations

import numpy as np

from icao import mrz
from icao.chip import ChipOptions, ChipTransport, EmulatedChip, Person
from icao.reader import read
from kiosk.capture import synth
from kiosk.capture.qr import read_qr


def _qr_payload(p: Person) -> str:
    r = p.record
    return "|".join([r["id_number"], r["old_id_number"], r["full_name"],
                     r["date_of_birth"].replace("/", ""), r["sex"], r["residence"],
                     r["date_of_issue"].replace("/", "")])


def test_qr_can_opens_the_chip_with_pace():
    chip = EmulatedChip(ChipOptions(profile="vn-cccd", access="pace"))
    rng = np.random.default_rng(21)
    frame = synth.camera_view(synth.render_qr_card(_qr_payload(chip.person), rng), "mild", rng,
                              frame=(800, 600), fill=0.85)
    capture = read_qr(frame)
    doc = read(ChipTransport(chip), capture.access_key(), files=("DG1",))
    assert doc.access.protocol == "PACE"
    assert mrz.parse(doc.files["DG1"][5:].decode("ascii")).id_number == capture.id_number
    assert capture.confirmed_by_chip(chip.person.id_number).verified


def test_ocr_mrz_opens_the_chip_with_bac(mrz_reader):
    chip = EmulatedChip(ChipOptions(profile="vn-cccd", access="bac"))
    rng = np.random.default_rng(22)
    frame = synth.camera_view(synth.render_card_back(chip.files.mrz, rng), "mild", rng)
    capture = mrz_reader.read(frame, thorough=False)
    doc = read(ChipTransport(chip), capture.access_key(), files=("DG1",))
    assert doc.access.protocol == "BAC"
    assert capture.id_number == chip.person.id_number
