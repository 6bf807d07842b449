"""kiosk/capture/synth.py: reproducible images, real OCR-B font, valid fictional MRZs."""

from __future__ import annotations

import numpy as np

from icao.mrz import parse
from kiosk.capture import synth


def test_same_seed_same_image():
    a, b = synth.mrz_sample("hard", 5), synth.mrz_sample("hard", 5)
    assert np.array_equal(a.image, b.image) and a.payload == b.payload
    assert not np.array_equal(a.image, synth.mrz_sample("hard", 6).image)
    assert a.image.shape == (720, 1280, 3)


def test_ocr_b_font_is_the_debian_one():
    path = synth.ocr_b_font_path()
    assert path.is_file() and "ocr" in path.name.lower()


def test_citizens_have_valid_vietnamese_mrz():
    for seed in range(20):
        c = synth.citizen(np.random.default_rng(seed))
        m = parse(c.mrz)
        assert m.id_number == c.id_number and m.document_number == c.id_number[-9:]
        assert c.birth < c.issue < c.expiry
