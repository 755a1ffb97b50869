"""Send a PDF's pages to a printer, rendered at the printer's own resolution.

Each page is rendered by QtPdf at the printer's resolution, in horizontal bands, so
that a 1200 dpi printer gets sharp text without a full-page image of hundreds of
megabytes in memory. Pages keep their proportions and are centred on the paper's
printable area. A page takes seconds at such a resolution: after each band the caller
hears how far it is (``step``) and may stop (``cancel``), which drops the job.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

#: Height of one rendered band, in device pixels.
BAND_PIXELS = 1024


def page_range(printer: QPrinter, count: int) -> range:
    """The pages (from 0) the print dialog asked for; all of them when none was chosen."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(count)
    return range(max(first, 1) - 1, min(last, count))


def _target(printer: QPrinter, pdf: QPdfDocument, page: int) -> QRect:
    """Where page ``page`` goes on the paper: scaled to fit, centred, in device pixels."""
    area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    points = pdf.pagePointSize(page)
    dpi_x, dpi_y = printer.logicalDpiX(), printer.logicalDpiY()
    width = points.width() / 72 * dpi_x
    height = points.height() / 72 * dpi_y
    scale = min(area.width() / width, area.height() / height, 1.0)
    w, h = max(int(width * scale), 1), max(int(height * scale), 1)
    # The painter's origin is the printable area's corner.
    return QRect((area.width() - w) // 2, (area.height() - h) // 2, w, h)


def print_pdf(
    pdf: QPdfDocument,
    printer: QPrinter,
    pages: range | None = None,
    *,
    cancel: Callable[[], bool] | None = None,
    step: Callable[[int], None] | None = None,
) -> int:
    """Paint ``pages`` of ``pdf`` on ``printer``; returns how many pages were sent, 0 when
    ``cancel()`` turned true (the job is then aborted, where the system allows it).

    ``step(pages_done)`` is called after each band of each page."""
    wanted = pages if pages is not None else page_range(printer, pdf.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("l'imprimante n'a pas pu être ouverte")
    sent = 0
    try:
        for index in wanted:
            if sent:
                printer.newPage()
            target = _target(printer, pdf, index)
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(target.size())
            for top in range(0, target.height(), BAND_PIXELS):
                if cancel is not None and cancel():
                    printer.abort()
                    return 0
                band = min(BAND_PIXELS, target.height() - top)
                options.setScaledClipRect(QRect(0, top, target.width(), band))
                image = pdf.render(index, QSize(target.width(), band), options)
                painter.drawImage(target.left(), target.top() + top, image)
                if step is not None:
                    step(sent)
            sent += 1
            if step is not None:
                step(sent)
    finally:
        painter.end()
    return sent
