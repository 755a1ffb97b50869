"""The two charts of the Indicateurs page, drawn with QtCharts.

The rates of the ``cumul`` row month by month (twelve months), and each cohort's
progress (entered cases, stacked: in progress, positive exits, negative exits). The
same colours and words as the PDF summary (:mod:`movdesk.reports.indicator_text`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...reports.indicator_text import (
    CHART_COLOURS,
    PROGRESS_PARTS,
    RATE_COLUMNS,
    RATE_TITLES,
    short_month,
)
from ...rules.indicators import IndicatorRow

_DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)


def _axis_fonts(*axes: QAbstractAxis) -> None:
    for axis in axes:
        axis.setLabelsFont(_small_font(7.5))


def month_axis(months: Sequence[str]) -> QCategoryAxis:
    """Months along the bottom, one point or bar each, every other one named (the last
    always): twelve names do not fit a chart half a window wide."""
    axis = QCategoryAxis()
    axis.setRange(-0.5, max(len(months), 1) - 0.5)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    named = range(len(months) - 1, -1, -2)
    for position in sorted(named):
        axis.append(short_month(months[position]), position)
    return axis


def _small_font(size: float) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    return font


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_small_font(9))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(_small_font(7.5))
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.setBackgroundRoundness(0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class _ChartView(QChartView):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def replace_chart(self, chart: QChart) -> None:
        """Show ``chart``; the view released the one before, so it is deleted here."""
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


class RatesChart(_ChartView):
    """The three rates of the ``cumul`` row, month by month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ratesChart", parent)
        self.show_series(())

    def show_series(self, series: Sequence[IndicatorRow]) -> None:
        chart = _chart("Taux du cumul, mois par mois (%)")
        months = month_axis([row.cohorte for row in series])
        percent = QValueAxis()
        percent.setRange(0, 100)
        percent.setTickCount(6)
        percent.setLabelFormat("%d %%")
        _axis_fonts(months, percent)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(percent, Qt.AlignmentFlag.AlignLeft)
        for index, name in enumerate(RATE_COLUMNS):
            line = QLineSeries()
            line.setName(RATE_TITLES[name])
            pen = QPen(QColor(CHART_COLOURS[index]), 2.2, _DASHES[index])
            line.setPen(pen)
            line.setPointsVisible(True)
            for position, row in enumerate(series):
                value = getattr(row, name)
                if value is not None:
                    line.append(QPointF(position, float(value)))
            chart.addSeries(line)
            line.attachAxis(months)
            line.attachAxis(percent)
        self.replace_chart(chart)

    def line_points(self) -> dict[str, list[tuple[float, float]]]:
        """What each line shows, by its name (for tests and for checking by eye)."""
        return {
            s.name(): [(p.x(), p.y()) for p in s.points()]  # type: ignore[attr-defined]
            for s in self.chart().series()
        }


class CohortsChart(_ChartView):
    """Each cohort's entered cases: in progress, positive exits, negative exits, stacked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("cohortsChart", parent)
        self.show_cohorts(())

    def show_cohorts(self, cohorts: Sequence[IndicatorRow]) -> None:
        chart = _chart("Progression des cohortes (dossiers entrés)")
        bars = QStackedBarSeries()
        for index, (name, title) in enumerate(PROGRESS_PARTS):
            part = QBarSet(title)
            part.setColor(QColor(CHART_COLOURS[3 + index]))
            part.setBorderColor(QColor("white"))
            part.append([float(getattr(row, name)) for row in cohorts])
            bars.append(part)
        bars.setBarWidth(0.7)
        chart.addSeries(bars)
        names = month_axis([row.cohorte for row in cohorts])
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        top = max((row.entres for row in cohorts), default=0)
        counts.setRange(0, max(top, 1))
        counts.applyNiceNumbers()
        _axis_fonts(names, counts)
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(names)
        bars.attachAxis(counts)
        self.replace_chart(chart)

    def bar_values(self) -> dict[str, list[float]]:
        """Each part's values by its legend, cohort by cohort."""
        series = self.chart().series()[0]
        return {
            part.label(): [part.at(i) for i in range(part.count())]
            for part in series.barSets()  # type: ignore[attr-defined]
        }
