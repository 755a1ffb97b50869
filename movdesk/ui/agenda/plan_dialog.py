"""Choosing the case of a new appointment by typing a name (click on a free slot).

The agenda knows the day, the time and the referent; this small dialog finds the case
(the referent's cases in progress, or every case of the office on demand) as the user
types, with the case list's search; the interview form then opens on that slot.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...models import CaseStatus
from ...services.case_list import CaseListQuery, SortKey, case_page
from ...services.context import Desk
from ..casefile.text import short_date
from .paint import long_day

#: How many cases the list shows at most (type more to narrow it).
SHOWN = 40
#: The dialog's width, in pixels.
DIALOG_WIDTH = 820
#: Cases an interview can be planned for: in progress, or in in-job follow-up.
PLANNABLE = frozenset({CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP})


class _Search(QLineEdit):
    """The name field: the arrows walk the list below without leaving the field."""

    def __init__(self, target: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self._target.count() - 1, self._target.currentRow() + step))
            self._target.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class PlanAppointmentDialog(QDialog):
    """« Nouveau rendez-vous le … » : type a name, pick the case (Entrée)."""

    def __init__(
        self,
        desk: Desk,
        *,
        on: date,
        at: time,
        referent_id: int,
        referent_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.referent_id = referent_id
        #: The case chosen, once accepted.
        self.case_id: int | None = None
        self.setWindowTitle("Nouveau rendez-vous")
        self.setObjectName("planAppointmentDialog")
        layout = QVBoxLayout(self)
        when = f"{long_day(on).capitalize()} à {at:%H:%M} — {referent_name}"
        heading = QLabel(f"<b>{when}</b>", self)
        heading.setObjectName("planWhen")
        layout.addWidget(heading)
        self.results = QListWidget(self)
        self.results.setObjectName("planResults")
        self.search = _Search(self.results, self)
        self.search.setObjectName("planSearch")
        self.search.setPlaceholderText("Tapez le nom du bénéficiaire (ou n° de commande)")
        self.search.setClearButtonEnabled(True)
        label = QLabel("&Bénéficiaire :", self)
        label.setBuddy(self.search)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        self.everyone = QCheckBox("Chercher dans &tous les dossiers du bureau", self)
        self.everyone.setObjectName("planEveryone")
        self.everyone.setToolTip(
            "Sinon, seuls les dossiers en cours ou en suivi de ce référent sont proposés"
        )
        layout.addWidget(self.everyone)
        self.count = QLabel(self)
        self.count.setObjectName("planCount")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(self)
        self.choose = buttons.addButton(
            "&Saisir l'entretien…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.accept)
        self.everyone.toggled.connect(self.refresh)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.results.currentRowChanged.connect(lambda _row: self._update_button())
        # Wide enough for a line (name — order number — status, last interview) in full.
        self.resize(DIALOG_WIDTH, 420)
        self.refresh()

    def refresh(self) -> None:
        """List the cases matching what is typed."""
        self._timer.stop()
        query = CaseListQuery(
            text=self.search.text(),
            referent_id=None if self.everyone.isChecked() else self.referent_id,
            statuses=frozenset() if self.everyone.isChecked() else PLANNABLE,
            sort=SortKey.BENEFICIARY,
        )
        today = self.desk.today()
        page = self.desk.read(lambda s: case_page(s, query, today, size=SHOWN))
        self.results.clear()
        for case_id in page.ids:
            row = page.rows.get(case_id)
            if row is None:
                continue
            text = f"{row.beneficiary} — {row.order_number} — {row.status.label}"
            if self.everyone.isChecked():
                text += f" — {row.referent}"
            if row.last_interview is not None:
                text += f" (dernier entretien le {short_date(row.last_interview)})"
            item = QListWidgetItem(text, self.results)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
        if self.results.count():
            self.results.setCurrentRow(0)
        more = " (tapez la suite du nom pour en voir d'autres)" if page.next is not None else ""
        found = self.results.count()
        self.count.setText(
            f"{found} dossier{'s' if found > 1 else ''} trouvé{'s' if found > 1 else ''}{more}"
            if found
            else "Aucun dossier ne correspond."
        )
        self._update_button()

    def _update_button(self) -> None:
        self.choose.setEnabled(self.results.currentItem() is not None)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.case_id = int(item.data(Qt.ItemDataRole.UserRole))
        super().accept()
