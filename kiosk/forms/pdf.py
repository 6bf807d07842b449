"""Render a FormDraft as a printable A4 PDF that reads like the official form.

Layout follows the conventions of Vietnamese administrative forms (NĐ 30/2020/NĐ-CP, Phụ lục I
on the presentation of documents): the national motto ("Quốc hiệu" and "Tiêu ngữ") centred at
the top with a rule under the motto, the form code and the act that issued it in the top
corner, the title in bold capitals, labelled lines with dotted leaders, and the signature block
on the right with place and date. Empty lines are left dotted so they can be filled by hand.

Fonts are TrueType and embedded (fonts.py). The PDF is built with reportlab's `invariant`
mode, so the same draft renders to the same bytes (tests, audit). Its metadata holds the form
title and the service code only, never personal data.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.forms.fonts import form_fonts
from kiosk.forms.model import FormDraft

MM = 72.0 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 20 * MM, 15 * MM, 15 * MM, 18 * MM
BODY = 12.0
LINE = 7.0 * MM
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _wrap(text: str, font: str, size: float, width: float, first_width: float | None = None
          ) -> list[str]:
    """Greedy word wrap (words are never split, so extracted text keeps whole words)."""
    lines: list[str] = []
    for para in text.split("\n"):
        current = ""
        for word in para.split(" "):
            limit = first_width if (first_width is not None and not lines) else width
            trial = f"{current} {word}".strip()
            if current and stringWidth(trial, font, size) > limit:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return lines


class _Writer:
    def __init__(self, canvas, fonts, draft: FormDraft):
        self.c = canvas
        self.f = fonts
        self.draft = draft
        self.y = PAGE_H - TOP
        self.page = 1

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM + 10 * MM:
            self.footer()
            self.c.showPage()
            self.page += 1
            self.y = PAGE_H - TOP

    def footer(self) -> None:
        svc = self.draft.service
        c = self.c
        c.setFont(self.f.italic, 8)
        c.setFillGray(0.35)
        c.drawString(LEFT, BOTTOM - 4 * MM,
                     f"Dịch vụ số {svc.number}: {svc.code} · lập tại kiosk ngày "
                     f"{self.draft.created.strftime('%d/%m/%Y')} · trang {self.page}")
        c.setFillGray(0)

    def centred(self, text: str, font: str, size: float, gap: float) -> None:
        for line in _wrap(text, font, size, PAGE_W - LEFT - RIGHT - 10 * MM):
            self.need(gap)
            self.c.setFont(font, size)
            self.c.drawCentredString(PAGE_W / 2, self.y, line)
            self.y -= gap

    def dotted(self, x0: float, x1: float, y: float) -> None:
        c = self.c
        c.saveState()
        c.setDash(0.6, 2.2)
        c.setLineWidth(0.6)
        c.line(x0, y - 1.6, x1, y - 1.6)
        c.restoreState()

    def field(self, label: str, value: str | None) -> None:
        c = self.c
        label_text = f"{label}: "
        x_value = LEFT + stringWidth(label_text, self.f.regular, BODY)
        right = PAGE_W - RIGHT
        if x_value > right - 40 * MM:  # very long label: value starts on the next line
            lines_label = _wrap(label, self.f.regular, BODY, right - LEFT)
            for ln in lines_label:
                self.need(LINE)
                c.setFont(self.f.regular, BODY)
                c.drawString(LEFT, self.y, ln)
                self.y -= LINE
            label_text, x_value = "", LEFT
        value_lines = _wrap(value or "", self.f.bold, BODY, right - LEFT - 4 * MM,
                            first_width=right - x_value - 2 * MM)
        self.need(LINE * len(value_lines))
        for i, text in enumerate(value_lines):
            x = x_value if i == 0 else LEFT + 4 * MM
            if i == 0 and label_text:
                c.setFont(self.f.regular, BODY)
                c.drawString(LEFT, self.y, label_text)
            self.dotted(x, right, self.y)
            if text:
                c.setFont(self.f.bold, BODY)
                c.drawString(x + 1, self.y, text)
            self.y -= LINE
            if i + 1 < len(value_lines):
                self.need(LINE)


def render_pdf(draft: FormDraft, path: str | Path | None = None) -> bytes:
    """The form as PDF bytes; also written to `path` when given."""
    fonts = form_fonts()
    buf = io.BytesIO()
    svc = draft.service
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
               initialFontName=fonts.regular, initialFontSize=BODY)
    c.setTitle(svc.form_title_vi)
    c.setAuthor("Chip ID kiosk")
    c.setSubject(f"{svc.code} ({svc.form_code or 'no legal form code'})")
    w = _Writer(c, fonts, draft)

    # Form code and issuing act, top right (as printed on the official forms); a form without
    # a legal code says why instead of showing an invented one.
    yy = w.y
    if svc.form_code:
        c.setFont(fonts.bold, 10)
        c.drawRightString(PAGE_W - RIGHT, yy, f"Mẫu {svc.form_code}")
        yy -= 4.2 * MM
    c.setFont(fonts.italic, 8.5)
    for line in _wrap(svc.form_corner_vi, fonts.italic, 8.5, 75 * MM):
        c.drawRightString(PAGE_W - RIGHT, yy, line)
        yy -= 3.6 * MM
    w.y = min(yy, w.y - 9 * MM) - 3 * MM

    # Quốc hiệu and tiêu ngữ (NĐ 30/2020 Phụ lục I, mục II.1-2).
    c.setFont(fonts.bold, 12.5)
    c.drawCentredString(PAGE_W / 2, w.y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    w.y -= 5.6 * MM
    motto = "Độc lập - Tự do - Hạnh phúc"
    c.setFont(fonts.bold, 13)
    c.drawCentredString(PAGE_W / 2, w.y, motto)
    half = stringWidth(motto, fonts.bold, 13) / 2
    c.setLineWidth(0.7)
    c.line(PAGE_W / 2 - half, w.y - 2 * MM, PAGE_W / 2 + half, w.y - 2 * MM)
    w.y -= 13 * MM

    w.centred(svc.form_title_vi, fonts.bold, 14, 6.5 * MM)
    procedures = f" (TTHC {', '.join(svc.procedure_codes)})" if svc.procedure_codes else ""
    w.centred(f"{svc.name_vi}{procedures}", fonts.italic, 10.5, 5 * MM)
    w.y -= 4 * MM

    by_section: dict[int, list] = {}
    for f in draft.fields:
        by_section.setdefault(f.spec.section, []).append(f)
    shown = 0
    for index, section in enumerate(svc.sections):
        items = by_section.get(index, [])
        if not items:
            continue
        only_addressee = len(items) == 1 and items[0].id == "kinh_gui"
        if not only_addressee and len(svc.sections) > 1:
            w.need(LINE * 2)
            c.setFont(fonts.bold, BODY)
            numeral = _ROMAN[shown] if shown < len(_ROMAN) else str(shown + 1)
            shown += 1
            c.drawString(LEFT, w.y, f"{numeral}. {section.title_vi.upper()}")
            w.y -= LINE
        for f in items:
            w.field(f.spec.label_vi, f.value)
        w.y -= 2 * MM

    _signatures(w, draft)
    w.footer()
    c.showPage()
    c.save()
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _signatures(w: _Writer, draft: FormDraft) -> None:
    c, fonts = w.c, w.f
    sigs = draft.service.signatures
    w.need(48 * MM)
    w.y -= 4 * MM
    place = draft.kiosk.get("place") or "......."
    d = draft.created
    c.setFont(fonts.italic, BODY)
    c.drawCentredString(PAGE_W - RIGHT - 45 * MM, w.y,
                        f"{place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}")
    w.y -= 7 * MM
    width = (PAGE_W - LEFT - RIGHT) / max(len(sigs), 1)
    top = w.y
    for i, sig in enumerate(sigs):
        # one signature: centred in the right half; several: side by side
        cx = (PAGE_W - RIGHT - 45 * MM) if len(sigs) == 1 else LEFT + width * (i + 0.5)
        y = top
        c.setFont(fonts.bold, BODY)
        c.drawCentredString(cx, y, sig.title_vi)
        y -= 5 * MM
        c.setFont(fonts.italic, 10.5)
        c.drawCentredString(cx, y, "(Ký, ghi rõ họ tên)")
        y -= 24 * MM
        name = _signature_name(draft, sig.name_source)
        if name:
            c.setFont(fonts.bold, BODY)
            c.drawCentredString(cx, y, name)
    w.y = top - 34 * MM


def _signature_name(draft: FormDraft, source: str | None) -> str | None:
    if not source:
        return None
    for f in draft.fields:
        if f.spec.source == source and f.value:
            return f.value
    return None
