"""`diag card` reports what the emulated chip was configured to offer, without personal data."""

from __future__ import annotations

import json

from icao.chip import ChipOptions
from icao.chip.person import DEFAULT_RECORD
from icao.keys import AccessKey
from icao.pki.store import TrustStore
from kiosk.cli import main
from kiosk.diag.card import diagnose_card, render_text

from .conftest import READER


def _trust(chip) -> TrustStore:
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    return trust


def test_chip_without_extended_length_and_le_160_is_reported_as_such(chip_in_reader):
    options = ChipOptions(profile="vn-cccd", ext_length=False, max_le=160)
    with chip_in_reader(options) as (_card, chip):
        key = AccessKey.from_can(chip.access_data.can)
        report = diagnose_card(READER, key, trust=_trust(chip))
    assert report.reader == READER
    assert report.card_access.verdict == "present" and report.card_access.value == len(
        chip.files.mf["CardAccess"])
    pace = [m for m in report.access_methods if m.kind == "PACE"]
    assert [(m.oid, m.name, m.parameter_id, m.curve) for m in pace] == [
        ("0.4.0.127.0.7.2.2.4.2.2", "id-PACE-ECDH-GM-AES-CBC-CMAC-128", 13, "brainpoolP256r1")]
    assert (report.select_mf.sw, report.select_mf.verdict) == (0x6D00, "refused")
    assert (report.extended_length.sw, report.extended_length.verdict) == (0x6700,
                                                                           "not_supported")
    assert (report.max_short_le.sw, report.max_short_le.value) == (0x6CA0, 160)
    read = report.read
    assert read is not None and read.ok and read.read_size == 160
    assert read.access == "PACE-GM CAN AES-128 brainpoolP256r1"
    assert "extended never, max read 160" in read.settings  # adapted to the probes
    assert [s.name for s in read.steps][:3] == ["read:CardAccess", "pace", "select-application"]
    assert sum(s.apdus for s in read.steps) > 100  # 21 KB portrait in 160-byte reads
    files = {f.name: f for f in report.files}
    for name in ("COM", "SOD", "DG1", "DG2", "DG13", "DG14", "DG15"):
        assert files[name].status == "read" and files[name].size == len(chip.files.emrtd[name])
    assert files["DG1"].listed_in_com is True and files["DG5"].status == "absent"
    assert files["DG3"].status == "needs_terminal_auth"
    proofs = {p.name: p.status for p in report.proofs}
    assert proofs == {"passive_authentication": "passed", "chip_authentication": "passed",
                      "active_authentication": "passed", "genuineness": "genuine"}
    assert report.personal["check_digits_valid"] is True
    assert report.personal["document_number"] == "<9 chars>"
    warnings = [i.reason for i in report.items if i.name == "read settings"]
    assert any("caps Le at 160" in w for w in warnings)
    text = render_text(report)
    for secret in (DEFAULT_RECORD["id_number"], DEFAULT_RECORD["id_number"][-9:],
                   "NGUYEN", DEFAULT_RECORD["full_name"]):
        assert secret not in text


def test_2024_card_with_pace_cam_and_extended_length(chip_in_reader, capsys, tmp_path,
                                                    monkeypatch):
    from kiosk.trust.disk import DiskTrustStore

    options = ChipOptions(profile="vn-cccd-2024")
    (tmp_path / "kiosk.toml").touch()  # every default
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    monkeypatch.setenv("KIOSK_TRUST_DIR", str(tmp_path / "trust"))
    with chip_in_reader(options) as (_card, chip):
        DiskTrustStore(tmp_path / "trust").import_csca(chip.files.csca_der, "test CSCA")
        code = main(["diag", "card", "--reader", "PCD 00 00", "--can", chip.access_data.can,
                     "--json"])
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert doc["kind"] == "diag.card" and doc["version"] == 1
    assert [(m["kind"], m["oid"]) for m in doc["access_methods"] if m["kind"] == "PACE"] == [
        ("PACE", "0.4.0.127.0.7.2.2.4.6.2")]
    assert doc["select_mf"]["sw"] == 0x6D00
    assert doc["extended_length"]["verdict"] == "supported"
    assert doc["max_short_le"]["value"] == 256
    assert doc["read"]["ok"] is True and doc["read"]["read_size"] == 65536
    proofs = {p["name"]: (p["status"], p["method"]) for p in doc["proofs"]}
    assert proofs["passive_authentication"][0] == "passed"
    assert proofs["chip_authentication"] == ("passed", "PACE-CAM")
    assert proofs["genuineness"] == ("genuine", "PACE-CAM")
    assert doc["personal"]["name"] == f"<{len('NGUYEN THI THU NGHIEM')} chars>"
    assert code == 0
    for secret in (DEFAULT_RECORD["id_number"], "NGUYEN", DEFAULT_RECORD["full_name"],
                   chip.access_data.can):
        assert secret not in out


def test_bac_only_passport_without_card_access_answers_select_mf(chip_in_reader):
    options = ChipOptions(profile="td3-passport", access="bac")
    with chip_in_reader(options) as (_card, chip):
        key = AccessKey.from_mrz_text(chip.access_data.mrz)
        without_key = diagnose_card(READER)
        report = diagnose_card(READER, key)
    for r in (without_key, report):
        assert (r.card_access.sw, r.card_access.verdict) == (0x6A82, "absent")
        assert r.access_methods == ()
        assert (r.select_mf.sw, r.select_mf.verdict) == (0x9000, "answered")
        assert (r.extended_length.sw, r.extended_length.verdict) == (0x9000, "supported")
        assert r.max_short_le.verdict == "unknown"
        assert r.items[0].name == "access" and r.items[0].status == "warn"
        assert "BAC only" in r.items[0].reason
    assert without_key.read is None and without_key.files == ()
    assert report.read is not None and report.read.ok
    assert report.read.access == "BAC MRZ 3DES"
    assert report.personal["format"] == "TD3"
    proofs = {p.name: p.status for p in report.proofs}
    assert proofs["passive_authentication"] == "not_performed"
    assert proofs["chip_authentication"] == "passed"
