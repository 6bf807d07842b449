"""The shipped calibration (kiosk/face/calibration.json): where it came from, that its table is
consistent, that its thresholds meet their targets on the data they came from, and that it is
reproduced exactly from the committed embeddings. Plus the proposal rule and labelled folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.cli.output import to_jsonable
from kiosk.face.calibrate import calibrate_folder, calibrate_samples, pair_samples
from kiosk.face.calibration import calibration_document, load_calibration, propose_threshold
from kiosk.face.errors import CalibrationError
from kiosk.face.samples import load_samples
from tests.kiosk.face.conftest import BIDEN, OBAMA

EMBEDDINGS = Path(__file__).parent / "data" / "calibration-embeddings.npz"


@pytest.fixture(scope="module")
def shipped():
    return load_calibration()


@pytest.fixture(scope="module")
def measurement(shipped):
    return shipped.document["measurement"]


def test_shipped_calibration_records_its_source_licence_and_sizes(shipped, measurement):
    doc = shipped.document
    assert doc["schema"] == 2
    assert doc["produced_by"] == "kiosk face calibrate --set tests --augment"
    ds = measurement["dataset"]
    assert (ds["name"], ds["identities"], ds["images"], ds["captures"]) == ("tests", 2, 6, 4)
    assert "public domain" in ds["licence"] and "face_recognition 1.3.0" in ds["version"]
    assert len(ds["augmentation"]) == 9
    ind = measurement["independence"]
    assert (ind["genuine_capture_pairs"], ind["impostor_capture_pairs"],
            ind["impostor_identity_pairs"]) == (3, 3, 1)
    assert (ind["genuine_comparisons"], ind["impostor_comparisons"]) == (192, 142)
    need = measurement["fmr_0_001"]
    assert (need["impostor_pairs_needed"], need["impostor_pairs_needed_exact"],
            need["impostor_capture_pairs"], need["shown"]) == (3000, 2995, 3, False)


def test_operating_points_come_from_the_measurement(shipped, measurement):
    assert [(p.target_fmr, p.value, p.verified) for p in shipped.points] == [
        (0.001, 0.6, False), (0.01, 0.6, False)]
    for listed, measured in zip(shipped.document["operating_points"],
                                measurement["operating_points"], strict=True):
        assert listed["threshold"] == measured["threshold"]
        assert listed["verified"] is measured["supported"]
        assert listed["fmr_ci95"] == measured["at_threshold"]["fmr"]["ci95"]
        assert "NOT a shown FMR" in listed["basis"]


def test_det_table_is_monotone_and_agrees_with_the_scores(measurement):
    det = measurement["det"]
    thresholds = [r["threshold"] for r in det]
    assert thresholds == sorted(thresholds) and 0.6 in thresholds
    for key, direction in (("fmr", 1), ("fnmr", -1)):
        errors = [r[key]["errors"] for r in det]
        units = [r[key]["unit_errors"] for r in det]
        assert errors == sorted(errors, reverse=direction < 0)
        assert units == sorted(units, reverse=direction < 0)
    g, i = measurement["genuine_scores"], measurement["impostor_scores"]
    for r in det:
        assert r["fmr"]["errors"] == sum(d <= r["threshold"] for d in i)
        assert r["fnmr"]["errors"] == sum(d > r["threshold"] for d in g)
        assert r["fmr"]["comparisons"] == len(i) and r["fnmr"]["comparisons"] == len(g)


def test_each_threshold_meets_its_target_on_the_data_it_came_from(measurement):
    i = measurement["impostor_scores"]
    for p in measurement["operating_points"]:
        for t in (p["threshold"], p["raw_threshold"]):
            assert sum(d <= t for d in i) / len(i) <= p["target_fmr"]
        # the data alone would allow a looser threshold; it is capped, not shown
        assert p["raw_threshold"] > p["threshold"] == 0.6 and p["supported"] is False


def test_shipped_measurement_is_reproduced_from_the_committed_embeddings(measurement):
    report = calibrate_samples(load_samples(EMBEDDINGS), 0.001, targets=(0.01,))
    assert json.loads(json.dumps(to_jsonable(report))) == measurement


def test_pairs_never_join_two_files_of_one_capture():
    sset = load_samples(EMBEDDINGS)
    scores, protocol = pair_samples(sset)
    assert protocol == "portrait_vs_camera"
    captures = {u for pair in (*scores.genuine_units, *scores.impostor_units) for u in pair}
    assert captures == {"obama-portrait-2012", "obama-rostrum", "obama-arms-crossed", "biden"}
    assert all(a != b for a, b in (*scores.genuine_units, *scores.impostor_units))


def test_calibration_document_lists_one_point_per_target(measurement):
    doc = calibration_document(measurement, "test")
    assert [p["target_fmr"] for p in doc["operating_points"]] == [0.001, 0.01]
    assert doc["measurement"] is measurement and doc["produced_by"] == "test"


def test_measured_rates_at_any_threshold(shipped):
    r = shipped.rates_at(0.55)
    assert (r.fmr, r.fnmr, r.impostor_comparisons, r.genuine_comparisons) == (
        0.0, 0.005208, 142, 192)
    assert shipped.rates_at(0.8).fmr == 0.15493


def test_threshold_for_picks_the_strictest_listed_point_within_the_target(shipped):
    assert shipped.threshold_for(0.05).target_fmr == 0.01
    assert shipped.threshold_for(0.001).target_fmr == 0.001
    assert shipped.threshold(0.001) == shipped.threshold_for(0.001)
    with pytest.raises(CalibrationError, match="no calibrated operating point"):
        shipped.threshold_for(0.0001)


def test_malformed_calibration_file_is_a_calibration_error(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"operating_points": [{"threshold": 0.6}]}))
    with pytest.raises(CalibrationError):
        load_calibration(bad)


def test_proposal_with_enough_impostors_sits_below_the_allowed_false_matches():
    impostor = [0.5 + i / 1000 for i in range(1000)]  # 0.500 .. 0.999
    genuine = [0.3, 0.45, 0.52, 0.7]
    p = propose_threshold(genuine, impostor, target_fmr=0.01)
    # 10 false matches allowed: just below the 11th smallest (0.510).
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
    assert (r.dataset.name, r.dataset.licence, r.protocol) == ("folder", "the operator's",
                                                               "all_pairs")
    assert r.independence.impostor_capture_pairs == 3


def test_calibrate_folder_needs_two_people(tmp_path, faces_dir):
    (tmp_path / "a").mkdir()
    os.symlink(faces_dir / BIDEN, tmp_path / "a" / "x.jpg")
    with pytest.raises(CalibrationError, match="at least 2 are needed"):
        calibrate_folder(tmp_path, 0.001)
