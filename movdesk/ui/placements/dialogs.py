"""The placements page's windows: the week's call list (printable) and the cases in
phase 2 without a company period."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import DBAPIError

from ...errors import UserError
from ...reports.call_list import CallLine, CallList, file_name, render_call_list
from ...services.call_list import call_list_document
from ...services.case_list import referent_choices
from ...services.context import Desk
from ...services.documents.printing import RenderedDocument
from ...services.placements import MissingPeriod
from ...store.sqlite_file import sqlite_cause
from ..casefile.table import Column, RowsModel, make_table
from ..casefile.text import short_date
from ..formatting import plural
from ..worker import Worker

_STATUS_WORDS = {"overdue": "en retard", "today": "aujourd'hui", "soon": "cette semaine"}


class _CallRow:
    """A line of the call list with its referent (the table shows them one after the other)."""

    __slots__ = ("line", "referent")

    def __init__(self, referent: str, line: CallLine) -> None:
        self.referent = referent
        self.line = line


def _due(row: _CallRow) -> str:
    words = _STATUS_WORDS.get(row.line.status)
    shown = short_date(row.line.due)
    return f"{shown} · {words}" if words else shown


def _week_text(calls: CallList) -> str:
    text = (
        f"Semaine du {short_date(calls.week_start)} au {short_date(calls.week_end)} : "
        f"{plural(calls.count, 'appel')} à passer"
    )
    return text if calls.count else text + " — aucun entretien de suivi ni maintien à constater."


class CallListDialog(QDialog):
    """« Suivis à faire cette semaine »: the calls of every referent, or of one, and
    « Aperçu et impression… »: the printed list in the documents' preview window, which
    prints it, saves it as PDF or opens it in the PC's reader."""

    #: Double click on a line: the user wants that case's file.
    open_case_requested = Signal(int)
    #: The list was read (the tests wait for it).
    loaded = Signal()
    #: The printed list is shown in its preview window (the window).
    previewed = Signal(object)

    def __init__(
        self, desk: Desk, referent_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CallListDialog")
        self.setWindowTitle("Suivis à faire cette semaine")
        self.desk = desk
        self.today = desk.today()
        self.calls: CallList | None = None
        self.referent = QComboBox(self)
        self.referent.setObjectName("callReferent")
        self.referent.addItem("Tous les référents", None)
        for choice in desk.read(referent_choices):
            if choice.active:
                self.referent.addItem(choice.name, choice.id)
        self.referent.setCurrentIndex(max(self.referent.findData(referent_id), 0))
        self.summary = QLabel(self)
        self.summary.setObjectName("callSummary")
        self.model: RowsModel[_CallRow] = RowsModel(
            [
                Column("Référent", lambda r: r.referent),
                Column("Échéance", _due, tone=lambda r: "late" if r.line.status == "overdue"
                       else None),
                Column("Bénéficiaire", lambda r: r.line.beneficiary),
                Column("Téléphone", lambda r: r.line.phone or "pas de numéro",
                       tone=lambda r: None if r.line.phone else "muted"),
                Column("À faire", lambda r: r.line.label),
                Column("Emploi ou formation", lambda r: r.line.placement or "—"),
                Column("Depuis le", lambda r: short_date(r.line.started)),
                Column("Dossier", lambda r: r.line.order_number),
            ],
            self,
        )  # fmt: skip
        self.table = make_table(self.model, self, "callTable")
        self.table.doubleClicked.connect(self._open)
        self.print_button = QPushButton("&Aperçu et impression…", self)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(
            "La liste imprimée, une feuille par référent : l'imprimer, l'enregistrer en PDF "
            "ou l'ouvrir dans la visionneuse du poste"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Fermer")
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Référent :", self))
        top.itemAt(0).widget().setBuddy(self.referent)  # type: ignore[union-attr]
        top.addWidget(self.referent, 1)
        top.addStretch(2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1050, 560)
        self._reader = Worker(self._read_job, self)
        self._reader.finished.connect(self._show)
        self._reader.failed.connect(self._failed)
        self._printer = Worker(self._print_job, self)
        self._printer.finished.connect(self._printed)
        self._printer.failed.connect(self._failed)
        self.preview_window: QWidget | None = None
        self._wanted: int | None = None
        self._again = False
        self.referent.currentIndexChanged.connect(lambda _index: self.reload())
        self.print_button.clicked.connect(lambda _checked=False: self.print_list())
        self.reload()

    # -- reading (off the window's thread: the first read may work schedules out) ------

    def reload(self) -> None:
        self.summary.setText("Lecture des suivis en cours…")
        self.print_button.setEnabled(False)
        # Read by the job, never from the widget on the worker's thread.
        self._wanted = self.referent.currentData()
        if self._reader.is_running():
            self._again = True
            return
        self._reader.start()

    def _read_job(self, _progress: object, _cancel: object) -> object:
        return call_list_document(self.desk, self.today, referent_id=self._wanted)

    def _show(self, document: object) -> None:
        if self._again:
            self._again = False
            self._reader.start()
            return
        self.document = document
        calls: CallList = document.calls  # type: ignore[attr-defined]
        self.calls = calls
        rows = [_CallRow(group.referent, line) for group in calls.groups for line in group.lines]
        self.model.set_rows(rows)
        self.summary.setText(_week_text(calls))
        self.print_button.setEnabled(True)
        self.loaded.emit()

    def _failed(self, error: object) -> None:
        if isinstance(error, UserError):
            text = str(error)
        elif isinstance(error, DBAPIError):
            text = f"Lecture ou écriture impossible : {sqlite_cause(error)}."
        else:
            text = f"Erreur inattendue : {error}"
        self.summary.setText(text)
        QMessageBox.warning(self, "Suivis de la semaine", text)

    # -- printing -------------------------------------------------------------------------

    def print_list(self) -> None:
        """Render the list (off the window's thread), then show it in the preview."""
        if self.calls is None or self._printer.is_running():
            return
        self.summary.setText("Préparation de la liste imprimée…")
        self._printer.start()

    def _print_job(self, _progress: object, _cancel: object) -> object:
        return render_call_list(self.document)

    def _printed(self, data: object) -> None:
        from ..documents.preview import show_preview

        assert isinstance(data, bytes) and self.calls is not None
        who = self.document.referent  # type: ignore[attr-defined]
        title = "Suivis à faire cette semaine" + (f" — {who}" if who else "")
        rendered = RenderedDocument(data, title, file_name(self.calls, who))
        self.preview_window = show_preview(self.desk, rendered, self)
        self.summary.setText(_week_text(self.calls))
        self.previewed.emit(self.preview_window)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case_requested.emit(self.model.row(index.row()).line.case_id)


class MissingPeriodDialog(QDialog):
    """The running cases in phase 2 without a company period of 7 days at least."""

    #: Double click or « Ouvrir »: the case at its company periods.
    open_case_requested = Signal(int)

    def __init__(
        self, desk: Desk, missing: list[MissingPeriod], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MissingPeriodDialog")
        self.setWindowTitle("Dossiers en phase 2 sans période en entreprise")
        today = desk.today()
        self.model: RowsModel[MissingPeriod] = RowsModel(
            [
                Column("Dossier", lambda m: m.order_number),
                Column("Bénéficiaire", lambda m: m.beneficiary),
                Column("Référent", lambda m: m.referent),
                Column("Phase 2 depuis le", lambda m: short_date(m.phase2_start)),
                Column("À planifier avant le", lambda m: short_date(m.plan_by),
                       tone=lambda m: "late" if m.plan_by < today else None),
            ],
            self,
        )  # fmt: skip
        self.model.set_rows(missing)
        self.table = make_table(self.model, self, "missingPeriodTable")
        self.table.doubleClicked.connect(self._open)
        note = QLabel(
            f"{plural(len(missing), 'dossier')} : la phase 2 demande au moins une période en "
            "entreprise de 7 jours (PMSMP…). Double-cliquez pour ouvrir le dossier.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case_requested.emit(self.model.row(index.row()).case_id)
