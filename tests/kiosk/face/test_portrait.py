"""The chip portrait: decoded, upscaled and refused for a clear reason when unusable."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.face.errors import PortraitRejected
from kiosk.face.portrait import load_portrait
from kiosk.face.synthetic import jp2_bytes, jpeg_bytes


def test_small_jpeg_portrait_is_upscaled_and_embedded(analyzer, chip_portraits):
    data = jpeg_bytes(chip_portraits["obama.jpg"], 50)
    p = load_portrait(data, analyzer)
    assert p.source_size == (240, 320)
    assert p.scale == 2.0
    assert p.embedding.shape == (128,)
    assert abs(p.face.yaw_deg) < 15
    assert "embedding" not in repr(p)


def test_jpeg2000_portrait_of_about_15_kb_decodes(analyzer, chip_portraits):
    data = jp2_bytes(chip_portraits["obama.jpg"], 15000)
    assert data[:12] == b"\x00\x00\x00\x0cjP  \r\n\x87\n"  # JP2 signature box
    assert 13000 <= len(data) <= 15500
    assert load_portrait(data, analyzer).source_size == (240, 320)


def test_washed_out_portrait_gets_its_levels_stretched(analyzer, chip_portraits):
    faded = (chip_portraits["obama.jpg"].astype(np.float32) * 0.4 + 120).astype(np.uint8)
    assert load_portrait(faded, analyzer).levels_stretched is True


def test_portrait_without_a_face_is_refused(analyzer):
    rng = np.random.default_rng(1)
    noise = rng.integers(0, 256, (320, 240, 3), dtype=np.uint8)
    with pytest.raises(PortraitRejected) as err:
        load_portrait(jpeg_bytes(noise, 50), analyzer)
    assert err.value.code == "portrait_no_face"
    assert "compare the citizen with the portrait by eye" in err.value.advice


def test_portrait_with_two_faces_is_refused(analyzer, chip_portraits):
    both = np.hstack([chip_portraits["obama.jpg"], chip_portraits["biden.jpg"]])
    with pytest.raises(PortraitRejected) as err:
        load_portrait(cv2.resize(both, (480, 320)), analyzer)
    assert err.value.code == "portrait_many_faces"
    assert err.value.message == "the chip portrait shows 2 faces."


def test_undecodable_portrait_bytes_are_refused(analyzer):
    with pytest.raises(PortraitRejected) as err:
        load_portrait(b"\xff\xd8\xff\xe0 truncated", analyzer)
    assert err.value.code == "portrait_unreadable"


def test_tiny_grey_portrait_still_separates_genuine_from_impostor(analyzer, chip_portraits,
                                                                  frame_embeddings):
    """120x160 grey JPEG q50, smaller than most DG2 images: upscaled 4x, it still matches."""
    from kiosk.face.analysis import distance

    grey = cv2.cvtColor(cv2.resize(chip_portraits["obama.jpg"], (120, 160),
                                   interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY)
    p = load_portrait(jpeg_bytes(grey, 50), analyzer)
    assert (p.source_size, p.scale) == ((120, 160), 4.0)
    genuine = [distance(p.embedding, frame_embeddings[n])
               for n in ("obama2.jpg", "obama3.jpg", "obama_partial_face2.jpg")]
    assert max(genuine) < 0.6
    assert distance(p.embedding, frame_embeddings["biden.jpg"]) > 0.7
