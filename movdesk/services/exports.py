"""Files the office hands over: the exchange file in and out, the monthly indicators.

Plain functions for the window's File menu (run in a worker thread) and the commands;
they read and write through the services' desk, and turn file-system errors into
French messages.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import UserError
from ..exchange import ImportSummary, dumps, export_cases, import_cases, load_file
from ..reports.csv_export import EXCEL, CsvDialect
from ..reports.monthly import monthly_csv
from ..store.files import os_error_cause, write_atomically
from ..store.guard import refuse_protected_target
from .context import Desk
from .indicator_data import indicator_cases

_MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` exactly as given (BOM and line ends untouched), whole or not at all.

    The one entry for every file the program hands over (exports, documents): it refuses
    the open database, its SQLite files, its backups folder and any SQLite database
    (:mod:`movdesk.store.guard`), then writes through a synced temporary file renamed
    over the target (:mod:`movdesk.store.files`), so that a full disk or a read-only
    folder leaves the previous file intact and says why in French.
    """
    try:
        refuse_protected_target(path)
        write_atomically(Path(path), data)
    except OSError as error:
        raise UserError(
            f"Impossible d'écrire « {path} » : {os_error_cause(error)}. "
            "Aucun fichier n'a été modifié."
        ) from None


def import_file(desk: Desk, path: str) -> ImportSummary:
    """Import an exchange file, all or nothing, as one audited action of the desk."""
    data = load_file(path)
    with desk.action("Importer des dossiers") as work:
        summary = import_cases(work.session, data, user=work.user, source=path)
        # Every view reads again: the import touched cases nobody has open.
        work.entities.add("case")
    return summary


def export_cases_file(desk: Desk, path: str) -> int:
    """Write every case in the exchange format; returns how many."""
    data = desk.read(export_cases)
    write_file(path, dumps(data).encode("utf-8"))
    return len(data["cases"])


def export_monthly_file(desk: Desk, path: str, month: str, dialect: CsvDialect = EXCEL) -> None:
    """Write the monthly indicator CSV of ``month`` (``AAAA-MM``)."""
    if not _MONTH_RE.match(month):
        raise UserError(f"Mois : « {month} » n'est pas un mois valide (format AAAA-MM).")
    data = desk.read(lambda session: monthly_csv(indicator_cases(session), month, dialect))
    write_file(path, data)
