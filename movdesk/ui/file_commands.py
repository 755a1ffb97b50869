"""The File menu's long commands: backup, import, exports — each in a worker thread.

A mixin of the main window: the window provides ``desk``, ``location``, the
``work_finished`` signal and its status bar; the work itself is the plain functions of
:mod:`movdesk.services.exports` and :mod:`movdesk.store.backup`, tested without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog

from ..exchange import ImportSummary
from ..services import exports
from ..services.indicators import previous_month
from ..store.backup import backup_database
from .reporting.background import run_with_progress
from .worker import Job, Worker


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
        """Fichier › Sauvegarder la base…: an online copy in the backups folder."""
        location = self.location  # type: ignore[attr-defined]
        self.run_work(
            "Sauvegarde de la base",
            lambda _progress, _cancel: backup_database(location),
            lambda target: f"La base a été sauvegardée dans :\n« {target} »",
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
        """Fichier › Exporter les indicateurs du mois: the monthly CSV for France Travail."""
        window: Any = self
        month, ok = QInputDialog.getText(
            window,
            "Indicateurs du mois",
            "Mois des indicateurs (AAAA-MM) :",
            text=previous_month(window.desk.today()),
        )
        wanted = month.strip()
        if not ok or not wanted:
            return
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
