"""The dashboard (tableau de bord): the office, what the database holds, and the
deadlines of the week (overdue, today, within seven days), coloured by urgency.

The deadlines come from the scheduler (:mod:`movdesk.ui.scheduler`), which reads them in
a worker thread; the page only shows the last overview it was given.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models import CaseStatus
from ...services.dashboard import DashboardFigures, DeadlineOverview, read_dashboard
from ...services.schedule import DeadlineItem
from ..formatting import FRENCH, describe_database, format_count, format_long_date, plural
from ..relay import ChangeRelay
from .base import Page, PageContext

#: Shown as office name until the settings are filled in.
NO_OFFICE_NAME = "Bureau non configuré"


#: Status of a deadline → (French word, background, text colour): red, orange, yellow.
DEADLINE_LOOK = {
    "overdue": ("En retard", "#fbdcdc", "#8a1414"),
    "today": ("Aujourd'hui", "#ffe2bf", "#7a3d00"),
    "soon": ("Cette semaine", "#fff4c9", "#5a4500"),
}
#: The case id of a row of :class:`DeadlineTableModel`.
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Shown before the scheduler's first pass has ended.
DEADLINES_LOADING = "Lecture des échéances en cours…"


class DeadlineColumn(IntEnum):
    """What to do comes before the case number: it is what the referent reads first."""

    DUE = 0
    STATUS = 1
    BENEFICIARY = 2
    ACTION = 3
    ORDER = 4
    REFERENT = 5


_HEADERS = ("Échéance", "Urgence", "Bénéficiaire", "À faire", "Dossier", "Référent")


def short_date(value: date) -> str:
    """``03/03/2026``, French, whatever the PC's settings."""
    return FRENCH.toString(QDate(value.year, value.month, value.day), "dd/MM/yyyy")


class DeadlineTableModel(QAbstractTableModel):
    """The week's deadlines, one row each, soonest first (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[DeadlineItem, ...] = ()

    def set_items(self, items: tuple[DeadlineItem, ...]) -> None:
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def item(self, row: int) -> DeadlineItem:
        return self._items[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(DeadlineColumn)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(_HEADERS):
                return _HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = DeadlineColumn(index.column())
        word, background, foreground = DEADLINE_LOOK.get(item.status, ("", "", ""))
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                DeadlineColumn.DUE: short_date(item.due),
                DeadlineColumn.STATUS: word,
                DeadlineColumn.ORDER: item.order_number,
                DeadlineColumn.BENEFICIARY: item.beneficiary,
                DeadlineColumn.REFERENT: item.referent,
                DeadlineColumn.ACTION: item.label,
            }[column]
        if role == Qt.ItemDataRole.BackgroundRole and background:
            return QBrush(QColor(background))
        if role == Qt.ItemDataRole.ForegroundRole and foreground:
            return QBrush(QColor(foreground))
        if role == Qt.ItemDataRole.ToolTipRole and column is DeadlineColumn.DUE:
            if item.practical_due != item.due:
                # The contract counts calendar days; the office acts by the working day.
                return f"À faire en pratique avant le {short_date(item.practical_due)}"
            return None
        if role == CASE_ID_ROLE:
            return item.case_id
        return None


class DashboardPage(Page):
    TITLE = "Tableau de bord"
    ICON = "dashboard"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_ComputerIcon

    #: The user double-clicked (or pressed Entrée on) a deadline: open this case's file.
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._figures: DashboardFigures | None = None
        self._overview: DeadlineOverview | None = None

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

        columns = QHBoxLayout()
        left = QVBoxLayout()
        columns.addLayout(left)
        columns.addWidget(self._build_deadlines(), 1)
        self.body.addLayout(columns, 1)

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
        left.addWidget(cases)

        team = QGroupBox("Équipe", self)
        team_layout = QFormLayout(team)
        self._referents = QLabel(team)
        self._referents.setObjectName("count-referents")
        team_layout.addRow("Référents :", self._referents)
        left.addWidget(team)
        left.addStretch(1)
        self.refresh()
        # Every committed change (a new case, an exit…) shows in the counts at once;
        # a burst of changes reads them once, after the event loop turns.
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.timeout.connect(self.refresh)
        ChangeRelay(context.desk, self).changed.connect(lambda _change: self._recount.start(0))

    def _build_deadlines(self) -> QGroupBox:
        box = QGroupBox("Échéances de la semaine", self)
        layout = QVBoxLayout(box)
        self.deadline_summary = QLabel(DEADLINES_LOADING, box)
        self.deadline_summary.setObjectName("deadlineSummary")
        self.deadline_summary.setWordWrap(True)
        layout.addWidget(self.deadline_summary)
        self.deadline_model = DeadlineTableModel(box)
        self.deadline_view = QTableView(box)
        self.deadline_view.setObjectName("deadlineView")
        self.deadline_view.setModel(self.deadline_model)
        self.deadline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.deadline_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.deadline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadline_view.verticalHeader().hide()
        rows = self.deadline_view.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.deadline_view.setWordWrap(False)
        header = self.deadline_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = (82, 92, 160, 300, 120)
        for column, width in zip(DeadlineColumn, widths, strict=False):
            header.resizeSection(column, width)
        self.deadline_view.setToolTip(
            "Double-cliquez sur une échéance (ou appuyez sur Entrée) pour ouvrir le dossier"
        )
        # Activation is the double-click (or the platform's own gesture): one signal, once.
        self.deadline_view.activated.connect(self._open_row)
        layout.addWidget(self.deadline_view, 1)
        return box

    def _open_row(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if isinstance(case_id, int):
            self.open_case_requested.emit(case_id)

    def selected_case_id(self) -> int | None:
        """The case of the selected deadline (Dossier › Ouvrir, Nouvel entretien)."""
        index = self.deadline_view.currentIndex()
        if not index.isValid() or not self.deadline_view.selectionModel().isSelected(index):
            return None
        case_id = index.data(CASE_ID_ROLE)
        return case_id if isinstance(case_id, int) else None

    @property
    def overview(self) -> DeadlineOverview | None:
        """The deadlines shown since the scheduler's last pass."""
        return self._overview

    def show_deadlines(self, overview: DeadlineOverview) -> None:
        """Show the scheduler's latest overview (the week's deadlines, soonest first)."""
        self._overview = overview
        self.deadline_model.set_items(overview.items)
        if not overview.items:
            text = "Aucune échéance en retard, aujourd'hui ou dans les 7 prochains jours."
        else:
            late = overview.overdue
            today = overview.count("today")
            soon = overview.count("soon")
            text = (
                f"<b style='color:#8a1414'>{plural(late, 'échéance')} en retard</b> · "
                f"{format_count(today)} aujourd'hui · {format_count(soon)} dans les 7 jours"
            )
        self.deadline_summary.setText(text)

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
