"""The threshold in force and where it came from (kiosk.face.threshold): the precedence of
command-line flags, face.threshold and face.target_fmr, and the staff panel's score scale."""

from __future__ import annotations

import pytest

from kiosk.config import FaceSettings
from kiosk.face.calibration import load_calibration
from kiosk.face.errors import CalibrationError
from kiosk.face.threshold import score_scale, threshold_in_force


def test_defaults_take_the_calibrated_point_for_the_default_target():
    t = threshold_in_force(FaceSettings())
    assert (t.value, t.source, t.setting) == (0.6, "calibration", "face.target_fmr")
    assert t.threshold == load_calibration().threshold_for(0.001)
    assert (t.measured.fmr, t.measured.fnmr) == (0.0, 0.0)
    assert threshold_in_force(None).threshold == t.threshold


def test_target_fmr_setting_picks_its_listed_point():
    t = threshold_in_force(FaceSettings(target_fmr=0.05))
    assert (t.threshold.target_fmr, t.setting) == (0.01, "face.target_fmr")


def test_explicit_face_threshold_wins_and_says_what_was_measured_there():
    t = threshold_in_force(FaceSettings(threshold=0.55))
    assert (t.value, t.source, t.setting, t.threshold.verified) == (
        0.55, "config", "face.threshold", False)
    assert (t.measured.fmr, t.measured.fnmr) == (0.0, 0.005208)
    assert t.threshold.basis == ("explicit face.threshold = 0.55, not a calibrated operating "
                                 "point; on the shipped measurement: FMR 0.0, FNMR 0.005208")


def test_command_line_flags_come_before_the_settings():
    cfg = FaceSettings(threshold=0.55)
    t = threshold_in_force(cfg, threshold=0.4)
    assert (t.value, t.source, t.setting) == (0.4, "command_line", "--threshold")
    t = threshold_in_force(cfg, target_fmr=0.01)
    assert (t.value, t.source, t.setting) == (0.6, "calibration", "--target-fmr")
    assert threshold_in_force(cfg, threshold=0.4, target_fmr=0.01).value == 0.4


def test_a_target_stricter_than_any_calibrated_point_is_refused():
    with pytest.raises(CalibrationError, match="no calibrated operating point"):
        threshold_in_force(FaceSettings(target_fmr=0.0001))


def test_score_scale_marks_the_threshold_and_the_distance():
    t = threshold_in_force(FaceSettings())
    s = score_scale(0.3, t)
    assert (s.top, s.threshold, s.threshold_position) == (1.2, 0.6, 0.5)
    assert (s.distance_position, s.matched, s.source, s.setting) == (
        0.25, True, "calibration", "face.target_fmr")
    far = score_scale(1.5, t)
    assert (far.distance_position, far.matched) == (1.0, False)
    assert score_scale(None, t).matched is None
    wide = score_scale(0.5, threshold_in_force(FaceSettings(threshold=2.0)))
    assert (wide.top, wide.threshold_position, wide.matched) == (2.5, 0.8, True)
