"""Face fixtures: the models load once per session; real photos from tests/data/faces."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.face import synthetic as synth
from kiosk.face.analysis import FaceAnalyzer, FaceGeometry
from kiosk.face.frames import Frame

OBAMA = ("obama.jpg", "obama2.jpg", "obama3.jpg", "obama_partial_face.jpg",
         "obama_partial_face2.jpg")
BIDEN = "biden.jpg"


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path, monkeypatch):
    """Commands that read the settings (kiosk face verify, threshold) read defaults here, never
    the settings file of whoever runs the tests."""
    empty = tmp_path / "empty-kiosk.toml"  # every default ($KIOSK_CONFIG must name a file)
    empty.touch()
    monkeypatch.setenv("KIOSK_CONFIG", str(empty))


@pytest.fixture(scope="session")
def analyzer() -> FaceAnalyzer:
    an = FaceAnalyzer()
    _ = an.models
    return an


@pytest.fixture(scope="session")
def photos(faces_dir: Path) -> dict[str, np.ndarray]:
    out = {}
    for name in (*OBAMA, BIDEN):
        img = cv2.imread(str(faces_dir / name))
        assert img is not None, name
        out[name] = img
    return out


@pytest.fixture(scope="session")
def photo_faces(analyzer: FaceAnalyzer, photos) -> dict[str, FaceGeometry]:
    """The single face of each photo (found by our own detector at photo resolution)."""
    out = {}
    for name, img in photos.items():
        a = analyzer.analyze(Frame(img, 0.0, 0), embed="never")
        assert a.face is not None, name
        out[name] = a.face
    return out


@pytest.fixture(scope="session")
def webcam_frames(photos, photo_faces) -> dict[str, np.ndarray]:
    return {n: synth.webcam_frame(img, photo_faces[n].box) for n, img in photos.items()}


@pytest.fixture(scope="session")
def chip_portraits(photos, photo_faces) -> dict[str, np.ndarray]:
    return {n: synth.chip_portrait(img, photo_faces[n].box) for n, img in photos.items()}


@pytest.fixture(scope="session")
def frame_embeddings(analyzer: FaceAnalyzer, webcam_frames) -> dict[str, np.ndarray]:
    """Camera-side embeddings: each photo as a 640x480 webcam frame that passes every gate."""
    out = {}
    for name, img in webcam_frames.items():
        a = analyzer.analyze(Frame(img, 0.0, 0), embed="if_good")
        assert a.quality.ok, (name, a.quality.reasons)
        out[name] = a.embedding
    return out
