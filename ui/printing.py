"""Qt printing for the kiosk core: paint a rendered form's pages on a QPrinter, list printers.

PySide6-Essentials ships QtPrintSupport but not QtPdf, so Qt cannot open our PDF by itself:
each page is rasterised with poppler's `pdftoppm` (kiosk.forms.printing.rasterise) at the
printer's resolution and painted onto the QPrinter, so the page goes through the same Qt print
path (driver, CUPS) as everything else on screen. ui/app.py hands `paint` and `printers` to
the core (kiosk.core.KioskCore), which stays free of Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.forms.printing import PrinterList, PrintUnavailable, list_printers, rasterise


def print_with_qt(pdf: bytes, printer: QPrinter | None = None, *, dpi: int = 300) -> int:
    """Paint the PDF's pages on `printer` (default: the system's default printer).

    Returns the number of pages sent. Needs a QGuiApplication (the kiosk app, or offscreen).
    """
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
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
            image = QImage.fromData(png)  # PNG, recognised by its signature
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def paint(pdf: bytes, printer_name: str) -> str:
    """kiosk.forms.printing.PaintPages: print on `printer_name` ("" = the default printer)."""
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        qprinter.setPrinterName(printer_name)
        if not qprinter.isValid():
            raise PrintUnavailable("the printer named in the settings is not known to the "
                                   "system; check [printing] printer")
    print_with_qt(pdf, qprinter)
    return qprinter.printerName() or "default printer"


def printers() -> PrinterList:
    """The printers CUPS lists; where CUPS has no `lpstat`, the ones Qt's print support sees."""
    names, default = list_printers()
    if names or default:
        return names, default
    return (list(QPrinterInfo.availablePrinterNames()),
            QPrinterInfo.defaultPrinterName() or None)
