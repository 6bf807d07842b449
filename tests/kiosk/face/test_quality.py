"""Quality gates on real frames: each failure names its reason, a good frame passes."""

from __future__ import annotations

import cv2
import numpy as np

from kiosk.face.frames import Frame
from kiosk.face.quality import REASONS, QualityReport


def _analyze(analyzer, img) -> QualityReport:
    return analyzer.analyze(Frame(img, 0.0, 0), embed="never").quality


def test_good_webcam_frame_passes_every_gate(analyzer, webcam_frames):
    q = _analyze(analyzer, webcam_frames["obama.jpg"])
    assert q.ok
    assert q.reasons == ()
    assert [c.gate for c in q.checks] == ["face_found", "one_face", "face_size", "sharpness",
                                          "brightness", "contrast", "pose"]
    assert 0.3 < q.value("face_size") < 0.45


def test_noise_image_has_no_face(analyzer):
    rng = np.random.default_rng(5)
    noise = rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)
    q = _analyze(analyzer, noise)
    assert q.reasons[0] == "no_face"
    assert q.value("face_found") == 0.0


def test_blank_image_has_no_face_and_low_contrast(analyzer):
    blank = np.full((480, 640, 3), 128, np.uint8)
    q = _analyze(analyzer, blank)
    assert q.reasons == ("no_face", "blurry", "low_contrast")


def test_two_photos_side_by_side_give_multiple_faces(analyzer, webcam_frames):
    a = cv2.resize(webcam_frames["obama.jpg"], (320, 240))
    b = cv2.resize(webcam_frames["biden.jpg"], (320, 240))
    side = np.vstack([np.hstack([a, b]), np.zeros((240, 640, 3), np.uint8) + 100])
    q = _analyze(analyzer, side)
    assert q.value("face_found") == 2.0
    assert q.reasons[0] == "multiple_faces"


def test_dark_frame_is_too_dark(analyzer, webcam_frames):
    dark = (webcam_frames["obama.jpg"].astype(np.float32) * 0.15).astype(np.uint8)
    q = _analyze(analyzer, dark)
    assert "too_dark" in q.reasons
    assert q.value("brightness") < 30


def test_overexposed_frame_is_too_bright(analyzer, webcam_frames):
    bright = cv2.convertScaleAbs(webcam_frames["obama.jpg"], alpha=1.0, beta=150)
    q = _analyze(analyzer, bright)
    assert "too_bright" in q.reasons


def test_blurred_frame_is_blurry(analyzer, webcam_frames):
    blurred = cv2.GaussianBlur(webcam_frames["obama.jpg"], (0, 0), 6)
    q = _analyze(analyzer, blurred)
    assert "blurry" in q.reasons
    assert q.value("sharpness") < 30


def test_small_face_is_too_small(analyzer, webcam_frames):
    canvas = np.full((960, 1280, 3), 110, np.uint8)
    canvas[240:480, 320:640] = cv2.resize(webcam_frames["obama.jpg"], (320, 240))
    small = cv2.resize(canvas, (1280, 960))
    q = _analyze(analyzer, small)
    assert q.reasons[0] == "face_too_small"


def test_every_reason_has_vietnamese_and_english_text():
    for code, (vi, en) in REASONS.items():
        assert vi and en and vi != en, code
