"""`diag health`: every item with its reason; non-zero exit exactly when something fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w

from icao.chip import ChipOptions, EmulatedChip
from kiosk.config import load_config
from kiosk.diag.health import check_health, render_text
from kiosk.trust.disk import DiskTrustStore

REPO = Path(__file__).resolve().parents[3]


def _config_file(tmp_path: Path, faces_dir: Path, *, training: bool) -> Path:
    doc = {
        "kiosk": {"training_mode": training},
        "camera": {"source": str(faces_dir / "obama.jpg")},
        "printing": {"printer": "pdf", "pdf_dir": str(tmp_path / "pdf")},
        "trust": {"dir": str(tmp_path / "trust")},
        "store": {"url": f"sqlite:///{tmp_path / 'kiosk.sqlite3'}",
                  "key_file": str(tmp_path / "store.key")},
    }
    path = tmp_path / "kiosk.toml"
    path.write_bytes(tomli_w.dumps(doc).encode())
    return path


def test_health_fails_and_names_why_when_pcscd_is_unreachable(tmp_path, faces_dir):
    config = _config_file(tmp_path, faces_dir, training=True)
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm"),
           "KIOSK_CONFIG": str(config), "KIOSK_TRUST_DIR": str(tmp_path / "trust")}
    proc = subprocess.run([sys.executable, "-m", "kiosk", "diag", "health", "--json"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["kind"] == "diag.health" and doc["ok"] is False
    items = {i["name"]: i for i in doc["items"]}
    pcscd = items["pcscd"]
    assert pcscd["status"] == "fail" and pcscd["needs_technician"] is True
    assert "pcscd is not reachable" in pcscd["reason"]
    assert str(tmp_path / "no-pcscd.comm") in pcscd["reason"]
    assert "0x8010001D" in pcscd["reason"]  # SCARD_E_NO_SERVICE
    assert items["readers"]["status"] == "fail"
    # the rest of the kiosk is checked all the same
    assert items["camera"]["status"] == "ok" and items["camera"]["value"] == "910x1137"
    assert items["printer"]["status"] == "ok"
    assert items["database"] == {"name": "database", "status": "ok",
                                 "reason": "reachable (sqlite)",
                                 "value": "0 pending, 0 failed", "needs_technician": False}


def test_healthy_training_kiosk_passes_and_exits_zero(pcscd, tmp_path, faces_dir, monkeypatch):
    config = load_config(str(_config_file(tmp_path, faces_dir, training=True)))
    monkeypatch.delenv("KIOSK_TRUST_DIR", raising=False)
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
    disk = DiskTrustStore(tmp_path / "trust")
    disk.import_csca(chip.files.csca_der, "test CSCA")
    disk.import_crl(chip.files.crl_der, "test CRL")
    report = check_health(config)
    names = [i.name for i in report.items]
    parts = ["pcscd", "readers", "camera", "printer", "trust store", "CRL", "database", "disk"]
    assert names[:8] == parts
    assert {i.name: i.status for i in report.items[:8]} == {n: "ok" for n in parts}, \
        render_text(report)
    # then the settings (training mode is a weakening: warn) and delivery (issue 16)
    assert names[-1] == "delivery" and report.item("delivery").status == "ok"
    assert report.item("kiosk.training_mode").status == "warn"
    assert report.exit_code == 0
    assert "training mode: virtual allowed" in report.item("readers").reason


def test_virtual_reader_outside_training_and_expired_crl_need_a_technician(
        pcscd, tmp_path, faces_dir, monkeypatch):
    config = load_config(str(_config_file(tmp_path, faces_dir, training=False)))
    monkeypatch.delenv("KIOSK_TRUST_DIR", raising=False)
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
    disk = DiskTrustStore(tmp_path / "trust")
    disk.import_csca(chip.files.csca_der, "test CSCA")
    disk.import_crl(chip.files.crl_der, "test CRL")
    next_update = datetime.fromisoformat(
        next(e for e in disk.entries() if e.kind == "crl").not_after)
    report = check_health(config, now=next_update + timedelta(days=1),
                          skip=("camera", "printer", "database", "disk"))
    readers = report.item("readers")
    assert readers.status == "fail" and "outside training mode" in readers.reason
    crl = report.item("CRL")
    assert crl.status == "fail"
    assert crl.reason == (f"a CRL expired on {next_update.astimezone(UTC).date().isoformat()}: "
                          "import the current CRL")
    assert report.exit_code == 1
    soon = check_health(config, now=next_update - timedelta(days=2), skip=(
        "pcsc", "camera", "printer", "database", "disk"))
    assert soon.item("CRL").status == "warn" and soon.exit_code == 0


def test_reader_pattern_that_matches_no_reader_fails(pcscd, tmp_path, faces_dir):
    from dataclasses import replace

    config = load_config(str(_config_file(tmp_path, faces_dir, training=True)))
    config = replace(config, reader=replace(config.reader, name_pattern="ACR1252"))
    report = check_health(config, skip=("camera", "printer", "trust", "database", "disk"))
    readers = report.item("readers")
    assert readers.status == "fail"
    assert readers.reason.startswith("no reader matches reader.name_pattern 'ACR1252'")
    assert report.exit_code == 1


def test_printer_check_names_the_configured_printer_or_the_default():
    from kiosk.config import Config, PrintingSettings
    from kiosk.diag.health import PrinterServiceDown, check_printer

    named = Config(printing=PrintingSettings(printer="HP_Counter_1"))
    assert check_printer(named, lambda: (["HP_Counter_1"], None)).status == "ok"
    missing = check_printer(named, lambda: (["Other"], "Other"))
    assert (missing.status, missing.value) == ("fail", "HP_Counter_1")
    assert "known: Other" in missing.reason
    assert check_printer(Config(), lambda: (["A"], "A")).reason == "default printer"
    assert check_printer(Config(), lambda: (["A", "B"], None)).status == "warn"
    assert check_printer(Config(), lambda: ([], None)).status == "fail"

    def down():
        raise PrinterServiceDown("the print service (CUPS) is not running: start cups")

    assert check_printer(Config(), down).reason.startswith("the print service (CUPS)")
