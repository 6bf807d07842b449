"""Outputs: the A4 PDF (text, fonts, layout), the back-office JSON and its schema, printing."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from kiosk.forms import (
    FormJsonInvalid,
    draft_to_json,
    get_service,
    load_services,
    prefill,
    render_pdf,
)
from kiosk.forms.export import validate_json

from .conftest import KIOSK, TODAY


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", raw).split())


@pytest.mark.parametrize("number", range(1, 26))
def test_every_service_renders_a_pdf_with_the_name_and_address_exactly(number, woman, man):
    svc = get_service(number)
    draft = prefill(svc, woman, second_identity=man if svc.second_party else None, kiosk=KIOSK,
                    today=TODAY)
    pdf = render_pdf(draft)
    text = _text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert " ".join(svc.form_title_vi.split()) in text
    if svc.form_code:
        assert f"Mẫu {svc.form_code}" in text
    name = "Thị Ánh Tuyết" if number == 16 else "Nguyễn Thị Ánh Tuyết"
    assert name in text
    assert "(Ký, ghi rõ họ tên)" in text
    residence = [f for f in draft.fields
                 if f.spec.source in ("identity.residence", "woman.residence")]
    if residence:
        assert residence[0].value == woman.residence_2025
        assert woman.residence_2025 in text
    doc = draft_to_json(draft)  # validated against the shipped schema on the way out
    assert doc["service"]["number"] == number and doc["schema_version"] == "1.1.0"


def test_which_forms_carry_the_residence():
    # CT01 (7, 8) asks for the address to register, not the current one (TT 66/2023 field list)
    with_address = [s.number for s in load_services()
                    if any(f.source in ("identity.residence", "woman.residence")
                           for f in s.fields)]
    assert with_address == [1, 2, 3, 4, 5, 9, 10, 11, 12, 15, 16, 17, 18, 19, 21, 22, 23, 25]


def test_pdf_is_a4_with_embedded_truetype_fonts_and_no_personal_metadata(woman):
    pdf = render_pdf(prefill("cap-ho-chieu-pho-thong", woman, kiosk=KIOSK, today=TODAY))
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # TrueType program embedded
    meta = reader.metadata
    assert meta.title == "TỜ KHAI ĐỀ NGHỊ CẤP HỘ CHIẾU PHỔ THÔNG"
    assert "Nguyễn" not in str(dict(meta))


def test_same_draft_renders_to_the_same_bytes(woman, tmp_path):
    draft = prefill("dang-ky-thuong-tru", woman, kiosk=KIOSK, today=TODAY)
    out = tmp_path / "ct01.pdf"
    assert render_pdf(draft, out) == render_pdf(draft) == out.read_bytes()


def test_long_values_wrap_without_splitting_words(woman):
    long = " ".join(["Thôn Đông Hội Thượng"] * 12)
    draft = prefill("dang-ky-tam-tru", woman, {"dia_chi_dang_ky": long[:250]}, kiosk=KIOSK,
                    today=TODAY)
    assert draft.get("dia_chi_dang_ky").errors == ()
    assert long[:250].rsplit(" ", 1)[0] in _text(render_pdf(draft))


def test_json_fields_sources_and_errors(man):
    doc = draft_to_json(prefill("cap-ho-chieu-pho-thong", man, kiosk=KIOSK, today=TODAY))
    by_id = {f["id"]: f for f in doc["fields"]}
    assert by_id["so_dinh_danh"]["value"] == "092088054321"
    assert by_id["so_dinh_danh"]["source"] == "chip_dg13"
    assert by_id["dan_toc"]["sensitive"] is True
    assert by_id["noi_thuong_tru"]["notes"] == ["split_commune"]
    assert [e["code"] for e in by_id["noi_thuong_tru"]["errors"]] == ["address_split"]
    assert by_id["ngay_sinh"]["iso"] == "1988-03-12"
    assert doc["valid"] is False
    assert doc["verification"] == {"pa_passed": True, "second_pa_passed": None, "parties": []}
    assert "identifying_marks" not in str(doc)


def test_schema_rejects_a_document_that_breaks_the_contract(woman):
    doc = draft_to_json(prefill("dang-ky-thuong-tru", woman, today=TODAY))
    doc["fields"][0]["source"] = "guess"
    with pytest.raises(FormJsonInvalid, match=r"fields/0/source \(enum\)"):
        validate_json(doc)


def test_missing_fonts_give_an_actionable_error(tmp_path, monkeypatch, woman):
    from kiosk.forms import fonts

    monkeypatch.setenv("KIOSK_FONT_DIR", str(tmp_path))
    fonts.form_fonts.cache_clear()
    try:
        with pytest.raises(fonts.FontsMissing, match="fonts-dejavu-core"):
            render_pdf(prefill("dang-ky-thuong-tru", woman, today=TODAY))
    finally:
        monkeypatch.delenv("KIOSK_FONT_DIR")
        fonts.form_fonts.cache_clear()


def test_printing_through_qt_print_support(woman, tmp_path, qapp):
    # qapp (pytest-qt) is the one QApplication of the test session: a QGuiApplication made
    # here would make every later widget test abort ("QWidget: Cannot create a QWidget...").
    pytest.importorskip("PySide6.QtPrintSupport")
    assert __import__("shutil").which("pdftoppm"), "poppler-utils (pdftoppm) is installed by scripts/setup"
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import print_with_qt

    draft = prefill("dang-ky-ket-hon", woman, kiosk=KIOSK, today=TODAY)
    pdf = render_pdf(draft)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = print_with_qt(pdf, printer, dpi=72)
    assert pages == len(PdfReader(io.BytesIO(pdf)).pages) == 2
    printed = PdfReader(str(out))
    assert len(printed.pages) == 2
    assert re.match(rb"%PDF-1\.\d", out.read_bytes()[:8])


def test_view_helpers_for_the_ui(woman, man):
    from kiosk.forms import list_services, to_json

    assert [s.code for s in list_services()][:2] == ["xac-nhan-so-cmnd",
                                                     "cap-doi-cap-lai-the-can-cuoc"]
    d = prefill("cap-ho-chieu-pho-thong", man, {"so_dien_thoai": "12"}, today=TODAY)
    f = d.get("so_dinh_danh")
    assert (f.key, f.label("vi"), f.label("en"), f.locked, f.required, f.display_value()) == (
        "so_dinh_danh", "4. Số định danh cá nhân", "Personal ID number", True, True,
        "092088054321")
    assert d.get("noi_sinh").display_value() == "" and not d.get("noi_sinh").locked
    err = d.errors["so_dien_thoai"]
    assert err.message("en").startswith("“Phone number” is not valid")
    assert err.message("vi").startswith("«7. Số điện thoại» không hợp lệ")
    assert to_json(d)["schema"] == "kiosk.form-draft"


def test_print_pdf_to_a_folder_names_the_file_without_personal_data(woman, tmp_path):
    from kiosk.forms import print_pdf

    pdf = render_pdf(prefill("dang-ky-thuong-tru", woman, today=TODAY))
    where = print_pdf(pdf, printer="pdf", pdf_dir=tmp_path / "out")
    path = __import__("pathlib").Path(where)
    assert path.read_bytes() == pdf and path.parent == tmp_path / "out"
    assert re.fullmatch(r"form-\d{8}-\d{6}-[0-9a-f]{6}\.pdf", path.name)
