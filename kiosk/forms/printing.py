"""Print a rendered form through Qt's print system (QtPrintSupport), or `lp` as a fallback.

PySide6-Essentials ships QtPrintSupport but not QtPdf, so Qt cannot open our PDF by itself.
We rasterise each page with poppler's `pdftoppm` (Debian poppler-utils, in scripts/setup) at
the printer's resolution and paint the images onto a QPrinter: the page then goes through the
same Qt print path (print dialog, driver, CUPS) as everything else in the UI. Without pdftoppm,
the PDF is handed to CUPS with `lp` when present; without either, a clear error tells the
technician which package to install. Temporary page images are deleted at once; they hold the
form, which is personal data.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class PrintUnavailable(RuntimeError):
    """Printing is not possible on this machine; the message says what to install."""


def rasterise(pdf: bytes, dpi: int = 300) -> list[bytes]:
    """PNG bytes of each page (pdftoppm)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PrintUnavailable("pdftoppm is missing: install the Debian package poppler-utils")
    with tempfile.TemporaryDirectory(prefix="kiosk-print-") as tmp:
        src = Path(tmp) / "form.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-r", str(dpi), "-png", str(src), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=60)
        return [p.read_bytes() for p in sorted(Path(tmp).glob("page-*.png"))]


def print_with_qt(pdf: bytes, printer=None, *, dpi: int = 300) -> int:
    """Paint the PDF's pages on `printer` (a QPrinter; default: the system's default printer).

    Returns the number of pages sent. Needs a QGuiApplication (the kiosk app, or offscreen).
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPrintSupport import QPrinter

    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    from PySide6.QtGui import QPageSize

    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pages = rasterise(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintUnavailable("the printer could not be opened; check that it is connected "
                               "and selected in the system settings")
    try:
        for i, png in enumerate(pages):
            if i:
                printer.newPage()
            image = QImage.fromData(png, "PNG")
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def print_with_lp(pdf: bytes, printer_name: str | None = None) -> None:
    exe = shutil.which("lp")
    if exe is None:
        raise PrintUnavailable("neither Qt printing nor `lp` is available: install "
                               "poppler-utils (for Qt printing) or cups-client (for lp)")
    cmd = [exe] + (["-d", printer_name] if printer_name else []) + ["-"]
    subprocess.run(cmd, input=pdf, check=True, capture_output=True, timeout=60)


def print_pdf(pdf: bytes, *, printer: str = "", pdf_dir: str | Path | None = None) -> str:
    """Print per the [printing] settings; returns where the form went (for staff).

    printer "" -> the default printer, a name -> that printer, "pdf" -> a file in `pdf_dir`
    (default: the user's documents folder /chip-id-kiosk). Qt printing needs the app's
    QGuiApplication; without pdftoppm, `lp` is used when present.
    """
    if printer == "pdf":
        import secrets
        from datetime import datetime

        if pdf_dir is None:
            import platformdirs

            pdf_dir = Path(platformdirs.user_documents_dir()) / "chip-id-kiosk"
        folder = Path(pdf_dir)
        folder.mkdir(parents=True, exist_ok=True)
        # no personal data in the file name: time and a random suffix only
        name = f"form-{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.pdf"
        path = folder / name
        path.write_bytes(pdf)
        return str(path)
    if shutil.which("pdftoppm"):
        from PySide6.QtPrintSupport import QPrinter

        qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
        if printer:
            qprinter.setPrinterName(printer)
            if not qprinter.isValid():
                raise PrintUnavailable("the printer named in the settings is not known to "
                                       "the system; check [printing] printer")
        print_with_qt(pdf, qprinter)
        return qprinter.printerName() or "default printer"
    print_with_lp(pdf, printer or None)
    return printer or "default printer"
