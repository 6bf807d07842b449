"""Model loading: only the two public-domain files, once; a missing file says what to do."""

from __future__ import annotations

import pytest

from kiosk.face import models
from kiosk.face.errors import ModelUnavailable


def test_only_the_public_domain_models_are_loaded(analyzer):
    m = analyzer.models
    assert m.landmarks_path.name == "shape_predictor_5_face_landmarks.dat"
    assert m.embedder_path.name == "dlib_face_recognition_resnet_model_v1.dat"
    assert "68" not in m.landmarks_path.name and "68" not in m.embedder_path.name
    assert models.get_models() is models.get_models()


def test_missing_model_file_is_an_actionable_error(tmp_path):
    with pytest.raises(ModelUnavailable) as err:
        models.load_models(tmp_path)
    assert err.value.code == "model_unavailable"
    assert "shape_predictor_5_face_landmarks.dat is missing" in err.value.message
    assert "never downloads" in err.value.advice


def test_models_dir_can_be_overridden_by_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(models.MODELS_DIR_ENV, str(tmp_path))
    assert models.model_dir() == tmp_path
    with pytest.raises(ModelUnavailable):
        models.load_models()


def test_reprs_hold_no_biometric_data(analyzer, webcam_frames):
    from kiosk.face.frames import Frame

    a = analyzer.analyze(Frame(webcam_frames["obama.jpg"], 0.0, 0), embed="if_good")
    assert a.embedding is not None and a.embedding.shape == (128,)
    text = repr(a)
    assert "embedding" not in text and "landmarks" not in text and "array" not in text
    assert "image" not in repr(Frame(webcam_frames["obama.jpg"], 0.0, 0))
