"""The dashboard (tableau de bord): the office, what the database holds, and the
scheduler (échéancier) — every open deadline grouped by urgency, filtered by referent,
each line with the action it calls for (:mod:`movdesk.ui.deadlines`).

The deadlines come from the deadline pass (:mod:`movdesk.ui.scheduler`), which reads
them in a worker thread; the page only shows the last overview it was given.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QWidget,
)

from ...models import CaseStatus
from ...services.dashboard import DashboardFigures, DeadlineOverview, read_dashboard
from ..deadlines import SchedulerWidget
from ..formatting import describe_database, format_count, format_long_date, plural
from ..relay import ChangeRelay
from .base import Page, PageContext

#: Shown as office name until the settings are filled in.
NO_OFFICE_NAME = "Bureau non configuré"
#: The counts by status are laid out in columns of this many rows.
STATUS_ROWS = 3


class DashboardPage(Page):
    TITLE = "Tableau de bord"
    ICON = "dashboard"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_ComputerIcon

    #: The user double-clicked (or pressed Entrée on) a deadline: open this case's file.
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._figures: DashboardFigures | None = None

        top = QHBoxLayout()
        about = QFormLayout()
        about.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._date = QLabel(self)
        self._office = QLabel(self)
        self._office.setWordWrap(True)
        self._database = QLabel(describe_database(context.location), self)
        self._database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._database.setWordWrap(True)
        about.addRow("Situation au :", self._date)
        about.addRow("Bureau :", self._office)
        about.addRow("Base de données :", self._database)
        self._referents = QLabel(self)
        self._referents.setObjectName("count-referents")
        about.addRow("Référents :", self._referents)
        top.addLayout(about, 1)

        # Cases by status in three columns: the scheduler below keeps the whole width.
        cases = QGroupBox("Dossiers par statut enregistré", self)
        grid = QGridLayout(cases)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self._status_counts: dict[CaseStatus, QLabel] = {}
        cells = [*CaseStatus, None]
        for number, status in enumerate(cells):
            row, column = number % STATUS_ROWS, 2 * (number // STATUS_ROWS)
            count = QLabel(cases)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(40)
            if status is None:
                grid.addWidget(QLabel("<b>Total</b>", cases), row, column)
                self._total = count
                count.setObjectName("count-total")
                bold = count.font()
                bold.setBold(True)
                count.setFont(bold)
            else:
                grid.addWidget(QLabel(status.label, cases), row, column)
                count.setObjectName(f"count-{status.value}")
                self._status_counts[status] = count
            grid.addWidget(count, row, column + 1)
        top.addWidget(cases)
        self.body.addLayout(top)

        self.scheduler = SchedulerWidget(context.desk, self)
        self.scheduler.open_case_requested.connect(self.open_case_at)
        self.body.addWidget(self.scheduler, 1)
        self.refresh()
        # Every committed change (a new case, an exit…) shows in the counts at once;
        # a burst of changes reads them once, after the event loop turns.
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.timeout.connect(self.refresh)
        ChangeRelay(context.desk, self).changed.connect(lambda _change: self._recount.start(0))

    def open_case_at(self, case_id: int, section: str) -> None:
        """Open the case file (through the window) and bring ``section`` forward."""
        self.open_case_requested.emit(case_id)
        if not section:
            return
        from ..casefile import open_windows

        for window in open_windows():
            if window.case_id == case_id and window.desk is self.context.desk:
                try:
                    window.show_section(section)
                except KeyError:
                    pass

    def selected_case_id(self) -> int | None:
        """The case of the selected deadline (Dossier › Ouvrir, Nouvel entretien)."""
        return self.scheduler.selected_case_id()

    @property
    def overview(self) -> DeadlineOverview | None:
        """The deadlines shown since the scheduler's last pass."""
        return self.scheduler.overview

    def show_deadlines(self, overview: DeadlineOverview) -> None:
        """Show the scheduler's latest overview (every open deadline, grouped)."""
        self.scheduler.show_overview(overview)

    @property
    def figures(self) -> DashboardFigures | None:
        """The figures shown since the last refresh."""
        return self._figures

    def refresh(self) -> None:
        figures = read_dashboard(self.context.session_factory)
        self._figures = figures
        self._date.setText(format_long_date(date.today()))
        self._office.setText(figures.office.name or NO_OFFICE_NAME)
        for status, count in figures.cases_by_status:
            self._status_counts[status].setText(format_count(count))
        self._total.setText(format_count(figures.total_cases))
        active = figures.active_referent_count
        self._referents.setText(
            f"{plural(figures.referent_count, 'référent')}"
            f" (dont {plural(active, 'actif')})"
        )
