"""`kiosk trust ...` end to end through kiosk.cli.main, with a temporary trust store."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from icao.chip.sod import build_sod
from icao.chip.testpki import generate_test_pki
from kiosk.cli import main
from tests.icao.pki.builders import dg1

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_import_ml_then_verify_a_real_document(vectors: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    td = str(tmp_path / "trust")
    rc = main(["trust", "import-ml", str(vectors / "pki/DE_ML_2026-05-28-08-28-45.ml"),
               "--root", str(vectors / "pki/DE_ROOT_CA_CSCA07.cer"), "--trust-dir", td, "--json"])
    assert rc == 0
    out = _json(capsys)
    assert (out["kind"], out["added"], out["already_present"]) == ("trust.import", 588, 0)
    rc = main(["trust", "verify", str(vectors / "lds/gmrtd_real_documents_sod/FR"),
               "--at", "2020-01-01", "--trust-dir", td, "--json"])
    out = _json(capsys)
    assert rc == 0
    assert out["status"] == "passed"
    assert out["covered"] == ["DG12", "DG14"]
    assert out["csca_subject"] == "CN=CSCA-FRANCE,O=Gouv,C=FR"
    assert {c["name"]: c["status"] for c in out["checks"]}["ds.revocation"] == "not_possible"


def test_import_ml_with_wrong_root_is_refused_and_stores_nothing(
        vectors: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    td = tmp_path / "trust"
    rc = main(["trust", "import-ml", str(vectors / "pki/NL_ML_2026-07-22.ml"),
               "--root", str(vectors / "pki/DE_ROOT_CA_CSCA07.cer"), "--trust-dir", str(td)])
    assert rc == 1
    assert "does not chain to the given root" in capsys.readouterr().err
    assert not (td / "index.json").exists()


def test_emulated_chip_files_verify_and_tampering_names_the_dg(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pki = generate_test_pki(algorithm="ec-brainpoolP256r1", now=NOW)
    (tmp_path / "csca.der").write_bytes(pki.csca_der)
    (tmp_path / "vn.crl").write_bytes(pki.crl_der)
    td = str(tmp_path / "trust")
    assert main(["trust", "import-csca", str(tmp_path / "csca.der"), "--trust-dir", td]) == 0
    assert main(["trust", "import-crl", str(tmp_path / "vn.crl"), "--trust-dir", td]) == 0
    capsys.readouterr()
    assert main(["trust", "list", "--trust-dir", td, "--json"]) == 0
    listed = _json(capsys)
    assert [(e["kind"], e["subject"]) for e in listed["entries"]] == [
        ("csca", "CN=CSCA VN test,O=Chip ID kiosk test PKI,C=VN"),
        ("crl", "CN=CSCA VN test,O=Chip ID kiosk test PKI,C=VN")]

    doc = tmp_path / "doc"
    doc.mkdir()
    dgs = {1: dg1("VNM"), 2: b"\x75\x02\x7f\x61"}  # a real DG1: its issuing state is checked
    (doc / "EF.SOD.bin").write_bytes(build_sod(dgs, pki))
    (doc / "DG1.bin").write_bytes(dgs[1])
    (doc / "DG2.bin").write_bytes(dgs[2])
    rc = main(["trust", "verify", str(doc), "--at", "2026-06-01", "--trust-dir", td, "--json"])
    out = _json(capsys)
    assert (rc, out["status"], out["covered"]) == (0, "passed", ["DG1", "DG2"])

    (doc / "DG2.bin").write_bytes(b"\x75\x02\x7f\x62")
    rc = main(["trust", "verify", str(doc), "--at", "2026-06-01", "--trust-dir", td])
    text = capsys.readouterr().out
    assert rc == 1
    assert "dg_hash.DG2" in text and "DG2 was changed" in text
    assert "passive authentication: FAILED" in text


def test_verify_rejects_a_bad_date_and_an_empty_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trust", "verify", str(tmp_path), "--at", "yesterday",
                 "--trust-dir", str(tmp_path)]) == 2
    assert "not an ISO 8601 date" in capsys.readouterr().err
    assert main(["trust", "verify", str(tmp_path), "--trust-dir", str(tmp_path)]) == 2
    assert "no EF files" in capsys.readouterr().err


def test_list_of_an_empty_store_says_how_to_fill_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trust", "list", "--trust-dir", str(tmp_path / "none")]) == 0
    assert "kiosk trust import-ml FILE --root CERT" in capsys.readouterr().out


def _write_doc(folder: Path, doc: dict[str, bytes]) -> Path:
    folder.mkdir()
    for name, raw in doc.items():
        (folder / f"{'EF.' if name in ('SOD', 'COM') else ''}{name}.bin").write_bytes(raw)
    return folder


def test_verify_applies_the_state_rule_a_vnm_document_under_a_french_csca_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.icao.pki.builders import files, pki

    fr, vn = pki("FR"), pki("VN")
    td = str(tmp_path / "trust")
    for p, country in ((fr, "FR"), (vn, "VN")):
        (tmp_path / "c.der").write_bytes(p.csca_der)
        assert main(["trust", "import-csca", str(tmp_path / "c.der"), "--trust-dir", td,
                     "--json"]) == 0
        assert _json(capsys)["countries"] == {country: 1}
    forged = _write_doc(tmp_path / "forged", files(fr))
    rc = main(["trust", "verify", str(forged), "--at", "2026-06-01", "--trust-dir", td,
               "--json"])
    out = _json(capsys)
    assert (rc, out["status"], out["issuing_state"], out["signer_country"]) == (
        1, "failed", "VNM", "FR")
    failed = [(c["name"], c["code"]) for c in out["checks"] if c["status"] == "failed"]
    assert failed == [("ds.country", "foreign_signer")]
    genuine = _write_doc(tmp_path / "genuine", files(vn))
    rc = main(["trust", "verify", str(genuine), "--at", "2026-06-01", "--trust-dir", td])
    text = capsys.readouterr().out
    assert rc == 0 and "passive authentication: PASSED, revocation not checked" in text


def test_verify_policy_flags_require_a_crl_and_data_groups(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.icao.pki.builders import files, pki, vn_dgs

    vn = pki("VN")
    td = str(tmp_path / "trust")
    (tmp_path / "c.der").write_bytes(vn.csca_der)
    assert main(["trust", "import-csca", str(tmp_path / "c.der"), "--trust-dir", td]) == 0
    no13 = _write_doc(tmp_path / "doc", files(vn, {n: r for n, r in vn_dgs().items()
                                                  if n != 13}))
    capsys.readouterr()
    args = ["trust", "verify", str(no13), "--at", "2026-06-01", "--trust-dir", td, "--json"]
    assert main(args) == 0
    assert _json(capsys)["revocation"] == "not_checked"
    assert main([*args, "--require-crl"]) == 1
    out = _json(capsys)
    assert (out["status"], out["policy"]) == ("not_possible", {"require_crl": True,
                                                               "required_dgs": []})
    assert main([*args, "--require", "dg1,DG2,DG13,DG14"]) == 1
    out = _json(capsys)
    assert [(c["name"], c["files"]) for c in out["checks"] if c["status"] == "failed"] == [
        ("sod.required", ["DG13"])]
    assert main([*args, "--require", "DG99"]) == 2
    assert "DG1..DG16" in capsys.readouterr().err


def test_import_ml_reports_the_states_it_anchors(vectors: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    td = str(tmp_path / "trust")
    rc = main(["trust", "import-ml", str(vectors / "pki/NL_ML_2026-07-22.ml"),
               "--root", str(vectors / "pki/NL_ROOT_CA.cer"), "--trust-dir", td])
    text = capsys.readouterr().out.splitlines()
    assert rc == 0
    assert text[0].startswith("master list verified; 411 CSCA certificates added, 0 already")
    assert text[1] == "each trusted only for its own state's documents (129 states)"
