"""``check_database``: a healthy database, broken references, schemas it cannot use."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.store.check import SchemaState, check_database
from movdesk.store.migrate import head_revision

from .conftest import EXTRA_REVISION, add_referent


def _break_a_reference(path: Path, times: int = 1) -> None:
    """Interviews of a case that does not exist (foreign keys off, as an old tool would)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.executemany(
            "INSERT INTO interview (case_id, date, minutes, kind, status) "
            "VALUES (999, '2026-01-14', 45, 'individual', 'attended')",
            [()] * times,
        )
        conn.commit()


def test_healthy_database(engine: Engine, db_location: DatabaseLocation) -> None:
    report = check_database(db_location)
    assert report.ok
    assert report.integrity == [] and report.broken_references == []
    assert report.revision == head_revision()
    assert report.schema_state is SchemaState.CURRENT
    assert report.case_count == 0
    text = report.render()
    assert "Intégrité SQLite : correcte" in text
    assert "Références entre tables : correctes" in text
    assert "(à jour)" in text
    assert "Dossiers : 0" in text
    assert "aucun problème trouvé" in text


def test_broken_foreign_key_is_reported(engine: Engine, db_location: DatabaseLocation) -> None:
    assert db_location.path is not None
    _break_a_reference(db_location.path)
    report = check_database(db_location)
    assert not report.ok
    assert [(r.table, r.parent) for r in report.broken_references] == [("interview", "mov_case")]
    text = report.render()
    assert "1 référence(s) rompue(s)" in text
    assert "table « interview », ligne 1" in text
    assert "1 problème(s) trouvé(s)" in text


def test_newer_schema_is_a_problem(newer_database: DatabaseLocation) -> None:
    report = check_database(newer_database)
    assert report.schema_state is SchemaState.NEWER
    assert not report.ok
    assert "mettez movdesk à jour" in report.render()


def test_older_schema_is_not_a_problem(older_database: DatabaseLocation) -> None:
    report = check_database(older_database)
    assert report.schema_state is SchemaState.OLDER
    assert report.head == EXTRA_REVISION
    assert report.ok
    assert "à la prochaine ouverture" in report.render()


def test_foreign_sqlite_database_has_no_schema(tmp_path: Path) -> None:
    path = tmp_path / "recettes.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
        conn.commit()
    report = check_database(DatabaseLocation(f"sqlite:///{path.as_posix()}", path))
    assert report.schema_state is SchemaState.MISSING
    assert report.case_count is None
    assert not report.ok


def test_long_lists_are_cut(engine: Engine, db_location: DatabaseLocation) -> None:
    assert db_location.path is not None
    _break_a_reference(db_location.path, times=25)
    text = check_database(db_location).render()
    assert "25 référence(s) rompue(s)" in text
    assert "… et 5 autre(s)" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "n'existe pas"), (b"pas une base", "pas une base SQLite lisible")],
)
def test_unusable_files_are_user_errors(
    location: DatabaseLocation, content: bytes | None, message: str
) -> None:
    if content is not None:
        assert location.path is not None
        location.path.parent.mkdir(parents=True)
        location.path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        check_database(location)


def test_check_changes_nothing(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    assert location.path is not None
    before = location.path.read_bytes()
    check_database(location)
    assert location.path.read_bytes() == before
