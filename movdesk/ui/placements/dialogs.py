"""The placements page's windows: the week's call list (printable) and the cases in
phase 2 without a company period."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from ...services.exports import write_file
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


class CallListDialog(QDialog):
    """« Suivis à faire cette semaine »: the calls of every referent, or of one, with
    « Enregistrer en PDF… » and « Imprimer… » (the PDF opens in the PC's reader)."""

    #: Double click on a line: the user wants that case's file.
    open_case_requested = Signal(int)
    #: The list was read (the tests wait for it).
    loaded = Signal()
    #: The PDF was written, to this path.
    printed = Signal(str)

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
        self.save_button = QPushButton("Enregistrer en &PDF…", self)
        self.save_button.setObjectName("savePdfButton")
        self.print_button = QPushButton("&Imprimer…", self)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(
            "Ouvre la liste en PDF dans le lecteur du poste, pour l'imprimer"
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
        bottom.addWidget(self.save_button)
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
        self._target: str | None = None
        self._open_after = False
        self._wanted: int | None = None
        self._again = False
        self.referent.currentIndexChanged.connect(lambda _index: self.reload())
        self.save_button.clicked.connect(lambda _checked=False: self.save_pdf())
        self.print_button.clicked.connect(lambda _checked=False: self.print_list())
        self.reload()

    # -- reading (off the window's thread: the first read may work schedules out) ------

    def reload(self) -> None:
        self.summary.setText("Lecture des suivis en cours…")
        self.save_button.setEnabled(False)
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
        self.summary.setText(
            f"Semaine du {short_date(calls.week_start)} au {short_date(calls.week_end)} : "
            f"{plural(calls.count, 'appel')} à passer"
            + ("" if calls.count else " — aucun entretien de suivi ni maintien à constater.")
        )
        self.save_button.setEnabled(True)
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

    def save_pdf(self, path: str | None = None) -> None:
        """Ask where, then write the PDF (the rendering runs off the window's thread)."""
        if self.calls is None:
            return
        if path is None:
            suggested = str(Path.home() / file_name(self.calls, self.document.referent))
            path, _filter = QFileDialog.getSaveFileName(
                self, "Enregistrer la liste en PDF", suggested, "Documents PDF (*.pdf)"
            )
        if path:
            self._start_print(path, open_after=False)

    def print_list(self) -> None:
        """Write the PDF beside the database's data and open it in the PC's reader."""
        if self.calls is None:
            return
        from ...config import data_dir

        folder = data_dir() / "impressions"
        folder.mkdir(parents=True, exist_ok=True)
        self._start_print(str(folder / file_name(self.calls, self.document.referent)), True)

    def _start_print(self, path: str, open_after: bool) -> None:
        self._target, self._open_after = path, open_after
        self.summary.setText("Préparation du PDF…")
        self._printer.start()

    def _print_job(self, _progress: object, _cancel: object) -> object:
        assert self._target is not None
        write_file(self._target, render_call_list(self.document))
        return self._target

    def _printed(self, path: object) -> None:
        self.summary.setText(f"Liste enregistrée : {path}")
        if self._open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.printed.emit(str(path))

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
