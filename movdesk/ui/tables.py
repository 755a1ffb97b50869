"""What the long lists of the pages share: a table that opens its row on Enter.

The case list and the placements list show tens of thousands of rows read a page at a
time; both use :class:`ListTable`, set up by :func:`setup_list` (whole rows selected,
fixed row heights so that the view never measures every row).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class ListTable(QTableView):
    """A list whose current row opens with Enter or Return, on every platform."""

    #: The row at ``index`` should open (Enter, Return or a double click).
    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


def setup_list(table: QTableView) -> None:
    """Read-only, one whole row selected at a time, rows of a fixed height."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    # Fixed heights: the view never measures thousands of rows to lay them out.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
