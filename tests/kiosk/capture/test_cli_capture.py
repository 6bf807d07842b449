"""The capture commands: masked human output, complete JSON, typed failures."""

from __future__ import annotations

import json

import cv2
import numpy as np

from kiosk.capture import synth
from kiosk.cli import main


def test_capture_qr_json_and_masked_text(tmp_path, capsys):
    s = synth.qr_sample("mild", 5, "cccd-7")
    path = tmp_path / "qr.png"
    cv2.imwrite(str(path), s.image)
    assert main(["capture", "qr", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["kind"], doc["ok"], doc["verified"]) == ("capture.qr", True, False)
    assert (doc["can"], doc["id_number"]) == (s.citizen.id_number[-6:], s.citizen.id_number)
    assert doc["fields"]["full_name"] == s.citizen.full_name
    assert doc["fields"]["birth_date"] == s.citizen.birth.isoformat()
    assert main(["capture", "qr", str(path)]) == 0
    text = capsys.readouterr().out
    assert "from QR, not verified" in text
    for secret in (s.citizen.id_number, s.citizen.id_number[-6:], s.citizen.full_name):
        assert secret not in text
    assert main(["capture", "qr", str(path), "--show-personal"]) == 0
    assert s.citizen.full_name in capsys.readouterr().out


def test_capture_qr_failures(tmp_path, capsys):
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((300, 300, 3), 200, np.uint8))
    assert main(["capture", "qr", str(blank), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert (doc["ok"], doc["error"]) == (False, "QrNotFound")
    assert main(["capture", "qr", str(tmp_path / "missing.png")]) == 2
    assert "cannot read an image" in capsys.readouterr().err


def test_capture_mrz_json(tmp_path, capsys, mrz_reader):
    s = synth.mrz_sample("clean", 2)
    path = tmp_path / "back.jpg"
    cv2.imwrite(str(path), s.image)
    assert main(["capture", "mrz", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    c = s.citizen
    assert (doc["kind"], doc["format"], doc["document_number"], doc["birth_date"],
            doc["expiry_date"], doc["id_number"]) == (
        "capture.mrz", "TD1", c.id_number[-9:], c.birth.strftime("%y%m%d"),
        c.expiry.strftime("%y%m%d"), c.id_number)
    assert all(doc["checks"].values())


def test_bench_capture_qr_json(capsys):
    assert main(["bench", "capture", "--kind", "qr", "--n", "2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "bench.capture"
    assert [(r["kind"], r["level"], r["images"], r["correct"], r["wrong_valid"])
            for r in doc["results"]] == [("qr", lv, 2, 2, 0) for lv in synth.LEVELS]
