"""The item model of the case list: case ids from SQL, display rows read by blocks.

The model holds the sorted ids of every matching case (:func:`case_ids` does the
filtering and sorting in the database) and reads the display values only for the rows
the view asks about, :data:`BLOCK_SIZE` at a time, keeping them until the next reload.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.case_list import CaseListQuery, CaseRow, SortKey, case_ids, rows_for
from ...services.context import Desk
from .display import (
    DEADLINE_COLOURS,
    day_text,
    deadline_text,
    deadline_tooltip,
    phase_text,
    short_date,
)

#: Rows read from the database at once when the view reaches an unread row.
BLOCK_SIZE = 200

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The columns of the list, left to right."""

    ORDER_NUMBER = 0
    BENEFICIARY = 1
    REFERENT = 2
    STATUS = 3
    PHASE = 4
    DAY = 5
    LAST_INTERVIEW = 6
    NEXT_DUE = 7
    ALERTS = 8


HEADERS = {
    Column.ORDER_NUMBER: "N° de commande",
    Column.BENEFICIARY: "Bénéficiaire",
    Column.REFERENT: "Référent",
    Column.STATUS: "Statut",
    Column.PHASE: "Phase",
    Column.DAY: "Jour",
    Column.LAST_INTERVIEW: "Dernier entretien",
    Column.NEXT_DUE: "Prochaine échéance",
    Column.ALERTS: "Alertes",
}

HEADER_TIPS = {
    Column.DAY: "Jour n sur 180 depuis le début de la prestation (S est le jour 1)",
    Column.NEXT_DUE: "La plus proche des échéances ouvertes du dossier",
    Column.ALERTS: "Échéances dépassées ou à tenir aujourd'hui",
}

SORT_KEYS = {column: SortKey[column.name] for column in Column}

#: The case id of the row (int).
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The whole :class:`CaseRow` of the row, or None when the case was removed meanwhile.
CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
#: ``overdue``, ``today``, ``soon``, ``later`` for the next deadline, or None.
DEADLINE_STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class CaseListModel(QAbstractTableModel):
    """The cases matching a :class:`CaseListQuery`, one row per case id."""

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._query = CaseListQuery()
        self._today: date = desk.today()
        self._ids: list[int] = []
        self._rows: dict[int, CaseRow | None] = {}
        self._positions: dict[int, int] | None = None

    # -- what is listed -------------------------------------------------------------

    @property
    def query(self) -> CaseListQuery:
        return self._query

    def set_query(self, query: CaseListQuery) -> None:
        """List the cases of ``query`` (read again from the database)."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Read the ids again and forget the rows read so far (after any change)."""
        self.beginResetModel()
        self._today = self._desk.today()
        query, today = self._query, self._today
        self._ids = self._desk.read(lambda session: case_ids(session, query, today))
        self._rows = {}
        self._positions = None
        self.endResetModel()

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        """The row showing ``case_id``, or None when it is not listed."""
        if self._positions is None:
            self._positions = {cid: row for row, cid in enumerate(self._ids)}
        return self._positions.get(case_id)

    def case_row(self, row: int) -> CaseRow | None:
        """The display values of ``row``, read with its block when not read yet."""
        case_id = self._ids[row]
        if case_id not in self._rows:
            start = row - row % BLOCK_SIZE
            block = self._ids[start : start + BLOCK_SIZE]
            today = self._today
            found = self._desk.read(lambda session: rows_for(session, block, today))
            for cid in block:
                # None remembers a case removed since the ids were read: not read again.
                self._rows.setdefault(cid, found.get(cid))
        return self._rows[case_id]

    # -- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        row = self.case_row(index.row())
        if role == CASE_ROW_ROLE:
            return row
        if row is None:
            return "Dossier supprimé" if role == Qt.ItemDataRole.DisplayRole else None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == DEADLINE_STATUS_ROLE:
            return row.next_status
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (Column.DAY, Column.ALERTS) else _LEFT
        if column is Column.NEXT_DUE and row.next_status in DEADLINE_COLOURS:
            background, foreground = DEADLINE_COLOURS[row.next_status]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(background))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(foreground))
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NEXT_DUE:
            return deadline_tooltip(row)
        return None

    @staticmethod
    def _text(row: CaseRow, column: Column) -> str:
        if column is Column.ORDER_NUMBER:
            return row.order_number
        if column is Column.BENEFICIARY:
            return row.beneficiary
        if column is Column.REFERENT:
            return row.referent
        if column is Column.STATUS:
            return row.status.label
        if column is Column.PHASE:
            return phase_text(row.phase)
        if column is Column.DAY:
            return day_text(row.day)
        if column is Column.LAST_INTERVIEW:
            return short_date(row.last_interview)
        if column is Column.NEXT_DUE:
            return deadline_text(row)
        return "—" if row.alert_count is None else str(row.alert_count)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the database's: the query changes and the ids are read again."""
        if not 0 <= column < len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = SORT_KEYS[Column(column)]
        if key == self._query.sort and descending == self._query.descending and self._ids:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))
