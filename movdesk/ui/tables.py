"""What the long lists of the pages share: a table that opens its row on Enter.

The case list and the placements list show tens of thousands of rows read a page at a
time; both use :class:`ListTable`, set up by :func:`setup_list` (whole rows selected,
fixed row heights so that the view never measures every row), and remember their
columns with :class:`HeaderMemory`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
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


class HeaderMemory(QObject):
    """Keeps a list's column order, widths and sort in the window settings under ``key``.

    :meth:`restore` puts them back (or sorts on ``column`` in ``order`` the first time);
    any later move, resize or sort is saved a moment after, and :meth:`save` saves now.
    """

    #: Pause after the last change before saving, in milliseconds.
    DELAY_MS = 300

    def __init__(self, table: QTableView, key: str, column: int, order: Qt.SortOrder) -> None:
        super().__init__(table)
        self._header = table.horizontalHeader()
        self._key, self._column, self._order = key, column, order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.save)
        for signal in (
            self._header.sectionResized,
            self._header.sectionMoved,
            self._header.sortIndicatorChanged,
        ):
            signal.connect(lambda *_args: self._timer.start())

    def restore(self) -> None:
        state = _window_settings().value(self._key)
        if not (isinstance(state, QByteArray) and self._header.restoreState(state)):
            self._header.setSortIndicator(self._column, self._order)

    def save(self) -> None:
        self._timer.stop()
        settings = _window_settings()
        settings.setValue(self._key, self._header.saveState())
        settings.sync()


def _window_settings() -> QSettings:
    # Imported here: the main window imports the pages, the pages import this module.
    from .main_window import window_settings

    return window_settings()
