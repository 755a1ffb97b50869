"""The printed-documents revision keeps the documents already recorded, and goes back."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from movdesk.store.engine import make_engine
from movdesk.store.migrate import alembic_config, open_database

from .conftest import location_at

BEFORE = "249c53ceaaa3"
REVISION = "fb7d5c551958"


def _migrate(path: Path, target: str, *, down: bool = False) -> None:
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    try:
        with engine.begin() as conn:
            (command.downgrade if down else command.upgrade)(alembic_config(conn), target)
    finally:
        engine.dispose()


def _rows(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def _seed(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            """
            INSERT INTO referent (id, full_name, active) VALUES (1, 'Claire Martin', 1);
            INSERT INTO beneficiary (id, last_name, first_name, pe_id)
                VALUES (1, 'Durand', 'Sophie', '1234567A');
            INSERT INTO mov_case (id, order_number, beneficiary_id, referent_id, start_date,
                                  end_date, status, renewal_envisaged)
                VALUES (1, 'LC-1', 1, 1, '2026-01-05', '2026-07-03', 'active', 0);
            INSERT INTO case_document (id, case_id, kind, printed_on, signed_on, notes)
                VALUES (7, 1, 'contract', '2026-01-07', '2026-01-07', 'original');
            """
        )
        conn.commit()


def _upgraded(path: Path) -> Path:
    """A database at the revision before, with a document, then upgraded."""
    open_database(location_at(path), daily_backup=False).dispose()
    _migrate(path, BEFORE, down=True)
    _seed(path)
    _migrate(path, REVISION)
    return path


def test_upgrade_keeps_documents_and_accepts_the_new_kind(tmp_path: Path) -> None:
    path = _upgraded(tmp_path / "old.sqlite")
    assert _rows(path, "SELECT id, case_id, kind, signed_on, notes, sha256 FROM case_document") == [
        (7, 1, "contract", "2026-01-07", "original", None)
    ]
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO case_document (case_id, kind) VALUES (1, 'attendance')")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO case_document (case_id, kind) VALUES (1, 'brouillon')")
    # The index on case_id came back with the table.
    assert _rows(path, "SELECT name FROM sqlite_master WHERE name = 'ix_case_document_case_id'")


def test_downgrade_drops_what_the_old_schema_cannot_hold(tmp_path: Path) -> None:
    path = _upgraded(tmp_path / "new.sqlite")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO case_document (case_id, kind) VALUES (1, 'attendance')")
        conn.commit()
    _migrate(path, BEFORE, down=True)
    assert _rows(path, "SELECT id, kind FROM case_document") == [(7, "contract")]
    tables = {name for (name,) in _rows(path, "SELECT name FROM sqlite_master")}
    assert "case_report" not in tables and "document_settings" not in tables
