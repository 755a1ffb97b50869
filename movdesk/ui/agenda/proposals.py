"""« Proposer des rendez-vous »: the planning help's proposals for one referent, to accept
all or some; the accepted ones are planned in one action (Ctrl+Z takes them back)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...rules.proposer import Plan, Proposal
from ...services.agenda import AgendaReferent
from ...services.context import Desk
from ...services.planning import accept_proposals, propose_for_referent
from ..casefile.text import short_date
from .paint import day_title

#: Lines of the « Sans proposition » list shown before it scrolls.
SKIPPED_LINES = 6

_HEADERS = ("Planifier", "Bénéficiaire", "Jour", "Heure", "Au plus tard", "Pourquoi ce créneau")


class ProposalsDialog(QDialog):
    """The proposals of one referent (chosen at the top), checked by default."""

    def __init__(
        self,
        desk: Desk,
        referents: list[AgendaReferent],
        referent_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.plan: Plan = Plan((), ())
        #: Ids of the interviews planned by the last accept.
        self.created: list[int] = []
        self.setWindowTitle("Proposer des rendez-vous")
        self.setObjectName("proposalsDialog")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.referent = QComboBox(self)
        self.referent.setObjectName("proposalReferent")
        for referent in referents:
            self.referent.addItem(referent.name, referent.id)
        self.referent.setCurrentIndex(max(0, self.referent.findData(referent_id)))
        label = QLabel("&Référent :", self)
        label.setBuddy(self.referent)
        top.addWidget(label)
        top.addWidget(self.referent, 1)
        layout.addLayout(top)
        intro = QLabel(
            "Pour chaque dossier en cours, le prochain entretien individuel qui respecte "
            "l'entretien hebdomadaire, la règle des 14 jours, les suspensions, les périodes "
            "en entreprise, les jours fériés, les horaires du référent et ses autres "
            "rendez-vous — au jour et à l'heure habituels du bénéficiaire quand c'est "
            "possible. Décochez ceux que vous ne voulez pas planifier.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(_HEADERS), self)
        self.table.setObjectName("proposalTable")
        self.table.setHorizontalHeaderLabels(list(_HEADERS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 3)
        self.skipped = QLabel(self)
        self.skipped.setObjectName("proposalSkipped")
        self.skipped.setWordWrap(True)
        self.skipped.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.skipped)
        # The cases left alone, one a line, in a list of a few lines that scrolls: a
        # referent with many cases already planned must still reach the buttons.
        self.skipped_list = QListWidget(self)
        self.skipped_list.setObjectName("proposalSkippedList")
        self.skipped_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        row_height = self.skipped_list.fontMetrics().height() + 4
        self.skipped_list.setMaximumHeight(SKIPPED_LINES * row_height + 6)
        layout.addWidget(self.skipped_list, 1)
        row = QHBoxLayout()
        self.check_all = QPushButton("Tout &cocher", self)
        self.uncheck_all = QPushButton("Tout &décocher", self)
        row.addWidget(self.check_all)
        row.addWidget(self.uncheck_all)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(self)
        self.plan_button = buttons.addButton(
            "&Planifier les rendez-vous cochés", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.check_all.clicked.connect(lambda: self._check(True))
        self.uncheck_all.clicked.connect(lambda: self._check(False))
        self.table.itemChanged.connect(lambda _item: self._update_button())
        self.referent.currentIndexChanged.connect(lambda _index: self.refresh())
        self.resize(860, 520)
        self.refresh()

    def refresh(self) -> None:
        """Ask the proposer again for the referent chosen."""
        referent_id = self.referent.currentData()
        if referent_id is None:
            self.plan = Plan((), ())
        else:
            self.plan = propose_for_referent(
                self.desk.session_factory, int(referent_id), self.desk.today()
            )
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(self.plan.proposals))
            for number, proposal in enumerate(self.plan.proposals):
                self._fill_row(number, proposal)
        finally:
            self.table.blockSignals(False)
        self.skipped_list.clear()
        self.skipped_list.addItems([f"{s.beneficiary} : {s.reason}" for s in self.plan.skipped])
        self.skipped_list.setVisible(bool(self.plan.skipped))
        heading = f"Sans proposition ({len(self.plan.skipped)}) :" if self.plan.skipped else ""
        if not self.plan.proposals:
            heading = f"Aucun rendez-vous à proposer. {heading}".strip()
        self.skipped.setText(f"<b>{heading}</b>" if heading else "")
        self._update_button()

    def skipped_lines(self) -> list[str]:
        """The cases left alone as listed (« NOM Prénom : why »)."""
        return [self.skipped_list.item(n).text() for n in range(self.skipped_list.count())]

    def _fill_row(self, number: int, proposal: Proposal) -> None:
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked)
        values = (
            proposal.beneficiary,
            day_title(proposal.day),
            f"{proposal.start:%H:%M}",
            short_date(proposal.limit),
            proposal.reason,
        )
        self.table.setItem(number, 0, check)
        for column, text in enumerate(values, start=1):
            item = QTableWidgetItem(text)
            if column == 5 and not proposal.covers_week:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(number, column, item)

    def _check(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for number in range(self.table.rowCount()):
            item = self.table.item(number, 0)
            if item is not None:
                item.setCheckState(state)

    def chosen(self) -> list[Proposal]:
        """The proposals left checked."""
        return [
            proposal
            for number, proposal in enumerate(self.plan.proposals)
            if (item := self.table.item(number, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def _update_button(self) -> None:
        count = len(self.chosen())
        self.plan_button.setEnabled(count > 0)
        self.plan_button.setText(
            f"&Planifier {count} rendez-vous" if count else "&Planifier les rendez-vous cochés"
        )

    def accept(self) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        try:
            self.created = accept_proposals(self.desk, chosen)
        except UserError as error:
            QMessageBox.warning(self, "Planification impossible", str(error))
            self.refresh()
            return
        super().accept()
