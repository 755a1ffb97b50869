"""The item model of the placements list: rows read from SQL a page at a time.

After each change of a filter or the sort the model reads the totals and the first
page (:func:`~movdesk.services.placements.first_rows`); Qt asks for the next page when
the view reaches the end of the rows listed. A reload after a change reads again as
many rows as were listed, so the view keeps its place.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from ...rules.placements import PlacementState, follow_up_summary
from ...services.context import Desk
from ...services.placements import (
    PAGE_SIZE,
    PlacementQuery,
    PlacementRow,
    PlacementSort,
    PlacementTotals,
    first_rows,
    placement_page,
)
from ..casefile.text import DASH, TONES, short_date

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """What a referent reads first comes first: who, what, when, and how it goes."""

    BENEFICIARY = 0
    KIND = 1
    START = 2
    END = 3
    VERDICT = 4
    FOLLOW_UP = 5
    RETENTION = 6
    STATE = 7
    ORGANISATION = 8
    JOB = 9
    REASON = 10
    REFERENT = 11
    ORDER_NUMBER = 12


HEADERS = {
    Column.ORDER_NUMBER: "N° de commande",
    Column.BENEFICIARY: "Bénéficiaire",
    Column.REFERENT: "Référent",
    Column.KIND: "Type",
    Column.ORGANISATION: "Employeur ou organisme",
    Column.JOB: "Métier",
    Column.START: "Début",
    Column.END: "Fin",
    Column.VERDICT: "Sortie",
    Column.REASON: "Pourquoi",
    Column.FOLLOW_UP: "Suivi dans l'emploi",
    Column.RETENTION: "Maintien à 3 mois",
    Column.STATE: "État",
}

HEADER_TIPS = {
    Column.START: "Premier jour de la période, de l'emploi, de la formation ou de l'activité (J)",
    Column.VERDICT: "Sortie positive ou non, selon les règles de la prestation",
    Column.REASON: "La règle qui décide de la sortie positive",
    Column.FOLLOW_UP: "Entretiens de suivi : un la première semaine, puis un chaque mois "
    "pendant trois mois",
    Column.RETENTION: "Toujours en poste (ou en activité) trois mois après J",
}

SORT_KEYS = {column: PlacementSort[column.name] for column in Column}

#: The whole :class:`PlacementRow` of the row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_STATE_TONES = {
    PlacementState.PLANNED: "muted",
    PlacementState.FOLLOW_UP: "warn",
    PlacementState.RETAINED: "ok",
    PlacementState.LOST: "late",
}


def verdict_text(row: PlacementRow) -> str:
    if row.positive is None:
        return DASH
    return "Positive" if row.positive else "Non positive"


def follow_up_text(row: PlacementRow, today: date) -> str:
    if not row.windows:
        return DASH
    return follow_up_summary(row.windows, today).text


def retention_text(row: PlacementRow, today: date) -> str:
    if row.retention_due is None:
        return DASH
    if row.retained is True:
        return "Oui"
    if row.retained is False:
        return "Non"
    due = short_date(row.retention_due)
    return f"à constater (dû le {due})" if row.retention_due < today else f"à constater le {due}"


def job_text(row: PlacementRow) -> str:
    if row.job and row.rome:
        return f"{row.job} ({row.rome})"
    return row.job or row.rome or DASH


class PlacementListModel(QAbstractTableModel):
    """The placements of a :class:`PlacementQuery`, a page at a time."""

    def __init__(
        self, desk: Desk, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._page_size = page_size
        self._query = PlacementQuery()
        self._today = desk.today()
        self._rows: list[PlacementRow] = []
        self.totals = PlacementTotals()
        self._changing = False

    @property
    def query(self) -> PlacementQuery:
        return self._query

    @property
    def today(self) -> date:
        return self._today

    def set_query(self, query: PlacementQuery) -> None:
        self._query = query
        self._read(self._page_size)

    def reload(self) -> None:
        """Read the rows again, as far down as they were listed."""
        self._read(max(len(self._rows), self._page_size))

    def placement(self, row: int) -> PlacementRow:
        return self._rows[row]

    def row_of(self, key: tuple[str, int]) -> int | None:
        for number, placement in enumerate(self._rows):
            if placement.key == key:
                return number
        return None

    def _read(self, size: int) -> None:
        self._changing = True
        try:
            self.beginResetModel()
            self._today = self._desk.today()
            query, today = self._query, self._today
            view = self._desk.read(lambda session: first_rows(session, query, today, size=size))
            self._rows = list(view.rows)
            self.totals = view.totals
            self.endResetModel()
        finally:
            self._changing = False

    # -- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not (parent.isValid() or self._changing) and len(self._rows) < self.totals.count

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        query, today, offset = self._query, self._today, len(self._rows)
        size = self._page_size
        more = self._desk.read(
            lambda session: placement_page(session, query, today, offset=offset, size=size)
        )
        if not more:
            # The list shrank meanwhile (a change); the change's reload is on its way.
            self.totals = replace(self.totals, count=len(self._rows))
            return
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), offset, offset + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._changing = False

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (Column.VERDICT, Column.REASON) and row.verdict:
                return row.verdict
            if column is Column.FOLLOW_UP and row.windows:
                return "\n".join(
                    f"{w.number}{'er' if w.number == 1 else 'e'} entretien, du "
                    f"{short_date(w.start)} au {short_date(w.due)} : "
                    f"{'fait' if w.done else ('manqué' if w.due < self._today else 'à faire')}"
                    for w in row.windows
                )
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = self._tone(row, column)
            return QBrush(TONES[tone]) if tone else None
        return None

    def _tone(self, row: PlacementRow, column: Column) -> str | None:
        if column is Column.VERDICT and row.positive is not None:
            return "ok" if row.positive else "late"
        if column is Column.STATE:
            return _STATE_TONES.get(row.state)
        if column is Column.FOLLOW_UP and row.windows:
            summary = follow_up_summary(row.windows, self._today)
            return "late" if summary.missed else None
        if column is Column.RETENTION and row.retention_due is not None:
            if row.retained is None:
                return "late" if row.retention_due < self._today else "warn"
            return "ok" if row.retained else "late"
        return None

    def text(self, row: PlacementRow, column: Column) -> str:
        """What one cell says (the tests and the copy read it here)."""
        texts = {
            Column.ORDER_NUMBER: lambda: row.order_number,
            Column.BENEFICIARY: lambda: row.beneficiary,
            Column.REFERENT: lambda: row.referent,
            Column.KIND: lambda: row.kind.label,
            Column.ORGANISATION: lambda: row.organisation or DASH,
            Column.JOB: lambda: job_text(row),
            Column.START: lambda: short_date(row.start),
            Column.END: lambda: short_date(row.end),
            Column.VERDICT: lambda: verdict_text(row),
            Column.REASON: lambda: row.verdict or DASH,
            Column.FOLLOW_UP: lambda: follow_up_text(row, self._today),
            Column.RETENTION: lambda: retention_text(row, self._today),
            Column.STATE: lambda: row.state.label,
        }
        return texts[column]()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The database sorts: the query changes and the rows are read again."""
        if not 0 <= column < len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = SORT_KEYS[Column(column)]
        if key == self._query.sort and descending == self._query.descending and self._rows:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))
