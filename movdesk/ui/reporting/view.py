"""What the Indicateurs and Conformité tabs share: a month's report read in a worker, a
status line, the CSV format choice, the list of cases behind a figure, the exports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...reports.csv_export import DIALECTS, EXCEL, CsvDialect
from ...services.context import Desk
from ..worker import Job, Worker
from .background import run_with_progress
from .drilldown import CaseListDialog, DrillRow
from .loading import Loader

#: The CSV dialects offered, the Excel one first (the default).
DIALECT_CHOICES = (("Excel (;)", "excel"), ("Machine (,)", "machine"))


def read_only_table(parent: QWidget, name: str, model: QAbstractItemModel) -> QTableView:
    """A table view that selects but never edits, with compact rows and no row numbers."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    return view


def dialect_combo(parent: QWidget) -> QComboBox:
    """The choice of CSV dialect, Excel first; narrow enough for a toolbar row."""
    combo = QComboBox(parent)
    combo.setObjectName("dialectChoice")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    combo.setToolTip(
        "Format des fichiers CSV — Excel : point-virgule, virgule décimale, dates JJ/MM/AAAA "
        "(s'ouvre d'un double clic dans Excel en français) ; Machine : virgule, point "
        "décimal, dates AAAA-MM-JJ (pour les programmes)"
    )
    for text, name in DIALECT_CHOICES:
        combo.addItem(text, name)
    return combo


class ReportView(QWidget):
    """A tab that shows one report at a time; subclasses build the rest of it."""

    #: The user asked for a case file (from the cases behind a figure).
    open_case_requested = Signal(int)
    #: A report is on screen (after a read, or a change of month or filter).
    report_shown = Signal(object)

    def __init__(self, desk: Desk, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.desk = desk
        self.drilldown: CaseListDialog | None = None
        self._jobs: set[Worker] = set()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 6, 0, 0)
        self.status = QLabel(self)
        self.status.setObjectName(f"{name}Status")
        self.status.setWordWrap(True)
        self.loader = Loader(self)
        self.loader.failed.connect(self.status.setText)
        self.dialect = dialect_combo(self)

    def chosen_dialect(self) -> CsvDialect:
        return DIALECTS.get(str(self.dialect.currentData()), EXCEL)

    def stretch_columns(self, view: QTableView) -> None:
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def open_drilldown(
        self, title: str, explanation: str, rows: Sequence[DrillRow], *, events: bool = False
    ) -> CaseListDialog:
        """Show the cases behind a figure (one list at a time)."""
        if self.drilldown is not None:
            self.drilldown.close()
        dialog = CaseListDialog(title, explanation, rows, self, events=events)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_case_requested.connect(self.open_case_requested)
        dialog.destroyed.connect(lambda *_: setattr(self, "drilldown", None))
        self.drilldown = dialog
        dialog.show()
        return dialog

    def run_export(self, text: str, job: Job, done: Callable[[Any], str]) -> Worker:
        """An export in the worker, behind a progress dialog."""
        return run_with_progress(self, text, job, done, jobs=self._jobs)
