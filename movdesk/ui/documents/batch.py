"""Fichier › Imprimer: the batches — the month's sheets, the reports due, a group session.

« Feuilles d'émargement du mois » and « Bilans intermédiaires dus cette semaine » are
built in the background (:class:`~movdesk.ui.worker.Worker`) for the office or one
referent, behind a progress dialog that does not block the window and can be
cancelled; the PDF then opens in the preview window, from which it is printed.
The work itself is the plain functions of :mod:`movdesk.services.documents.printing`.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from ...errors import UserError
from ...reports.text import fr_month
from ...rules.validation import Problem
from ...services.context import Desk
from ...services.documents.printing import (
    RenderedDocument,
    due_intermediate_reports,
    group_document,
    month_sheets,
    week_bounds,
)
from ...services.documents.settings import load_document_settings
from ...services.documents.sheets import GroupSession, group_sessions
from ...services.lookups import referent_choices
from ..widgets import DateField, FormDialog
from ..worker import Job, Worker, progress_dialog
from .preview import PreviewWindow, show_preview

log = logging.getLogger("movdesk")

WHOLE_OFFICE = "Tout le bureau"


def month_choices(today: date) -> list[tuple[str, str]]:
    """(« mars 2026 », ``2026-03``) from twelve months back to the next month."""
    year, month = today.year, today.month
    out = []
    for offset in range(1, -13, -1):
        number = month - 1 + offset
        y, m = year + number // 12, number % 12 + 1
        out.append((fr_month(y, m).capitalize(), f"{y:04d}-{m:02d}"))
    return out


class _ReferentChoice(QComboBox):
    """« Tout le bureau » or one active referent."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(WHOLE_OFFICE, None)
        for choice in referent_choices(desk):
            self.addItem(choice.label, choice.id)

    def referent_id(self) -> int | None:
        return self.currentData()


class BatchDialog(FormDialog):
    """What a batch prints: the month (for the sheets), the referent, the blank rows."""

    def __init__(
        self, desk: Desk, title: str, *, with_month: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, title, parent, save_text="&Préparer")
        self.month: QComboBox | None = None
        if with_month:
            self.month = QComboBox(self)
            for label, code in month_choices(desk.today()):
                self.month.addItem(label, code)
            self.month.setCurrentIndex(1)  # the current month
            self.add_field("month", "Mois :", self.month)
        self.referent = _ReferentChoice(desk, self)
        self.add_field("referent", "Référent :", self.referent)
        self.blank_rows = QSpinBox(self)
        self.blank_rows.setRange(0, 30)
        self.blank_rows.setValue(load_document_settings(desk).blank_rows)
        self.add_field("blank_rows", "Lignes vierges :", self.blank_rows)
        self.order_tabs()
        self.resize(440, self.sizeHint().height())

    def month_code(self) -> str | None:
        return self.month.currentData() if self.month is not None else None

    def save(self, accept_warnings: bool) -> int | None:
        return None


class GroupSessionDialog(FormDialog):
    """Choose a group session of a week; ``document`` holds its sheet once built."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            desk, "Feuille d'émargement d'un regroupement", parent, save_text="A&perçu"
        )
        self.document: RenderedDocument | None = None
        self.week = DateField(desk.today())
        self.week.dateChanged.connect(lambda _d: self.reload())
        self.add_field("week", "Semaine du :", self.week)
        self.sessions = QListWidget(self)
        self.sessions.setObjectName("groupSessions")
        self.sessions.setMinimumHeight(140)
        self.sessions.itemDoubleClicked.connect(lambda _item: self.accept())
        self.add_field("session", "Regroupement :", self.sessions)
        self.blank_rows = QSpinBox(self)
        self.blank_rows.setRange(0, 30)
        self.blank_rows.setValue(load_document_settings(desk).blank_rows)
        self.add_field("blank_rows", "Lignes vierges :", self.blank_rows)
        self.reload()
        self.resize(660, self.sizeHint().height())

    def reload(self) -> None:
        """The group sessions (planned or held) of the chosen week."""
        day = self.week.value() or self.desk.today()
        monday, sunday = week_bounds(day)
        found = self.desk.read(lambda session: group_sessions(session, monday, sunday))
        self.sessions.clear()
        for group in found:
            item = QListWidgetItem(group.label, self.sessions)
            item.setData(Qt.ItemDataRole.UserRole, group)
        if found:
            self.sessions.setCurrentRow(0)

    def chosen(self) -> GroupSession | None:
        item = self.sessions.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def check(self) -> list[Problem]:
        if self.chosen() is None:
            return [Problem("session", "aucun regroupement n'est prévu ni tenu cette semaine-là.")]
        return []

    def save(self, accept_warnings: bool) -> int | None:
        group = self.chosen()
        assert group is not None
        self.document = group_document(
            self.desk.session_factory, group, self.desk.today(), blank_rows=self.blank_rows.value()
        )
        return None


class BatchPrinting(QObject):
    """Starts the batches of a window and follows them (progress, cancel, preview)."""

    #: A batch ended: its French outcome (a preview opened, nothing to print, cancelled…).
    finished = Signal(str)
    #: The preview window of a batch that produced a PDF.
    previewed = Signal(object)

    def __init__(self, window: QMainWindow, desk: Desk) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self.workers: set[Worker] = set()

    def month_sheets(self) -> None:
        """Fichier › Imprimer › Feuilles d'émargement du mois…"""
        dialog = BatchDialog(
            self.desk, "Feuilles d'émargement du mois", with_month=True, parent=self.window
        )
        try:
            if not dialog.exec():
                return
            month, referent, rows = (
                dialog.month_code(),
                dialog.referent.referent_id(),
                dialog.blank_rows.value(),
            )
            who = dialog.referent.currentText()
        finally:
            dialog.deleteLater()
        assert month is not None
        factory, today = self.desk.session_factory, self.desk.today()
        label = f"{fr_month(int(month[:4]), int(month[5:]))} — {who}"
        self.run(
            f"Feuilles d'émargement de {label}",
            lambda progress, cancel: month_sheets(
                factory,
                month,
                today,
                referent_id=referent,
                blank_rows=rows,
                progress=progress,
                cancel=cancel,
            ),
            f"Aucun dossier ({who}) n'a d'entretien réalisé ou prévu en "
            f"{fr_month(int(month[:4]), int(month[5:]))} : aucune feuille à imprimer.",
        )

    def due_reports(self) -> None:
        """Fichier › Imprimer › Bilans intermédiaires dus cette semaine…"""
        dialog = BatchDialog(
            self.desk,
            "Bilans intermédiaires dus cette semaine",
            with_month=False,
            parent=self.window,
        )
        try:
            if not dialog.exec():
                return
            referent, who = dialog.referent.referent_id(), dialog.referent.currentText()
        finally:
            dialog.deleteLater()
        factory, today = self.desk.session_factory, self.desk.today()
        _monday, sunday = week_bounds(today)
        self.run(
            f"Bilans intermédiaires dus au {sunday:%d/%m/%Y} — {who}",
            lambda progress, cancel: due_intermediate_reports(
                factory, today, referent_id=referent, progress=progress, cancel=cancel
            ),
            f"Aucun bilan intermédiaire ({who}) n'est dû d'ici le {sunday:%d/%m/%Y} sans avoir "
            "été envoyé.",
        )

    def group_sheet(self) -> PreviewWindow | None:
        """Fichier › Imprimer › Feuille d'émargement d'un regroupement…"""
        dialog = GroupSessionDialog(self.desk, self.window)
        try:
            if not dialog.exec() or dialog.document is None:
                return None
            document = dialog.document
        finally:
            dialog.deleteLater()
        return show_preview(self.desk, document, self.window)

    def run(self, text: str, job: Job, nothing: str) -> Worker:
        """``job`` in a worker behind a progress dialog that leaves the window usable."""
        worker = Worker(job, self)
        progress = progress_dialog(
            worker, f"{text}…", self.window, title="Impression par lot", modal=False, delay_ms=0
        )

        def on_progress(done: int, total: int) -> None:
            progress.setLabelText(f"{text}… ({done} / {total})")

        def end(message: str, *, warn: bool = False) -> None:
            progress.close()
            progress.deleteLater()
            self.workers.discard(worker)
            worker.deleteLater()
            if warn:
                QMessageBox.warning(self.window, "Impression par lot", message)
            self.finished.emit(message)

        def on_finished(document: RenderedDocument | None) -> None:
            if document is None:
                end(nothing)
                QMessageBox.information(self.window, "Impression par lot", nothing)
                return
            preview = show_preview(self.desk, document, self.window)
            end(f"{document.title} : {document.pages} pages prêtes.")
            self.previewed.emit(preview)

        def on_failed(error: BaseException) -> None:
            if isinstance(error, UserError):
                end(str(error), warn=True)
                return
            log.error("Impression par lot en échec", exc_info=error)
            end(f"{text} : une erreur inattendue s'est produite ({error}).", warn=True)

        worker.progress.connect(on_progress)
        worker.finished.connect(on_finished)
        worker.failed.connect(on_failed)
        worker.cancelled.connect(lambda: end(f"{text} : annulé."))
        self.workers.add(worker)
        worker.start()
        return worker

    def stop(self) -> None:
        """The window closes: cancel the batches and wait for their threads."""
        for worker in list(self.workers):
            worker.cancel()
            worker.wait(60)
