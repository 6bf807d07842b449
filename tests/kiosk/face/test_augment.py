"""Identity-preserving variants (kiosk.face.augment): what each makes, reproducibly, and that
the kiosk's own gates decide which camera variants are used (kiosk.face.samples)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from kiosk.face.augment import VARIANTS, rng_for, variant_names
from kiosk.face.imageio import decode_image
from kiosk.face.samples import embed_variants


def test_variants_are_chip_portraits_and_webcam_frames(photos, photo_faces):
    img, box = photos["obama3.jpg"], photo_faces["obama3.jpg"].box
    made = {v.name: v.make(img, box, rng_for("obama/obama3.jpg")) for v in VARIANTS}
    assert variant_names() == tuple(made)
    for v in VARIANTS:
        if v.side == "portrait":
            assert isinstance(made[v.name], bytes)
            assert decode_image(made[v.name]).shape == (320, 240, 3)
        else:
            assert made[v.name].shape == (480, 640, 3)
    assert len(made["chip_jp2_15kb"]) <= 16000
    assert made["webcam_dim"].mean() < 0.7 * made["webcam"].mean()
    assert np.array_equal(made["webcam_mirror"], made["webcam"][:, ::-1])


def test_noise_is_seeded_by_the_photo(photos, photo_faces):
    img, box = photos["obama3.jpg"], photo_faces["obama3.jpg"].box
    noise = next(v for v in VARIANTS if v.name == "webcam_noise")
    a = noise.make(img, box, rng_for("obama/obama3.jpg"))
    assert np.array_equal(a, noise.make(img, box, rng_for("obama/obama3.jpg")))
    assert not np.array_equal(a, noise.make(img, box, rng_for("obama/obama.jpg")))


def test_camera_variants_that_fail_a_gate_are_counted_not_used(analyzer, photos, photo_faces):
    skipped: Counter[str] = Counter()
    got = embed_variants(analyzer, "obama/obama3.jpg", photos["obama3.jpg"],
                    photo_faces["obama3.jpg"].box, skipped)
    names = [n for n, _s, _e in got]
    assert set(names) | {k.split(":")[0] for k in skipped} == set(variant_names())
    assert len(names) + sum(skipped.values()) == len(VARIANTS)
    assert all(e.shape == (128,) for _n, _s, e in got)
