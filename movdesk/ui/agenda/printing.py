"""The printed week of a referent: one A4 landscape page each, drawn by the screen's painter.

:func:`render_week` lays out and paints one referent's week on any ``QPainter`` — a
PDF page (:func:`week_pdf`) or a printer (:func:`print_weeks`) — through
:func:`~.paint.paint_week`, the function the agenda widget paints with: the printed
week looks like the screen. States read in grey: each box says « Prévu », « Réalisé »,
« Absent »… and has its own line style; a legend repeats them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from ...rules.agenda_layout import layout_week, week_days
from ...rules.calendar import french_date
from ...services.agenda import AgendaData, read_agenda
from ...services.context import Desk
from ...services.dashboard import read_office
from .geometry import Rect, WeekGeometry
from .paint import LOOKS, AgendaStyle, WeekMarks, draw_block_box, long_day, paint_week, qrect

#: Resolution of the PDF's coordinates: one unit is a screen pixel at 96 dpi.
DPI = 96
#: The font size of the printed agenda, in points.
PRINT_POINTS = 7.5


def print_font() -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(PRINT_POINTS)
    return font


def week_title(referent: str, monday: date) -> str:
    saturday = monday + timedelta(days=5)
    return f"Agenda de {referent} — semaine du {long_day(monday)} au {long_day(saturday)}"


def render_week(
    painter: QPainter,
    page: QRectF,
    data: AgendaData,
    referent_id: int,
    *,
    office: str,
    printed_on: date,
) -> None:
    """One referent's week of ``data`` on ``page`` (title, legend, agenda, footer)."""
    style = AgendaStyle(print_font(), printing=True)
    line = style.line
    monday = week_days(data.first)[0]
    name = data.referent_name(referent_id)
    painter.save()
    painter.translate(page.x(), page.y())
    width, height = page.width(), page.height()
    painter.setPen(style.text)
    painter.setFont(_scaled(style.bold, 1.5))
    painter.drawText(
        QRectF(0, 0, width, line * 1.8),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        week_title(name, monday),
    )
    painter.setFont(style.font)
    subtitle = (
        f"{office} — imprimé le {french_date(printed_on)}"
        if office
        else (f"Imprimé le {french_date(printed_on)}")
    )
    painter.drawText(QRectF(0, line * 1.8, width, line), int(Qt.AlignmentFlag.AlignLeft), subtitle)
    _legend(painter, style, Rect(0, line * 3, width, line))
    top = line * 4.4
    footer = line * 1.4
    days = week_days(monday)
    mine = [a for a in data.appointments if a.referent_id == referent_id]
    layout = layout_week(
        days,
        [referent_id],
        mine,
        bands=[b for b in data.bands if b.referent_id == referent_id],
        deadlines=[d for d in data.deadlines if d.referent_id == referent_id],
        today=data.today,
        alsace_moselle=data.alsace_moselle,
    )
    geom = WeekGeometry(layout, width, height - top - footer, style.metrics)
    painter.save()
    painter.translate(0, top)
    painter.setClipRect(QRectF(0, 0, width, height - top - footer))
    paint_week(
        painter,
        geom,
        style,
        today=data.today,
        referent_names={referent_id: name},
        hours=dict(data.hours),
        marks=WeekMarks(),
    )
    painter.restore()
    painter.setPen(style.muted)
    painter.setFont(style.small)
    count = sum(1 for a in mine if a.id > 0)
    painter.drawText(
        QRectF(0, height - footer + 4, width, line),
        int(Qt.AlignmentFlag.AlignLeft),
        f"{count} rendez-vous dans la semaine — « ⚑ » : échéance à tenir ce jour-là — movdesk",
    )
    painter.restore()


def _scaled(font: QFont, factor: float) -> QFont:
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    return bigger


def _legend(painter: QPainter, style: AgendaStyle, rect: Rect) -> None:
    painter.setFont(style.small)
    x = rect.x
    painter.setPen(style.text)
    painter.drawText(QRectF(x, rect.y, 60, rect.h), int(Qt.AlignmentFlag.AlignVCenter), "Légende :")
    x += 60
    for state in ("planned", "attended", "absent", "excused", "to_record"):
        box = Rect(x, rect.y + 2, 26, rect.h - 4)
        draw_block_box(painter, style, box, state)
        painter.setPen(style.text)
        word = f"{LOOKS[state].sign} {LOOKS[state].word}"
        painter.drawText(
            qrect(Rect(x + 30, rect.y, 110, rect.h)), int(Qt.AlignmentFlag.AlignVCenter), word
        )
        x += 40 + painter.fontMetrics().horizontalAdvance(word)


def _pdf_writer(device: QIODevice, title: str) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator("movdesk")
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(10, 10, 10, 10),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    return writer


def week_pdf(desk: Desk, referent_ids: Sequence[int], any_day: date) -> bytes:
    """The week of ``any_day`` of each referent, one page each, as PDF bytes."""
    monday = week_days(any_day)[0]
    data = read_agenda(
        desk.session_factory, referent_ids, monday, monday + timedelta(days=5), desk.today()
    )
    office = read_office(desk.session_factory).name
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    names = ", ".join(r.name for r in data.referents)
    writer = _pdf_writer(device, f"Agenda — {names} — semaine du {french_date(monday)}")
    painter = QPainter(writer)
    try:
        page = QRectF(writer.pageLayout().paintRectPixels(DPI))
        page.moveTo(0, 0)
        for number, referent in enumerate(data.referents):
            if number:
                writer.newPage()
            render_week(painter, page, data, referent.id, office=office, printed_on=desk.today())
    finally:
        painter.end()
        device.close()
    return bytes(buffer.data())


def print_weeks(
    painter: QPainter,
    page: QRectF,
    new_page,
    desk: Desk,  # type: ignore[no-untyped-def]
    referent_ids: Sequence[int],
    any_day: date,
) -> None:
    """The same pages on a printer's painter (``new_page`` starts the next sheet)."""
    monday = week_days(any_day)[0]
    data = read_agenda(
        desk.session_factory, referent_ids, monday, monday + timedelta(days=5), desk.today()
    )
    office = read_office(desk.session_factory).name
    for number, referent in enumerate(data.referents):
        if number:
            new_page()
        render_week(painter, page, data, referent.id, office=office, printed_on=desk.today())
