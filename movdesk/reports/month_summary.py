"""The one-page PDF summary of a month's indicators, for the office's files.

A4 landscape: the office and the month at the top, the indicator table (the twelve
latest cohorts, the earlier ones on one line, then ``cumul``), and two charts drawn with
ReportLab's own graphics (no screen, no Qt): the three rates month by month over twelve
months, and the progress of the twelve latest cohorts. A pure function of
:class:`MonthSummary`: plain data in, PDF bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..rules.indicators import CUMUL, INDICATOR_COLUMNS, IndicatorRow, month_bounds
from .fonts import BOLD, REGULAR, register_fonts
from .indicator_text import (
    CHART_COLOURS,
    COLUMN_SHORT_TITLES,
    PROGRESS_PARTS,
    RATE_COLUMNS,
    RATE_TITLES,
    cell_text,
    month_label,
    short_month,
)
from .page import OfficeIdentity
from .styles import ACCENT, FILL, MUTED, RULE
from .text import fr_date

#: Cohorts shown one by one in the table; the earlier ones share one line.
TABLE_COHORTS = 12
PAGE = landscape(A4)
MARGIN = 12 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN
CHART_HEIGHT = 84 * mm
#: The label of the line that sums the earlier cohorts (« avant 2025-11 »).
EARLIER = "avant"


@dataclass(frozen=True)
class MonthSummary:
    """What the summary shows: the office, the month, its table and twelve months of rates."""

    office: OfficeIdentity
    month: str
    drawn_up: date
    #: One row per cohort, then ``cumul`` (as the monthly CSV).
    rows: Sequence[IndicatorRow]
    #: The ``cumul`` row of each of the twelve months ending with ``month``.
    series: Sequence[IndicatorRow]


def _sum_rows(label: str, rows: Sequence[IndicatorRow]) -> IndicatorRow:
    stored = [f.name for f in fields(IndicatorRow) if f.name != "cohorte"]
    return IndicatorRow(label, *(sum(getattr(r, name) for r in rows) for name in stored))


def table_rows(rows: Sequence[IndicatorRow]) -> list[IndicatorRow]:
    """The rows printed: the latest cohorts, the earlier ones summed, then ``cumul``."""
    cohorts, cumul = list(rows[:-1]), rows[-1]
    if len(cohorts) <= TABLE_COHORTS + 1:
        return [*cohorts, cumul]
    earlier, latest = cohorts[:-TABLE_COHORTS], cohorts[-TABLE_COHORTS:]
    return [_sum_rows(f"{EARLIER} {latest[0].cohorte}", earlier), *latest, cumul]


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("Body", fontName=REGULAR, fontSize=8.5, leading=11)
    return {
        "title": ParagraphStyle("Title", parent=base, fontName=BOLD, fontSize=14,
                                leading=17, textColor=ACCENT),
        "office": ParagraphStyle("Office", parent=base, fontName=BOLD, fontSize=10),
        "body": base,
        "small": ParagraphStyle("Small", parent=base, fontSize=7.5, leading=9.5,
                                textColor=MUTED),
        "head": ParagraphStyle("Head", parent=base, fontName=BOLD, fontSize=6.4,
                               leading=7.8, alignment=1),
    }  # fmt: skip


def _table(rows: Sequence[IndicatorRow], styles: dict[str, ParagraphStyle]) -> Table:
    head = [Paragraph(COLUMN_SHORT_TITLES[name], styles["head"]) for name in INDICATOR_COLUMNS]
    body = []
    for row in table_rows(rows):
        label = "Cumul" if row.cohorte == CUMUL else row.cohorte
        body.append([label, *(cell_text(v) for v in row.values()[1:])])
    first = 22 * mm
    other = (CONTENT_WIDTH - first) / (len(INDICATOR_COLUMNS) - 1)
    table = Table([head, *body], colWidths=[first] + [other] * (len(INDICATOR_COLUMNS) - 1),
                  repeatRows=1)  # fmt: skip
    last = len(body)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 7.2),
                ("FONT", (0, last), (-1, last), BOLD, 7.2),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), FILL),
                ("BACKGROUND", (0, last), (-1, last), colors.HexColor("#f1f3f6")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEABOVE", (0, last), (-1, last), 0.6, RULE),
                ("INNERGRID", (0, 1), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("TOPPADDING", (0, 1), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 1.2),
            ]
        )
    )
    return table


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(String(0, drawing.height - 10, text, fontName=BOLD, fontSize=9))


def _legend(drawing: Drawing, x: float, items: list[tuple[colors.Color, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = x, 10
    legend.fontName, legend.fontSize = REGULAR, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx, legend.dy, legend.deltax = 8, 8, 10
    legend.colorNamePairs = items
    drawing.add(legend)


def _axes(chart: HorizontalLineChart | VerticalBarChart, rows: Sequence[IndicatorRow]) -> None:
    """Months along the bottom, values up the side with light grid lines, small type."""
    chart.categoryAxis.categoryNames = [short_month(row.cohorte) for row in rows] or [""]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = REGULAR
        labels.fontSize = 6.5


def _placed(chart: Any, title: str, width: float, left: float) -> Drawing:
    """A drawing of ``width`` with its title on top, the chart placed under it."""
    drawing = Drawing(width, CHART_HEIGHT)
    # The drawing's own default font too, else ReportLab starts with Helvetica.
    drawing.initialFontName = REGULAR
    _title(drawing, title)
    chart.x, chart.y = left, 42
    chart.width, chart.height = width - left - 12, CHART_HEIGHT - 62
    return drawing


def rates_chart(series: Sequence[IndicatorRow], width: float) -> Drawing:
    """The three rates, month by month (a gap where a rate has no denominator)."""
    chart = HorizontalLineChart()
    drawing = _placed(chart, "Taux du cumul, mois par mois (%)", width, 28)
    chart.data = [
        [getattr(row, name) if getattr(row, name) is None else float(getattr(row, name))
         for row in series]
        for name in RATE_COLUMNS
    ]  # fmt: skip
    _axes(chart, series)
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = 100, 20
    # A line is drawn through two points or more; a rate known for one month only is a
    # dot (ReportLab refuses a line of one point).
    chart.joinedLines = 0
    for index, colour in enumerate(CHART_COLOURS[: len(RATE_COLUMNS)]):
        line = chart.lines[index]
        line.strokeColor = colors.HexColor(colour)
        line.strokeWidth = 1.6
        # Dashes too, so that the lines stay apart on a black-and-white printer.
        line.strokeDashArray = (None, (4, 2), (1, 2))[index]
        line.symbol = makeMarker("FilledCircle", size=3, fillColor=colors.HexColor(colour))
        if sum(value is not None for value in chart.data[index]) >= 2:
            line.lineStyle = "joinedLine"
    drawing.add(chart)
    _legend(
        drawing,
        28,
        [(colors.HexColor(c), RATE_TITLES[name])
         for c, name in zip(CHART_COLOURS, RATE_COLUMNS, strict=False)],
    )  # fmt: skip
    return drawing


def cohorts_chart(cohorts: Sequence[IndicatorRow], width: float) -> Drawing:
    """Each cohort's entered cases, split into in progress and positive/negative exits."""
    chart = VerticalBarChart()
    title = "Progression des cohortes (entrés : en cours, sorties + / −)"
    drawing = _placed(chart, title, width, 34)
    chart.data = [[getattr(row, name) for row in cohorts] or [0] for name, _ in PROGRESS_PARTS]
    chart.categoryAxis.style = "stacked"
    _axes(chart, cohorts)
    chart.barSpacing = 0
    chart.groupSpacing = 4
    for index, colour in enumerate(CHART_COLOURS[3:6]):
        chart.bars[index].fillColor = colors.HexColor(colour)
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    drawing.add(chart)
    _legend(
        drawing, 34,
        [(colors.HexColor(c), title)
         for c, (_name, title) in zip(CHART_COLOURS[3:6], PROGRESS_PARTS, strict=False)],
    )  # fmt: skip
    return drawing


def _office_lines(office: OfficeIdentity) -> list[str]:
    """The office's address, SIRET and market number, those filled in, for one line."""
    lines = [line.strip() for line in (office.address or "").splitlines() if line.strip()]
    if office.siret:
        lines.append(f"SIRET {office.siret}")
    if office.market_number:
        lines.append(f"Marché n° {office.market_number}")
    return lines


def render_month_summary(summary: MonthSummary) -> bytes:
    """The PDF bytes of the one-page summary."""
    register_fonts()
    styles = _styles()
    _first, last = month_bounds(summary.month)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Indicateurs MOV — {month_label(summary.month)}",
        author=summary.office.name or "movdesk",
        invariant=1,
        creator="movdesk",
        initialFontName=REGULAR,
    )
    office = summary.office
    details = " · ".join(_office_lines(office))
    story = [
        Paragraph(office.name or "Bureau non configuré", styles["office"]),
        Paragraph(details, styles["small"]) if details else Spacer(0, 0),
        Spacer(0, 2 * mm),
        Paragraph(f"Indicateurs de la prestation MOV — {month_label(summary.month)}",
                  styles["title"]),
        Paragraph(
            f"Tout le bureau, comptes arrêtés au {fr_date(last)} (cohorte : mois du début S). "
            f"Synthèse établie le {fr_date(summary.drawn_up)} ; le fichier transmis à France "
            "Travail est le CSV du même mois.",
            styles["small"],
        ),
        Spacer(0, 2 * mm),
        _table(summary.rows, styles),
        Spacer(0, 3 * mm),
    ]  # fmt: skip
    half = (CONTENT_WIDTH - 8 * mm) / 2
    cohorts = [row for row in summary.rows[:-1]][-TABLE_COHORTS:]
    charts = Table(
        [[rates_chart(summary.series, half), cohorts_chart(cohorts, half)]],
        colWidths=[half + 8 * mm, half],
    )
    charts.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    story.append(charts)

    def footer(canvas: object, _doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(REGULAR, 7)  # type: ignore[attr-defined]
        canvas.setFillColor(MUTED)  # type: ignore[attr-defined]
        canvas.drawString(  # type: ignore[attr-defined]
            MARGIN, MARGIN / 2, f"Indicateurs MOV {summary.month} — {office.name}"
        )
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, "Page 1 / 1")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
