"""The face station honours the threshold in force: the same person at the demo camera is
accepted at the calibrated threshold and refused when face.threshold is set below the
distance (a verdict computed is a verdict acted on). Real models, a real analysis process."""

from __future__ import annotations

import threading

import pytest

from kiosk.config import CameraSettings, FaceSettings
from kiosk.face.station import FaceStation
from kiosk.face.synthetic import jpeg_bytes


@pytest.fixture(scope="module")
def station(chip_portraits, webcam_frames):
    st = FaceStation(CameraSettings(), FaceSettings(), demo=True)
    st.demo_image = jpeg_bytes(webcam_frames["obama3.jpg"], 90)
    yield st
    st.close()


def _check(station, portrait: bytes):
    prompts: list[str] = []
    outcome = station.check(portrait, prompts.append, threading.Event())
    return outcome, prompts


def test_calibrated_threshold_accepts_then_face_threshold_refuses_the_same_person(
        station, chip_portraits):
    portrait = jpeg_bytes(chip_portraits["obama.jpg"], 50)
    ok, prompts = _check(station, portrait)
    assert (ok.accepted, ok.match.decision, ok.match.threshold, ok.liveness) == (
        True, "match", 0.6, "skipped_demo")
    assert station.threshold_in_force().setting == "face.target_fmr"
    assert 0.2 < ok.match.distance < 0.6 and prompts[-1] == "ok"

    station.face = FaceSettings(threshold=0.2)
    assert (station.threshold_in_force().value, station.threshold_in_force().setting) == (
        0.2, "face.threshold")
    refused, prompts = _check(station, portrait)
    assert (refused.accepted, refused.match.decision, refused.match.threshold,
            refused.reason) == (False, "no_match", 0.2, "no_match")
    assert refused.match.threshold_verified is False and prompts[-1] == "failed"
