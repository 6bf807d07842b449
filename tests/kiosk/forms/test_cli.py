"""`kiosk forms list`, `kiosk forms fill`, `kiosk bench forms`, run in-process."""

from __future__ import annotations

import json

from pypdf import PdfReader

from kiosk.cli import main

from .conftest import EXAMPLES


def test_forms_list_json(capsys):
    assert main(["forms", "list", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "forms.list"
    assert [s["number"] for s in doc["services"]] == list(range(1, 26))
    ct01 = doc["services"][6]
    assert (ct01["code"], ct01["form_code"], ct01["procedure_codes"]) == (
        "dang-ky-thuong-tru", "CT01", ["1.004222"])
    assert ct01["fields"][1] == {"id": "ho_ten", "label_vi": "1. Họ, chữ đệm và tên",
                                 "label_en": "Full name", "type": "text",
                                 "source": "identity.full_name", "required": True}


def test_forms_list_table(capsys):
    assert main(["forms", "list"]) == 0
    out = capsys.readouterr().out
    assert "dang-ky-ket-hon" in out and "TK01" in out


def test_forms_fill_complete_form_writes_pdf_and_json(tmp_path, capsys):
    pdf, js = tmp_path / "ct01.pdf", tmp_path / "ct01.json"
    rc = main(["forms", "fill", "dang-ky-thuong-tru",
               "--identity", str(EXAMPLES / "identity.json"),
               "--extra", str(EXAMPLES / "extra_thuong_tru.json"),
               "--date", "2026-01-15", "--pdf", str(pdf), "--json", str(js)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert captured.err == ""
    doc = json.loads(js.read_text("utf-8"))
    assert doc["valid"] is True and doc["created"] == "2026-01-15"
    assert doc["kiosk"]["agency"] == "Công an phường Hoàn Kiếm"
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Nguyễn Thị Ánh Tuyết" in text and "Hà Nội, ngày 15 tháng 01 năm 2026" in text


def test_forms_fill_with_errors_exits_3_and_lists_them_in_both_languages(tmp_path, capsys):
    rc = main(["forms", "fill", "15", "--identity", str(EXAMPLES / "identity.json"),
               "--second-identity", str(EXAMPLES / "identity_second.json"),
               "--date", "2026-01-15"])
    err = capsys.readouterr().err
    assert rc == 3
    assert "kiosk: Chưa điền «Kính gửi». / “To (receiving agency)” is required." in err
    assert "the citizen must choose the new one" in err


def test_forms_fill_bad_inputs(tmp_path, capsys):
    assert main(["forms", "fill", "no-such-service", "--identity", "x.json"]) == 1
    assert "kiosk forms list" in capsys.readouterr().err
    bad = tmp_path / "id.json"
    bad.write_text(json.dumps({"full_name": "A", "date_of_birth": "31/02/1990"}), "utf-8")
    assert main(["forms", "fill", "7", "--identity", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "'date_of_birth' is not a date" in err and "31/02/1990" not in err


def test_bench_forms_measures_every_service():
    from kiosk.cli.cmd_bench_forms import measure

    result = measure(1)
    assert [r["number"] for r in result["services"]] == list(range(1, 26))
    assert all(r["total_ms"] > 0 and r["pdf_bytes"] > 10_000 for r in result["services"])
    assert result["target_ms"] == 300.0


def test_forms_list_json_declares_each_services_parties(capsys):
    assert main(["forms", "list", "--json"]) == 0
    services = json.loads(capsys.readouterr().out)["services"]
    marriage = services[14]
    assert marriage["second_party"] == "spouse"  # kept for scripts written before parties
    assert [p["role"] for p in marriage["parties"]] == ["declarant", "spouse"]
    spouse = marriage["parties"][1]
    assert {k: spouse[k] for k in ("card", "face", "needed", "card_vi", "by_sex", "id_field")} == {
        "card": "required", "face": True, "needed": True, "card_vi": "Thẻ của vợ/chồng",
        "by_sex": {"Nữ": "woman", "Nam": "man"}, "id_field": None}
    deceased = services[9]["parties"][1]
    assert (deceased["role"], deceased["card"], deceased["face"], deceased["id_field"]) == (
        "deceased", "none", False, "nguoi_chet_so_dinh_danh")
    assert [len(s["parties"]) for s in services].count(1) == 18


def test_forms_fill_with_parties_by_role(tmp_path, capsys):
    js = tmp_path / "ks.json"
    rc = main(["forms", "fill", "dang-ky-khai-sinh", "--identity", str(EXAMPLES / "identity.json"),
               "--party-id", "mother=declarant",
               "--party", f"father={EXAMPLES / 'identity_second.json'}",
               "--date", "2026-01-15", "--json", str(js)])
    captured = capsys.readouterr()
    assert rc == 3  # the child's details are still to be typed
    doc = json.loads(js.read_text("utf-8"))
    values = {f["id"]: f["value"] for f in doc["fields"]}
    assert (values["mother_ho_ten"], values["father_ho_ten"]) == ("Nguyễn Thị Ánh Tuyết",
                                                                 "Lê Minh Đức")
    assert [(p["role"], p["input"]) for p in doc["verification"]["parties"]] == [
        ("mother", "declarant"), ("father", "card"), ("child", "none")]
    assert "Lê Minh Đức" in captured.out


def test_forms_fill_a_typed_party_number_is_checked(capsys):
    rc = main(["forms", "fill", "10", "--identity", str(EXAMPLES / "identity.json"),
               "--party-id", "deceased=09208805432", "--date", "2026-01-15"])
    err = capsys.readouterr().err
    assert rc == 3
    assert "phải gồm đúng 12 chữ số" in err and "09208805432" not in err
    assert main(["forms", "fill", "10", "--identity", str(EXAMPLES / "identity.json"),
                 "--party-id", "spouse=092088054321"]) == 1
    assert "no parties named ['spouse']" in capsys.readouterr().err
    assert main(["forms", "fill", "10", "--identity", str(EXAMPLES / "identity.json"),
                 "--party-id", "deceased"]) == 1
    assert "takes ROLE=VALUE" in capsys.readouterr().err
