"""Backups of the database file: on demand, before a migration, and daily with rotation.

Every backup is an online, consistent copy made with SQLite's backup API, so it can be
taken while the program has the database open. Backups go to a ``backups`` folder next
to the database file and are named after it (``movdesk-AAAAMMJJ-HHMMSS.sqlite``).
Only the automatic daily backups (prefix ``auto-``) are ever deleted, following
:func:`backups_to_keep`; manual, pre-migration and pre-restore backups stay until the
user removes them.

A backup also copies the attached files (scans, :mod:`.attachments`) into the
``pieces-jointes`` folder beside the backup file: only those it does not hold yet,
since an attached file never changes. The copy before a migration leaves them out
(a migration never touches them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from pathlib import Path

from ..config import DatabaseLocation
from ..errors import UserError
from .attachments import ATTACHMENTS_DIRNAME, carry_attachments
from .files import (
    atomic_target,
    claim_new_name,
    database_size,
    free_bytes,
    megabytes,
    os_error_cause,
    remove_stale_temporaries,
    temporary_sibling,
)
from .guard import BACKUP_DIRNAME, protection_of
from .sqlite_file import DatabaseFileError, NotADatabase, copy_database

AUTO_PREFIX = "auto-"
PRE_MIGRATION_PREFIX = "avant-migration-"
PRE_RESTORE_PREFIX = "avant-restauration-"
_STAMP_FORMAT = "%Y%m%d-%H%M%S"

#: Retention of the automatic backups: newest of each of the last N days, weeks, months.
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6


def backups_dir(location: DatabaseLocation) -> Path:
    """The ``backups`` folder beside the database file."""
    return _database_path(location).parent / BACKUP_DIRNAME


def _database_path(location: DatabaseLocation) -> Path:
    if location.path is None:
        raise UserError(
            f"Sauvegarde impossible : la base « {location.url} » n'est pas un fichier "
            "SQLite local ; utilisez les outils de votre serveur de base de données."
        )
    return location.path


def unique_path(path: Path) -> Path:
    """``path``, or ``name-2.sqlite``… when the name is already taken."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _default_target(location: DatabaseLocation, prefix: str, now: datetime) -> Path:
    db = _database_path(location)
    name = f"{prefix}{db.stem}-{now.strftime(_STAMP_FORMAT)}.sqlite"
    return backups_dir(location) / name


def require_room(folder: Path, needed: int, what: str, outcome: str) -> None:
    """Refuse in French, before writing anything, when ``folder``'s disk lacks ``needed``
    bytes (with a margin of 5 % and 1 Mo: SQLite writes a little more than the data)."""
    free = free_bytes(folder)
    wanted = int(needed * 1.05) + 1_000_000
    if free is not None and free < wanted:
        raise UserError(
            f"{what} impossible : le disque est plein. Il faut environ {megabytes(wanted)} "
            f"libres dans « {folder} », il en reste {megabytes(free)}. Libérez de la "
            f"place (ou choisissez un autre disque) puis recommencez. {outcome}"
        )


def _failure(source: Path, out: Path, cause: str) -> UserError:
    return UserError(
        f"Sauvegarde impossible : la copie de « {source} » vers « {out} » a échoué : "
        f"{cause}. Aucune sauvegarde n'a été écrite ; la base n'a pas été modifiée."
    )


def _write_backup(source: Path, out: Path, *, new_name: bool) -> Path:
    """Copy the database into ``out`` through a temporary file, so that a failed or
    interrupted backup never leaves a half-written file under a backup's name.

    With ``new_name`` an existing file is never replaced: the backup takes the next free
    name (``-2``…), even when another backup claims the same name at the same moment.
    """
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        require_room(
            out.parent, database_size(source), "Sauvegarde", "La base n'a pas été modifiée."
        )
        if new_name:
            temp = temporary_sibling(out)
            try:
                copy_database(source, temp)
                return claim_new_name(temp, out)
            finally:
                if temp.exists():
                    temp.unlink()
        with atomic_target(out) as temp:
            copy_database(source, temp)
        return out
    except NotADatabase:
        raise UserError(
            f"Sauvegarde impossible : « {source} » n'est pas une base SQLite lisible "
            "(fichier d'un autre type ou endommagé). Lancez « movdesk check » pour le "
            "diagnostic."
        ) from None
    except DatabaseFileError as error:
        raise _failure(source, out, str(error)) from None
    except OSError as error:
        raise _failure(source, out, os_error_cause(error)) from None


def _refuse_out(location: DatabaseLocation, out: Path) -> None:
    """``--out`` may not be the database or its SQLite files, nor replace a backup."""
    found = protection_of(out, _database_path(location))
    if found is not None and not (found.in_backups and not out.exists()):
        raise UserError(
            f"Sauvegarde refusée : « {out} » — {found.reason}"
            + (" et ce fichier existe déjà" if found.in_backups else "")
            + ". Choisissez un autre nom de fichier ; rien n'a été écrit."
        )


def _copy_attachments(source: Path, written: Path) -> None:
    """The attached files beside the backup just written (see the module notes)."""
    target = written.parent / ATTACHMENTS_DIRNAME
    carry_attachments(
        source.parent / ATTACHMENTS_DIRNAME,
        target,
        f"La base a été sauvegardée dans « {written} », mais les pièces jointes n'ont pas "
        f"pu être copiées dans « {target} »",
    )


def backup_database(
    location: DatabaseLocation,
    out: Path | None = None,
    *,
    prefix: str = "",
    now: datetime | None = None,
    attachments: bool = True,
) -> Path:
    """Take an online backup of the database; return the file written.

    Without ``out`` the backup goes to the backups folder, named with the date and time;
    ``prefix`` marks the kind of backup (none for a manual one). With ``attachments``
    the attached files are copied beside it.
    """
    source = _database_path(location)
    if not source.is_file():
        raise UserError(f"Sauvegarde impossible : la base « {source} » n'existe pas.")
    if out is not None:
        _refuse_out(location, out)
        written = _write_backup(source, out, new_name=False)
    else:
        target = _default_target(location, prefix, now or datetime.now())
        written = _write_backup(source, target, new_name=True)
    if attachments:
        _copy_attachments(source, written)
    return written


def backup_before_migration(location: DatabaseLocation, revision: str) -> Path:
    """The copy kept before an existing database is migrated to a new schema."""
    return backup_database(location, prefix=f"{PRE_MIGRATION_PREFIX}{revision}-", attachments=False)


def automatic_backups(location: DatabaseLocation) -> dict[Path, datetime]:
    """The automatic backups of this database, with the time in their name."""
    stem = re.escape(_database_path(location).stem)
    pattern = re.compile(rf"^{AUTO_PREFIX}{stem}-(\d{{8}}-\d{{6}})(?:-\d+)?\.sqlite$")
    found: dict[Path, datetime] = {}
    folder = backups_dir(location)
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_file():
            try:
                found[entry] = datetime.strptime(match.group(1), _STAMP_FORMAT)
            except ValueError:
                continue  # not a date we wrote: leave the file alone
    return found


def _newest_per_period(
    dates: list[datetime], period_key: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    """The newest date of each of the ``count`` most recent periods that hold a date."""
    newest: dict[Hashable, datetime] = {}
    for moment in sorted(dates, reverse=True):
        key = period_key(moment)
        if key not in newest:
            if len(newest) == count:
                break
            newest[key] = moment
    return set(newest.values())


def backups_to_keep(dates: list[datetime], now: datetime) -> set[datetime]:
    """Which automatic backups to keep: the newest of each of the last 7 days, 4 weeks
    (ISO weeks) and 6 months that have a backup — at most 17, always the newest.

    Periods count only when they hold a backup, so a long closure (August) never
    empties the history. A backup dated after ``now`` (a clock that was wrong) counts
    as taken ``now``, so that it cannot push every real backup out of the daily slots.
    """
    # Effective moment -> the newest real date that falls on it.
    effective: dict[datetime, datetime] = {}
    for moment in dates:
        key = min(moment, now)
        effective[key] = max(moment, effective.get(key, moment))
    moments = list(effective)
    kept = (
        _newest_per_period(moments, lambda d: d.date(), KEEP_DAILY)
        | _newest_per_period(moments, lambda d: tuple(d.isocalendar())[:2], KEEP_WEEKLY)
        | _newest_per_period(moments, lambda d: (d.year, d.month), KEEP_MONTHLY)
    )
    return {effective[moment] for moment in kept}


def prune_automatic_backups(location: DatabaseLocation, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the retention policy no longer keeps; return them.

    What killed backups and restores left behind (``.partiel`` files hours old, in the
    backups folder and beside the database) goes too.
    """
    remove_stale_temporaries(backups_dir(location))
    remove_stale_temporaries(_database_path(location).parent)
    found = automatic_backups(location)
    keep = backups_to_keep(list(found.values()), now or datetime.now())
    removed: list[Path] = []
    for path, moment in sorted(found.items(), key=lambda item: item[1]):
        if moment in keep:
            continue
        try:
            path.unlink()
        except OSError:
            continue  # open in another program (Windows): try again next time
        removed.append(path)
    return removed


def take_daily_backup(location: DatabaseLocation, now: datetime | None = None) -> Path | None:
    """At start: back up when the newest automatic backup is a day old, then prune.

    Returns the new backup, or None when a recent one exists.
    """
    now = now or datetime.now()
    found = automatic_backups(location)
    if found and now - max(found.values()) < timedelta(days=1):
        return None
    path = backup_database(location, prefix=AUTO_PREFIX, now=now)
    prune_automatic_backups(location, now)
    return path
