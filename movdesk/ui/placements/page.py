"""The « Placements » page: every company period and placement exit of the office.

One row per placement (:mod:`movdesk.services.placements`), filtered by referent,
kind, state and start date, sorted on any column by the database, read a page at a
time; the totals of every matching placement sit under the list. From a row, in two
clicks: record a follow-up contact (the interview form, kind « suivi »), record the
retention at three months, or open the case at its exit. « Suivis à faire cette
semaine » gives each referent's call list, printable. A banner counts the running
cases in phase 2 without a company period, and lists them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from ...models import InterviewKind
from ...rules.placements import PlacementKind, checks_retention
from ...services.case_list import referent_choices
from ...services.placements import (
    MissingPeriod,
    PlacementRow,
    PlacementTotals,
    cases_without_period,
)
from ..formatting import FRENCH, format_count, plural
from ..pages.base import Page, PageContext
from ..relay import ChangeRelay
from ..tables import HeaderMemory, ListTable, setup_list
from .dialogs import CallListDialog, MissingPeriodDialog
from .filters import PlacementFilters
from .model import ROW_ROLE, Column, PlacementListModel

_WIDTHS = {
    Column.BENEFICIARY: 165,
    Column.KIND: 150,
    Column.START: 85,
    Column.END: 85,
    Column.VERDICT: 95,
    Column.FOLLOW_UP: 255,
    Column.RETENTION: 170,
    Column.STATE: 125,
    Column.ORGANISATION: 180,
    Column.JOB: 180,
    Column.REASON: 300,
    Column.REFERENT: 130,
}
#: Where the column layout (order, widths, sort) is kept in the window settings.
HEADER_KEY = "placements/header"
BANNER_STYLE = (
    "QLabel#noPeriodBanner { background: #fff3c4; color: #5a4500; padding: 6px; "
    "border: 1px solid #e0c96b; }"
)


def totals_text(totals: PlacementTotals) -> str:
    """The foot of the list, in words and figures."""

    def rate(value: float | None) -> str:
        return "—" if value is None else f"{FRENCH.toString(value, 'f', 1)} %"

    parts = [plural(totals.count, "placement")]
    if totals.exits:
        parts.append(
            f"{plural(totals.positive, 'sortie positive', 'sorties positives')} sur "
            f"{plural(totals.exits, 'sortie')} ({rate(totals.positive_rate)})"
        )
    parts.append(
        f"maintien à 3 mois : {format_count(totals.retained)} sur "
        f"{format_count(totals.measured)} ({rate(totals.retention_rate)})"
    )
    return " · ".join(parts)


class PlacementsPage(Page):
    TITLE = "Placements"
    ICON = "placements"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_DialogApplyButton

    #: The user asked for the case file of this case id.
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        desk = context.desk
        self.model = PlacementListModel(desk, self)
        self.filters = PlacementFilters(desk.today(), self)
        self.body.addWidget(self.filters)

        self.banner = QLabel(self)
        self.banner.setObjectName("noPeriodBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner_button = QPushButton("&Voir ces dossiers…", self)
        self.banner_button.setObjectName("noPeriodButton")
        self.banner_button.clicked.connect(self.show_missing_periods)
        banner = QHBoxLayout()
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.banner_button)
        self.body.addLayout(banner)

        self.table = ListTable(self)
        self.table.setObjectName("placementTable")
        self.table.setModel(self.model)
        setup_list(self.table)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        self.body.addWidget(self.table, 1)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("placementTotals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.totals_label)

        self.follow_up_button = self._button("Enregistrer un &suivi…", "followUpButton",
                                             self.record_follow_up)  # fmt: skip
        self.retention_button = self._button("&Maintien à 3 mois…", "retentionButton",
                                             self.record_retention)  # fmt: skip
        self.open_button = self._button("&Ouvrir le dossier", "openCaseButton",
                                        self.open_selected)  # fmt: skip
        self.calls_button = self._button("Suivis à faire cette s&emaine…", "callListButton",
                                         self.show_call_list)  # fmt: skip
        actions = QHBoxLayout()
        for button in (self.follow_up_button, self.retention_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.calls_button)
        self.body.addLayout(actions)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self.refresh)
        self._kept: tuple[str, int] | None = None
        self._missing: list[MissingPeriod] = []
        self.filters.changed.connect(self.apply_filters)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable_actions())
        self.table.open_requested.connect(lambda _index: self.open_selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.relay = ChangeRelay(desk, self)
        self.relay.changed.connect(lambda _change: self._reload_timer.start(0))
        self.filters.fill_referents(desk.read(referent_choices))
        self.layout_memory = HeaderMemory(
            self.table, HEADER_KEY, Column.START, Qt.SortOrder.DescendingOrder
        )
        self.layout_memory.restore()
        # Sorting on: the view sorts by the restored indicator, which reads the rows.
        self.table.setSortingEnabled(True)
        self._enable_actions()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    # -- reading --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the referents, the list and the banner again, keeping the filters."""
        self.filters.fill_referents(self.context.desk.read(referent_choices))
        self.model.reload()

    def apply_filters(self) -> None:
        start_from, start_to = self.filters.span()
        query = replace(
            self.model.query,
            referent_id=self.filters.referent_id(),
            kinds=self.filters.kinds(),
            states=self.filters.states(),
            start_from=start_from,
            start_to=start_to,
        )
        if query != self.model.query:
            self.model.set_query(query)

    def _remember_selection(self) -> None:
        row = self.selected_placement()
        self._kept = row.key if row is not None else None

    def _after_reset(self) -> None:
        self.totals_label.setText(totals_text(self.model.totals))
        self._refresh_banner()
        if self._kept is not None and (row := self.model.row_of(self._kept)) is not None:
            self.table.selectRow(row)
        self._enable_actions()

    def _refresh_banner(self) -> None:
        desk = self.context.desk
        referent = self.filters.referent_id()
        today = desk.today()
        missing = desk.read(lambda s: cases_without_period(s, today, referent_id=referent))
        self._missing = missing
        shown = bool(missing)
        self.banner.setVisible(shown)
        self.banner_button.setVisible(shown)
        if shown:
            self.banner.setText(
                f"⚠ {plural(len(missing), 'dossier')} en phase 2 sans période en entreprise "
                "d'au moins 7 jours : la prestation en demande une au moins."
            )

    # -- the selected row -----------------------------------------------------------

    def selected_placement(self) -> PlacementRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def selected_case_id(self) -> int | None:
        """The case of the selected row (Ctrl+E and Entrée of the main window)."""
        row = self.selected_placement()
        return row.case_id if row is not None else None

    def _enable_actions(self) -> None:
        row = self.selected_placement()
        self.open_button.setEnabled(row is not None)
        self.follow_up_button.setEnabled(row is not None and bool(row.positive))
        self.retention_button.setEnabled(
            row is not None and checks_retention(row.kind, row.positive)
        )

    # -- actions --------------------------------------------------------------------

    def record_follow_up(self) -> bool:
        """The interview form for the selected placement, as a follow-up contact."""
        row = self.selected_placement()
        if row is None or not row.positive:
            return False
        from ..dialogs import InterviewDialog

        dialog = InterviewDialog(self.context.desk, row.case_id, parent=self)
        dialog.kind.set_value(InterviewKind.FOLLOW_UP)
        return self._run(dialog)

    def record_retention(self) -> bool:
        row = self.selected_placement()
        if row is None or not checks_retention(row.kind, row.positive):
            return False
        from ..dialogs import RetentionDialog

        return self._run(RetentionDialog(self.context.desk, row.case_id, parent=self))

    def _run(self, dialog: QDialog) -> bool:
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def open_selected(self) -> None:
        """The case file, at its exit (or its company periods, for a period)."""
        row = self.selected_placement()
        if row is None:
            return
        from ..casefile import open_case_file

        window = open_case_file(self.context.desk, row.case_id, self.window())
        section = (
            "Périodes en entreprise" if row.kind is PlacementKind.PERIOD else "Sortie et suivi"
        )
        window.show_section(section)

    def show_call_list(self) -> None:
        dialog = CallListDialog(self.context.desk, self.filters.referent_id(), parent=self)
        dialog.open_case_requested.connect(self.open_case_requested)
        self._run(dialog)

    def show_missing_periods(self) -> None:
        dialog = MissingPeriodDialog(self.context.desk, self._missing, parent=self)
        dialog.open_case_requested.connect(self._open_at_periods)
        self._run(dialog)

    def _open_at_periods(self, case_id: int) -> None:
        from ..casefile import open_case_file

        open_case_file(self.context.desk, case_id, self.window()).show_section(
            "Périodes en entreprise"
        )
