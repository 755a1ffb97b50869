"""Paramètres › « Référentiel ROME »: what the office has loaded, and the import.

The user downloads France Travail's open-data referential once, on any machine, and
imports the CSV file(s) here: the codes file (``unix_referentiel_code_rome…``), the job
titles file (``unix_referentiel_appellation…``) or both at once. A wrong file is
refused with the line at fault and nothing changes (:mod:`movdesk.services.rome`).
The files are read and imported off the window's thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy.exc import DBAPIError

from ...errors import UserError
from ...services.context import Desk
from ...services.rome import MAX_FILE_BYTES, ImportResult, import_referential, rome_status
from ...store.sqlite_file import sqlite_cause
from ..casefile.text import date_time
from ..formatting import format_count, plural
from ..worker import Worker


def read_files(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """The chosen files' names and bytes; French errors for what cannot be read.

    A file far larger than the referential is refused before it is read (an archive
    may be larger than the files it holds, which the service checks again)."""
    found = []
    for path in paths:
        file = Path(path)
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                megabytes = MAX_FILE_BYTES // (1024 * 1024)
                raise UserError(
                    f"« {file.name} » pèse plus de {megabytes} Mo : ce n'est pas le "
                    "référentiel ROME (aucune modification)."
                )
            found.append((file.name, file.read_bytes()))
        except OSError as error:
            raise UserError(
                f"Impossible de lire « {file.name} » : {error.strerror} (aucune modification)."
            ) from None
    return found


def _local(moment: datetime) -> datetime:
    """SQLite stamps rows in UTC: the office reads its own time."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class RomeSettings(QWidget):
    """The ROME line of the Paramètres page: what is loaded, and the import button.

    One line (the page already fills a 720-pixel window): the longer explanation is the
    button's tooltip and « Qu'est-ce que c'est ? » text.
    """

    #: An import ended: its French outcome message (the tests wait for it).
    finished = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("romeSettings")
        self.desk = desk
        self.status = QLabel(self)
        self.status.setObjectName("romeStatus")
        self.status.setWordWrap(True)
        self.import_button = QPushButton("&Importer le référentiel ROME…", self)
        self.import_button.setObjectName("importRome")
        self.import_button.setToolTip(
            "Les fichiers CSV du ROME publiés en open data par France Travail "
            "(unix_referentiel_code_rome…, unix_referentiel_appellation…, ou l'archive "
            "RefRomeCsv.zip qui les contient) ; un fichier abîmé est refusé sans rien changer"
        )
        self.import_button.clicked.connect(lambda _checked=False: self.choose_files())
        self.import_button.setWhatsThis(
            "Téléchargez une fois le référentiel ROME sur le site open data de France "
            "Travail (archive « RefRomeCsv »), sur n'importe quel poste, puis importez "
            "l'archive telle quelle, ou le fichier des codes et, de préférence, celui des "
            "appellations (environ 11 000 intitulés). Les métiers saisis sont ensuite "
            "cherchés dans ce référentiel et leurs codes vérifiés ; sans référentiel, "
            "intitulés et codes se tapent "
            "librement et sont retenus. Un fichier abîmé est refusé sans rien changer."
        )
        title = QLabel("<b>Référentiel ROME :</b>", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(title)
        row.addWidget(self.status, 1)
        row.addWidget(self.import_button)
        self._files: list[str] = []
        self._worker = Worker(self._job, self)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self.refresh()

    def refresh(self) -> None:
        status = rome_status(self.desk)
        if status.imported_titles and status.imported_at is not None:
            when = date_time(_local(status.imported_at))
            text = (
                f"{plural(status.imported_titles, 'intitulé')} pour "
                f"{plural(status.imported_codes, 'code')}, importés le {when}."
            )
        else:
            text = "aucun référentiel importé (les codes sont vérifiés sur leur forme seule)."
        if status.typed_titles:
            text += f" {plural(status.typed_titles, 'métier saisi', 'métiers saisis')}."
        self.status.setText(text)

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            "Importer le référentiel ROME",
            str(Path.home()),
            "Référentiel ROME (*.csv *.zip);;Tous les fichiers (*)",
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Sequence[str]) -> None:
        """Read and import ``paths`` in the background; the outcome is shown when done."""
        if self._worker.is_running():
            return
        self._files = list(paths)
        self.import_button.setEnabled(False)
        self.status.setText("Import du référentiel en cours…")
        self._worker.start()

    def _job(self, _progress: object, _cancel: object) -> ImportResult:
        return import_referential(self.desk, read_files(self._files))

    def _done(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self.import_button.setEnabled(True)
        self.refresh()
        message = (
            f"Référentiel ROME importé : {format_count(result.titles)} intitulés, "
            f"{format_count(result.codes)} codes."
        )
        self.finished.emit(message)
        QMessageBox.information(self, "Référentiel ROME", message)

    def _failed(self, error: object) -> None:
        self.import_button.setEnabled(True)
        self.refresh()
        if isinstance(error, UserError):
            text = str(error)
        elif isinstance(error, DBAPIError):
            text = f"Le référentiel ROME n'a pas été importé : {sqlite_cause(error)}."
        else:
            text = f"Erreur inattendue : {error}"
        self.finished.emit(text)
        QMessageBox.warning(self, "Référentiel ROME", text)
