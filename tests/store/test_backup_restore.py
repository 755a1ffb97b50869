"""Online backup while the program works, and restore with its refusals."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.models import Referent
from movdesk.store.backup import backup_database, backups_dir
from movdesk.store.engine import make_session_factory, unit_of_work
from movdesk.store.migrate import head_revision, open_database
from movdesk.store.restore import restore_database

from .conftest import (
    EXTRA_REVISION,
    add_referent,
    digest,
    location_at,
    referent_names,
    stored_revision_of,
    table_names,
)


def _add(engine: Engine, name: str) -> None:
    with unit_of_work(make_session_factory(engine)) as session:
        session.add(Referent(full_name=name, active=True))


def test_default_backup_name_and_folder(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    path = backup_database(location)
    assert path.parent == backups_dir(location)
    assert location.path is not None and path.parent == location.path.parent / "backups"
    assert re.fullmatch(r"movdesk-\d{8}-\d{6}\.sqlite", path.name)
    assert referent_names(path) == ["Claire Martin"]
    # Two backups in the same second never overwrite each other.
    assert backup_database(location) != path


def test_backup_is_one_self_contained_file(location: DatabaseLocation, tmp_path: Path) -> None:
    add_referent(location, "Claire Martin")
    out = backup_database(location, tmp_path / "copie.sqlite")
    assert out == tmp_path / "copie.sqlite"
    with closing(sqlite3.connect(out)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(tmp_path.glob("copie.sqlite*-*")) and not list(tmp_path.glob("*.partiel"))


def test_backup_while_a_session_holds_the_database(
    engine: Engine, db_location: DatabaseLocation, session: Session
) -> None:
    _add(engine, "Claire Martin")
    # The session reads (an open read transaction) and has an unsaved change pending.
    assert session.scalars(select(Referent.full_name)).all() == ["Claire Martin"]
    session.add(Referent(full_name="Non enregistré", active=True))
    session.flush()
    path = backup_database(db_location)
    # Committed data is in the copy (still in the -wal file), the uncommitted is not.
    assert referent_names(path) == ["Claire Martin"]
    session.rollback()


def test_backup_of_a_missing_database_is_refused(location: DatabaseLocation) -> None:
    with pytest.raises(UserError, match="n'existe pas"):
        backup_database(location)


def test_backup_of_a_server_database_is_refused() -> None:
    with pytest.raises(UserError, match="pas un fichier SQLite local"):
        backup_database(DatabaseLocation("postgresql://serveur/movdesk", None))


def test_restore_round_trip_with_the_database_open(
    engine: Engine, db_location: DatabaseLocation
) -> None:
    _add(engine, "Claire Martin")
    saved = backup_database(db_location)
    _add(engine, "Julien Petit")
    safety = restore_database(db_location, saved)
    # The program's own engine sees the restored data on its next transaction.
    with make_session_factory(engine)() as session:
        assert session.scalars(select(Referent.full_name)).all() == ["Claire Martin"]
    assert safety is not None
    assert safety.name.startswith("avant-restauration-")
    assert referent_names(safety) == ["Claire Martin", "Julien Petit"]
    assert db_location.path is not None
    with closing(sqlite3.connect(db_location.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_when_there_is_no_database_yet(
    location: DatabaseLocation, tmp_path: Path
) -> None:
    source = _movdesk_file(tmp_path / "ailleurs.sqlite")
    assert restore_database(location, source) is None
    assert location.path is not None
    assert referent_names(location.path) == ["Claire Martin"]


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("ceci n'est pas une base\n", encoding="utf-8")
    return path


def _foreign_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "recettes.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        conn.commit()
    return path


def _movdesk_file(path: Path) -> Path:
    add_referent(location_at(path), "Claire Martin")
    return path


def _newer_backup(tmp_path: Path) -> Path:
    path = _movdesk_file(tmp_path / "future.sqlite")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe0042'")
        conn.commit()
    return path


def _damaged_backup(tmp_path: Path) -> Path:
    path = _movdesk_file(tmp_path / "abime.sqlite")
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = b"\xff" * page  # scribble over a whole b-tree page
    path.write_bytes(bytes(data))
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "absent.sqlite"


@pytest.mark.parametrize(
    ("make_source", "message"),
    [
        (_text_file, "pas un fichier SQLite"),
        (_foreign_sqlite, "n'appartient pas à movdesk"),
        (_newer_backup, "version plus récente"),
        (_damaged_backup, "endommagé"),
        (_missing, "n'existe pas"),
    ],
)
def test_restore_refuses_and_changes_nothing(
    location: DatabaseLocation, tmp_path: Path, make_source, message: str  # type: ignore[no-untyped-def]
) -> None:
    add_referent(location, "Claire Martin")
    assert location.path is not None
    before = digest(location.path)
    source = make_source(tmp_path)
    with pytest.raises(UserError, match=message):
        restore_database(location, source)
    assert digest(location.path) == before
    assert not backups_dir(location).exists()


def test_restore_refuses_the_current_database_itself(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    assert location.path is not None
    with pytest.raises(UserError, match="la base actuelle elle-même"):
        restore_database(location, location.path)


def test_restore_replaces_a_current_file_that_is_not_a_database(
    location: DatabaseLocation, tmp_path: Path
) -> None:
    source = _movdesk_file(tmp_path / "bonne.sqlite")
    assert location.path is not None
    location.path.parent.mkdir(parents=True)
    location.path.write_bytes(b"\x00garbage" * 100)
    safety = restore_database(location, source)
    assert safety is not None and safety.read_bytes() == b"\x00garbage" * 100
    assert referent_names(location.path) == ["Claire Martin"]


def test_restoring_an_older_backup_migrates_it(
    older_database: DatabaseLocation, tmp_path: Path
) -> None:
    """A backup made before an upgrade of movdesk comes back at the current schema."""
    assert older_database.path is not None
    old_backup = tmp_path / "ancienne.sqlite"
    old_backup.write_bytes(older_database.path.read_bytes())
    open_database(older_database, daily_backup=False).dispose()  # the program upgrades
    assert stored_revision_of(old_backup) != head_revision() == EXTRA_REVISION
    restore_database(older_database, old_backup)
    assert stored_revision_of(older_database.path) == EXTRA_REVISION
    assert "test_extra" in table_names(older_database.path)
    assert referent_names(older_database.path) == ["Claire Martin"]
