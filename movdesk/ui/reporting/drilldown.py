"""The cases behind a figure (drill-down): one line per case, each opening its case file.

A count of the Indicateurs or Conformité table is clicked: this dialog lists exactly the
cases (or the events of cases) it counts, with what identifies them; Entrée or a double
click opens the case file, and the dialog stays open to check the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...services.case_lines import CaseLine
from ..casefile.table import Column, RowsModel, make_table, selected_row
from ..casefile.text import DASH, short_date
from ..formatting import plural


@dataclass(frozen=True)
class DrillRow:
    """One line of the list: a case, and for an event its date and what it is."""

    line: CaseLine
    day: date | None = None
    detail: str | None = None


def _exit_text(row: DrillRow) -> str:
    line = row.line
    if line.exit_date is None or line.exit_reason is None:
        return DASH
    return f"{short_date(line.exit_date)} — {line.exit_reason.label}"


_CASE_COLUMNS: list[Column[DrillRow]] = [
    Column("Dossier", lambda r: r.line.order_number),
    Column("Bénéficiaire", lambda r: r.line.beneficiary),
    Column("Référent", lambda r: r.line.referent),
    Column("Début", lambda r: short_date(r.line.start_date)),
    Column("Fin prévue", lambda r: short_date(r.line.end_date)),
    Column("Statut enregistré", lambda r: r.line.status.label),
    Column("Sortie", _exit_text),
]
_EVENT_COLUMNS: list[Column[DrillRow]] = [
    Column("Date", lambda r: short_date(r.day)),
    Column("Dossier", lambda r: r.line.order_number),
    Column("Bénéficiaire", lambda r: r.line.beneficiary),
    Column("Référent actuel", lambda r: r.line.referent),
    Column("Constat", lambda r: r.detail or "", tip=lambda r: r.detail),
]


class CaseListDialog(QDialog):
    """The cases behind one figure; asks for a case file on Entrée or a double click."""

    #: The user asked for this case's file.
    open_case_requested = Signal(int)

    def __init__(
        self,
        title: str,
        explanation: str,
        rows: Sequence[DrillRow],
        parent: QWidget | None = None,
        *,
        events: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseListDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{title}</b> — {plural(len(rows), 'ligne')}", self)
        heading.setObjectName("drillHeading")
        layout.addWidget(heading)
        if explanation:
            note = QLabel(explanation, self)
            note.setObjectName("drillExplanation")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.model: RowsModel[DrillRow] = RowsModel(
            _EVENT_COLUMNS if events else _CASE_COLUMNS, self
        )
        self.model.set_rows(rows)
        self.view = make_table(self.model, self, "drillView")
        self.view.activated.connect(self._open)
        self.view.setToolTip("Double-cliquez sur une ligne (ou appuyez sur Entrée) pour "
                             "ouvrir le dossier")  # fmt: skip
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(self)
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.open_button = buttons.addButton("&Ouvrir le dossier", action)
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(bool(rows))
        close = buttons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        if rows:
            self.view.selectRow(0)
        self.resize(900, 520)

    def rows(self) -> list[DrillRow]:
        return self.model.rows()

    def open_selected(self) -> None:
        row = selected_row(self.view)
        if isinstance(row, DrillRow):
            self.open_case_requested.emit(row.line.case_id)

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        self.open_case_requested.emit(row.line.case_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Entrée opens the case rather than closing the dialog (its default button).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.hasFocus():
            self.open_selected()
            return
        super().keyPressEvent(event)
