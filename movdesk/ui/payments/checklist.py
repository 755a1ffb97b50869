"""The supporting documents of the case selected on the Paiements page (checklist).

One line per document the case's tranches can need: a box ticked when the original was
received (greyed « signé » when the office's own signed document already counts), the
receipt and signature dates, and which payment needs it. Ticking records the receipt on
the date chosen above the list; unticking erases it. Each tick is one audited action,
undone by Ctrl+Z; a refusal is shown in French and the box goes back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...models import DocumentKind
from ...services.checklist import Checklist, ChecklistItem, read_checklist, record_received
from ...services.context import Desk
from ...services.errors import ValidationFailed
from ...services.invoicing import SHORT_NAMES
from ..casefile.text import DASH, short_date
from ..widgets import DateField, sentence

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
NO_CASE = "Choisissez une tranche dans la liste pour voir les pièces de son dossier."
HEADERS = ("Pièce (cochée : original reçu)", "Reçue le", "Pour")


class ChecklistPanel(QWidget):
    """The checklist of one case; :meth:`show_case` fills it."""

    #: The user asked for the case file of the case shown.
    open_case_requested = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self.desk = desk
        self.checklist: Checklist | None = None
        self._filling = False
        self._in_handler = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel(NO_CASE, self)
        self.heading.setObjectName("checklistHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        caption = QLabel("&Date de réception :", self)
        self.received_on = DateField(desk.today(), parent=self)
        self.received_on.setObjectName("receivedOn")
        self.received_on.setToolTip("La date inscrite quand vous cochez une pièce reçue")
        caption.setBuddy(self.received_on)
        row.addWidget(caption)
        row.addWidget(self.received_on)
        row.addStretch(1)
        self.open_button = QPushButton("Ouvrir le &dossier", self)
        self.open_button.setObjectName("openCaseFromChecklist")
        self.open_button.clicked.connect(self._open_case)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("checklistTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_item)
        layout.addWidget(self.table, 1)
        self.explanations = QLabel(self)
        self.explanations.setObjectName("trancheExplanations")
        self.explanations.setWordWrap(True)
        self.explanations.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explanations)
        self.show_case(None)

    def case_id(self) -> int | None:
        return self.checklist.case_id if self.checklist is not None else None

    def show_case(self, case_id: int | None, explanations: list[str] | None = None) -> None:
        """Show the checklist of ``case_id`` (None: nothing selected)."""
        self.checklist = read_checklist(self.desk, case_id) if case_id is not None else None
        self.open_button.setEnabled(case_id is not None)
        self.received_on.setEnabled(case_id is not None)
        self.explanations.setText("\n".join(explanations or []))
        self._fill()

    def _fill(self) -> None:
        if self._in_handler:
            # Not while Qt delivers a box's change: the items would be deleted under it.
            QTimer.singleShot(0, self._fill)
            return
        checklist = self.checklist
        self._filling = True
        try:
            self.table.setRowCount(0)
            if checklist is None:
                self.heading.setText(NO_CASE)
                return
            self.heading.setText(
                f"<b>Pièces du dossier {checklist.order_number}</b> — {checklist.beneficiary}"
            )
            self.table.setRowCount(len(checklist.items))
            for row, item in enumerate(checklist.items):
                self._fill_row(row, item)
            self.table.resizeRowsToContents()
        finally:
            self._filling = False

    def _fill_row(self, row: int, item: ChecklistItem) -> None:
        box = QTableWidgetItem(item.label)
        box.setData(KIND_ROLE, item.kind.value)
        box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        if item.received_on is not None and item.held:
            box.setCheckState(Qt.CheckState.Checked)
        elif item.by_signature:
            # Held through the office's signature: ticking records the original's receipt.
            box.setCheckState(Qt.CheckState.PartiallyChecked)
            box.setToolTip("Document du bureau signé : compté comme détenu pour les "
                           "paiements. Cochez quand l'original est reçu.")  # fmt: skip
        else:
            box.setCheckState(Qt.CheckState.Unchecked)
        self.table.setItem(row, 0, box)
        if item.received_on is not None:
            received = short_date(item.received_on)
            if not item.held:
                received += " (à venir)"
        elif item.signed_on is not None:
            received = f"signée le {short_date(item.signed_on)}"
        else:
            received = DASH
        wanted = ", ".join(SHORT_NAMES[t] for t in dict.fromkeys(item.tranches)) or DASH
        for column, text, tip in ((1, received, None), (2, wanted, item.needed_for)):
            cell = QTableWidgetItem(text)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            cell.setToolTip(tip or item.needed_for or "")
            if column == 1 and item.received_on is None and item.signed_on is not None:
                cell.setForeground(QColor("#6b6b6b"))
            self.table.setItem(row, column, cell)

    def kind_row(self, kind: DocumentKind) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(KIND_ROLE) == kind.value:
                return row
        return None

    def set_received(self, kind: DocumentKind, received: bool) -> bool:
        """Tick (or untick) ``kind``'s box as the user would; True when it was recorded."""
        row = self.kind_row(kind)
        if row is None or self.checklist is None:
            return False
        item = self.table.item(row, 0)
        item.setCheckState(Qt.CheckState.Checked if received else Qt.CheckState.Unchecked)
        recorded = self.checklist.item(kind).received_on is not None
        return recorded == received

    def _on_item(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0 or self.checklist is None:
            return
        self._in_handler = True
        try:
            self._record(DocumentKind(item.data(KIND_ROLE)),
                         item.checkState() == Qt.CheckState.Checked)  # fmt: skip
        finally:
            self._in_handler = False

    def _record(self, kind: DocumentKind, ticked: bool) -> None:
        assert self.checklist is not None
        case_id = self.checklist.case_id
        current = self.checklist.item(kind)
        if ticked != (current.received_on is not None):
            on: date | None = self.received_on.value() if ticked else None
            try:
                record_received(self.desk, case_id, kind, on)
            except ValidationFailed as refusal:
                text = "\n".join(sentence(p.message) for p in refusal.problems)
                QMessageBox.warning(self, "Pièce justificative", text)
            except UserError as error:
                QMessageBox.warning(self, "Pièce justificative", str(error))
        # Read back what is recorded (refused or not), so that the box says the truth.
        self.checklist = read_checklist(self.desk, case_id)
        self._fill()

    def _open_case(self) -> None:
        if self.checklist is not None:
            self.open_case_requested.emit(self.checklist.case_id)
