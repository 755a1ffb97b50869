"""The « Bénéficiaires » page: search, filters and the list of every case of the office.

Typing searches as you type (after a short pause, so that a fast typist causes one
query, not five); the filters apply at once. Entrée in the search opens the case when
one matches, or goes into the list; Down goes into the list too. The list reads its
rows a page at a time (:mod:`.model`); the count under it is of every matching case.
Every change committed through the desk reloads the list, keeping the selected case
selected wherever it is; so does sorting. A new search or filter keeps it only when it
is among the first rows found: looking further would read every match at each
keystroke. Enter or a double click on a row asks for its case file
(:attr:`CaseListPage.open_case_requested`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QWidget,
)

from ...models import CaseStatus
from ...services.case_list import ReferentChoice, referent_choices
from ...services.dashboard import count_cases
from ...services.events import Change
from ..formatting import format_count, plural
from ..pages.base import Page, PageContext
from ..tables import HeaderMemory, ListTable, setup_list
from .model import CaseListModel, Column

#: Pause after the last keystroke before searching, in milliseconds.
SEARCH_DELAY_MS = 150
#: Where the column layout (order, widths, sort) is kept in the window settings.
HEADER_KEY = "case_list/header"

SEARCH_PLACEHOLDER = "Rechercher : nom, prénom, identifiant France Travail ou n° de commande"
ALL_REFERENTS = "Tous les référents"
ALL_STATUSES = "Tous les statuts"
ALL_PHASES = "Toutes les phases"
#: The phase filter's entry for the cases in phase 2 without a company period.
WITHOUT_PERIOD = "without_period"
LATE_TEXT = "En retard"

_WIDTHS = {
    Column.ORDER_NUMBER: 125,
    Column.BENEFICIARY: 190,
    Column.REFERENT: 140,
    Column.STATUS: 125,
    Column.PHASE: 150,
    Column.DAY: 75,
    Column.LAST_INTERVIEW: 120,
    Column.NEXT_DUE: 170,
}


class _SearchLine(QLineEdit):
    """The search field: Down goes into the list, as a combo's list would."""

    #: Down was pressed: the user wants the list.
    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Entrée searches here: the window's « Ouvrir le dossier » (also Entrée) must not
        # take it first, or it would open the row selected before the search.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()
                return True
        return super().event(event)


class CaseListPage(Page):
    """Bénéficiaires: every case, searched, filtered and sorted by the database."""

    TITLE = "Bénéficiaires"
    ICON = "beneficiaries"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileDialogDetailedView

    #: The user asked for the case file of this case id (Enter or double click on a row).
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        desk = context.desk
        self.model = CaseListModel(desk, self)
        self._kept_case: int | None = None
        #: The query of the rows shown: tells a new search from a refresh or a new sort.
        self._shown_query = self.model.query

        self.search = _SearchLine(self)
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Recherche de dossiers")
        self.referent_filter = QComboBox(self)
        self.referent_filter.setObjectName("referentFilter")
        self.referent_filter.setAccessibleName("Filtre par référent")
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName("Filtre par statut")
        self.status_filter.addItem(ALL_STATUSES, None)
        for status in CaseStatus:
            self.status_filter.addItem(status.label, status.value)
        self.phase_filter = QComboBox(self)
        self.phase_filter.setObjectName("phaseFilter")
        self.phase_filter.setAccessibleName("Filtre par phase")
        self.phase_filter.addItem(ALL_PHASES, None)
        self.phase_filter.addItem("Phase 1 (diagnostic)", 1)
        self.phase_filter.addItem("Phase 2 (plan d'action)", 2)
        self.phase_filter.addItem("Phase 2 sans période en entreprise", WITHOUT_PERIOD)
        self.late_filter = QCheckBox(LATE_TEXT, self)
        self.late_filter.setObjectName("lateFilter")
        self.late_filter.setToolTip("Seulement les dossiers ayant une échéance dépassée")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.referent_filter, 1)
        bar.addWidget(self.status_filter, 1)
        bar.addWidget(self.phase_filter, 1)
        bar.addWidget(self.late_filter)
        self.body.addLayout(bar)

        self.table = ListTable(self)
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        setup_list(self.table)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self.refresh)

        self._fill_referents(self.context.desk.read(referent_choices))
        self.layout_memory = HeaderMemory(
            self.table, HEADER_KEY, Column.NEXT_DUE, Qt.SortOrder.AscendingOrder
        )
        self.layout_memory.restore()
        self.search.textEdited.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_done)
        self.search.down_pressed.connect(self._enter_list)
        for combo in (self.referent_filter, self.status_filter, self.phase_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.late_filter.toggled.connect(self.apply_filters)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.open_requested.connect(self._open)
        self.table.doubleClicked.connect(self._open)

        # The window keeps the summaries fresh (services.summary.keep_fresh) on the same
        # bus; this list reloads once the event loop turns, after every listener ran.
        stop_listening = desk.bus.subscribe(self._on_change)
        self.destroyed.connect(lambda *_args: stop_listening())
        # Sorting on: the view sorts by the restored indicator, which reads the ids.
        self.table.setSortingEnabled(True)

    # -- public ---------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_case_id(self) -> int | None:
        """The case of the selected row, or None."""
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.model.case_id(selected[0].row())

    def select_case(self, case_id: int) -> bool:
        """Select and show the row of ``case_id``, listing the rows down to it if need
        be; False when it does not match the search and the filters."""
        row = self.model.find_row(case_id)
        if row is None:
            return False
        self._show_row(row)
        return True

    def refresh(self) -> None:
        """Read the referents and the list again, keeping the filters and the selection."""
        self._fill_referents(self.context.desk.read(referent_choices))
        self.model.reload()

    def apply_filters(self) -> None:
        """List the cases matching the search text and the filters now."""
        self._search_timer.stop()
        status = self.status_filter.currentData()
        phase = self.phase_filter.currentData()
        query = replace(
            self.model.query,
            text=self.search.text(),
            referent_id=self.referent_filter.currentData(),
            statuses=frozenset() if status is None else frozenset({CaseStatus(status)}),
            phase=2 if phase == WITHOUT_PERIOD else phase,
            late_only=self.late_filter.isChecked(),
            without_period=phase == WITHOUT_PERIOD,
        )
        if query != self.model.query:
            self.model.set_query(query)

    def save_layout(self) -> None:
        """Keep the column order, widths and sort for the next start."""
        self.layout_memory.save()

    # -- inner workings -------------------------------------------------------------

    def _fill_referents(self, choices: list[ReferentChoice]) -> None:
        combo = self.referent_filter
        kept = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(ALL_REFERENTS, None)
            for choice in choices:
                name = choice.name if choice.active else f"{choice.name} (inactif)"
                combo.addItem(name, choice.id)
            found = combo.findData(kept) if kept is not None else 0
            combo.setCurrentIndex(max(found, 0))
        finally:
            combo.blockSignals(False)
        if kept is not None and combo.currentData() is None:
            self.apply_filters()  # the chosen referent is gone: show everyone

    def _on_change(self, _change: Change) -> None:
        # After the event loop turns: every listener (the summaries first) has run, and
        # a burst of changes reloads once.
        self._reload_timer.start(0)

    def _remember_selection(self) -> None:
        self._kept_case = self.selected_case_id()

    def _after_reset(self) -> None:
        shown = self.model.match_count
        if self.model.query.text.strip() or self._filtered():
            total = count_cases(self.context.session_factory)
            self.count_label.setText(f"{plural(shown, 'dossier')} sur {format_count(total)}")
        else:
            self.count_label.setText(plural(shown, "dossier"))
        query, before = self.model.query, self._shown_query
        self._shown_query = query
        if query != before:
            # A new list starts at its top (and does not ask for a second page at once).
            self.table.scrollToTop()
        kept, self._kept_case = self._kept_case, None
        if kept is None:
            return
        if replace(query, sort=before.sort, descending=before.descending) == before:
            self.select_case(kept)  # a refresh or a new sort: wherever the case is now
        elif (row := self.model.row_of(kept)) is not None:
            self._show_row(row)  # a new search: only among the rows it listed

    def _show_row(self, row: int) -> None:
        index = self.model.index(row, max(self.table.currentIndex().column(), 0))
        # The rows listed down to it first, or the scroll bar stops at the old end, and
        # the view asks for one more page.
        self.table.doItemsLayout()
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _filtered(self) -> bool:
        query = self.model.query
        return bool(
            query.referent_id is not None or query.statuses or query.phase or query.late_only
            or query.without_period
        )

    def _search_done(self) -> None:
        """Entrée in the search field: search now; one case found opens at once, several
        take the user into the list (Entrée again opens the selected one)."""
        self.apply_filters()
        if self.model.match_count == 1 and self.model.rowCount() == 1:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self._open(self.model.index(0, 0))
            return
        self._enter_list()

    def _enter_list(self) -> None:
        """Down (or Entrée on several cases) in the search: into the list, on a row."""
        self.apply_filters()
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.selected_case_id() is None:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case_requested.emit(self.model.case_id(index.row()))
