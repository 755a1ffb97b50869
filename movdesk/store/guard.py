"""Files that an export or a saved document must never replace.

An export written over the open database (``--out movdesk.sqlite``), over one of the
files SQLite keeps beside it (``-wal``, ``-shm``, ``-journal``), into its ``backups``
folder or among its attached files (``pieces-jointes``) would destroy the office's
data. The store registers every database file it opens (:func:`protect_database`,
called by :func:`movdesk.store.migrate.open_database` and by the command line as soon
as it knows the database), and every writer asks :func:`refuse_protected_target`
before writing: the command line's ``--out`` and the window's « Enregistrer sous » go
through the same check.

A file that holds an SQLite database is also never replaced by an export, whatever its
name: it may be another office's database, or this one reached through a link.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .files import SQLITE_COMPANIONS

BACKUP_DIRNAME = "backups"
#: The scans attached to cases (:mod:`.attachments`), each named by its content.
ATTACHMENTS_DIRNAME = "pieces-jointes"
_SQLITE_HEADER = b"SQLite format 3\x00"

_lock = threading.Lock()
_protected: set[Path] = set()


def _canonical(path: str | os.PathLike[str]) -> Path:
    """The absolute path with links resolved, in the case the system compares names."""
    return Path(os.path.normcase(os.path.realpath(os.path.abspath(path))))


def protect_database(path: str | os.PathLike[str]) -> None:
    """Remember ``path`` as a live database of this process (see the module notes)."""
    with _lock:
        _protected.add(_canonical(path))


def protected_databases() -> list[Path]:
    with _lock:
        return sorted(_protected)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class Protection:
    """Why a path must not be written: ``in_backups`` tells the backups folder apart."""

    reason: str
    in_backups: bool = False


def protection_of(target: str | os.PathLike[str], database: Path) -> Protection | None:
    """Why writing ``target`` would harm ``database`` (French); None when it would not."""
    wanted = _canonical(target)
    db = _canonical(database)
    if wanted == db or _same_file(wanted, db):
        return Protection("c'est la base de données elle-même")
    for suffix in SQLITE_COMPANIONS:
        companion = Path(f"{db}{suffix}")
        if wanted == companion or _same_file(wanted, companion):
            return Protection(f"c'est un fichier de travail de la base de données ({suffix[1:]})")
    if _is_under(wanted, db.parent / BACKUP_DIRNAME):
        return Protection("il est dans le dossier des sauvegardes de la base de données", True)
    if _is_under(wanted, db.parent / ATTACHMENTS_DIRNAME):
        return Protection(
            "il est dans le dossier des pièces jointes (copies signées) de la base de données"
        )
    return None


def _holds_a_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def refuse_protected_target(
    target: str | os.PathLike[str], *, databases: list[Path] | None = None
) -> None:
    """Raise :class:`UserError` when writing ``target`` would harm a database.

    ``databases`` adds database files to those registered (a command that knows its
    database before opening it).
    """
    for database in protected_databases() + list(databases or []):
        found = protection_of(target, database)
        if found is not None:
            raise UserError(
                f"Enregistrement refusé : « {target} » — {found.reason}. L'écrire détruirait "
                "les données du bureau. Choisissez un autre nom ou un autre dossier ; "
                "rien n'a été écrit."
            )
    if Path(target).is_file() and _holds_a_database(Path(target)):
        raise UserError(
            f"Enregistrement refusé : « {target} » est une base de données SQLite ; un "
            "export ne la remplace jamais. Choisissez un autre nom ; rien n'a été écrit."
        )
