"""Print a rendered form: to PDF files, through a page painter the UI provides, or `lp`.

PySide6-Essentials ships QtPrintSupport but not QtPdf, so Qt cannot open our PDF by itself:
the UI (ui/printing.py) rasterises each page with poppler's `pdftoppm` (`rasterise` here,
Debian poppler-utils) and paints the images onto a QPrinter, so the page goes through the
same Qt print path (print dialog, driver, CUPS) as everything else on screen. The kiosk core
has no Qt: it takes that painter as a plain function (`PaintPages`). Without one (command
line, soak bench), or without pdftoppm, the PDF goes to CUPS with `lp`; without either, a
clear error says which package to install. Temporary page images are deleted at once; they
hold the form, which is personal data.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

#: Paints a PDF's pages on a printer ("" = the default one); returns the printer's name.
PaintPages = Callable[[bytes, str], str]
#: (printer names, the default printer or None)
PrinterList = tuple[list[str], str | None]


class PrintUnavailable(RuntimeError):
    """Printing is not possible on this machine; the message says what to install."""


class PrinterServiceDown(PrintUnavailable):
    """CUPS is installed but does not answer."""


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


def print_with_lp(pdf: bytes, printer_name: str | None = None) -> None:
    exe = shutil.which("lp")
    if exe is None:
        raise PrintUnavailable("neither Qt printing nor `lp` is available: install "
                               "poppler-utils (for Qt printing) or cups-client (for lp)")
    cmd = [exe] + (["-d", printer_name] if printer_name else []) + ["-"]
    subprocess.run(cmd, input=pdf, check=True, capture_output=True, timeout=60)


def save_pdf(pdf: bytes, pdf_dir: str | Path | None = None) -> str:
    """Write the PDF to `pdf_dir` (default: the user's documents folder /chip-id-kiosk)."""
    if pdf_dir is None:
        import platformdirs  # only when no folder is configured

        pdf_dir = Path(platformdirs.user_documents_dir()) / "chip-id-kiosk"
    folder = Path(pdf_dir)
    folder.mkdir(parents=True, exist_ok=True)
    # no personal data in the file name: time and a random suffix only
    path = folder / f"form-{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.pdf"
    path.write_bytes(pdf)
    return str(path)


def print_pdf(pdf: bytes, *, printer: str = "", pdf_dir: str | Path | None = None,
              paint: PaintPages | None = None) -> str:
    """Print per the [printing] settings; returns where the form went (for staff).

    printer "" -> the default printer, a name -> that printer, "pdf" -> a file in `pdf_dir`.
    `paint` (the UI's Qt painter) is used when given and pdftoppm is installed; else `lp`.
    """
    if printer == "pdf":
        return save_pdf(pdf, pdf_dir)
    if paint is not None and shutil.which("pdftoppm"):
        return paint(pdf, printer)
    print_with_lp(pdf, printer or None)
    return printer or "default printer"


def list_printers(run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run
                  ) -> PrinterList:
    """(printer names, default) from CUPS `lpstat`; ([], None) without CUPS. Raises
    PrinterServiceDown when CUPS is installed but its scheduler does not answer."""
    exe = shutil.which("lpstat")
    if exe is None:
        return [], None
    out = run([exe, "-e"], capture_output=True, text=True, timeout=10)
    if out.returncode != 0 and "scheduler" in (out.stderr or "").lower():
        raise PrinterServiceDown("the print service (CUPS) is not running: start cups")
    names = [n.strip() for n in (out.stdout or "").splitlines() if n.strip()]
    d = run([exe, "-d"], capture_output=True, text=True, timeout=10)
    text = (d.stdout or "").strip()
    default = text.split(":", 1)[1].strip() if ":" in text else None
    return names, default
