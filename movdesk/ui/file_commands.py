"""The File menu's long commands: backup, import, exports — each in a worker thread.

A mixin of the main window: the window provides ``desk``, ``location``, the
``work_finished`` signal and its status bar; the work itself is the plain functions of
:mod:`movdesk.services.exports` and :mod:`movdesk.store.backup`, tested without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ..config import DatabaseLocation
from ..errors import UserError
from ..exchange import ImportSummary
from ..services import exports
from ..store.backup import backup_database, backups_dir
from .reporting.background import run_with_progress
from .worker import Job, Worker

#: The files a backup is saved as.
BACKUP_FILTER = "Sauvegardes movdesk (*.sqlite);;Tous les fichiers (*)"


def suggested_backup(location: DatabaseLocation, now: datetime) -> Path:
    """Where the save dialog opens: the backups folder, a name with the date and time."""
    folder = backups_dir(location)  # refuses a database that is not a local file
    assert location.path is not None
    return folder / f"{location.path.stem}-{now.strftime('%Y%m%d-%H%M%S')}.sqlite"


def backup_target(location: DatabaseLocation, chosen: str) -> Path:
    """The file the user chose, with ``.sqlite`` when they typed no extension; never the
    database itself."""
    target = Path(chosen)
    if not target.suffix:
        target = target.with_suffix(".sqlite")
    database = location.path
    if database is not None and target.resolve() == database.resolve():
        raise UserError(
            "Sauvegarde impossible : ce fichier est la base elle-même. Choisissez un autre "
            "nom ou un autre dossier (une clé USB, par exemple)."
        )
    return target


def _cases(count: int) -> str:
    return f"{count} dossier{'s' if count > 1 else ''}"


def import_message(summary: ImportSummary) -> str:
    """What the user reads at the end of an import: the count, then the first warnings."""
    lines = [f"Import terminé : {_cases(summary.cases)} importé{'s' if summary.cases > 1 else ''}."]
    if summary.warnings:
        count = len(summary.warnings)
        lines.append(f"{count} avertissement{'s' if count > 1 else ''} :")
        lines.extend(f"- {w}" for w in summary.warnings[:10])
    return "\n".join(lines)


class FileCommands:
    """Backup, import and exports for a main window (see the module docstring)."""

    _jobs: set[Worker]

    def run_work(self, text: str, job: Job, done: Callable[[Any], str]) -> Worker:
        """Run ``job`` in a worker behind a progress dialog; ``done`` turns its result into
        the French message shown at the end (and emitted as ``work_finished``)."""
        window: Any = self
        return run_with_progress(
            window, text, job, done, jobs=self._jobs, finished=window.work_finished.emit
        )

    def backup_database(self) -> None:
        """Fichier › Sauvegarder la base…: an online copy where the user chooses (a USB
        key, a shared folder), the backups folder offered first."""
        window: Any = self
        location = self.location  # type: ignore[attr-defined]
        try:
            offered = suggested_backup(location, datetime.now())
        except UserError as error:
            QMessageBox.warning(window, "Sauvegarder la base", str(error))
            return
        path, _filter = QFileDialog.getSaveFileName(
            window, "Sauvegarder la base", str(offered), BACKUP_FILTER
        )
        if not path:
            return
        try:
            target = backup_target(location, path)
        except UserError as error:
            QMessageBox.warning(window, "Sauvegarder la base", str(error))
            return
        self.run_work(
            "Sauvegarde de la base",
            lambda _progress, _cancel: backup_database(location, target),
            lambda written: f"La base a été sauvegardée dans :\n« {written} »",
        )

    def import_cases(self) -> None:
        """Fichier › Importer des dossiers…: a JSON exchange file, all or nothing."""
        window: Any = self
        path, _filter = QFileDialog.getOpenFileName(
            window, "Importer des dossiers", "", "Fichiers d'échange JSON (*.json);;Tous (*)"
        )
        if not path:
            return
        desk = window.desk
        self.run_work(
            "Import des dossiers",
            lambda _progress, _cancel: exports.import_file(desk, path),
            import_message,
        )

    def export_cases(self) -> None:
        """Fichier › Exporter les dossiers (JSON): every case, in the exchange format."""
        window: Any = self
        path, _filter = QFileDialog.getSaveFileName(
            window, "Exporter les dossiers", "dossiers-mov.json", "Fichiers JSON (*.json)"
        )
        if not path:
            return
        desk = window.desk
        self.run_work(
            "Export des dossiers",
            lambda _progress, _cancel: exports.export_cases_file(desk, path),
            lambda count: f"{_cases(count)} exporté{'s' if count > 1 else ''} dans :\n« {path} »",
        )

    def export_indicators(self) -> None:
        """Fichier › Exporter les indicateurs du mois: the month first (the one just
        ended offered), then where to write the CSV for France Travail."""
        window: Any = self
        from .dialogs.month import MonthDialog

        picker = MonthDialog(window.desk.today(), window)
        try:
            if picker.exec() != QDialog.DialogCode.Accepted:
                return
            wanted = picker.month_text()
        finally:
            picker.deleteLater()
        path, _filter = QFileDialog.getSaveFileName(
            window, "Exporter les indicateurs", f"indicateurs-{wanted}.csv", "Fichiers CSV (*.csv)"
        )
        if not path:
            return
        desk = window.desk
        self.run_work(
            "Export des indicateurs",
            lambda _progress, _cancel: exports.export_monthly_file(desk, path, wanted),
            lambda _none: f"Indicateurs de {wanted} enregistrés dans :\n« {path} »",
        )
