"""The item model of the case list: case ids from SQL, read a page at a time.

After each change of the search, the filters or the sort the model reads only how many
cases match and the first page of ids in sort order with their display rows
(:func:`first_page`; the database filters and sorts). It lists that page; Qt asks
for the next one (:meth:`CaseListModel.canFetchMore`, :meth:`CaseListModel.fetchMore`)
when the view is scrolled to the end of the rows listed. The ids of every matching case
are read only when a case further down than the rows listed must be shown
(:meth:`CaseListModel.find_row`); the rows after are then listed from those ids, their
display values read a page at a time as the view reaches them. After a change in the
database, :meth:`CaseListModel.reload` reads the list again as far down as it was read,
so that the view keeps its place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.case_list import (
    PAGE_SIZE,
    CaseListQuery,
    CasePage,
    CaseRow,
    PageKey,
    SortKey,
    case_ids,
    case_page,
    first_page,
    rows_for,
)
from ...services.context import Desk
from .display import (
    DEADLINE_COLOURS,
    WITHOUT_PERIOD_COLOUR,
    WITHOUT_PERIOD_TIP,
    alerts_tooltip,
    day_text,
    deadline_text,
    deadline_tooltip,
    phase_text,
    short_date,
)

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
    Column.DAY: "Jour n de la prestation (S est le jour 1), sur sa durée : 180 jours, "
    "ou jusqu'à la nouvelle fin quand elle est renouvelée",
    Column.NEXT_DUE: "La plus proche des échéances ouvertes du dossier",
    Column.ALERTS: "Nombre d'échéances du dossier dépassées ou à tenir aujourd'hui",
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
    """The cases matching a :class:`CaseListQuery`, one row per case id, a page at a time.

    ``page_size``: the rows read at once (:data:`PAGE_SIZE`; smaller in tests).
    """

    def __init__(
        self, desk: Desk, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._page_size = page_size
        self._query = CaseListQuery()
        self._today: date = desk.today()
        self._read = False
        #: How many cases match, listed or not.
        self._count = 0
        #: The ids of the rows listed, in order, and the row of each.
        self._ids: list[int] = []
        self._positions: dict[int, int] = {}
        #: Where the next page starts, while the ids are read page by page.
        self._next: PageKey | None = None
        #: Once every id was read (:meth:`find_row`): the ids not listed yet, in order.
        self._unlisted: list[int] | None = None
        self._rows: dict[int, CaseRow | None] = {}
        self._changing = False

    # -- what is listed -------------------------------------------------------------

    @property
    def query(self) -> CaseListQuery:
        return self._query

    @property
    def match_count(self) -> int:
        """How many cases match the query, the rows not listed yet included."""
        return self._count

    def set_query(self, query: CaseListQuery) -> None:
        """List the cases of ``query``: read their count and first page."""
        self._query = query
        self._read_again(self._page_size)

    def reload(self) -> None:
        """Read the list again (after any change) as far down as it was listed, so that
        the view keeps its place; the display values past the first page are read when
        shown."""
        listed = len(self._ids) + -len(self._ids) % self._page_size
        self._read_again(max(listed, self._page_size))

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        """The row showing ``case_id``, or None when it is not among the rows listed."""
        return self._positions.get(case_id)

    def find_row(self, case_id: int) -> int | None:
        """The row of ``case_id``, listing the rows down to it when it matches further
        down than the rows listed (this reads the ids of every matching case, once);
        None when it does not match the query."""
        row = self._positions.get(case_id)
        if row is not None or not self._more():
            return row
        if self._unlisted is None:
            query, today = self._query, self._today
            every = self._desk.read(lambda session: case_ids(session, query, today))
            # The rows listed stay as they are; the others follow in the database's order.
            self._unlisted = [cid for cid in every if cid not in self._positions]
            self._next = None
        if case_id not in self._unlisted:
            return None
        # Down to the end of the page holding the case, as if scrolled down to it.
        wanted = self._unlisted.index(case_id) + 1
        wanted += -wanted % self._page_size
        listed, self._unlisted = self._unlisted[:wanted], self._unlisted[wanted:]
        self._list(listed)
        return self._positions[case_id]

    def case_row(self, row: int) -> CaseRow | None:
        """The display values of ``row``, read with its block when not read yet."""
        case_id = self._ids[row]
        if case_id not in self._rows:
            start = row - row % self._page_size
            block = [cid for cid in self._ids[start : start + self._page_size]
                     if cid not in self._rows]  # fmt: skip
            today = self._today
            found = self._desk.read(lambda session: rows_for(session, block, today))
            for cid in block:
                # None remembers a case removed since the ids were read: not read again.
                self._rows[cid] = found.get(cid)
        return self._rows[case_id]

    # -- reading --------------------------------------------------------------------

    @contextmanager
    def _change(self) -> Iterator[None]:
        """Rows are added or all read again, until the views were told: a view asking for
        more meanwhile (from the signals of the change) gets nothing, or the next page
        would go in before the one being added."""
        was, self._changing = self._changing, True
        try:
            yield
        finally:
            self._changing = was

    def _more(self) -> bool:
        """Some matching case is not listed yet."""
        return self._next is not None or bool(self._unlisted)

    def _read_again(self, size: int) -> None:
        """The count and the first ``size`` ids of the query, in place of all read so far
        (with the display values of the first page only)."""
        with self._change():
            self.beginResetModel()
            self._today = self._desk.today()
            query, today, rows = self._query, self._today, size <= self._page_size
            self._count, page = self._desk.read(
                lambda session: first_page(session, query, today, size=size, rows=rows)
            )
            self._read = True
            self._ids, self._positions, self._rows = [], {}, {}
            self._next, self._unlisted = None, None
            self._add_page(page, announce=False)
            self.endResetModel()

    def _read_page(self, after: PageKey) -> CasePage:
        """The page of the query after ``after``."""
        query, today, size = self._query, self._today, self._page_size
        return self._desk.read(
            lambda session: case_page(session, query, today, after=after, size=size)
        )

    def _add_page(self, page: CasePage, *, announce: bool = True) -> int:
        """Keep the rows of ``page`` and where the next one starts, and list its ids."""
        for cid, row in page.rows.items():
            self._rows.setdefault(cid, row)
        self._next = page.next
        return self._list(page.ids, announce=announce)

    def _list(self, ids: Sequence[int], *, announce: bool = True) -> int:
        """Add rows for ``ids`` after the last one; returns how many.

        A case listed already is skipped (the database changed between two pages: the
        change's reload is on its way). ``announce``: tell the views (not during a reset).
        """
        new = [cid for cid in dict.fromkeys(ids) if cid not in self._positions]
        if not new:
            return 0
        first = len(self._ids)
        with self._change():
            if announce:
                self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, cid in enumerate(new):
                self._positions[cid] = first + offset
            self._ids.extend(new)
            if announce:
                self.endInsertRows()
        return len(new)

    # -- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        """Some matching case is not listed yet (the view asks at the end of the rows)."""
        return not (parent.isValid() or self._changing) and self._more()

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        """List the next page: read after the last row, or taken from the ids read."""
        if not self.canFetchMore(parent):
            return
        size = self._page_size
        if self._unlisted is not None:
            listed, self._unlisted = self._unlisted[:size], self._unlisted[size:]
            self._list(listed)
            return
        while self._next is not None:
            if self._add_page(self._read_page(self._next)):
                return

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
        if column is Column.PHASE and row.needs_period:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(WITHOUT_PERIOD_COLOUR))
            if role == Qt.ItemDataRole.ToolTipRole:
                return WITHOUT_PERIOD_TIP
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.ALERTS:
            return alerts_tooltip(row)
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
            return phase_text(row.phase, needs_period=row.needs_period)
        if column is Column.DAY:
            return day_text(row.day, row.total_days)
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
        if key == self._query.sort and descending == self._query.descending and self._read:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))
