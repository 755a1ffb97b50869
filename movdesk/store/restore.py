"""Put a backup back in place of the current database.

The source is checked first (SQLite, sound, a movdesk schema this program knows); a
refused file changes nothing. The current database is then saved aside, and the
backup is copied *into* the current file with SQLite's backup API rather than by
replacing the file, so that it works even while another connection has it open.
The attached files kept beside the backup (``pieces-jointes``) that the current
folder lacks are copied back too.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ..config import DatabaseLocation
from ..errors import UserError
from .attachments import ATTACHMENTS_DIRNAME, carry_attachments
from .backup import PRE_RESTORE_PREFIX, backup_database, backups_dir, unique_path
from .migrate import open_database, refuse_network_path, stored_revision
from .sqlite_file import NotADatabase, copy_database, integrity_problems, read_only

_WAL_FILES = ("-wal", "-shm", "-journal")
_UNCHANGED = "Rien n'a été restauré : la base actuelle n'a pas été modifiée."


def _check_source(source: Path) -> None:
    """Refuse anything that is not a sound movdesk database this program can open."""
    if not source.is_file():
        raise UserError(f"Restauration impossible : le fichier « {source} » n'existe pas.")
    revision = stored_revision(source, outcome=_UNCHANGED)
    if revision is None:
        raise UserError(
            f"Restauration impossible : « {source} » ne contient pas de base movdesk "
            f"(aucune version de schéma enregistrée). {_UNCHANGED}"
        )
    try:
        with read_only(source) as conn:
            problems = integrity_problems(conn)
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if problems:
        raise UserError(
            f"Restauration impossible : « {source} » est endommagé (contrôle d'intégrité "
            f"SQLite : {problems[0]}). {_UNCHANGED}"
        )


def _save_current(location: DatabaseLocation, current: Path) -> Path:
    """A copy of the current database, made before it is overwritten."""
    try:
        return backup_database(location, prefix=PRE_RESTORE_PREFIX)
    except UserError:
        # The current file is damaged or not a database (often the very reason for
        # restoring): keep its bytes as they are.
        folder = backups_dir(location)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{PRE_RESTORE_PREFIX}{current.stem}-illisible{current.suffix}"
        target = unique_path(folder / name)
        shutil.copy2(current, target)
        return target


def _replace_unreadable(source: Path, current: Path) -> None:
    """Rebuild a current file SQLite cannot open (it has been saved aside)."""
    for suffix in _WAL_FILES:
        Path(str(current) + suffix).unlink(missing_ok=True)
    current.unlink()
    copy_database(source, current)


def restore_database(location: DatabaseLocation, source: Path) -> Path | None:
    """Replace the current database with the backup ``source``, migrated to head.

    Returns the copy of the previous database kept in the backups folder (None when
    there was no database yet).
    """
    current = location.path
    if current is None:
        raise UserError(
            f"Restauration impossible : la base « {location.url} » n'est pas un fichier "
            "SQLite local."
        )
    refuse_network_path(current)
    source = Path(source)
    if current.exists() and source.exists() and source.resolve() == current.resolve():
        raise UserError(
            f"Restauration impossible : « {source} » est la base actuelle elle-même."
        )
    _check_source(source)
    current.parent.mkdir(parents=True, exist_ok=True)
    safety: Path | None = None
    if current.exists() and current.stat().st_size > 0:
        safety = _save_current(location, current)
    try:
        copy_database(source, current)
    except NotADatabase:
        try:
            _replace_unreadable(source, current)
        except OSError as error:
            raise UserError(
                f"Restauration impossible : la base actuelle « {current} » est illisible "
                f"et ne peut pas être remplacée ({error.strerror or error}). Fermez les "
                f"autres programmes qui l'utilisent. Une copie est dans « {safety} »."
            ) from None
    # The backup may come from an older movdesk: bring it to this program's schema.
    open_database(location, daily_backup=False).dispose()
    carry_attachments(
        source.parent / ATTACHMENTS_DIRNAME,
        current.parent / ATTACHMENTS_DIRNAME,
        f"La base a été restaurée, mais les pièces jointes de « {source.parent} » n'ont pas "
        "pu être recopiées",
    )
    return safety
