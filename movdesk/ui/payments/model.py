"""The tranche table of the Paiements page: one row per tranche of every signed case.

The page filters and sorts the lines in Python (:func:`movdesk.services.payments.
filter_lines`) and hands the model the result, so that 120,000 tranches list at once
and a click on a header sorts them without asking Qt to compare rows one by one.
Statuses are written in words and in colour; :data:`LINE_ROLE` gives a row's
:class:`~movdesk.services.payments.TrancheLine`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...models import Tranche
from ...rules.payments import TrancheStatus
from ...services.invoicing import SHORT_NAMES
from ...services.payments import TrancheLine
from ..casefile.text import short_date
from ..formatting import format_euros

#: The :class:`TrancheLine` of a row.
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """What to do with a tranche comes first: it is what the coordinator reads."""

    ORDER = 0
    BENEFICIARY = 1
    TRANCHE = 2
    STATUS = 3
    AMOUNT = 4
    DUE = 5
    MISSING = 6
    INVOICE = 7
    PAID = 8
    REFERENT = 9


HEADERS = {
    Column.ORDER: "N° de commande",
    Column.BENEFICIARY: "Bénéficiaire",
    Column.TRANCHE: "Tranche",
    Column.STATUS: "Statut",
    Column.AMOUNT: "Montant HT",
    Column.DUE: "Échéance",
    Column.MISSING: "Pièces manquantes",
    Column.INVOICE: "Facture",
    Column.PAID: "Payée le",
    Column.REFERENT: "Référent",
}

#: Status → (text colour, background), with the words of the status itself.
STATUS_LOOK = {
    TrancheStatus.NOT_DUE: ("#6b6b6b", None),
    TrancheStatus.DUE_MISSING_DOCUMENTS: ("#8a3c00", "#ffe9d1"),
    TrancheStatus.READY_TO_INVOICE: ("#1f5f23", "#dcf1dc"),
    TrancheStatus.INVOICED: ("#15324f", "#dde8f5"),
    TrancheStatus.PAID: ("#2e6b30", None),
}
#: The order of statuses when sorting by status: what needs doing first.
STATUS_ORDER = {
    TrancheStatus.READY_TO_INVOICE: 0,
    TrancheStatus.DUE_MISSING_DOCUMENTS: 1,
    TrancheStatus.INVOICED: 2,
    TrancheStatus.PAID: 3,
    TrancheStatus.NOT_DUE: 4,
}
_TRANCHE_ORDER = {Tranche.T1: 0, Tranche.EARLY: 1, Tranche.T2: 2, Tranche.T3: 3}


def _invoice(line: TrancheLine) -> str:
    state = line.state
    if not state.invoice_number:
        return ""
    when = f" du {short_date(state.invoice_date)}" if state.invoice_date else ""
    return f"n° {state.invoice_number}{when}"


#: How each column writes a line.
TEXT: dict[Column, Callable[[TrancheLine], str]] = {
    Column.ORDER: lambda t: t.case.order_number,
    Column.BENEFICIARY: lambda t: t.case.beneficiary,
    Column.REFERENT: lambda t: t.case.referent,
    Column.TRANCHE: lambda t: SHORT_NAMES[t.state.tranche],
    Column.AMOUNT: lambda t: format_euros(t.state.amount_cents),
    Column.STATUS: lambda t: t.state.status.label,
    Column.DUE: lambda t: short_date(t.state.due_date) if t.state.due_date else "",
    Column.MISSING: lambda t: " ; ".join(t.state.missing_documents),
    Column.INVOICE: _invoice,
    Column.PAID: lambda t: short_date(t.state.paid_date) if t.state.paid_date else "",
}

_NO_DATE = date.max
#: How each column sorts (an empty date last).
SORT_KEYS: dict[Column, Callable[[TrancheLine], Any]] = {
    Column.ORDER: lambda t: t.case.order_number,
    Column.BENEFICIARY: lambda t: (t.case.beneficiary.casefold(), t.case.order_number),
    Column.REFERENT: lambda t: (t.case.referent.casefold(), t.case.order_number),
    Column.TRANCHE: lambda t: (_TRANCHE_ORDER[t.state.tranche], t.case.order_number),
    Column.AMOUNT: lambda t: (t.state.amount_cents, t.case.order_number),
    Column.STATUS: lambda t: (STATUS_ORDER[t.state.status], t.state.due_date or _NO_DATE),
    Column.DUE: lambda t: (t.state.due_date or _NO_DATE, t.case.order_number),
    Column.MISSING: lambda t: (len(t.state.missing), t.case.order_number),
    Column.INVOICE: lambda t: (t.state.invoice_number or "", t.case.order_number),
    Column.PAID: lambda t: (t.state.paid_date or _NO_DATE, t.case.order_number),
}


class TrancheTableModel(QAbstractTableModel):
    """The lines the page lists, sorted as the user asked (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[TrancheLine] = []
        self._sort: tuple[Column, Qt.SortOrder] | None = None

    def set_lines(self, lines: Sequence[TrancheLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._apply_sort()
        self.endResetModel()

    def lines(self) -> list[TrancheLine]:
        return list(self._lines)

    def line(self, row: int) -> TrancheLine:
        return self._lines[row]

    def row_of(self, key: tuple[int, str]) -> int | None:
        for row, line in enumerate(self._lines):
            if line.key == key:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(Column):
                return HEADERS[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return TEXT[column](line)
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column is Column.STATUS:
            foreground, background = STATUS_LOOK[line.state.status]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(foreground))
            if role == Qt.ItemDataRole.BackgroundRole and background:
                return QBrush(QColor(background))
            ready = line.state.status is TrancheStatus.READY_TO_INVOICE
            if role == Qt.ItemDataRole.FontRole and ready:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.TRANCHE:
                return line.state.tranche.label
            return line.state.explanation
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (Column(column), order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        self._lines.sort(key=SORT_KEYS[column],
                         reverse=order == Qt.SortOrder.DescendingOrder)  # fmt: skip
