"""The Indicateurs page's reads and files: a month's table, twelve months of rates, the
cases behind a figure, and the exports (upload CSV, per-case detail, one-page PDF).

Every figure comes from :mod:`movdesk.rules.indicators` over the rows of
:func:`~movdesk.services.indicator_data.indicator_cases`, the very rows
``movdesk export monthly`` reads, so that the page and the upload file always agree.

Decisions:

* **Referent filter.** A case belongs to its current referent; the office's counts are
  the sum of its referents', row by row (a referent's table has the office's cohorts).
  The filter is for the office's own use: the files sent to France Travail (CSV and
  per-case detail) and the PDF summary are always computed on the whole office,
  whatever the page shows.
* **Default month**: the last month that has ended (the one whose file is due).
* **Charts**: the three rates France Travail follows (return to work, positive exits,
  job retention) of the ``cumul`` row, for the twelve months that end with the chosen
  one; and the progress of the twelve latest cohorts as of that month.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..errors import UserError
from ..reports.csv_export import CsvDialect
from ..reports.month_summary import MonthSummary, render_month_summary
from ..reports.monthly import detail_csv, monthly_csv
from ..reports.page import OfficeIdentity
from ..rules.indicators import (
    CUMUL,
    IndicatorRow,
    cumul_series,
    indicator_members,
    month_bounds,
    month_of,
    monthly_indicators,
)
from .bulk import collector_paused
from .context import Desk
from .dashboard import read_office
from .exports import write_file
from .indicator_data import IndicatorCase, indicator_cases

#: How many months the rate chart shows, the chosen one last.
SERIES_MONTHS = 12
#: How many cohorts the progress chart shows, the latest last.
CHART_COHORTS = 12

Progress = Callable[[int, int], None]


def previous_month(today: date) -> str:
    """``AAAA-MM`` of the month before ``today``'s: the last month that has ended."""
    first = today.replace(day=1)
    return month_of(date.fromordinal(first.toordinal() - 1))


def shift_month(month: str, months: int) -> str:
    """``month`` moved by ``months`` (negative: earlier)."""
    first, _last = month_bounds(month)
    number = first.year * 12 + first.month - 1 + months
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def checked_month(month: str) -> str:
    """``month`` when it is a real ``AAAA-MM``, else a French error naming the field."""
    try:
        month_bounds(month)
    except ValueError:
        raise UserError(
            f"Mois : « {month} » n'est pas un mois valide (format AAAA-MM).", field="month"
        ) from None
    return month


@dataclass(frozen=True)
class IndicatorReport:
    """What the page shows for one month (and one referent, or the whole office)."""

    month: str
    referent_id: int | None
    #: One row per cohort up to the month, then ``cumul`` (as ``export monthly``).
    rows: tuple[IndicatorRow, ...]
    #: The ``cumul`` row of each of the twelve months that end with ``month``.
    series: tuple[IndicatorRow, ...]

    @property
    def cumul(self) -> IndicatorRow:
        return self.rows[-1]

    @property
    def cohorts(self) -> tuple[IndicatorRow, ...]:
        """The cohort rows, oldest first (``cumul`` left out)."""
        return self.rows[:-1]

    @property
    def chart_cohorts(self) -> tuple[IndicatorRow, ...]:
        """The latest cohorts, for the progress chart."""
        return self.cohorts[-CHART_COHORTS:]


class IndicatorData:
    """Every case as the indicators read it, loaded once; reports for any month from it.

    Read again (:func:`load_indicator_data`) after a change to the cases: a month or
    referent change on the page only counts again, it does not read the database.
    """

    def __init__(self, cases: list[IndicatorCase], today: date) -> None:
        self.cases = cases
        self.today = today

    def months(self) -> list[str]:
        """The months that can be reported, newest first: from the earliest cohort to the
        current month, and always the last month that has ended (the default one)."""
        current = month_of(self.today)
        earliest = min((c.start_date for c in self.cases), default=self.today)
        first = min(month_of(earliest), previous_month(self.today))
        months = [first]
        while months[-1] < current:
            months.append(shift_month(months[-1], 1))
        return months[::-1]

    def _of(self, referent_id: int | None) -> list[IndicatorCase]:
        if referent_id is None:
            return self.cases
        return [c for c in self.cases if c.referent_id == referent_id]

    def report(self, month: str, referent_id: int | None = None) -> IndicatorReport:
        """The table and the rates chart of ``month``."""
        checked_month(month)
        cases = self._of(referent_id)
        rows = monthly_indicators(cases, month)
        if referent_id is not None:
            rows = self._office_cohorts(rows, month)
        series = cumul_series(cases, shift_month(month, 1 - SERIES_MONTHS), month)
        return IndicatorReport(month, referent_id, tuple(rows), tuple(series))

    def _office_cohorts(self, rows: list[IndicatorRow], month: str) -> list[IndicatorRow]:
        """A referent's rows on the office's cohorts, so that the tables line up."""
        _first, last = month_bounds(month)
        earliest = min((c.start_date for c in self.cases if c.start_date <= last), default=None)
        if earliest is None:
            return rows
        cohort = month_of(earliest)
        known = {row.cohorte: row for row in rows}
        lined_up = []
        while cohort <= month:
            lined_up.append(known.get(cohort, IndicatorRow(cohort)))
            cohort = shift_month(cohort, 1)
        return [*lined_up, rows[-1]]

    def members(
        self, month: str, cohort: str, column: str, referent_id: int | None = None
    ) -> list[int]:
        """The ids of the cases that one figure of the table counts."""
        checked_month(month)
        found = indicator_members(self._of(referent_id), month, cohort, column)
        return [case.id for case in found]


def load_indicator_data(desk: Desk) -> IndicatorData:
    """Read every case once, for the page's months and filters."""
    with collector_paused():
        return IndicatorData(desk.read(indicator_cases), desk.today())


# --- Files --------------------------------------------------------------------------------


def _steps(progress: Progress | None, total: int) -> Callable[[int], None]:
    def step(done: int) -> None:
        if progress is not None:
            progress(done, total)

    return step


def export_monthly(
    desk: Desk,
    path: str,
    month: str,
    dialect: CsvDialect,
    progress: Progress | None = None,
    *,
    detail: bool = False,
) -> None:
    """The upload file of ``month`` (whole office), byte for byte ``export monthly``'s;
    with ``detail``, one line per case active during the month (``--detail``)."""
    checked_month(month)
    step = _steps(progress, 3)
    step(0)
    cases = desk.read(indicator_cases)
    step(1)
    data = (detail_csv if detail else monthly_csv)(cases, month, dialect)
    step(2)
    write_file(path, data)
    step(3)


def month_summary(desk: Desk, month: str) -> MonthSummary:
    """What the one-page PDF of ``month`` shows (whole office)."""
    data = load_indicator_data(desk)
    report = data.report(month)
    office = read_office(desk.session_factory)
    return MonthSummary(
        office=OfficeIdentity(office.name, office.address, office.siret, office.market_number),
        month=month,
        drawn_up=desk.today(),
        rows=report.rows,
        series=report.series,
    )


def export_summary_pdf(
    desk: Desk, path: str, month: str, progress: Progress | None = None
) -> None:
    """The one-page PDF summary of ``month``, for the office's files."""
    checked_month(month)
    step = _steps(progress, 3)
    step(0)
    summary = month_summary(desk, month)
    step(1)
    data = render_month_summary(summary)
    step(2)
    write_file(path, data)
    step(3)


__all__ = [
    "CUMUL",
    "IndicatorData",
    "IndicatorReport",
    "export_monthly",
    "export_summary_pdf",
    "load_indicator_data",
    "month_summary",
    "previous_month",
]
