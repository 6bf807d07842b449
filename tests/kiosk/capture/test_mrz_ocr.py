"""kiosk/capture/mrz_ocr.py on rendered OCR-B card backs (few images: OCR is ~1 s each)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from icao.mrz_check import check_digit
from kiosk.capture import MrzNotFound, synth
from kiosk.capture.mrz_ocr import hint_for


@pytest.mark.parametrize("level", synth.LEVELS)
def test_rendered_card_back_gives_the_exact_key(mrz_reader, level):
    s = synth.mrz_sample(level, 0)
    cap = mrz_reader.read(s.image, thorough=False)
    c = s.citizen
    assert (cap.document_number, cap.birth_date, cap.expiry_date) == (
        c.id_number[-9:], c.birth.strftime("%y%m%d"), c.expiry.strftime("%y%m%d"))
    assert (cap.id_number, cap.can, cap.format) == (c.id_number, c.id_number[-6:], "TD1")
    assert all(cap.checks.values()) and cap.mrz.names == ("", "")
    assert cap.access_key().mrz_information() == cap.mrz.mrz_information
    for secret in (c.id_number, cap.birth_date, c.surname):
        assert secret not in repr(cap)


def test_card_held_upside_down(mrz_reader):
    rng = np.random.default_rng(31)
    c = synth.citizen(rng)
    card = cv2.rotate(synth.render_card_back(c.mrz, rng), cv2.ROTATE_180)
    cap = mrz_reader.read(synth.camera_view(card, "mild", rng), thorough=False)
    assert (cap.id_number, cap.birth_date) == (c.id_number, c.birth.strftime("%y%m%d"))


def test_printed_wrong_check_digit_is_rejected_not_fixed(mrz_reader):
    rng = np.random.default_rng(77)
    c = synth.citizen(rng)
    l1, l2, l3 = c.mrz.splitlines()
    bad_cd = str((int(l2[6]) + 3) % 10)
    l2 = l2[:6] + bad_cd + l2[7:29]
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])  # only the birth check fails
    frame = synth.camera_view(synth.render_card_back("\n".join((l1, l2, l3)), rng), "clean", rng)
    attempt = mrz_reader.attempt(frame)
    assert attempt.capture is None and attempt.lines_found >= 2
    assert hint_for(attempt) == "hold_still"
    with pytest.raises(MrzNotFound):
        mrz_reader.read(frame, thorough=False)


def test_small_card_asks_to_move_closer_and_blank_asks_for_the_back(mrz_reader):
    rng = np.random.default_rng(1)
    c = synth.citizen(rng)
    small = synth.camera_view(synth.render_card_back(c.mrz, rng), "clean", rng, fill=0.2)
    assert hint_for(mrz_reader.attempt(small)) == "move_closer"
    blank = np.full((720, 1280, 3), 128, np.uint8)
    assert hint_for(mrz_reader.attempt(blank)) == "show_back"
