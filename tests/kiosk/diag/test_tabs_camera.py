"""Technician tabs as text, and the camera check on real image files."""

from __future__ import annotations

import json

import cv2
import pytest

from kiosk.cli import main
from kiosk.config import CameraSettings, Config, KioskSettings, StoreSettings
from kiosk.diag import TABS, report_text
from kiosk.diag.camera import check_camera
from kiosk.face.camera import ImageSource


def test_camera_check_on_a_portrait_passes_every_gate_and_snapshot_is_opt_in(
        faces_dir, tmp_path):
    with ImageSource(faces_dir / "obama.jpg", repeat=6) as source:
        report = check_camera(source, frames=6)
    assert (report.width, report.height, report.frames) == (910, 1137, 6)
    assert report.face_found_in == 5 and report.passed is True
    assert report.face_fraction == pytest.approx(report.face_width_px / 910, abs=1e-3)
    assert {g.gate: g.passed for g in report.gates} == {
        "face_found": True, "one_face": True, "face_size": True, "sharpness": True,
        "brightness": True, "contrast": True, "pose": True}
    assert report.snapshot is None and not list(tmp_path.iterdir())

    snap = tmp_path / "snap.png"
    code = main(["diag", "camera", "--source", str(faces_dir / "obama_partial_face.jpg"),
                 "--frames", "3", "--snapshot", str(snap), "--json"])
    assert snap.is_file() and cv2.imread(str(snap)).shape[:2] == cv2.imread(
        str(faces_dir / "obama_partial_face.jpg")).shape[:2]
    assert code in (0, 1)


def test_camera_cli_json_and_exit_status_follow_the_gates(faces_dir, capsys):
    code = main(["diag", "camera", "--source", str(faces_dir / "biden.jpg"), "--frames", "2",
                 "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "diag.camera" and doc["frames"] == 2
    assert code == (0 if doc["passed"] else 1)
    assert all(set(g) == {"gate", "passed", "value", "reason", "message"} for g in doc["gates"])


def test_every_tab_renders_from_a_config(pcscd, faces_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_TRUST_DIR", str(tmp_path / "trust"))
    config = Config(kiosk=KioskSettings(training_mode=True),
                    camera=CameraSettings(source=str(faces_dir / "obama.jpg")),
                    store=StoreSettings(url=f"sqlite:///{tmp_path / 'k.sqlite3'}",
                                        key_file=str(tmp_path / "store.key")))
    texts = {tab: report_text(tab, config) for tab in TABS}
    assert "Virtual PCD 00 00: virtual, no card" in texts["readers"]
    assert "read settings: extended length: try" in texts["readers"]
    assert "PASS: the camera is ready" in texts["camera"]
    assert "Certificates (0):" in texts["trust"]
    assert "[ OK ] pcscd" in texts["health"]
    assert "[ OK ] database       reachable (sqlite) (0 pending, 0 failed)" in texts["health"]
    assert "[reader]" in texts["settings"] and "max_read = 65536" in texts["settings"]
    assert report_text("bogus", config).startswith("Unknown tab 'bogus'")


def test_a_frame_without_a_face_fails_and_says_where_to_stand(tmp_path):
    import numpy as np

    blank = tmp_path / "wall.png"
    cv2.imwrite(str(blank), np.full((480, 640, 3), 128, dtype=np.uint8))
    with ImageSource(blank, repeat=3) as source:
        report = check_camera(source, frames=3)
    assert report.passed is False and report.face_found_in == 0
    assert report.face_width_px is None
    fails = [(i.name, i.reason) for i in report.items if i.status == "fail"]
    assert fails[0][0] == "face" and "stand at the citizen's place" in fails[0][1]
    assert [n for n, _ in fails] == ["face", "sharpness", "contrast"]  # a flat grey wall
