"""Thresholds from target FMRs: the packaged data, the proposal rule, and a labelled folder."""

from __future__ import annotations

import json
import os

import pytest

from kiosk.face.calibrate import calibrate_folder
from kiosk.face.calibration import load_calibration, propose_threshold
from kiosk.face.errors import CalibrationError
from tests.kiosk.face.conftest import BIDEN, OBAMA


def test_packaged_calibration_records_its_data_and_chosen_point():
    cal = load_calibration()
    doc = cal.document
    assert [(p.target_fmr, p.value, p.verified) for p in cal.points] == [(0.001, 0.6, False)]
    conds = doc["data"]["conditions"]
    assert sorted(conds) == ["chip_jp2_15kb", "chip_jpeg_q50", "photo"]
    for c in conds.values():
        assert len(c["genuine"]) == 10 and len(c["impostor"]) == 10
        assert max(c["genuine"]) < 0.6 < min(c["impostor"])
    assert doc["data"]["proposal_at_target"]["impostors_needed"] == 3000
    assert doc["data"]["proposal_at_target"]["supported"] is False


def test_threshold_for_picks_the_strictest_listed_point_within_the_target():
    cal = load_calibration()
    assert cal.threshold_for(0.01).value == 0.6
    with pytest.raises(CalibrationError, match="no calibrated operating point"):
        cal.threshold_for(0.0001)


def test_malformed_calibration_file_is_a_calibration_error(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"operating_points": [{"threshold": 0.6}]}))
    with pytest.raises(CalibrationError):
        load_calibration(bad)


def test_proposal_with_enough_impostors_sits_below_the_allowed_false_matches():
    impostor = [0.5 + i / 1000 for i in range(1000)]  # 0.500 .. 0.999
    genuine = [0.3, 0.45, 0.52, 0.7]
    p = propose_threshold(genuine, impostor, target_fmr=0.01)
    # 10 false matches allowed: just below the 11th smallest impostor (0.510).
    assert (p.threshold, p.supported, p.impostors_needed) == (0.509, True, 300)
    assert p.empirical_fmr == 0.01
    assert p.empirical_fnmr == 0.5


def test_proposal_with_too_few_impostors_is_capped_at_the_reference():
    p = propose_threshold([0.3], [0.81, 0.85, 0.9], target_fmr=0.001)
    assert (p.threshold, p.supported, p.impostor_count) == (0.6, False, 3)
    assert "at least 3000" in p.note


def test_calibrate_folder_of_labelled_photos(tmp_path, faces_dir):
    for person, files in (("a", OBAMA[:3]), ("b", (BIDEN,))):
        (tmp_path / person).mkdir()
        for f in files:
            os.symlink(faces_dir / f, tmp_path / person / f)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "broken.jpg").write_bytes(b"nothing")
    r = calibrate_folder(tmp_path, 0.001)
    assert (r.people, r.photos_used, r.photos_skipped) == (2, 4, {"unreadable": 1})
    assert (r.genuine.count, r.impostor.count) == (3, 3)
    assert r.genuine.max < 0.5 and r.impostor.min > 0.75
    assert (r.proposal.threshold, r.proposal.supported) == (0.6, False)


def test_calibrate_folder_needs_two_people(tmp_path, faces_dir):
    (tmp_path / "a").mkdir()
    os.symlink(faces_dir / BIDEN, tmp_path / "a" / "x.jpg")
    with pytest.raises(CalibrationError, match="at least 2 are needed"):
        calibrate_folder(tmp_path, 0.001)


def test_threshold_is_an_alias_of_threshold_for():
    cal = load_calibration()
    assert cal.threshold(0.001) == cal.threshold_for(0.001)
