"""Plain ``sqlite3`` access to a database file, below SQLAlchemy and Alembic.

Used where the program must look at a file *before* trusting it (is it SQLite? is it a
movdesk database? which revision?) without changing a byte of it, and to copy a
database page by page with SQLite's online backup API, which gives a consistent copy
even while another connection writes. Every connection opened here is closed before
returning: Windows cannot replace or delete a file that is still open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from .engine import BUSY_TIMEOUT_MS

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Alembic's bookkeeping table, present in every movdesk database.
VERSION_TABLE = "alembic_version"


class NotADatabase(Exception):
    """The file is not an SQLite database, or SQLite cannot read it (damaged)."""


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


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection: looking at a file must never change it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
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
        raise NotADatabase(str(path)) from error
    return FileProbe(exists=True, tables=tables, revision=revision)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own messages from ``PRAGMA integrity_check``; empty when the file is sound."""
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def copy_database(source: Path, target: Path) -> None:
    """Copy the database ``source`` into ``target`` with the online backup API.

    ``target`` keeps its own journal mode when it is already a database open elsewhere;
    a new ``target`` is left in rollback-journal mode so that it is one self-contained
    file (no ``-wal`` beside it) that can be mailed or put on a USB key.
    """
    new_target = not target.exists() or target.stat().st_size == 0
    try:
        with read_only(source) as src, closing(
            sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        ) as dst:
            src.backup(dst)
            if new_target:
                dst.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError as error:
        raise NotADatabase(str(error)) from error
