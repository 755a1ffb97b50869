"""Is a database's structure the one movdesk's migrations build at its revision?

A file can carry a movdesk revision and still miss tables, columns, indexes or the
triggers that keep the deadline schedules fresh (a half-copied file, a hand-edited one,
another program's). ``movdesk check`` and ``movdesk restore`` compare the file's
structure, read through ``PRAGMA`` statements, with the structure the shipped
migrations build on an empty in-memory database at the same revision; the text of the
``CREATE`` statements is not compared, only what it means (names, column types,
nullability, keys, unique indexes, references, triggers), so that a file written by
another version of SQLite or SQLAlchemy is not blamed for its spelling.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .sqlite_file import VERSION_TABLE

#: How many differences a report lists at most.
MAX_DIFFERENCES = 50


@dataclass(frozen=True)
class Structure:
    """What a database's tables, indexes and triggers are, as comparable values."""

    tables: dict[str, tuple[tuple[str, str, bool, int], ...]]
    references: dict[str, frozenset[tuple[str, str, str]]]
    indexes: dict[str, tuple[str, bool, tuple[str, ...]]]
    triggers: dict[str, str]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_structure(conn: sqlite3.Connection) -> Structure:
    """The structure of the database open in ``conn`` (SQLite's own objects left out)."""
    rows = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    tables: dict[str, tuple[tuple[str, str, bool, int], ...]] = {}
    references: dict[str, frozenset[tuple[str, str, str]]] = {}
    indexes: dict[str, tuple[str, bool, tuple[str, ...]]] = {}
    triggers: dict[str, str] = {}
    for kind, name, table in rows:
        if kind == "trigger":
            triggers[name] = table
        if kind != "table" or name == VERSION_TABLE:
            continue
        columns = conn.execute(f"PRAGMA table_info({_quoted(name)})").fetchall()
        tables[name] = tuple(
            (col[1], (col[2] or "").upper(), bool(col[3]), int(col[5])) for col in columns
        )
        references[name] = frozenset(
            (ref[2], ref[3], ref[4] or "")
            for ref in conn.execute(f"PRAGMA foreign_key_list({_quoted(name)})").fetchall()
        )
        for index in conn.execute(f"PRAGMA index_list({_quoted(name)})").fetchall():
            index_name, unique = index[1], bool(index[2])
            cols = tuple(
                c[2] or ""
                for c in conn.execute(f"PRAGMA index_info({_quoted(index_name)})").fetchall()
            )
            # SQLite names the indexes of UNIQUE constraints itself: key them by content.
            key = index_name if not index_name.startswith("sqlite_") else f"{name}{cols}"
            indexes[key] = (name, unique, cols)
    return Structure(tables, references, indexes, triggers)


@lru_cache(maxsize=8)
def _reference(migrations: Path, revision: str) -> Structure:
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from .migrate import alembic_config

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
            raw = conn.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return read_structure(raw)
    finally:
        engine.dispose()


def reference_structure(revision: str) -> Structure:
    """The structure the shipped migrations build at ``revision`` (a known revision)."""
    from . import migrate

    return _reference(migrate.MIGRATIONS_DIR, revision)


def _column_text(column: tuple[str, str, bool, int]) -> str:
    name, kind, not_null, key = column
    extra = " NOT NULL" if not_null else ""
    extra += " (clé primaire)" if key else ""
    return f"{name} {kind or '(sans type)'}{extra}"


def _table_differences(name: str, found: Structure, wanted: Structure) -> list[str]:
    have = {c[0]: c for c in found.tables[name]}
    want = {c[0]: c for c in wanted.tables[name]}
    lines = [f"table « {name} » : colonne « {c} » absente" for c in want if c not in have]
    lines += [
        f"table « {name} » : colonne « {c} » inconnue de movdesk" for c in have if c not in want
    ]
    lines += [
        f"table « {name} » : colonne « {_column_text(have[c])} » au lieu de "
        f"« {_column_text(want[c])} »"
        for c in want
        if c in have and have[c] != want[c]
    ]
    if found.references[name] != wanted.references[name]:
        missing = wanted.references[name] - found.references[name]
        for parent, column, _target in sorted(missing):
            lines.append(f"table « {name} » : référence « {column} » → « {parent} » absente")
        if not missing:
            lines.append(f"table « {name} » : références entre tables différentes")
    return lines


def structure_differences(found: Structure, wanted: Structure) -> list[str]:
    """What differs between ``found`` and ``wanted``, one French line each."""
    missing = [t for t in wanted.tables if t not in found.tables]
    if len(missing) > 1:
        lines = [f"{len(missing)} tables absentes : {', '.join(sorted(missing))}"]
    else:
        lines = [f"table « {t} » absente" for t in missing]
    lines += [f"table « {t} » inconnue de movdesk" for t in found.tables if t not in wanted.tables]
    for table in wanted.tables:
        if table in found.tables:
            lines += _table_differences(table, found, wanted)
    for key, (table, unique, cols) in wanted.indexes.items():
        if table not in found.tables:
            continue
        if found.indexes.get(key) != (table, unique, cols):
            what = "contrainte d'unicité" if key.startswith(table + "(") else f"index « {key} »"
            lines.append(f"table « {table} » : {what} sur {', '.join(cols)} absente ou différente")
    for trigger, table in wanted.triggers.items():
        if found.triggers.get(trigger) != table and table in found.tables:
            lines.append(f"table « {table} » : déclencheur « {trigger} » absent")
    return lines


def structure_problems(conn: sqlite3.Connection, revision: str) -> list[str]:
    """How the database open in ``conn`` departs from movdesk's structure at ``revision``."""
    return structure_differences(read_structure(conn), reference_structure(revision))
