"""Put a backup back in place of the current database, or change nothing at all.

Every step leaves the current database exactly as it was when it fails, and says why in
French (disk full, lock, permissions, a damaged candidate):

1. **Look** at the candidate, read-only: an SQLite file with a movdesk revision that
   this program knows.
2. **Room**: the disk must hold the staged copy, the copy of the current database and
   what SQLite writes while replacing; otherwise nothing is started.
3. **Stage**: the candidate is copied to a temporary file beside the database, checked
   as ``movdesk check`` checks (integrity, references between tables, structure equal
   to the migrations' at its revision), then migrated there to this program's schema.
4. **Replace**, under the database's write lock:

   * a sound current database at this program's schema (the usual case, perhaps open in
     the window on another workstation): one connection takes the write lock — waiting
     the busy timeout for a writer to finish, then refusing —, copies the current
     database to ``backups/avant-restauration-…`` and replaces the rows of every table
     by the staged file's, in one transaction. Whatever another program committed
     before the lock is in the safety copy; whatever it tries to commit meanwhile waits
     or is refused; the other programs read the restored data at their next read;
   * any other current file (damaged, another program's, an older or newer schema,
     empty): a file SQLite can read must not be open anywhere (SQLite is asked to leave
     write-ahead-log mode, which it refuses while another connection is open; a file
     it cannot read is never opened, which could drop its journal); its bytes, and
     those of its ``-wal`` and ``-journal``, are copied aside, the companions moved away
     (a stale journal would otherwise be played back onto the restored file) and the
     staged file renamed over it; a failed rename puts the companions back.

A read-only database file is refused: somebody protected it on purpose.

Once the database is restored, the attached files kept beside the backup
(``pieces-jointes``) that the current folder lacks are copied back too.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..config import DatabaseLocation
from ..errors import UserError
from . import engine as engine_module
from .attachments import ATTACHMENTS_DIRNAME, carry_attachments
from .backup import PRE_RESTORE_PREFIX, backups_dir, require_room
from .files import (
    SQLITE_COMPANIONS,
    claim_new_name,
    database_size,
    file_size,
    os_error_cause,
    remove_quietly,
    temporary_sibling,
)
from .migrate import head_revision, refuse_network_path, stored_revision, upgrade_to_head
from .sqlite_file import (
    DatabaseFileError,
    NotADatabase,
    copy_connection,
    copy_database,
    error_code,
    integrity_problems,
    probe,
    read_only,
    sqlite_cause,
)
from .structure import structure_problems

_UNCHANGED = "Rien n'a été restauré : la base actuelle n'a pas été modifiée."
#: Derived tables, filled last: the triggers of the fact tables empty them on insert.
_DERIVED_TABLES = ("deadline_schedule", "scheduled_deadline", "case_summary")
_STAMP_FORMAT = "%Y%m%d-%H%M%S"


def _refused(message: str) -> UserError:
    return UserError(f"Restauration impossible : {message} {_UNCHANGED}")


def _check_source(source: Path) -> None:
    """Refuse at once what is not a movdesk database this program can open."""
    if source.is_dir():
        raise _refused(f"« {source} » est un dossier ; indiquez le fichier de la sauvegarde.")
    if not source.is_file():
        raise _refused(f"le fichier « {source} » n'existe pas.")
    revision = stored_revision(source, outcome=_UNCHANGED)
    if revision is None:
        raise UserError(
            f"Restauration impossible : « {source} » ne contient pas de base movdesk "
            f"(aucune version de schéma enregistrée). {_UNCHANGED}"
        )


def candidate_problems(path: Path) -> list[str]:
    """What ``movdesk check`` would find wrong in the database file ``path``."""
    found = probe(path)
    if found.revision is None:
        return ["aucune version de schéma movdesk enregistrée"]
    with read_only(path) as conn:
        problems = [f"contrôle d'intégrité SQLite : {p}" for p in integrity_problems(conn)]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [
            f"table « {table} », ligne {rowid} : renvoie à une ligne absente de « {parent} »"
            for table, rowid, parent, *_rest in broken
        ]
        problems += structure_problems(conn, found.revision)
    return problems


def _room_needed(source: Path, current: Path) -> None:
    """Refuse before writing anything when the disk lacks room (module notes)."""
    incoming, present = database_size(source), database_size(current)
    here = current.parent
    backups = backups_dir_of(current)
    backups_disk = backups if backups.exists() else here
    # Staged copy, the log of the replacing transaction, the file's growth.
    needed_here = incoming + (incoming + present) + max(0, incoming - present)
    if _same_disk(here, backups_disk):
        require_room(here, needed_here + present, "Restauration", _UNCHANGED)
    else:
        require_room(here, needed_here, "Restauration", _UNCHANGED)
        require_room(backups_disk, present, "Restauration", _UNCHANGED)


def backups_dir_of(current: Path) -> Path:
    return backups_dir(DatabaseLocation(f"sqlite:///{current.as_posix()}", current))


def _same_disk(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return True


@contextmanager
def _staged(source: Path, current: Path) -> Iterator[Path]:
    """The candidate copied beside the database, checked and migrated; removed after."""
    staged = temporary_sibling(current)
    try:
        try:
            staged.open("xb").close()  # the folder must take the copy: say so plainly
        except OSError as error:
            raise _refused(
                f"le dossier de la base « {current.parent} » ne peut pas être écrit : "
                f"{os_error_cause(error)}."
            ) from None
        try:
            copy_database(source, staged)
        except NotADatabase:
            raise _refused(f"« {source} » n'est pas une base SQLite lisible.") from None
        except DatabaseFileError as error:
            raise _refused(
                f"la copie de « {source} » n'a pas pu être préparée : {error}."
            ) from None
        problems = candidate_problems(staged)
        if problems:
            listed = " ; ".join(problems[:5])
            more = f" (et {len(problems) - 5} autre(s))" if len(problems) > 5 else ""
            raise _refused(
                f"« {source} » est une base movdesk endommagée ou incomplète : {listed}{more}."
            )
        if probe(staged).revision != head_revision():
            upgrade_to_head(f"sqlite:///{staged.as_posix()}")
            with read_only(staged) as conn:
                after = structure_problems(conn, head_revision())
            if after:
                raise _refused(f"« {source} » n'a pas pu être mis à jour : {after[0]}.")
        yield staged
    finally:
        remove_quietly(staged, with_companions=True)


def _safety_name(current: Path, label: str = "") -> Path:
    stamp = datetime.now().strftime(_STAMP_FORMAT)
    return backups_dir_of(current) / f"{PRE_RESTORE_PREFIX}{current.stem}{label}-{stamp}.sqlite"


def _is_sound_current(current: Path) -> bool:
    """A database at this program's schema, whole and with the migrations' structure."""
    try:
        found = probe(current)
        if found.revision != head_revision():
            return False
        with read_only(current) as conn:
            return not structure_problems(conn, found.revision)
    except (NotADatabase, DatabaseFileError, sqlite3.Error, OSError):
        return False


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _replace_rows(conn: sqlite3.Connection) -> None:
    """Inside the open transaction: every table's rows become the candidate's."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    ordered = [t for t in tables if t not in _DERIVED_TABLES] + [
        t for t in _DERIVED_TABLES if t in tables
    ]
    for table in ordered:
        conn.execute(f'DELETE FROM main."{table}"')
    for table in ordered:
        names = ", ".join(f'"{c}"' for c in _columns(conn, "candidate", table))
        conn.execute(
            f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM candidate."{table}"'
        )
    has_sequence = conn.execute(
        "SELECT count(*) FROM main.sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone()[0]
    if has_sequence:
        conn.execute("DELETE FROM main.sqlite_sequence")
        conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM candidate.sqlite_sequence")


def _lock_failure(error: sqlite3.Error, current: Path) -> UserError:
    if error_code(error) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        seconds = engine_module.BUSY_TIMEOUT_MS // 1000
        return _refused(
            f"la base « {current} » est en cours d'écriture par un autre programme (un "
            f"autre poste, une fenêtre movdesk, un import) depuis plus de {seconds} s. "
            "Attendez la fin de cette opération, ou fermez movdesk sur les autres postes, "
            "puis recommencez."
        )
    return _refused(f"la base « {current} » n'a pas pu être remplacée : {sqlite_cause(error)}.")


def _replace_in_place(staged: Path, current: Path) -> Path:
    """The usual case: safety copy and replacement in one write transaction."""
    timeout = engine_module.BUSY_TIMEOUT_MS / 1000
    conn = sqlite3.connect(current, timeout=timeout, isolation_level=None)
    safety_temp: Path | None = None
    try:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("ATTACH DATABASE ? AS candidate", (str(staged),))
        conn.execute("BEGIN IMMEDIATE")
        try:
            folder = backups_dir_of(current)
            folder.mkdir(parents=True, exist_ok=True)
            wanted = _safety_name(current)
            safety_temp = temporary_sibling(wanted)
            # Another connection reads what is committed; none can commit meanwhile.
            with read_only(current) as reader:
                copy_connection(reader, safety_temp)
            safety = claim_new_name(safety_temp, wanted)
            _replace_rows(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("DETACH DATABASE candidate")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # a reader elsewhere: SQLite checkpoints later
        return safety
    except sqlite3.Error as error:
        raise _lock_failure(error, current) from None
    except DatabaseFileError as error:
        raise _refused(
            f"la copie de sécurité de la base n'a pas pu être écrite : {error}."
        ) from None
    finally:
        conn.close()
        if safety_temp is not None:
            remove_quietly(safety_temp, with_companions=True)


def _readable(current: Path) -> bool:
    """True when SQLite reads ``current`` (looked at read-only)."""
    try:
        probe(current)
    except (NotADatabase, DatabaseFileError, OSError):
        return False
    return True


def _refuse_if_open_elsewhere(current: Path) -> None:
    """A readable SQLite file must be closed everywhere before it is replaced by a file."""
    timeout = engine_module.BUSY_TIMEOUT_MS / 1000
    try:
        conn = sqlite3.connect(current, timeout=timeout, isolation_level=None)
    except sqlite3.Error:
        return  # SQLite cannot open it: nobody can be using it
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlite3.Error as error:
        if error_code(error) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise _refused(
                f"la base « {current} » est ouverte par un autre programme (movdesk sur un "
                "autre poste ou dans une autre fenêtre). Fermez-le puis recommencez."
            ) from None
    finally:
        conn.close()


def _copy_bytes_aside(current: Path) -> Path:
    """The current file and its SQLite companions, copied as they are to the backups."""
    folder = backups_dir_of(current)
    folder.mkdir(parents=True, exist_ok=True)
    temp = temporary_sibling(_safety_name(current, "-illisible"))
    try:
        shutil.copyfile(current, temp)
        safety = claim_new_name(temp, _safety_name(current, "-illisible"))
    finally:
        remove_quietly(temp)
    for suffix in ("-wal", "-journal"):
        companion = Path(f"{current}{suffix}")
        if file_size(companion):
            shutil.copyfile(companion, Path(f"{safety}{suffix}"))
    return safety


def _replace_file(staged: Path, current: Path) -> Path | None:
    """Any other current file: saved aside byte for byte, then replaced by a rename."""
    safety: Path | None = None
    if current.exists():
        if _readable(current):
            _refuse_if_open_elsewhere(current)
        # An unreadable file is never opened by SQLite here: it could drop its journal.
        if file_size(current):
            safety = _copy_bytes_aside(current)
    # The companions go before the rename (a stale journal would be played back onto
    # the restored file), moved aside so that a failed rename can put them back.
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in SQLITE_COMPANIONS:
            companion = Path(f"{current}{suffix}")
            if companion.exists():
                aside = temporary_sibling(companion)
                os.replace(companion, aside)
                moved.append((aside, companion))
        os.replace(staged, current)
    except BaseException:
        for aside, companion in moved:
            try:
                os.replace(aside, companion)
            except OSError:
                pass
        raise
    for aside, _companion in moved:
        remove_quietly(aside)
    return safety


def _refuse_read_only_file(current: Path) -> None:
    try:
        mode = current.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise _refused(
            f"le fichier de la base « {current} » est en lecture seule ; il a été protégé "
            "volontairement. Retirez l'attribut « lecture seule » si vous voulez vraiment "
            "le remplacer."
        )


def restore_database(location: DatabaseLocation, source: Path) -> Path | None:
    """Replace the current database with the backup ``source`` (module notes).

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
    if current.is_dir():
        raise _refused(f"« {current} » est un dossier, pas le fichier de la base.")
    _check_source(source)
    _refuse_read_only_file(current)
    try:
        # The command line refuses a mistyped folder before; the data folder of a new
        # computer is made here.
        current.parent.mkdir(parents=True, exist_ok=True)
        _room_needed(source, current)
        with _staged(source, current) as staged:
            if _is_sound_current(current):
                safety = _replace_in_place(staged, current)
            else:
                safety = _replace_file(staged, current)
    except OSError as error:
        raise _refused(f"{os_error_cause(error)}.") from None
    except sqlite3.Error as error:
        raise _refused(f"{sqlite_cause(error)}.") from None
    carry_attachments(
        source.parent / ATTACHMENTS_DIRNAME,
        current.parent / ATTACHMENTS_DIRNAME,
        f"La base a été restaurée, mais les pièces jointes de « {source.parent} » n'ont pas "
        "pu être recopiées",
    )
    return safety
