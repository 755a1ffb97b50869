"""The dashboard (tableau de bord): the office, its database, and what the database holds."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QStyle, QWidget

from ...models import CaseStatus
from ...services.dashboard import DashboardFigures, read_dashboard
from ..formatting import describe_database, format_count, format_long_date, plural
from .base import Page, PageContext

#: Shown as office name until the settings are filled in.
NO_OFFICE_NAME = "Bureau non configuré"


class DashboardPage(Page):
    TITLE = "Tableau de bord"
    ICON = "dashboard"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_ComputerIcon

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._figures: DashboardFigures | None = None

        about = QFormLayout()
        about.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._date = QLabel(self)
        self._office = QLabel(self)
        self._database = QLabel(describe_database(context.location), self)
        self._database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._database.setWordWrap(True)
        about.addRow("Situation au :", self._date)
        about.addRow("Bureau :", self._office)
        about.addRow("Base de données :", self._database)
        self.body.addLayout(about)

        cases = QGroupBox("Dossiers par statut enregistré", self)
        grid = QGridLayout(cases)
        grid.setColumnStretch(2, 1)
        self._status_counts: dict[CaseStatus, QLabel] = {}
        for row, status in enumerate(CaseStatus):
            grid.addWidget(QLabel(status.label, cases), row, 0)
            count = QLabel(cases)
            count.setObjectName(f"count-{status.value}")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(60)
            grid.addWidget(count, row, 1)
            self._status_counts[status] = count
        total_label = QLabel("<b>Total</b>", cases)
        self._total = QLabel(cases)
        self._total.setObjectName("count-total")
        self._total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bold = self._total.font()
        bold.setBold(True)
        self._total.setFont(bold)
        grid.addWidget(total_label, len(self._status_counts), 0)
        grid.addWidget(self._total, len(self._status_counts), 1)
        self.body.addWidget(cases)

        team = QGroupBox("Équipe", self)
        team_layout = QFormLayout(team)
        self._referents = QLabel(team)
        self._referents.setObjectName("count-referents")
        team_layout.addRow("Référents :", self._referents)
        self.body.addWidget(team)
        self.body.addStretch(1)
        self.refresh()

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
