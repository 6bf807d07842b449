"""The face commands end to end, through kiosk.cli.main, on files made from real photos."""

from __future__ import annotations

import json
import os
from pathlib import Path

import cv2
import pytest

from kiosk.cli import main
from kiosk.face.calibration import load_calibration
from kiosk.face.frames import Frame
from kiosk.face.report_text import calibration_lines
from kiosk.face.synthetic import jpeg_bytes, turn_face, write_avi
from tests.kiosk.face.conftest import BIDEN, OBAMA


@pytest.fixture(scope="module")
def files(tmp_path_factory, analyzer, chip_portraits, webcam_frames):
    d = tmp_path_factory.mktemp("cli")
    (d / "chip.jpg").write_bytes(jpeg_bytes(chip_portraits["obama2.jpg"], 50))
    (d / "biden_chip.jpg").write_bytes(jpeg_bytes(chip_portraits[BIDEN], 50))
    frame = webcam_frames["obama.jpg"]
    face = analyzer.analyze(Frame(frame, 0.0, 0), embed="never").face
    thetas = [0, 0, 5, 10, 15, 20, 20, 15, 10, 5, 0, -5, -10, -15, -20, -20]
    write_avi(d / "turn.avi", [turn_face(frame, face.box, face.landmarks, t) for t in thetas])
    folder = d / "frames"
    folder.mkdir()
    for i in range(3):
        cv2.imwrite(str(folder / f"{i}.png"), webcam_frames["obama3.jpg"])
    return d


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_verify_json_on_a_turning_video_is_a_verified_match(files, capsys):
    rc = main(["face", "verify", str(files / "chip.jpg"), str(files / "turn.avi"), "--json"])
    doc = _json(capsys)
    assert rc == 0
    assert (doc["kind"], doc["version"], doc["verified"]) == ("face.verify", 1, True)
    r = doc["result"]
    assert (r["decision"], r["threshold"], r["target_fmr"], r["frames_used"]) == (
        "match", 0.6, 0.001, 3)
    assert r["distance"] < 0.6 and r["liveness"]["passed"] is True
    assert doc["portrait"] == {"source_size": [240, 320], "scale": 2.0,
                               "levels_stretched": False}
    assert set(r["quality"][0]) == {"frame_index", "timestamp", "ok", "reasons", "yaw_deg",
                                    "distance"}


def test_verify_impostor_portrait_is_no_match_exit_1(files, capsys):
    rc = main(["face", "verify", str(files / "biden_chip.jpg"), str(files / "turn.avi"),
               "--no-liveness"])
    out = capsys.readouterr().out
    assert rc == 1
    assert out.splitlines()[0] == "decision   no_match"
    assert "verified   no" in out


def test_verify_on_a_folder_of_identical_images_fails_liveness(files, capsys):
    rc = main(["face", "verify", str(files / "chip.jpg"), str(files / "frames"), "--json"])
    doc = _json(capsys)
    assert rc == 1
    assert doc["result"]["decision"] == "match"
    assert doc["result"]["liveness"]["reason"] == "incomplete"  # 3 frames, no turn


def test_verify_reports_a_rejected_portrait_and_a_missing_camera(files, tmp_path, capsys):
    blank = tmp_path / "blank.jpg"
    cv2.imwrite(str(blank), 128 + 0 * cv2.imread(str(files / "frames" / "0.png")))
    assert main(["face", "verify", str(blank), "0", "--json"]) == 2
    assert _json(capsys)["code"] == "portrait_no_face"
    assert main(["face", "verify", str(files / "chip.jpg"), "61"]) == 2
    assert "error (camera_unavailable): camera 61" in capsys.readouterr().err
    # a portrait path that is a folder: the path as typed (it showed only its last part)
    assert main(["face", "verify", str(tmp_path), "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"kiosk: error (face_error): cannot read portrait file {tmp_path}: Is a directory. "
        "Check the path.")


def test_calibrate_json(tmp_path, faces_dir, capsys):
    for person, names in (("p1", OBAMA[:2]), ("p2", (BIDEN,))):
        (tmp_path / person).mkdir()
        for n in names:
            os.symlink(faces_dir / n, tmp_path / person / n)
    assert main(["face", "calibrate", str(tmp_path), "--target-fmr", "0.01", "--json"]) == 0
    doc = _json(capsys)
    assert doc["kind"] == "face.calibrate"
    assert (doc["people"], doc["photos_used"], doc["genuine"]["count"],
            doc["impostor"]["count"]) == (2, 3, 1, 2)
    assert doc["proposal"]["threshold"] == 0.6 and doc["proposal"]["impostors_needed"] == 300
    assert [p["target_fmr"] for p in doc["operating_points"]] == [0.01]
    assert doc["dataset"]["name"] == "folder" and doc["protocol"] == "all_pairs"


EMBEDDINGS = Path(__file__).parent / "data" / "calibration-embeddings.npz"


def test_calibrate_from_the_committed_embeddings_prints_the_shipped_measurement(capsys):
    shipped = load_calibration().document["measurement"]
    assert main(["face", "calibrate", "--embeddings", str(EMBEDDINGS), "--json"]) == 0
    doc = _json(capsys)
    assert (doc.pop("kind"), doc.pop("version")) == ("face.calibrate", 1)
    assert doc == shipped
    assert main(["face", "calibrate", "--embeddings", str(EMBEDDINGS)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text == calibration_lines(shipped)
    row = next(r for r in shipped["det"] if r["threshold"] == 0.8)
    line = next(x for x in text if x.startswith("0.8 "))
    assert line.split()[:4] == ["0.8", f"{row['fmr']['errors']}/{row['fmr']['comparisons']}",
                                "=", str(row["fmr"]["rate"])]


def test_calibrate_writes_a_calibration_file_that_loads(tmp_path, capsys):
    out = tmp_path / "calibration.json"
    assert main(["face", "calibrate", "--embeddings", str(EMBEDDINGS), "--target-fmr", "0.01",
                 "--write-calibration", str(out)]) == 0
    cal = load_calibration(out)
    assert [(p.target_fmr, p.value, p.verified) for p in cal.points] == [(0.01, 0.6, False)]
    assert cal.document["produced_by"] == (f"kiosk face calibrate --embeddings {EMBEDDINGS} "
                                           "--target-fmr 0.01")


@pytest.mark.parametrize("argv", [[], ["DIR", "--set", "tests"],
                                  ["--embeddings", "x.npz", "--augment"],
                                  ["--set", "tests", "--target-fmr", "2"]])
def test_calibrate_refuses_bad_arguments(argv, capsys):
    assert main(["face", "calibrate", *argv]) == 2
    assert capsys.readouterr().err.startswith("kiosk: error")


def test_calibrate_an_unfetched_set_says_how_to_fetch_it(tmp_path, capsys):
    assert main(["face", "calibrate", "--set", "face_recognition-1.3.0", "--cache",
                 str(tmp_path), "--json"]) == 2
    doc = _json(capsys)
    assert doc["code"] == "calibration_error"
    assert "kiosk face fetch face_recognition-1.3.0" in doc["advice"]


def test_fetch_lists_the_sets_with_their_licences(capsys):
    assert main(["face", "fetch", "--list", "--json"]) == 0
    sets = {s["name"]: s for s in _json(capsys)["sets"]}
    assert (sets["tests"]["captures"], sets["tests"]["fetched"]) == (4, False)
    assert "public domain" in sets["face_recognition-1.3.0"]["licence"]


def test_threshold_shows_the_value_in_force_and_its_source(tmp_path, capsys):
    assert main(["face", "threshold", "--json"]) == 0
    doc = _json(capsys)
    assert (doc["in_force"]["threshold"]["value"], doc["in_force"]["source"],
            doc["in_force"]["setting"]) == (0.6, "calibration", "face.target_fmr")
    assert doc["measurement"] == load_calibration().document["measurement"]
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[face]\nthreshold = 0.55\n")
    assert main(["face", "threshold", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "threshold  0.55 from face.threshold (config); NOT verified for target FMR 0.001"
    assert out[1] == ("measured   FMR 0.0 of 142 impostor comparisons, FNMR 0.005208 of 192 "
                      "genuine comparisons (shipped calibration data)")
    assert calibration_lines(load_calibration().document["measurement"])[-1] == out[-1]


def test_verify_honours_face_threshold_and_the_threshold_flag(files, tmp_path, capsys):
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[face]\nthreshold = 0.2\n")
    args = ["face", "verify", str(files / "chip.jpg"), str(files / "frames"), "--no-liveness"]
    assert main([*args, "--json"]) == 0            # defaults: the calibrated 0.6
    assert _json(capsys)["threshold_setting"] == "face.target_fmr"
    assert main([*args, "--config", str(cfg), "--json"]) == 1
    doc = _json(capsys)
    assert (doc["result"]["decision"], doc["result"]["threshold"], doc["threshold_source"],
            doc["threshold_setting"]) == ("no_match", 0.2, "config", "face.threshold")
    assert main([*args, "--config", str(cfg), "--threshold", "0.7"]) == 0
    out = capsys.readouterr().out
    assert "threshold  0.7 from --threshold (command_line)" in out and "decision   match" in out
    assert main([*args, "--config", str(cfg), "--target-fmr", "0.001", "--json"]) == 0
    assert _json(capsys)["threshold_setting"] == "--target-fmr"
    assert main([*args, "--threshold", "-1"]) == 2
