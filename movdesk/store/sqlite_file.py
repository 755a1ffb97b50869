"""Plain ``sqlite3`` access to a database file, below SQLAlchemy and Alembic.

Used where the program must look at a file *before* trusting it (is it SQLite? is it a
movdesk database? which revision?) without changing a byte of it, and to copy a
database page by page with SQLite's online backup API, which gives a consistent copy
even while another connection writes. Every connection opened here is closed before
returning: Windows cannot replace or delete a file that is still open.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Alembic's bookkeeping table, present in every movdesk database.
VERSION_TABLE = "alembic_version"


class NotADatabase(Exception):
    """The file is not an SQLite database, or SQLite cannot read it (damaged)."""


class DatabaseFileError(Exception):
    """SQLite could not read or write a file for a reason other than its content: a full
    disk, a lock held by another program, a folder without write access. ``str()`` is
    the cause in French (:func:`sqlite_cause`)."""


#: SQLite's primary result codes (``sqlite_errorname`` without its extension) in French.
_CAUSES = {
    "SQLITE_FULL": "le disque est plein",
    "SQLITE_BUSY": (
        "la base est occupée : un autre programme (un autre poste, une fenêtre movdesk, "
        "une sauvegarde) y écrit en ce moment"
    ),
    "SQLITE_LOCKED": "la base est verrouillée par une autre opération en cours",
    "SQLITE_READONLY": (
        "la base est en lecture seule (fichier ou dossier protégé en écriture, ou disque "
        "plein à l'ouverture)"
    ),
    "SQLITE_CANTOPEN": (
        "le fichier ne peut être ni ouvert ni créé (dossier absent, en lecture seule ou "
        "sans droit d'écriture)"
    ),
    "SQLITE_PERM": "accès refusé par le système",
    "SQLITE_AUTH": "accès refusé par le système",
    "SQLITE_IOERR": (
        "erreur de lecture ou d'écriture du disque (disque plein, support retiré ou "
        "défectueux)"
    ),
    "SQLITE_NOTADB": "le fichier n'est pas une base SQLite",
    "SQLITE_CORRUPT": "le fichier de la base est endommagé",
    "SQLITE_NOMEM": "la mémoire de l'ordinateur ne suffit pas",
    "SQLITE_TOOBIG": "une valeur est trop grande pour la base",
}
#: Result codes that speak of the file's content rather than of the disk or a lock.
_CONTENT_CODES = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})


def error_code(error: BaseException) -> str:
    """SQLite's primary result code of ``error`` (``SQLITE_FULL``…), or ``""``.

    Also reads the code through a SQLAlchemy ``DBAPIError`` (its ``orig``), and falls
    back on SQLite's English text when the code is missing.
    """
    error = getattr(error, "orig", None) or error
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(name, str) and name.startswith("SQLITE_"):
        parts = name.split("_")
        return "_".join(parts[:2])
    text = str(error).lower()
    for fragment, code in (
        ("disk is full", "SQLITE_FULL"),
        ("database is locked", "SQLITE_BUSY"),
        ("readonly database", "SQLITE_READONLY"),
        ("unable to open database file", "SQLITE_CANTOPEN"),
        ("disk i/o error", "SQLITE_IOERR"),
        ("file is not a database", "SQLITE_NOTADB"),
        ("malformed", "SQLITE_CORRUPT"),
    ):
        if fragment in text:
            return code
    return ""


def sqlite_cause(error: BaseException) -> str:
    """What went wrong, in French, for an error SQLite raised."""
    return _CAUSES.get(error_code(error)) or str(getattr(error, "orig", None) or error)


def is_content_error(error: BaseException) -> bool:
    """True when SQLite blames the file's content (not a database, damaged)."""
    return error_code(error) in _CONTENT_CODES


@dataclass(frozen=True)
class FileProbe:
    """What a file holds, as far as movdesk cares."""

    exists: bool
    tables: frozenset[str]
    revision: str | None

    @property
    def is_empty(self) -> bool:
        """No file, an empty file, or an SQLite file without any table of its own."""
        return not (self.tables - {VERSION_TABLE})


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def needs_immutable_open(path: Path) -> bool:
    """True when SQLite can read ``path`` only as an immutable file.

    A database in write-ahead-log mode needs its ``-shm`` file; in a folder nobody may
    write (a read-only share, a locked-down folder) or on a disk without any room left,
    SQLite can create neither it nor a ``-wal``, so no program can be writing the file
    either: it may then be read as immutable. A ``-wal`` holding frames may hold
    committed data: such a file is never read that way.
    """
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return True
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        # No -shm can be made: a folder nobody may write, or a disk without room.
        return error_code(error) in ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL")
    finally:
        conn.close()
    return False


def read_only_uri(path: Path) -> str:
    """The ``file:`` URI that opens ``path`` read-only (immutable in a read-only folder)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    return uri + "&immutable=1" if needs_immutable_open(path) else uri


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection: looking at a file must never change it."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=_busy_seconds())
    with closing(conn):
        yield conn


def probe(path: Path) -> FileProbe:
    """Read the tables and the Alembic revision of ``path`` without writing to it.

    Raises :class:`NotADatabase` for a file SQLite cannot read.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileProbe(exists=path.exists(), tables=frozenset(), revision=None)
    if not has_sqlite_header(path):
        raise NotADatabase(str(path))
    try:
        with read_only(path) as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = frozenset(name for (name,) in rows.fetchall())
            revision = None
            if VERSION_TABLE in tables:
                row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as error:
        if is_content_error(error) or not error_code(error):
            raise NotADatabase(str(path)) from error
        raise DatabaseFileError(sqlite_cause(error)) from error
    return FileProbe(exists=True, tables=tables, revision=revision)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own messages from ``PRAGMA integrity_check``; empty when the file is sound."""
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def _busy_seconds() -> float:
    from . import engine  # read at call time: tests shorten the wait

    return engine.BUSY_TIMEOUT_MS / 1000


class _StillBusy(Exception):
    """The source stayed locked longer than the busy timeout."""


class _BusyLimit:
    """Progress callback of the backup API: Python retries a locked step forever, this
    gives up after the busy timeout, as every other connection of movdesk does."""

    def __init__(self) -> None:
        self.waited_since: float | None = None

    def __call__(self, status: int, _remaining: int, _total: int) -> None:
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            self.waited_since = None
            return
        now = time.monotonic()
        if self.waited_since is None:
            self.waited_since = now
        elif now - self.waited_since > _busy_seconds():
            raise _StillBusy


def copy_connection(src: sqlite3.Connection, target: Path) -> None:
    """Copy the database open in ``src`` into the new file ``target`` (backup API).

    The copy is left in rollback-journal mode so that it is one self-contained file (no
    ``-wal`` beside it) that can be mailed or put on a USB key. Raises
    :class:`DatabaseFileError` when the target cannot be written (disk full…).
    """
    try:
        with closing(sqlite3.connect(target, timeout=_busy_seconds())) as dst:
            src.backup(dst, progress=_BusyLimit())
            dst.execute("PRAGMA journal_mode = DELETE")
    except _StillBusy:
        raise DatabaseFileError(_CAUSES["SQLITE_BUSY"]) from None
    except sqlite3.Error as error:
        if is_content_error(error):
            raise NotADatabase(str(error)) from error
        raise DatabaseFileError(sqlite_cause(error)) from error


def copy_database(source: Path, target: Path) -> None:
    """Copy the database ``source`` into the new file ``target`` with the online backup
    API, consistent even while another connection writes.

    Raises :class:`NotADatabase` when ``source`` is not a readable database, and
    :class:`DatabaseFileError` for any other cause (disk full, lock, permissions).
    """
    if not has_sqlite_header(source):
        raise NotADatabase(str(source))
    try:
        src_conn = sqlite3.connect(read_only_uri(source), uri=True, timeout=_busy_seconds())
    except sqlite3.Error as error:
        raise DatabaseFileError(sqlite_cause(error)) from error
    with closing(src_conn):
        copy_connection(src_conn, target)
