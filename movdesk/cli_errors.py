"""What the command line does so that nothing reaches the user as a traceback or a loss.

* :func:`guard_outputs`: the database is registered as protected as soon as it is
  known, and ``--out`` is checked before any work (not the database, its SQLite files or
  its backups folder, not a folder, not in a missing folder);
* :func:`database_refusal`: an error the database raised, worded with its real cause
  (disk full, lock, read-only…);
* :func:`file_refusal`: a path the system refuses (too long, no access), in French;
* :func:`unexpected_error`: the last resort for a bug, a French message and the
  traceback in ``movdesk.log`` of the data folder;
* :func:`show_store_warnings`: the store's warnings (a daily backup not made) on stderr.

Imported by :mod:`movdesk.cli` at start: it imports nothing heavy at module level.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from .config import DatabaseLocation, data_dir
from .errors import UserError

LOG_FILENAME = "movdesk.log"


def guard_outputs(location: DatabaseLocation, out: str | None, *, backup: bool) -> None:
    """Protect the database and refuse a bad ``--out`` before any work is done.

    A backup's own target is checked by :func:`movdesk.store.backup.backup_database`
    (a new file in the backups folder is a backup like the others).
    """
    from .store.files import os_error_cause
    from .store.guard import protect_database, refuse_protected_target

    if location.path is not None:
        protect_database(location.path)
    if not out:
        return
    target = Path(out)
    try:
        if target.is_dir():
            raise UserError(f"--out : « {out} » est un dossier ; indiquez un nom de fichier.")
        if not target.absolute().parent.is_dir():
            raise UserError(
                f"--out : le dossier de « {out} » n'existe pas ; vérifiez le chemin."
            )
        if not backup:
            refuse_protected_target(target)
    except OSError as error:
        raise UserError(f"--out : « {out} » ne convient pas : {os_error_cause(error)}.") from None


_ADVICE = {
    "SQLITE_BUSY": " Réessayez quand l'autre opération sera finie.",
    "SQLITE_LOCKED": " Réessayez quand l'autre opération sera finie.",
    "SQLITE_FULL": " Libérez de la place sur le disque de la base, puis recommencez.",
    "SQLITE_IOERR": " Vérifiez le disque de la base (place libre, support branché).",
    "SQLITE_READONLY": " Demandez l'accès en écriture, ou copiez la base dans un dossier à vous.",
}


def database_refusal(error: Exception) -> str | None:
    """French words for an error the database raised (locked, full, read-only…), or None.

    Every write runs in one transaction, so such an error means nothing was changed.
    """
    from sqlalchemy.exc import DBAPIError

    if not isinstance(error, DBAPIError):
        return None
    from .store.sqlite_file import error_code, sqlite_cause

    return (
        f"la base de données a refusé l'opération : {sqlite_cause(error)}. Rien n'a été "
        f"modifié.{_ADVICE.get(error_code(error), '')}"
    )


def file_refusal(error: Exception) -> str | None:
    """French words for a file the system refused (a name too long, no access…), or None."""
    if not isinstance(error, OSError):
        return None
    from .store.files import os_error_cause

    name = f" « {error.filename} »" if error.filename else ""
    return (
        f"le fichier ou le dossier{name} est inaccessible : {os_error_cause(error)}. "
        "Rien n'a été modifié."
    )


def unexpected_error(error: BaseException) -> str:
    """The message of an error nobody foresaw; its traceback goes to the log file."""
    import traceback
    from datetime import datetime

    where = data_dir() / LOG_FILENAME
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with open(where, "a", encoding="utf-8") as log:
            log.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} ERROR movdesk: ligne de commande\n")
            log.write("".join(traceback.format_exception(error)))
        detail = f" Le détail est enregistré dans « {where} »."
    except OSError:
        detail = ""
    return (
        f"erreur inattendue ({type(error).__name__} : {error}). L'opération a été "
        f"interrompue ; une écriture dans la base est annulée en entier.{detail}"
    )


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the ``sys.stderr`` of the moment (tests and scripts replace it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def show_store_warnings() -> None:
    """Warnings of the store (a daily backup not made…) on stderr, in French."""
    logger = logging.getLogger("movdesk")
    if any(getattr(h, "_movdesk_cli", False) for h in logger.handlers):
        return
    handler = _StderrHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("movdesk : attention : %(message)s"))
    handler._movdesk_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
