"""The face commands end to end, through kiosk.cli.main, on files made from real photos."""

from __future__ import annotations

import json
import os

import cv2
import pytest

from kiosk.cli import main
from kiosk.face.frames import Frame
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
